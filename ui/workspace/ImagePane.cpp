#include "ui/workspace/ImagePane.h"

#include <QClipboard>
#include <QDialog>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFileDialog>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QToolButton>
#include <QVBoxLayout>

namespace fan::ui {

ImagePane::ImagePane(const QString& title, QWidget* parent) : QWidget(parent) {
  title_ = new QLabel(title, this);
  title_->setAlignment(Qt::AlignCenter);
  view_ = new QLabel(this);
  view_->setAlignment(Qt::AlignCenter);
  view_->setMinimumSize(128, 128);
  view_->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
  view_->setFrameShape(QFrame::StyledPanel);
  view_->setToolTip(tr("Click to enlarge."));
  view_->installEventFilter(this);

  save_ = new QPushButton(tr("Save…"), this);
  save_->setToolTip(tr("Save as PNG with the generation parameters (readable by other SD tools)."));
  connect(save_, &QPushButton::clicked, this, &ImagePane::save);
  copy_ = new QPushButton(tr("Copy"), this);
  copy_->setToolTip(tr("Copy the image to the clipboard."));
  connect(copy_, &QPushButton::clicked, this, [this] { QGuiApplication::clipboard()->setImage(image_); });
  prefer_ = new QPushButton(tr("I prefer this one"), this);
  prefer_->setToolTip(tr("Record that you prefer this image over the other one of the pair."));
  connect(prefer_, &QPushButton::clicked, this, &ImagePane::preferred);

  auto* actions = new QHBoxLayout;
  actions->addWidget(save_);
  actions->addWidget(copy_);
  actions->addStretch();
  for (int stars = 1; stars <= 5; ++stars) {
    auto* b = new QToolButton(this);
    b->setText(QString::number(stars) + QChar(0x2605));
    b->setCheckable(true);
    b->setAutoExclusive(false);
    b->setToolTip(tr("Rate %n star(s): adds the image to the profile's history with this rating.", nullptr, stars));
    connect(b, &QToolButton::clicked, this, [this, stars] { Q_EMIT rated(stars); });
    rate_[size_t(stars - 1)] = b;
    actions->addWidget(b);
  }
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(title_);
  layout->addWidget(view_, 1);
  layout->addLayout(actions);
  layout->addWidget(prefer_);
  clear();
}

void ImagePane::setImage(const QImage& image, const ImageParameters& parameters) {
  image_ = image;
  parameters_ = parameters;
  showScaled(image);
  for (QWidget* w : {static_cast<QWidget*>(save_), static_cast<QWidget*>(copy_)}) w->setEnabled(!image.isNull());
  showRating(0);
}

void ImagePane::setPreview(const QImage& preview) {
  if (!preview.isNull()) showScaled(preview);
}

void ImagePane::clear() {
  image_ = {};
  shown_ = {};
  parameters_ = {};
  view_->setPixmap({});
  view_->setText(tr("No image yet"));
  save_->setEnabled(false);
  copy_->setEnabled(false);
  setRatingEnabled(false);
}

void ImagePane::setRatingEnabled(bool on, const QString& whyNot) {
  for (QToolButton* b : rate_) b->setEnabled(on && !image_.isNull());
  prefer_->setEnabled(on && !image_.isNull());
  prefer_->setToolTip(on ? tr("Record that you prefer this image over the other one of the pair.") : whyNot);
}

void ImagePane::showRating(int stars) {
  for (int i = 0; i < 5; ++i) rate_[size_t(i)]->setChecked(i < stars);
}

void ImagePane::showScaled(const QImage& image) {
  shown_ = image;
  const QSize box = view_->contentsRect().size();
  // Upscale small images without smoothing (tiny models' pixels stay crisp).
  view_->setPixmap(QPixmap::fromImage(image.scaled(box, Qt::KeepAspectRatio, Qt::FastTransformation)));
}

void ImagePane::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  if (!shown_.isNull()) showScaled(shown_);
}

bool ImagePane::eventFilter(QObject* watched, QEvent* event) {
  if (watched == view_ && event->type() == QEvent::MouseButtonRelease && !image_.isNull()) {
    enlarge();
    return true;
  }
  return QWidget::eventFilter(watched, event);
}

void ImagePane::enlarge() {
  QDialog dialog(this);
  dialog.setWindowTitle(title_->text());
  auto* label = new QLabel;
  const int scale = std::max(1, 512 / std::max(1, std::max(image_.width(), image_.height())));
  label->setPixmap(QPixmap::fromImage(image_.scaled(image_.size() * scale, Qt::KeepAspectRatio, Qt::FastTransformation)));
  label->setToolTip(formatParameters(parameters_));
  auto* scroll = new QScrollArea;
  scroll->setWidget(label);
  scroll->setAlignment(Qt::AlignCenter);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
  connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
  auto* layout = new QVBoxLayout(&dialog);
  layout->addWidget(scroll);
  auto* text = new QLabel(formatParameters(parameters_));
  text->setWordWrap(true);
  text->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout->addWidget(text);
  layout->addWidget(buttons);
  dialog.resize(640, 720);
  dialog.exec();
}

bool ImagePane::saveTo(const QString& path) {
  try {
    writePng(path, image_, formatParameters(parameters_));
    return true;
  } catch (const std::exception& e) {
    QMessageBox::warning(this, tr("Save image"), tr("Could not save the image:\n%1").arg(QString::fromUtf8(e.what())));
    return false;
  }
}

void ImagePane::save() {
  const QString seed = parameters_.value(QStringLiteral("Seed"));
  const QString path = QFileDialog::getSaveFileName(this, tr("Save image"), tr("%1-%2.png").arg(seed, title_->text().toLower()),
                                                    tr("PNG images (*.png)"));
  if (!path.isEmpty()) saveTo(path);
}

}  // namespace fan::ui
