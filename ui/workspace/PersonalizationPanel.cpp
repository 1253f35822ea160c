#include "ui/workspace/PersonalizationPanel.h"

#include "ui/workspace/ReferenceViewer.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSlider>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace fan::ui {

namespace {

constexpr int kAlphaSteps = 100;     // slider units for alpha 0..1
constexpr int kAlphaDebounceMs = 150;  // while dragging, re-encode after this pause

QSlider* percentSlider(int value, QWidget* parent) {
  auto* s = new QSlider(Qt::Horizontal, parent);
  s->setRange(0, kAlphaSteps);
  s->setValue(value);
  s->setPageStep(10);
  return s;
}

QComboBox* choice(const QStringList& labels, const QStringList& values, const QString& tip, QWidget* parent) {
  auto* box = new QComboBox(parent);
  for (int i = 0; i < labels.size(); ++i) box->addItem(labels[i], values[i]);
  box->setToolTip(tip);
  return box;
}

}  // namespace

PersonalizationPanel::PersonalizationPanel(HistoryStore& store, QWidget* parent) : QWidget(parent) {
  alpha_ = percentSlider(40, this);
  alpha_->setToolTip(tr("Personalization degree α: 0 = the plain target prompt, 1 = only the references' attention."));
  alphaLabel_ = new QLabel(this);
  sampleSize_ = percentSlider(10, this);
  sampleSize_->setToolTip(tr("Sample size: the share of the history profiling picks as references "
                             "(0 = every entry, no profiling)."));
  sampleSizeLabel_ = new QLabel(this);
  alphaDebounce_ = new QTimer(this);
  alphaDebounce_->setSingleShot(true);
  alphaDebounce_->setInterval(kAlphaDebounceMs);
  connect(alphaDebounce_, &QTimer::timeout, this, &PersonalizationPanel::attentionChanged);
  connect(alpha_, &QSlider::valueChanged, this, [this] {
    updateLabels();
    alphaDebounce_->start();
  });
  connect(alpha_, &QSlider::sliderReleased, this, [this] {
    alphaDebounce_->stop();
    Q_EMIT attentionChanged();
  });
  connect(sampleSize_, &QSlider::valueChanged, this, &PersonalizationPanel::updateLabels);
  connect(sampleSize_, &QSlider::sliderReleased, this, &PersonalizationPanel::profilingChanged);
  connect(sampleSize_, &QSlider::actionTriggered, this, [this](int action) {
    if (action != QAbstractSlider::SliderMove && !sampleSize_->isSliderDown())
      QMetaObject::invokeMethod(this, &PersonalizationPanel::profilingChanged, Qt::QueuedConnection);
  });

  advanced_ = new QGroupBox(tr("Advanced"), this);
  advanced_->setCheckable(true);
  advanced_->setChecked(false);
  advanced_->setToolTip(tr("Personalized-attention options (fan-method §3); unchecked keeps the defaults shown."));
  paLayers_ = new QComboBox(advanced_);
  paLayers_->setEditable(true);
  paLayers_->addItems({QStringLiteral("skip-first"), QStringLiteral("all"), QStringLiteral("skip:2")});
  paLayers_->setToolTip(tr("Layers personalized attention runs in: all, skip-first, skip:K, or a 0-based list like 2,3,4."));
  skipMode_ = choice({tr("self"), tr("joint")}, {QStringLiteral("self"), QStringLiteral("joint")},
                     tr("What the personalized stream does outside the PA layers."), advanced_);
  queryStart_ = choice({tr("target"), tr("empty")}, {QStringLiteral("target"), QStringLiteral("empty")},
                       tr("What the personalized stream starts from."), advanced_);
  cfgNegative_ = choice({tr("pipeline default"), tr("target")}, {QStringLiteral("default"), QStringLiteral("target")},
                        tr("The negative condition of classifier-free guidance."), advanced_);
  clipSkip_ = new QSpinBox(advanced_);
  clipSkip_->setRange(1, 12);
  clipSkip_->setToolTip(tr("CLIP skip: 1 = the last layer, 2 = the penultimate, …"));
  auto* form = new QFormLayout(advanced_);
  form->addRow(tr("PA layers"), paLayers_);
  form->addRow(tr("Skip mode"), skipMode_);
  form->addRow(tr("Query start"), queryStart_);
  form->addRow(tr("CFG negative"), cfgNegative_);
  form->addRow(tr("CLIP skip"), clipSkip_);
  connect(paLayers_->lineEdit(), &QLineEdit::editingFinished, this, &PersonalizationPanel::attentionChanged);
  connect(paLayers_, &QComboBox::activated, this, &PersonalizationPanel::attentionChanged);
  connect(skipMode_, &QComboBox::activated, this, &PersonalizationPanel::attentionChanged);
  connect(queryStart_, &QComboBox::activated, this, &PersonalizationPanel::attentionChanged);
  connect(cfgNegative_, &QComboBox::activated, this, &PersonalizationPanel::profilingChanged);
  connect(clipSkip_, &QSpinBox::valueChanged, this, &PersonalizationPanel::profilingChanged);
  connect(advanced_, &QGroupBox::toggled, this, &PersonalizationPanel::profilingChanged);

  status_ = new QLabel(tr("Select a profile to personalize."), this);
  status_->setWordWrap(true);
  references_ = new ReferenceViewer(store, this);
  connect(references_, &ReferenceViewer::weightsChanged, this, &PersonalizationPanel::attentionChanged);
  connect(references_, &ReferenceViewer::selectionChanged, this, &PersonalizationPanel::profilingChanged);

  auto* sliders = new QFormLayout;
  auto* alphaRow = new QHBoxLayout;
  alphaRow->addWidget(alpha_, 1);
  alphaRow->addWidget(alphaLabel_);
  sliders->addRow(tr("α"), alphaRow);
  auto* sampleRow = new QHBoxLayout;
  sampleRow->addWidget(sampleSize_, 1);
  sampleRow->addWidget(sampleSizeLabel_);
  sliders->addRow(tr("Sample size"), sampleRow);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(sliders);
  layout->addWidget(advanced_);
  layout->addWidget(status_);
  layout->addWidget(references_, 1);
  updateLabels();
}

void PersonalizationPanel::updateLabels() {
  alphaLabel_->setText(QString::number(alpha(), 'f', 2));
  sampleSizeLabel_->setText(QString::number(sampleSize(), 'f', 2));
}

double PersonalizationPanel::alpha() const { return double(alpha_->value()) / kAlphaSteps; }
double PersonalizationPanel::sampleSize() const { return double(sampleSize_->value()) / kAlphaSteps; }

void PersonalizationPanel::setAlpha(double alpha) {
  alpha_->setValue(int(std::lround(alpha * kAlphaSteps)));
  alphaDebounce_->stop();
  Q_EMIT attentionChanged();
}

AttentionOptions PersonalizationPanel::attention() const {
  AttentionOptions a;
  a.alpha = alpha();
  if (!advanced_->isChecked()) return a;
  a.layers = PaLayerSet::parse(paLayers_->currentText().trimmed());
  a.skipMode = parseSkipMode(skipMode_->currentData().toString());
  a.queryStart = parseQueryStart(queryStart_->currentData().toString());
  return a;
}

CfgNegative PersonalizationPanel::cfgNegative() const {
  return advanced_->isChecked() && cfgNegative_->currentData() == QLatin1String("target") ? CfgNegative::Target
                                                                                          : CfgNegative::PipelineDefault;
}

int PersonalizationPanel::clipSkip() const { return advanced_->isChecked() ? clipSkip_->value() : 1; }

void PersonalizationPanel::showProfiling(const ProfilingView& view) {
  const size_t active = size_t(std::count_if(view.history.begin(), view.history.end(),
                                             [](const Reference& r) { return r.weight > 0; }));
  setStatus(view.report.profiled
                ? tr("%n reference(s) picked from %1 active entries (%2 candidates) in %3 ms.", nullptr,
                     int(view.references.size()))
                      .arg(active)
                      .arg(view.report.candidates.size())
                      .arg(view.seconds * 1000, 0, 'f', 0)
                : tr("%n reference(s): every active entry, no profiling.", nullptr, int(view.references.size())));
  references_->showReferences(view.references);
}

void PersonalizationPanel::setStatus(const QString& text) { status_->setText(text); }

}  // namespace fan::ui
