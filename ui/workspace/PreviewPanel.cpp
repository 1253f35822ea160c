#include "ui/workspace/PreviewPanel.h"

#include "ui/workspace/ImagePane.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace fan::ui {

PreviewPanel::PreviewPanel(QWidget* parent) : QWidget(parent) {
  target_ = new ImagePane(tr("Target"), this);
  target_->setToolTip(tr("The target prompt without personalization."));
  personalized_ = new ImagePane(tr("Personalized"), this);
  personalized_->setToolTip(tr("The same seed with the FAN-personalized condition."));
  progress_ = new QProgressBar(this);
  progress_->setToolTip(tr("Denoising steps of the running generation."));
  progress_->hide();
  status_ = new QLabel(this);
  cancel_ = new QPushButton(tr("Cancel"), this);
  cancel_->setToolTip(tr("Stop the running generation after its current step (Esc)."));
  cancel_->setEnabled(false);
  connect(cancel_, &QPushButton::clicked, this, &PreviewPanel::cancelRequested);
  live_ = new QCheckBox(tr("Live preview"), this);
  live_->setToolTip(tr("Show a rough preview of the image at every step."));
  live_->setChecked(true);
  runs_ = new QComboBox(this);
  runs_->setToolTip(tr("The runs of the last batch (seed by seed)."));
  runs_->hide();
  connect(runs_, &QComboBox::activated, this, &PreviewPanel::showPair);
  connect(target_, &ImagePane::rated, this, [this](int stars) { Q_EMIT rated(false, stars); });
  connect(personalized_, &ImagePane::rated, this, [this](int stars) { Q_EMIT rated(true, stars); });
  connect(target_, &ImagePane::preferred, this, [this] { Q_EMIT preferred(false); });
  connect(personalized_, &ImagePane::preferred, this, [this] { Q_EMIT preferred(true); });

  auto* images = new QHBoxLayout;
  images->addWidget(target_);
  images->addWidget(personalized_);
  auto* bar = new QHBoxLayout;
  bar->addWidget(progress_, 1);
  bar->addWidget(status_, 1);
  bar->addWidget(runs_);
  bar->addWidget(live_);
  bar->addWidget(cancel_);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(images, 1);
  layout->addLayout(bar);
}

void PreviewPanel::startRun(bool personalized) {
  pairs_.clear();
  runs_->clear();
  runs_->hide();
  target_->clear();
  personalized_->clear();
  personalized_->setVisible(personalized);
  progress_->setRange(0, 0);
  progress_->setFormat(tr("starting…"));
  progress_->show();
  status_->clear();
  cancel_->setEnabled(true);
}

void PreviewPanel::showProgress(const StepProgress& p) {
  progress_->setRange(0, p.progress.total);
  progress_->setValue(p.progress.step);
  progress_->setFormat(tr("%1 (%2 of %3): step %v/%m").arg(p.label).arg(p.pass + 1).arg(p.passes));
  if (live_->isChecked() && !p.progress.preview.isNull()) {
    const bool personalizedImage = personalized_->isVisible() && p.pass % 2 == 1;
    (personalizedImage ? personalized_ : target_)->setPreview(p.progress.preview);
  }
}

void PreviewPanel::addPair(const GeneratedPair& pair) {
  pairs_.push_back(pair);
  runs_->addItem(tr("Run %1 (seed %2)").arg(pairs_.size()).arg(pair.seed));
  runs_->setVisible(pairs_.size() > 1);
  runs_->setCurrentIndex(runs_->count() - 1);
  showPair(runs_->count() - 1);
}

void PreviewPanel::showPair(int index) {
  if (index < 0 || index >= int(pairs_.size())) return;
  const GeneratedPair& pair = pairs_[size_t(index)];
  target_->setImage(pair.target, pair.targetParameters);
  if (!pair.personalized.isNull()) personalized_->setImage(pair.personalized, pair.personalizedParameters);
}

void PreviewPanel::endRun(const QString& message) {
  progress_->hide();
  cancel_->setEnabled(false);
  status_->setText(message);
}

bool PreviewPanel::livePreview() const { return live_->isChecked(); }

void PreviewPanel::setRatingEnabled(bool on, const QString& whyNot) {
  target_->setRatingEnabled(on, whyNot);
  personalized_->setRatingEnabled(on, whyNot);
}

const GeneratedPair* PreviewPanel::currentPair() const {
  const int i = runs_->currentIndex();
  return i >= 0 && i < int(pairs_.size()) ? &pairs_[size_t(i)] : nullptr;
}

}  // namespace fan::ui
