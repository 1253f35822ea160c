#include "ui/workspace/PromptPanel.h"

#include "core/schedulers/SchedulerFactory.h"

#include <QComboBox>
#include <QCompleter>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QRegularExpressionValidator>
#include <QSpinBox>
#include <QToolButton>

#include <algorithm>

namespace fan::ui {

namespace {

QCompleter* promptCompleter(QAbstractItemModel* model, QObject* parent) {
  auto* c = new QCompleter(model, parent);
  c->setCaseSensitivity(Qt::CaseInsensitive);
  c->setFilterMode(Qt::MatchContains);
  return c;
}

}  // namespace

PromptPanel::PromptPanel(QWidget* parent) : QWidget(parent) {
  target_ = new QLineEdit(this);
  target_->setPlaceholderText(tr("Describe the image (the target prompt)"));
  target_->setToolTip(tr("The target prompt. With a profile selected it is personalized with the profile's history."));
  negative_ = new QLineEdit(this);
  negative_->setPlaceholderText(tr("Negative prompt (optional)"));
  negative_->setToolTip(tr("What the image should not show; empty uses the pipeline's default."));

  modelLabel_ = new QLabel(tr("No model"), this);
  modelLabel_->setToolTip(tr("The diffusers folder images are generated with, and its pipeline family."));
  modelLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto* chooseModel = new QPushButton(tr("Model…"), this);
  chooseModel->setToolTip(tr("Choose a diffusers Stable Diffusion folder (SD 1.x, SD 2.x or SDXL)."));
  connect(chooseModel, &QPushButton::clicked, this, &PromptPanel::chooseModelRequested);

  sampler_ = new QComboBox(this);
  sampler_->addItem(tr("Model default"), QString());
  for (const std::string& name : schedulerNames()) sampler_->addItem(QString::fromStdString(name), QString::fromStdString(name));
  sampler_->setToolTip(tr("The sampler (scheduler). 'Model default' uses the folder's own."));
  steps_ = new QSpinBox(this);
  steps_->setRange(1, 500);
  steps_->setValue(30);
  steps_->setToolTip(tr("Denoising steps."));
  guidance_ = new QDoubleSpinBox(this);
  guidance_->setRange(0.0, 30.0);
  guidance_->setSingleStep(0.5);
  guidance_->setValue(7.5);
  guidance_->setToolTip(tr("Classifier-free guidance scale; 1 or less runs without the negative."));
  width_ = new QSpinBox(this);
  height_ = new QSpinBox(this);
  for (QSpinBox* box : {width_, height_}) {
    box->setRange(8, 4096);
    box->setSingleStep(8);
    box->setValue(512);
    box->setSuffix(tr(" px"));
  }
  for (QSpinBox* box : {width_, height_})  // a typed size snaps to the nearest multiple of the VAE factor
    connect(box, &QSpinBox::editingFinished, box, [box] {
      const int step = box->singleStep();
      box->setValue(std::max(step, (box->value() + step / 2) / step * step));
    });
  width_->setToolTip(tr("Image width; a multiple of the model's VAE factor."));
  height_->setToolTip(tr("Image height; a multiple of the model's VAE factor."));

  seed_ = new QLineEdit(this);
  seed_->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("\\d{1,19}")), seed_));
  seed_->setToolTip(tr("Random seed: the same seed and settings give the same image."));
  lock_ = new QToolButton(this);
  lock_->setText(tr("Lock"));
  lock_->setCheckable(true);
  lock_->setToolTip(tr("Keep this seed for the next runs (unlocked: a new random seed per run)."));
  auto* roll = new QToolButton(this);
  roll->setText(tr("New"));
  roll->setToolTip(tr("Pick a new random seed now."));
  connect(roll, &QToolButton::clicked, this, &PromptPanel::rollSeed);
  rollSeed();
  batch_ = new QSpinBox(this);
  batch_->setRange(1, 64);
  batch_->setToolTip(tr("Batch count: runs with seeds seed, seed+1, …"));

  generate_ = new QPushButton(tr("Generate"), this);
  generate_->setDefault(true);
  generate_->setToolTip(tr("Generate the target and the personalized image with one seed (Ctrl+Enter)."));
  connect(generate_, &QPushButton::clicked, this, &PromptPanel::generateRequested);
  connect(target_, &QLineEdit::textEdited, this, &PromptPanel::targetEdited);
  connect(negative_, &QLineEdit::textEdited, this, &PromptPanel::targetEdited);

  auto* form = new QFormLayout;
  form->addRow(tr("Prompt"), target_);
  form->addRow(tr("Negative"), negative_);
  auto* modelRow = new QHBoxLayout;
  modelRow->addWidget(modelLabel_, 1);
  modelRow->addWidget(chooseModel);
  form->addRow(tr("Model"), modelRow);
  auto* sampling = new QHBoxLayout;
  for (auto [label, widget] : {std::pair<QString, QWidget*>{tr("Sampler"), sampler_}, {tr("Steps"), steps_},
                               {tr("CFG"), guidance_}, {tr("W"), width_}, {tr("H"), height_}}) {
    auto* l = new QLabel(label, this);
    l->setBuddy(widget);
    sampling->addWidget(l);
    sampling->addWidget(widget);
  }
  sampling->addStretch();
  form->addRow(sampling);
  auto* seedRow = new QHBoxLayout;
  seedRow->addWidget(new QLabel(tr("Seed"), this));
  seedRow->addWidget(seed_, 1);
  seedRow->addWidget(lock_);
  seedRow->addWidget(roll);
  seedRow->addWidget(new QLabel(tr("Batch"), this));
  seedRow->addWidget(batch_);
  seedRow->addStretch();
  seedRow->addWidget(generate_);
  form->addRow(seedRow);
  setLayout(form);
}

void PromptPanel::setCompletionModel(QAbstractItemModel* prompts) {
  target_->setCompleter(promptCompleter(prompts, target_));
  negative_->setCompleter(promptCompleter(prompts, negative_));
}

void PromptPanel::setModel(const ModelInfo& model) {
  modelLabel_->setText(tr("%1 — %2").arg(model.name, model.family));
  modelLabel_->setToolTip(tr("%1\n%2, default sampler %3, %4×%5").arg(model.folder, model.family, model.defaultSampler)
                              .arg(model.defaultSize.width()).arg(model.defaultSize.height()));
  for (QSpinBox* box : {width_, height_}) {
    box->setSingleStep(model.sizeMultiple);
    box->setMinimum(model.sizeMultiple);
  }
  width_->setValue(model.defaultSize.width());
  height_->setValue(model.defaultSize.height());
  guidance_->setValue(model.defaultGuidance);
}

void PromptPanel::setModelPending(const QString& folder, const QString& message) {
  modelLabel_->setText(message);
  modelLabel_->setToolTip(folder);
}

void PromptPanel::setDefaultSampler(const QString& sampler) {
  const int index = sampler_->findData(sampler);
  sampler_->setCurrentIndex(index >= 0 ? index : 0);
}

void PromptPanel::setBusy(bool busy) { generate_->setEnabled(!busy); }

QString PromptPanel::target() const { return target_->text().trimmed(); }

void PromptPanel::rollSeed() { seed_->setText(QString::number(QRandomGenerator::global()->bounded(quint64(1) << 32))); }

GenerationParams PromptPanel::nextParams() {
  if (!lock_->isChecked()) rollSeed();
  return params();
}

GenerationParams PromptPanel::params() const {
  GenerationParams p;
  p.prompt = target();
  if (!negative_->text().trimmed().isEmpty()) p.negative = negative_->text();
  SamplingParams& s = p.sampling;
  s.steps = steps_->value();
  s.guidanceScale = guidance_->value();
  s.width = width_->value();
  s.height = height_->value();
  s.seed = seed_->text().toULongLong();
  s.sampler = sampler_->currentData().toString();
  return p;
}

int PromptPanel::batchCount() const { return batch_->value(); }

}  // namespace fan::ui
