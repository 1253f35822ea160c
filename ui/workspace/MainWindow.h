// FAN Studio's main window: profiles over history on the left, the prompt area and the
// target/personalized previews in the centre, the personalization panel with its reference
// viewer on the right, the profiling plot and the alpha sweep below. All engine work runs on
// the Engine's thread; this window only asks and shows.
#pragma once

#include "ui/workspace/Engine.h"
#include "ui/workspace/WorkspaceSettings.h"

#include <QHash>
#include <QMainWindow>

#include <optional>

class QLabel;
class QMenu;
class QTabWidget;
class QTimer;

namespace fan {
class HistoryStore;
}

namespace fan::ui {

class HistoryPanel;
class PersonalizationPanel;
class PreviewPanel;
class ProfilesPanel;
class ProfilingPlot;
class PromptPanel;
class SweepPanel;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  // Loads settings.model, else the embedded default model, else explains and asks for a folder.
  MainWindow(HistoryStore& store, const WorkspaceSettings& settings, QWidget* parent = nullptr);
  ~MainWindow() override;

  Engine* engine() const { return engine_; }
  ProfilesPanel* profilesPanel() const { return profiles_; }
  HistoryPanel* historyPanel() const { return history_; }
  PromptPanel* promptPanel() const { return prompt_; }
  PersonalizationPanel* personalizationPanel() const { return personalization_; }
  PreviewPanel* previewPanel() const { return preview_; }
  ProfilingPlot* profilingPlot() const { return plot_; }
  SweepPanel* sweepPanel() const { return sweep_; }
  QTabWidget* bottomTabs() const { return bottom_; }
  const std::optional<ProfilingView>& profiling() const { return profiling_; }
  const WorkspaceSettings& settings() const { return settings_; }
  QString statusText() const;  // the status bar's fields, joined (for tests)

 public Q_SLOTS:
  void loadModel(const QString& folder);
  void chooseModel();
  void generate();
  void runSweep();
  void cancel();
  void personalizeNow();
  void showPreferences();
  // Profile exports named on the command line (`fan-studio FILE...`, the desktop file's %F):
  // imported like File > Import profile, with its report.
  void importProfileFiles(const QStringList& files);

 private:
  void buildMenus();
  void buildStatusBar();
  void connectEngine();
  void connectPanels();
  void startWithoutModel();
  void onProfileSelected(qint64 id, const QString& name);
  void onHistoryChanged();
  void schedulePersonalize();
  void requestUpdate();
  std::optional<PersonalizeJob> personalizeJob();
  void onPersonalized(const ProfilingView& view);
  void onJobEnded(int job, JobKind kind, const QString& message, bool ok);
  void onRated(bool personalized, int stars);
  void onPreferred(bool personalized);
  void updateRatingState();
  void updateMemory();
  void setLastTiming(const QString& text);
  void showError(const QString& title, const QString& message);
  void showUserGuide();
  void rebuildRecentModels();

  HistoryStore& store_;
  WorkspaceSettings settings_;
  Engine* engine_;
  ProfilesPanel* profiles_;
  HistoryPanel* history_;
  PromptPanel* prompt_;
  PersonalizationPanel* personalization_;
  PreviewPanel* preview_;
  ProfilingPlot* plot_;
  SweepPanel* sweep_;
  QTabWidget* bottom_;
  QMenu* recentModels_ = nullptr;
  QLabel* modelStatus_;
  QLabel* deviceStatus_;
  QLabel* memoryStatus_;
  QLabel* timingStatus_;
  QTimer* personalizeDebounce_;
  QTimer* memoryTimer_;

  qint64 profileId_ = -1;
  QString profileName_;
  quint64 historyRevision_ = 0;
  std::optional<ProfilingView> profiling_;
  int generationJob_ = 0;  // the running generation, 0 when none
  int sweepJob_ = 0;
  int loadJob_ = 0;
  QHash<qint64, qint64> ratedEntries_;  // generation id -> the history entry its rating created
};

}  // namespace fan::ui
