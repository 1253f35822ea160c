// The GUI's handle on the engine: an EngineWorker on its own QThread. Calls return at once
// (the GUI thread never blocks); results come back as signals on the GUI thread, in the order
// the jobs were asked for. Profiling and alpha/weight re-encodes are coalesced: while one runs,
// only the latest request waits (moving a slider fast never queues a re-encode per pixel).
#pragma once

#include "ui/workspace/EngineTypes.h"

#include <QObject>
#include <QThread>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace fan::ui {

class EngineWorker;

class Engine : public QObject {
  Q_OBJECT
 public:
  // Opens the worker's store on `dataDir` on the engine thread; `threads` <= 0: one per core.
  Engine(const QString& dataDir, int threads, QObject* parent = nullptr);
  ~Engine() override;  // cancels a running generation and waits for the thread

  // Each returns the job's id, which its signals carry.
  int loadModel(const QString& folder, const QString& device);
  int generate(const GenerationJob& job);
  int sweep(const SweepJob& job);
  // Profiles (when needed) and encodes; coalesced.
  void personalize(const PersonalizeJob& job);
  // Re-encodes with these weights (one per reference; empty = the profile's own) and options.
  void requestUpdate(const std::vector<double>& weights, const AttentionOptions& attention);
  // Stops the running generation or sweep before its next step; queued ones do not start.
  void cancel();
  // Changes LibTorch's compute threads (on the engine thread, where the work runs).
  void setThreads(int threads);

  bool isBusy() const { return outstanding_ > 0; }
  const std::optional<ModelInfo>& model() const { return model_; }
  int updatesRun() const { return updatesRun_; }  // re-encodes actually run

 Q_SIGNALS:
  void modelLoaded(const fan::ui::ModelInfo& info);
  void personalized(const fan::ui::ProfilingView& view);
  void updated(const fan::ui::UpdateView& view);
  void progress(int job, const fan::ui::StepProgress& progress);
  void pairReady(int job, const fan::ui::GeneratedPair& pair);
  void sweepImage(int job, const fan::ui::SweepImage& image);
  void finished(int job, fan::ui::JobKind kind, double seconds);
  void failed(int job, fan::ui::JobKind kind, const QString& message);
  void cancelled(int job, fan::ui::JobKind kind);
  void busyChanged(bool busy);

 private:
  // Runs `work` on the engine thread; an exception becomes failed()/cancelled(); finished()
  // follows a clean return.
  int post(JobKind kind, std::function<void(int job)> work);
  // Runs `f` on the GUI thread (from the engine thread).
  void toGui(std::function<void()> f);
  // A kind of request of which only the latest waits while one runs.
  struct Lane {
    bool running = false;
    std::function<void()> pending;  // posts the waiting request
  };
  void runLatest(Lane& lane, std::function<void()> dispatch);
  void startPending(Lane& lane);
  Lane* laneOf(JobKind kind);
  void jobDone();

  QThread thread_;
  QObject* context_;                   // lives on thread_: queued work runs there
  std::unique_ptr<EngineWorker> worker_;  // created and destroyed on thread_
  std::string openError_;                 // why worker_ is missing (engine thread only)
  std::atomic<bool> cancel_{false};
  std::atomic<int> cancelledUpTo_{0};  // jobs with ids <= this do not start
  int nextJob_ = 0;
  int outstanding_ = 0;
  std::optional<ModelInfo> model_;
  Lane personalizeLane_;
  Lane updateLane_;
  int updatesRun_ = 0;
};

}  // namespace fan::ui
