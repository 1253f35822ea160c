#include "ui/workspace/MainWindow.h"

#include "ui/library/HistoryPanel.h"
#include "ui/library/ProfilesPanel.h"
#include "ui/workspace/ImagePane.h"
#include "ui/workspace/ModelFolder.h"
#include "ui/workspace/PersonalizationPanel.h"
#include "ui/workspace/PreferencesDialog.h"
#include "ui/workspace/PreviewPanel.h"
#include "ui/workspace/ProfilingPlot.h"
#include "ui/workspace/PromptPanel.h"
#include "ui/workspace/ReferenceViewer.h"
#include "ui/workspace/SweepPanel.h"

#include "core/runtime/ResourcePaths.h"
#include "core/runtime/Runtime.h"
#include "core/store/HistoryStore.h"

#include <QApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QShortcut>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

#include <unistd.h>

namespace fan::ui {

namespace {

constexpr int kPersonalizeDebounceMs = 400;  // re-profile after a pause in typing
constexpr int kMemoryRefreshMs = 2000;

// Resident memory of this process in MiB (Linux /proc), or -1.
double residentMiB() {
  QFile statm(QStringLiteral("/proc/self/statm"));
  if (!statm.open(QIODevice::ReadOnly)) return -1;
  const QList<QByteArray> fields = statm.readAll().split(' ');
  if (fields.size() < 2) return -1;
  return fields[1].toDouble() * double(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

QString deviceName(const QString& device) {
  return device.startsWith(QLatin1String("cuda")) ? QObject::tr("CUDA") : QObject::tr("CPU");
}

}  // namespace

MainWindow::MainWindow(HistoryStore& store, const WorkspaceSettings& settings, QWidget* parent)
    : QMainWindow(parent), store_(store), settings_(settings) {
  setWindowTitle(tr("FAN Studio"));
  engine_ = new Engine(store.dataDir(), settings.threads, this);
  profiles_ = new ProfilesPanel(store, this);
  history_ = new HistoryPanel(store, this);
  prompt_ = new PromptPanel(this);
  prompt_->setCompletionModel(history_->promptCompletionModel());
  prompt_->setDefaultSampler(settings.defaultSampler);
  personalization_ = new PersonalizationPanel(store, this);
  preview_ = new PreviewPanel(this);
  plot_ = new ProfilingPlot(this);
  sweep_ = new SweepPanel(this);

  auto* left = new QSplitter(Qt::Vertical, this);
  left->addWidget(profiles_);
  left->addWidget(history_);
  left->setStretchFactor(1, 2);
  auto* centre = new QWidget(this);
  auto* centreLayout = new QVBoxLayout(centre);
  centreLayout->setContentsMargins(0, 0, 0, 0);
  centreLayout->addWidget(prompt_);
  centreLayout->addWidget(preview_, 1);
  bottom_ = new QTabWidget(this);
  bottom_->addTab(plot_, tr("Profiling plot"));
  bottom_->addTab(sweep_, tr("Alpha sweep"));
  bottom_->setToolTip(tr("How profiling chose the references, and alpha sweeps."));
  auto* middle = new QSplitter(Qt::Vertical, this);
  middle->addWidget(centre);
  middle->addWidget(bottom_);
  middle->setStretchFactor(0, 3);
  middle->setStretchFactor(1, 2);
  auto* main = new QSplitter(Qt::Horizontal, this);
  main->addWidget(left);
  main->addWidget(middle);
  main->addWidget(personalization_);
  main->setStretchFactor(0, 2);
  main->setStretchFactor(1, 4);
  main->setStretchFactor(2, 2);
  main->setSizes({300, 640, 460});
  setCentralWidget(main);

  personalizeDebounce_ = new QTimer(this);
  personalizeDebounce_->setSingleShot(true);
  personalizeDebounce_->setInterval(kPersonalizeDebounceMs);
  connect(personalizeDebounce_, &QTimer::timeout, this, &MainWindow::personalizeNow);

  buildMenus();
  buildStatusBar();
  connectEngine();
  connectPanels();
  updateRatingState();
  resize(1400, 900);

  QString model = settings.model;
  if (model.isEmpty() || !QFileInfo::exists(model)) model = embeddedModelDir();
  if (!model.isEmpty()) loadModel(model);
  else QTimer::singleShot(0, this, &MainWindow::startWithoutModel);
}

MainWindow::~MainWindow() = default;

void MainWindow::buildMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  QAction* choose = file->addAction(tr("Choose &model folder…"), this, &MainWindow::chooseModel);
  choose->setToolTip(tr("Load a diffusers Stable Diffusion folder (SD 1.x, SD 2.x or SDXL)."));
  recentModels_ = file->addMenu(tr("&Recent models"));
  rebuildRecentModels();
  file->addSeparator();
  // The panels' import and export actions (recognised by their text, mnemonics removed).
  const auto transfers = [this](const QAction* a) {
    const QString text = QString(a->text()).remove(QLatin1Char('&'));
    return text.contains(tr("Import"), Qt::CaseInsensitive) || text.contains(tr("Export"), Qt::CaseInsensitive);
  };
  for (QAction* a : profiles_->actions() + history_->actions())
    if (transfers(a)) file->addAction(a);
  file->addSeparator();
  file->addAction(tr("&Preferences…"), this, &MainWindow::showPreferences)->setMenuRole(QAction::PreferencesRole);
  file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

  QMenu* edit = menuBar()->addMenu(tr("&Edit"));
  edit->addActions(profiles_->actions());
  edit->addSeparator();
  edit->addActions(history_->actions());

  QMenu* view = menuBar()->addMenu(tr("&View"));
  view->addAction(tr("&Profiling plot"), this, [this] { bottom_->setCurrentWidget(plot_); });
  view->addAction(tr("&Alpha sweep"), this, [this] { bottom_->setCurrentWidget(sweep_); });
  view->addAction(tr("Focus history &filter"), QKeySequence::Find, history_, &HistoryPanel::focusFilter);

  QMenu* run = menuBar()->addMenu(tr("&Generate"));
  QAction* gen = run->addAction(tr("&Generate"), this, &MainWindow::generate);
  gen->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
  gen->setShortcutContext(Qt::WindowShortcut);
  run->addAction(tr("&Profile again"), this, &MainWindow::personalizeNow);
  run->addAction(tr("Run alpha &sweep"), this, &MainWindow::runSweep);
  QAction* stop = run->addAction(tr("&Cancel"), this, &MainWindow::cancel);
  stop->setShortcut(QKeySequence(Qt::Key_Escape));

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  QAction* guide = help->addAction(tr("&User guide"), this, &MainWindow::showUserGuide);
  guide->setEnabled(!userGuidePath().isEmpty());
  help->addAction(tr("&About FAN Studio"), this, [this] {
    QMessageBox::about(this, tr("About FAN Studio"),
                       tr("<b>FAN Studio</b><br>Preference-aware personalized text-to-image generation with FAN: "
                          "tailored profiling and personalized attention, on local diffusers models.<br>"
                          "LibTorch %1, Qt %2.")
                           .arg(QString::fromLatin1(torchVersion()), QString::fromLatin1(qVersion())));
  });
}

void MainWindow::buildStatusBar() {
  modelStatus_ = new QLabel(tr("No model"), this);
  modelStatus_->setToolTip(tr("The loaded model and its pipeline family."));
  deviceStatus_ = new QLabel(this);
  deviceStatus_->setToolTip(tr("Where the engine runs, and its compute threads."));
  memoryStatus_ = new QLabel(this);
  memoryStatus_->setToolTip(tr("Resident memory of FAN Studio."));
  timingStatus_ = new QLabel(this);
  timingStatus_->setToolTip(tr("How long the last engine task took."));
  // Permanent: temporary messages (left) never hide them.
  statusBar()->addPermanentWidget(timingStatus_);
  statusBar()->addPermanentWidget(modelStatus_);
  statusBar()->addPermanentWidget(deviceStatus_);
  statusBar()->addPermanentWidget(memoryStatus_);
  deviceStatus_->setText(tr("%1, %n thread(s)", nullptr, computeThreads()).arg(deviceName(settings_.device)));
  memoryTimer_ = new QTimer(this);
  memoryTimer_->setInterval(kMemoryRefreshMs);
  connect(memoryTimer_, &QTimer::timeout, this, &MainWindow::updateMemory);
  memoryTimer_->start();
  updateMemory();
}

QString MainWindow::statusText() const {
  return QStringList{modelStatus_->text(), deviceStatus_->text(), memoryStatus_->text(), timingStatus_->text()}.join(
      QStringLiteral(" | "));
}

void MainWindow::updateMemory() {
  const double mib = residentMiB();
  memoryStatus_->setText(mib < 0 ? tr("memory: n/a") : tr("%1 MiB").arg(mib, 0, 'f', 0));
}

void MainWindow::setLastTiming(const QString& text) { timingStatus_->setText(text); }

void MainWindow::connectEngine() {
  connect(engine_, &Engine::modelLoaded, this, [this](const ModelInfo& info) {
    prompt_->setModel(info);
    modelStatus_->setText(tr("%1 (%2)").arg(info.name, info.family));
    modelStatus_->setToolTip(info.folder);
    deviceStatus_->setText(tr("%1, %n thread(s)", nullptr, computeThreads()).arg(deviceName(info.device)));
    setLastTiming(tr("model loaded in %1 s").arg(info.loadSeconds, 0, 'f', 2));
    settings_.rememberModel(info.folder);
    settings_.save();
    rebuildRecentModels();
    profiling_.reset();
    schedulePersonalize();
  });
  connect(engine_, &Engine::personalized, this, &MainWindow::onPersonalized);
  connect(engine_, &Engine::updated, this, [this](const UpdateView& view) {
    setLastTiming(tr("re-encoded at α %1 in %2 ms").arg(view.attention.alpha, 0, 'f', 2).arg(view.seconds * 1000, 0, 'f', 0));
    personalization_->setStatus(tr("α %1: cosine to the target %2, to the references %3")
                                    .arg(view.attention.alpha, 0, 'f', 2)
                                    .arg(view.shift.cosineToTarget, 0, 'f', 3)
                                    .arg(view.shift.cosineToReferences, 0, 'f', 3));
  });
  connect(engine_, &Engine::progress, this, [this](int job, const StepProgress& p) {
    if (job == generationJob_) preview_->showProgress(p);
    else if (job == sweepJob_)
      statusBar()->showMessage(tr("sweep: %1, step %2/%3").arg(p.label).arg(p.progress.step).arg(p.progress.total), 2000);
  });
  connect(engine_, &Engine::pairReady, this, [this](int, const GeneratedPair& pair) {
    preview_->addPair(pair);
    updateRatingState();
  });
  connect(engine_, &Engine::sweepImage, this, [this](int, const SweepImage& image) { sweep_->addImage(image); });
  connect(engine_, &Engine::finished, this, [this](int job, JobKind kind, double seconds) {
    onJobEnded(job, kind, tr("done in %1 s").arg(seconds, 0, 'f', 2), true);
  });
  connect(engine_, &Engine::failed, this,
          [this](int job, JobKind kind, const QString& message) { onJobEnded(job, kind, message, false); });
  connect(engine_, &Engine::cancelled, this,
          [this](int job, JobKind kind) { onJobEnded(job, kind, tr("cancelled"), true); });
}

void MainWindow::onJobEnded(int job, JobKind kind, const QString& message, bool ok) {
  if (job == generationJob_) {
    generationJob_ = 0;
    preview_->endRun(message);
    prompt_->setBusy(false);
    setLastTiming(tr("generation %1").arg(message));
    if (!ok) showError(tr("Generation failed"), message);
  } else if (job == sweepJob_) {
    sweepJob_ = 0;
    sweep_->endSweep();
    setLastTiming(tr("sweep %1").arg(message));
    if (!ok) showError(tr("Sweep failed"), message);
  } else if (job == loadJob_) {
    loadJob_ = 0;
    if (!ok) {
      prompt_->setModelPending({}, tr("No model loaded"));
      showError(tr("Cannot load the model"), message);
    }
  } else if (!ok && (kind == JobKind::Personalize || kind == JobKind::Update)) {
    personalization_->setStatus(tr("Personalization failed: %1").arg(message));
  }
}

void MainWindow::connectPanels() {
  connect(profiles_, &ProfilesPanel::profileSelected, this, &MainWindow::onProfileSelected);
  // Each panel shows the other's data (entry counts; members' entries and names), so both refresh.
  connect(profiles_, &ProfilesPanel::profilesChanged, history_, &HistoryPanel::reload);
  connect(profiles_, &ProfilesPanel::profilesChanged, this, &MainWindow::onHistoryChanged);
  connect(history_, &HistoryPanel::historyChanged, profiles_, &ProfilesPanel::reload);
  connect(history_, &HistoryPanel::historyChanged, this, &MainWindow::onHistoryChanged);
  connect(prompt_, &PromptPanel::generateRequested, this, &MainWindow::generate);
  connect(prompt_, &PromptPanel::chooseModelRequested, this, &MainWindow::chooseModel);
  connect(prompt_, &PromptPanel::targetEdited, this, &MainWindow::schedulePersonalize);
  connect(prompt_, &PromptPanel::statusMessage, this, [this](const QString& message) { statusBar()->showMessage(message, 8000); });
  connect(personalization_, &PersonalizationPanel::attentionChanged, this, &MainWindow::requestUpdate);
  connect(personalization_, &PersonalizationPanel::profilingChanged, this, &MainWindow::personalizeNow);
  connect(preview_, &PreviewPanel::cancelRequested, this, &MainWindow::cancel);
  connect(preview_, &PreviewPanel::rated, this, &MainWindow::onRated);
  connect(preview_, &PreviewPanel::preferred, this, &MainWindow::onPreferred);
  connect(plot_, &ProfilingPlot::entryClicked, history_, &HistoryPanel::selectEntry);
  connect(sweep_, &SweepPanel::runRequested, this, &MainWindow::runSweep);
  connect(sweep_, &SweepPanel::cancelRequested, this, &MainWindow::cancel);
  connect(sweep_, &SweepPanel::alphaChosen, personalization_, &PersonalizationPanel::setAlpha);
  // The panel may have selected a profile while it was built, before this connection.
  onProfileSelected(profiles_->currentProfileId(), profiles_->currentProfileName());
}

void MainWindow::startWithoutModel() {
  prompt_->setModelPending({}, tr("No model loaded"));
  QMessageBox::information(
      this, tr("Choose a model"),
      tr("FAN Studio generates images with a Stable Diffusion model in the diffusers folder layout (a folder with "
         "model_index.json, unet/, vae/, text_encoder/ and tokenizer/; SD 1.x, SD 2.x and SDXL are supported).\n\n"
         "No default model is installed. Choose a model folder you already have; profiles and histories work "
         "without one."));
  chooseModel();
}

void MainWindow::chooseModel() {
  const QString start = settings_.model.isEmpty() ? QString() : QFileInfo(settings_.model).absolutePath();
  const QString folder = QFileDialog::getExistingDirectory(this, tr("Choose a diffusers model folder"), start);
  if (!folder.isEmpty()) loadModel(folder);
}

void MainWindow::loadModel(const QString& folder) {
  QString family;
  try {
    family = pipelineFamily(folder);
  } catch (const std::exception& e) {
    showError(tr("Not a model folder"), QString::fromUtf8(e.what()));
    return;
  }
  prompt_->setModelPending(folder, tr("Loading %1 (%2)…").arg(QFileInfo(folder).fileName(), family));
  modelStatus_->setText(tr("loading %1…").arg(QFileInfo(folder).fileName()));
  loadJob_ = engine_->loadModel(folder, settings_.device);
}

void MainWindow::importProfileFiles(const QStringList& files) { profiles_->importProfiles(files); }

void MainWindow::rebuildRecentModels() {
  recentModels_->clear();
  for (const QString& folder : settings_.modelFolders)
    recentModels_->addAction(folder, this, [this, folder] { loadModel(folder); });
  recentModels_->setEnabled(!settings_.modelFolders.isEmpty());
}

void MainWindow::onProfileSelected(qint64 id, const QString& name) {
  profileId_ = id;
  profileName_ = id >= 0 ? name : QString();
  history_->setProfile(id);
  personalization_->references()->clearPinsAndExclusions();
  profiling_.reset();
  updateRatingState();
  personalizeNow();
}

void MainWindow::onHistoryChanged() {
  ++historyRevision_;
  schedulePersonalize();
}

void MainWindow::schedulePersonalize() { personalizeDebounce_->start(); }

std::optional<PersonalizeJob> MainWindow::personalizeJob() {
  PersonalizeJob job;
  PersonalizationRequest& r = job.request;
  r.target = prompt_->target();
  r.negative = prompt_->params().negative;
  r.profile = profileName_;
  r.sampleSize = personalization_->sampleSize();
  r.cfgNegative = personalization_->cfgNegative();
  r.clipSkip = personalization_->clipSkip();
  const ReferenceViewer* refs = personalization_->references();
  r.pinnedEntries.assign(refs->pinned().begin(), refs->pinned().end());
  r.excludedEntries.assign(refs->excluded().begin(), refs->excluded().end());
  std::sort(r.pinnedEntries.begin(), r.pinnedEntries.end());
  std::sort(r.excludedEntries.begin(), r.excludedEntries.end());
  try {
    r.attention = personalization_->attention();
  } catch (const std::invalid_argument& e) {
    personalization_->setStatus(tr("Invalid PA layer set: %1").arg(QString::fromUtf8(e.what())));
    return std::nullopt;
  }
  job.historyRevision = historyRevision_;
  return job;
}

void MainWindow::personalizeNow() {
  personalizeDebounce_->stop();
  if (profileId_ < 0) {
    plot_->clear(tr("Select a profile to see how profiling picks its references."));
    personalization_->setStatus(tr("Select a profile to personalize."));
    personalization_->references()->showReferences({});
    return;
  }
  if (!engine_->model()) {
    personalization_->setStatus(tr("Load a model to personalize."));
    return;
  }
  if (prompt_->target().isEmpty()) {
    plot_->clear(tr("Type a prompt to see its profiling."));
    personalization_->setStatus(tr("Type a prompt to personalize it with %1.").arg(profileName_));
    return;
  }
  if (const std::optional<PersonalizeJob> job = personalizeJob()) {
    personalization_->setStatus(tr("Profiling…"));
    engine_->personalize(*job);
  }
}

void MainWindow::onPersonalized(const ProfilingView& view) {
  if (view.job.request.profile != profileName_) return;  // a profile no longer selected
  profiling_ = view;
  personalization_->showProfiling(view);
  plot_->showProfiling(view);
  setLastTiming(tr("profiled in %1 ms").arg(view.seconds * 1000, 0, 'f', 0));
}

void MainWindow::requestUpdate() {
  if (!profiling_) {
    personalizeNow();
    return;
  }
  try {
    const ReferenceViewer* refs = personalization_->references();
    engine_->requestUpdate(refs->weightsEdited() ? refs->weights() : std::vector<double>{},
                           personalization_->attention());
  } catch (const std::invalid_argument& e) {
    personalization_->setStatus(tr("Invalid PA layer set: %1").arg(QString::fromUtf8(e.what())));
  }
}

void MainWindow::generate() {
  if (generationJob_) return;
  if (!engine_->model()) {
    showError(tr("No model"), tr("Load a model first (File ▸ Choose model folder…)."));
    return;
  }
  if (prompt_->target().isEmpty()) {
    prompt_->targetEdit()->setFocus();
    statusBar()->showMessage(tr("Type a prompt first."), 4000);
    return;
  }
  GenerationJob job;
  job.params = prompt_->nextParams();
  job.params.clipSkip = personalization_->clipSkip();
  job.batchCount = prompt_->batchCount();
  job.previews = preview_->livePreview();
  if (profileId_ >= 0) {
    const std::optional<PersonalizeJob> personalization = personalizeJob();
    if (!personalization) return;
    job.personalization = personalization;
    job.profileId = profileId_;
    const ReferenceViewer* refs = personalization_->references();
    if (refs->weightsEdited()) job.weights = refs->weights();
  }
  preview_->startRun(job.personalization.has_value());
  prompt_->setBusy(true);
  updateRatingState();
  generationJob_ = engine_->generate(job);
}

void MainWindow::runSweep() {
  if (sweepJob_) return;
  if (!engine_->model() || profileId_ < 0 || prompt_->target().isEmpty()) {
    showError(tr("Alpha sweep"), tr("A sweep needs a model, a selected profile and a prompt."));
    return;
  }
  const std::optional<PersonalizeJob> personalization = personalizeJob();
  if (!personalization) return;
  SweepJob job;
  job.params = prompt_->params();
  job.params.clipSkip = personalization_->clipSkip();
  job.personalization = *personalization;
  const ReferenceViewer* refs = personalization_->references();
  if (refs->weightsEdited()) job.weights = refs->weights();
  job.alphas = sweep_->alphas();
  sweep_->startSweep();
  bottom_->setCurrentWidget(sweep_);
  sweepJob_ = engine_->sweep(job);
}

void MainWindow::cancel() {
  if (generationJob_ || sweepJob_) engine_->cancel();
}

void MainWindow::updateRatingState() {
  const bool pairShown = preview_->currentPair() && preview_->currentPair()->personalizedGeneration >= 0;
  preview_->setRatingEnabled(profileId_ >= 0 && pairShown,
                             tr("Rating and choosing need a personalized pair of the selected profile."));
}

void MainWindow::onRated(bool personalized, int stars) {
  const GeneratedPair* pair = preview_->currentPair();
  if (!pair || profileId_ < 0) return;
  const qint64 generation = personalized ? pair->personalizedGeneration : pair->targetGeneration;
  try {
    if (ratedEntries_.contains(generation)) {
      store_.setRating(ratedEntries_.value(generation), stars);
    } else {
      ratedEntries_.insert(generation, store_.addEntryFromGeneration(generation, 0, profileId_, stars));
    }
    (personalized ? preview_->personalizedPane() : preview_->targetPane())->showRating(stars);
    history_->reload();
    profiles_->reload();
    onHistoryChanged();
    statusBar()->showMessage(tr("Rated %n star(s) and added to %1's history.", nullptr, stars).arg(profileName_), 4000);
  } catch (const std::exception& e) {
    showError(tr("Rating failed"), QString::fromUtf8(e.what()));
  }
}

void MainWindow::onPreferred(bool personalized) {
  const GeneratedPair* pair = preview_->currentPair();
  if (!pair || profileId_ < 0) return;
  const ChoiceItem p{ChoiceItem::Kind::Generation, pair->personalizedGeneration};
  const ChoiceItem t{ChoiceItem::Kind::Generation, pair->targetGeneration};
  try {
    store_.addChoice(profileId_, personalized ? p : t, personalized ? t : p);
    statusBar()->showMessage(personalized ? tr("Recorded: you prefer the personalized image.")
                                          : tr("Recorded: you prefer the target image."),
                             4000);
  } catch (const std::exception& e) {
    showError(tr("Recording the choice failed"), QString::fromUtf8(e.what()));
  }
}

void MainWindow::showPreferences() {
  PreferencesDialog dialog(settings_, this);
  if (dialog.exec() != QDialog::Accepted) return;
  const WorkspaceSettings old = settings_;
  settings_ = dialog.settings();
  settings_.save();
  rebuildRecentModels();
  if (settings_.threads != old.threads) engine_->setThreads(settings_.threads);
  prompt_->setDefaultSampler(settings_.defaultSampler);
  if (settings_.device != old.device && engine_->model()) loadModel(engine_->model()->folder);
  if (settings_.dataDir != old.dataDir || settings_.language != old.language)
    QMessageBox::information(this, tr("Preferences"), tr("The data directory and language change when FAN Studio starts next."));
}

void MainWindow::showUserGuide() {
  QFile file(userGuidePath());
  if (!file.open(QIODevice::ReadOnly)) {
    showError(tr("User guide"), tr("Cannot open %1.").arg(file.fileName()));
    return;
  }
  auto* dialog = new QDialog(this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->setWindowTitle(tr("FAN Studio user guide"));
  auto* text = new QTextBrowser(dialog);
  text->setMarkdown(QString::fromUtf8(file.readAll()));
  text->setOpenExternalLinks(true);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
  connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
  auto* layout = new QVBoxLayout(dialog);
  layout->addWidget(text);
  layout->addWidget(buttons);
  dialog->resize(800, 700);
  dialog->show();
}

void MainWindow::showError(const QString& title, const QString& message) {
  // Non-modal: the window keeps running (and tests keep going) while it is shown.
  auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
  box->setAttribute(Qt::WA_DeleteOnClose);
  box->setObjectName(QStringLiteral("errorMessage"));
  box->open();
}

}  // namespace fan::ui
