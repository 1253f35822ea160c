#include "ui/library/EntryDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QImageReader>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStringListModel>
#include <QVBoxLayout>

namespace fan::ui {

namespace {

constexpr int kPreviewSize = 96;

QStringList splitTags(const QString& text) {
  QStringList tags;
  for (const QString& tag : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
    if (!tag.trimmed().isEmpty()) tags << tag.trimmed();
  return tags;
}

}  // namespace

QString imageFileFilter() {
  QStringList patterns;
  for (const QByteArray& format : QImageReader::supportedImageFormats())
    patterns << QStringLiteral("*.") + QString::fromLatin1(format);
  return EntryDialog::tr("Images (%1);;All files (*)").arg(patterns.join(QLatin1Char(' ')));
}

QString droppedImageFile(const QMimeData* mime) {
  if (!mime || !mime->hasUrls()) return {};
  for (const QUrl& url : mime->urls()) {
    if (!url.isLocalFile()) continue;
    const QString path = url.toLocalFile();
    if (QFileInfo(path).isFile() && !QImageReader::imageFormat(path).isEmpty()) return path;
  }
  return {};
}

EntryDialog::EntryDialog(const QStringList& knownTags, QWidget* parent)
    : QDialog(parent),
      prompt_(new QPlainTextEdit),
      negative_(new QPlainTextEdit),
      rating_(new QComboBox),
      overrideWeight_(new QCheckBox(tr("Override"))),
      weight_(new QDoubleSpinBox),
      automaticWeight_(new QLabel),
      tags_(new QLineEdit),
      imagePreview_(new QLabel),
      removeImage_(new QPushButton(tr("Remove"))),
      buttons_(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel)) {
  setWindowTitle(tr("Add history entry"));
  setAcceptDrops(true);

  prompt_->setObjectName(QStringLiteral("prompt"));
  prompt_->setTabChangesFocus(true);
  prompt_->setPlaceholderText(tr("What the image shows, as you would prompt it"));
  prompt_->setToolTip(tr("The prompt (required)"));
  negative_->setObjectName(QStringLiteral("negative"));
  negative_->setTabChangesFocus(true);
  negative_->setMaximumHeight(negative_->fontMetrics().lineSpacing() * 4);
  negative_->setToolTip(tr("Negative prompt (optional)"));

  rating_->setObjectName(QStringLiteral("rating"));
  rating_->addItem(tr("Unrated"), 0);
  for (int stars = 1; stars <= 5; ++stars)
    rating_->addItem(QString(stars, QChar(0x2605)) + QString(5 - stars, QChar(0x2606)), stars);
  rating_->setToolTip(tr("How much you like it: 1-5 stars (unrated counts as 3)"));

  overrideWeight_->setObjectName(QStringLiteral("overrideWeight"));
  overrideWeight_->setToolTip(tr("Use an explicit weight instead of the automatic one from the rating"));
  weight_->setObjectName(QStringLiteral("weight"));
  weight_->setRange(0, 10);
  weight_->setSingleStep(0.05);
  weight_->setDecimals(2);
  weight_->setValue(1.0);
  weight_->setToolTip(tr("The entry's weight in personalization (0 switches it off)"));
  automaticWeight_->setToolTip(tr("The weight the entry gets without an override"));

  tags_->setObjectName(QStringLiteral("tags"));
  tags_->setPlaceholderText(tr("comma, separated, tags"));
  tags_->setToolTip(tr("Tags, separated by commas"));
  auto* completer = new QCompleter(knownTags, tags_);
  completer->setCaseSensitivity(Qt::CaseInsensitive);
  tags_->setCompleter(completer);

  imagePreview_->setObjectName(QStringLiteral("imagePreview"));
  imagePreview_->setFixedSize(kPreviewSize, kPreviewSize);
  imagePreview_->setAlignment(Qt::AlignCenter);
  imagePreview_->setFrameShape(QFrame::StyledPanel);
  imagePreview_->setToolTip(tr("The entry's image; drop an image file on this dialog to attach it"));
  auto* choose = new QPushButton(tr("Choose..."));
  choose->setToolTip(tr("Attach an image file"));
  removeImage_->setToolTip(tr("Detach the image from the entry"));
  connect(choose, &QPushButton::clicked, this, &EntryDialog::chooseImage);
  connect(removeImage_, &QPushButton::clicked, this, [this] {
    imageFile_.clear();
    removeImageRequested_ = hadImage_;
    showImage({});
  });

  auto* weightRow = new QHBoxLayout;
  weightRow->addWidget(overrideWeight_);
  weightRow->addWidget(weight_);
  weightRow->addWidget(automaticWeight_);
  weightRow->addStretch(1);  // the check box keeps its size whether the label shows or not
  auto* imageButtons = new QVBoxLayout;
  imageButtons->addWidget(choose);
  imageButtons->addWidget(removeImage_);
  imageButtons->addStretch();
  auto* imageRow = new QHBoxLayout;
  imageRow->addWidget(imagePreview_);
  imageRow->addLayout(imageButtons);
  imageRow->addStretch();

  auto* form = new QFormLayout;
  form->addRow(tr("&Prompt:"), prompt_);
  form->addRow(tr("&Negative:"), negative_);
  form->addRow(tr("&Rating:"), rating_);
  auto* weightLabel = new QLabel(tr("&Weight:"));  // a row holding a layout needs its own buddy
  weightLabel->setBuddy(overrideWeight_);
  form->addRow(weightLabel, weightRow);
  form->addRow(tr("&Tags:"), tags_);
  form->addRow(tr("Image:"), imageRow);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(buttons_);
  buttons_->button(QDialogButtonBox::Ok)->setToolTip(tr("Save the entry"));
  buttons_->button(QDialogButtonBox::Cancel)->setToolTip(tr("Close without saving"));
  connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);

  connect(prompt_, &QPlainTextEdit::textChanged, this, &EntryDialog::updateState);
  connect(rating_, &QComboBox::currentIndexChanged, this, &EntryDialog::updateState);
  connect(overrideWeight_, &QCheckBox::toggled, this, &EntryDialog::updateState);
  showImage({});
  updateState();
  resize(520, sizeHint().height());
}

void EntryDialog::setEntry(const HistoryEntry& entry, const QString& imagePath) {
  setWindowTitle(tr("Edit history entry"));
  prompt_->setPlainText(entry.prompt);
  negative_->setPlainText(entry.negative);
  rating_->setCurrentIndex(rating_->findData(entry.rating.value_or(0)));
  overrideWeight_->setChecked(entry.weight.has_value());
  if (entry.weight) weight_->setValue(*entry.weight);
  tags_->setText(entry.tags.join(QStringLiteral(", ")));
  hadImage_ = entry.image.has_value();
  imageFile_.clear();
  removeImageRequested_ = false;
  showImage(hadImage_ ? imagePath : QString());
  updateState();
}

void EntryDialog::setImageFile(const QString& path) {
  imageFile_ = path;
  removeImageRequested_ = false;
  showImage(path);
}

EntryDraft EntryDialog::draft() const {
  EntryDraft d;
  d.prompt = prompt_->toPlainText().trimmed();
  d.negative = negative_->toPlainText().trimmed();
  const int stars = rating_->currentData().toInt();
  if (stars > 0) d.rating = stars;
  if (overrideWeight_->isChecked()) d.weight = weight_->value();
  d.tags = splitTags(tags_->text());
  d.imageFile = imageFile_;
  d.removeImage = removeImageRequested_;
  return d;
}

void EntryDialog::chooseImage() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Attach an image"), {}, imageFileFilter());
  if (!path.isEmpty()) setImageFile(path);
}

void EntryDialog::showImage(const QString& path) {
  QImageReader reader(path);
  const QSize size = reader.size();
  if (size.isValid()) reader.setScaledSize(size.scaled(kPreviewSize, kPreviewSize, Qt::KeepAspectRatio));
  const QImage image = path.isEmpty() ? QImage() : reader.read();
  if (image.isNull()) {
    imagePreview_->setPixmap({});
    imagePreview_->setText(path.isEmpty() ? tr("No image") : tr("Unreadable"));
  } else {
    imagePreview_->setPixmap(QPixmap::fromImage(image));
  }
  removeImage_->setEnabled(!path.isEmpty());
}

void EntryDialog::updateState() {
  weight_->setEnabled(overrideWeight_->isChecked());
  const int stars = rating_->currentData().toInt();
  automaticWeight_->setText(
      tr("automatic: %1").arg(QLocale().toString(effectiveWeight(stars > 0 ? std::optional<int>(stars) : std::nullopt,
                                                                 std::nullopt), 'f', 2)));
  automaticWeight_->setVisible(!overrideWeight_->isChecked());
  buttons_->button(QDialogButtonBox::Ok)->setEnabled(!prompt_->toPlainText().trimmed().isEmpty());
}

void EntryDialog::dragEnterEvent(QDragEnterEvent* event) {
  if (!droppedImageFile(event->mimeData()).isEmpty()) event->acceptProposedAction();
}

void EntryDialog::dropEvent(QDropEvent* event) {
  const QString path = droppedImageFile(event->mimeData());
  if (path.isEmpty()) return;
  setImageFile(path);
  event->acceptProposedAction();
}

}  // namespace fan::ui
