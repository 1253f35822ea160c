#include "ui/workspace/PreferencesDialog.h"

#include "ui/i18n/Translations.h"

#include "core/runtime/Runtime.h"
#include "core/schedulers/SchedulerFactory.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>

namespace fan::ui {

PreferencesDialog::PreferencesDialog(const WorkspaceSettings& settings, QWidget* parent)
    : QDialog(parent), original_(settings) {
  setWindowTitle(tr("Preferences"));
  dataDir_ = new QLineEdit(settings.dataDir, this);
  dataDir_->setPlaceholderText(tr("Default (FAN_STUDIO_DATA_DIR or the app data folder)"));
  dataDir_->setToolTip(tr("Where the history database and images are kept. Takes effect after a restart."));
  auto* browse = new QPushButton(tr("Browse…"), this);
  browse->setToolTip(tr("Choose the data directory."));
  connect(browse, &QPushButton::clicked, this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Data directory"), dataDir_->text());
    if (!dir.isEmpty()) dataDir_->setText(dir);
  });

  models_ = new QListWidget(this);
  models_->addItems(settings.modelFolders);
  models_->setToolTip(tr("Model folders offered by File ▸ Recent models; remove the ones you no longer use."));
  auto* addModel = new QPushButton(tr("Add…"), this);
  addModel->setToolTip(tr("Add a diffusers model folder."));
  connect(addModel, &QPushButton::clicked, this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Model folder"));
    if (!dir.isEmpty() && models_->findItems(dir, Qt::MatchExactly).isEmpty()) models_->addItem(dir);
  });
  auto* removeModel = new QPushButton(tr("Remove"), this);
  removeModel->setToolTip(tr("Forget the selected model folder (the files stay)."));
  connect(removeModel, &QPushButton::clicked, this, [this] { delete models_->currentItem(); });

  device_ = new QComboBox(this);
  device_->addItem(tr("CPU"), QStringLiteral("cpu"));
  if (cudaAvailable()) device_->addItem(tr("CUDA (GPU)"), QStringLiteral("cuda"));
  device_->setCurrentIndex(std::max(0, device_->findData(settings.device)));
  device_->setToolTip(tr("Where models run. CUDA is listed only when this build and machine have a GPU. "
                         "Takes effect when a model is loaded next."));
  threads_ = new QSpinBox(this);
  threads_->setRange(0, std::max(1, QThread::idealThreadCount() * 2));
  threads_->setSpecialValueText(tr("One per core"));
  threads_->setValue(settings.threads);
  threads_->setToolTip(tr("Compute threads for the engine."));
  language_ = new QComboBox(this);
  // The empty code follows the system locale; name the language it resolves to.
  language_->addItem(tr("System default (%1)").arg(languageName(resolveLanguage(QString()))), QString());
  for (const QString& code : availableLanguages()) language_->addItem(languageName(code), code);
  language_->setCurrentIndex(std::max(0, language_->findData(settings.language)));
  language_->setToolTip(tr("User interface language (the installed translations). Takes effect after a restart."));
  sampler_ = new QComboBox(this);
  sampler_->addItem(tr("Model default"), QString());
  for (const std::string& name : schedulerNames()) sampler_->addItem(QString::fromStdString(name), QString::fromStdString(name));
  sampler_->setCurrentIndex(std::max(0, sampler_->findData(settings.defaultSampler)));
  sampler_->setToolTip(tr("The sampler the prompt area starts with."));

  auto* form = new QFormLayout;
  auto* dataRow = new QHBoxLayout;
  dataRow->addWidget(dataDir_, 1);
  dataRow->addWidget(browse);
  form->addRow(tr("Data directory"), dataRow);
  auto* modelButtons = new QVBoxLayout;
  modelButtons->addWidget(addModel);
  modelButtons->addWidget(removeModel);
  modelButtons->addStretch();
  auto* modelRow = new QHBoxLayout;
  modelRow->addWidget(models_, 1);
  modelRow->addLayout(modelButtons);
  form->addRow(tr("Model folders"), modelRow);
  form->addRow(tr("Device"), device_);
  form->addRow(tr("Threads"), threads_);
  form->addRow(tr("Language"), language_);
  form->addRow(tr("Default sampler"), sampler_);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(buttons);
}

WorkspaceSettings PreferencesDialog::settings() const {
  WorkspaceSettings s = original_;
  s.dataDir = dataDir_->text().trimmed();
  s.modelFolders.clear();
  for (int i = 0; i < models_->count(); ++i) s.modelFolders << models_->item(i)->text();
  s.device = device_->currentData().toString();
  s.threads = threads_->value();
  s.language = language_->currentData().toString();
  s.defaultSampler = sampler_->currentData().toString();
  return s;
}

}  // namespace fan::ui
