#include "ui/workspace/PromptPanel.h"

#include "core/schedulers/SchedulerFactory.h"

#include <QComboBox>
#include <QCompleter>
#include <QDoubleSpinBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QMimeData>
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

// The first local file of a drag, when it is a PNG (the format that carries parameters).
QString droppedPng(const QMimeData* mime) {
  if (!mime || !mime->hasUrls()) return {};
  for (const QUrl& url : mime->urls()) {
    const QString path = url.toLocalFile();
    if (!path.isEmpty() && QFileInfo(path).suffix().compare(QLatin1String("png"), Qt::CaseInsensitive) == 0) return path;
  }
  return {};
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

  // The line edits would take a dropped file as text; a PNG goes to the whole panel instead.
  setAcceptDrops(true);
  target_->installEventFilter(this);
  negative_->installEventFilter(this);
  setToolTip(tr("Drop a PNG made by FAN Studio or another Stable Diffusion tool here to reuse its settings."));
}

bool PromptPanel::eventFilter(QObject* watched, QEvent* event) {
  if (event->type() == QEvent::DragEnter || event->type() == QEvent::DragMove || event->type() == QEvent::Drop) {
    auto* drop = static_cast<QDropEvent*>(event);
    if (!droppedPng(drop->mimeData()).isEmpty()) {
      if (event->type() == QEvent::Drop) dropEvent(drop);
      else drop->acceptProposedAction();
      return true;
    }
  }
  return QWidget::eventFilter(watched, event);
}

void PromptPanel::dragEnterEvent(QDragEnterEvent* event) {
  if (!droppedPng(event->mimeData()).isEmpty()) event->acceptProposedAction();
}

void PromptPanel::dropEvent(QDropEvent* event) {
  const QString path = droppedPng(event->mimeData());
  if (path.isEmpty()) return;
  event->acceptProposedAction();
  loadImageParameters(path);
}

bool PromptPanel::loadImageParameters(const QString& pngPath) {
  const QString name = QFileInfo(pngPath).fileName();
  try {
    const std::optional<QString> text = readPngParameters(pngPath);
    if (!text) {
      Q_EMIT statusMessage(tr("%1 holds no generation parameters.").arg(name));
      return false;
    }
    const QStringList applied = applyImageParameters(parseParameters(*text));
    Q_EMIT statusMessage(tr("Settings from %1: %2.").arg(name, applied.join(QStringLiteral(", "))));
    Q_EMIT targetEdited();
    return true;
  } catch (const std::exception& e) {
    Q_EMIT statusMessage(tr("Cannot read %1: %2").arg(name, QString::fromUtf8(e.what())));
    return false;
  }
}

QStringList PromptPanel::applyImageParameters(const ImageParameters& parameters) {
  QStringList applied;
  if (!parameters.prompt.trimmed().isEmpty()) {
    target_->setText(parameters.prompt);
    applied << tr("prompt");
  }
  negative_->setText(parameters.negative);
  if (!parameters.negative.isEmpty()) applied << tr("negative prompt");
  bool ok = false;
  if (const int steps = parameters.value(QStringLiteral("Steps")).toInt(&ok); ok && steps >= steps_->minimum()) {
    steps_->setValue(std::min(steps, steps_->maximum()));
    applied << tr("steps");
  }
  if (const QString sampler = parameters.value(QStringLiteral("Sampler")); !sampler.isEmpty()) {
    const int index = sampler_->findData(sampler, Qt::UserRole, Qt::MatchFixedString);
    if (index >= 0) {
      sampler_->setCurrentIndex(index);
      applied << tr("sampler");
    }
  }
  if (const double cfg = parameters.value(QStringLiteral("CFG scale")).toDouble(&ok); ok) {
    guidance_->setValue(cfg);
    applied << tr("guidance");
  }
  const QStringList size = parameters.value(QStringLiteral("Size")).split(QLatin1Char('x'));
  if (size.size() == 2 && size[0].toInt() > 0 && size[1].toInt() > 0) {
    width_->setValue(size[0].toInt());
    height_->setValue(size[1].toInt());
    applied << tr("size");
  }
  if (const quint64 seed = parameters.value(QStringLiteral("Seed")).toULongLong(&ok); ok) {
    seed_->setText(QString::number(seed));
    lock_->setChecked(true);  // the point of reusing a seed is to keep it
    applied << tr("seed");
  }
  return applied;
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
