#include "ui/workspace/Engine.h"

#include "ui/workspace/EngineWorker.h"

#include "core/runtime/Runtime.h"

#include <QElapsedTimer>

namespace fan::ui {

Engine::Engine(const QString& dataDir, int threads, QObject* parent) : QObject(parent), context_(new QObject) {
  thread_.setObjectName(QStringLiteral("fan-engine"));
  context_->moveToThread(&thread_);
  thread_.start();
  QMetaObject::invokeMethod(context_, [this, dataDir, threads] {
    configureThreads(threads);
    try {
      worker_ = std::make_unique<EngineWorker>(dataDir);
    } catch (const std::exception& e) {
      openError_ = "cannot open the history store: " + std::string(e.what());  // every job reports it
    }
  });
}

Engine::~Engine() {
  cancel();
  QMetaObject::invokeMethod(context_, [this] { worker_.reset(); }, Qt::BlockingQueuedConnection);
  thread_.quit();
  thread_.wait();
  delete context_;
}

void Engine::toGui(std::function<void()> f) { QMetaObject::invokeMethod(this, std::move(f), Qt::QueuedConnection); }

int Engine::post(JobKind kind, std::function<void(int job)> work) {
  const int id = ++nextJob_;
  if (++outstanding_ == 1) Q_EMIT busyChanged(true);
  QMetaObject::invokeMethod(
      context_,
      [this, id, kind, work = std::move(work)] {
        QElapsedTimer timer;
        timer.start();
        const bool cancellable = kind == JobKind::Generate || kind == JobKind::Sweep;
        // Reset first, then check: a cancel() racing with the start is never lost.
        if (cancellable) cancel_.store(false);
        std::function<void()> outcome;
        try {
          if (cancellable && id <= cancelledUpTo_.load()) throw GenerationCancelled();
          if (!worker_) throw std::runtime_error(openError_);
          work(id);
          const double seconds = timer.nsecsElapsed() / 1e9;
          outcome = [this, id, kind, seconds] { Q_EMIT finished(id, kind, seconds); };
        } catch (const GenerationCancelled&) {
          outcome = [this, id, kind] { Q_EMIT cancelled(id, kind); };
        } catch (const std::exception& e) {
          const QString message = QString::fromUtf8(e.what());
          outcome = [this, id, kind, message] { Q_EMIT failed(id, kind, message); };
        }
        const int updates = worker_ ? worker_->updatesRun() : 0;
        toGui([this, kind, updates, outcome] {
          updatesRun_ = updates;
          outcome();
          if (Lane* lane = laneOf(kind)) {
            lane->running = false;
            if (lane->pending) startPending(*lane);
          }
          jobDone();
        });
      },
      Qt::QueuedConnection);
  return id;
}

void Engine::jobDone() {
  if (--outstanding_ == 0) Q_EMIT busyChanged(false);
}

int Engine::loadModel(const QString& folder, const QString& device) {
  return post(JobKind::Load, [this, folder, device](int) {
    const ModelInfo info = worker_->load(folder, device);
    toGui([this, info] {
      model_ = info;
      Q_EMIT modelLoaded(info);
    });
  });
}

Engine::Lane* Engine::laneOf(JobKind kind) {
  if (kind == JobKind::Personalize) return &personalizeLane_;
  if (kind == JobKind::Update) return &updateLane_;
  return nullptr;
}

void Engine::runLatest(Lane& lane, std::function<void()> dispatch) {
  lane.pending = std::move(dispatch);
  if (!lane.running) startPending(lane);
}

void Engine::startPending(Lane& lane) {
  const std::function<void()> dispatch = std::move(lane.pending);
  lane.pending = nullptr;
  lane.running = true;
  dispatch();
}

void Engine::personalize(const PersonalizeJob& job) {
  runLatest(personalizeLane_, [this, job] {
    post(JobKind::Personalize, [this, job](int) {
      const ProfilingView view = worker_->personalize(job);
      toGui([this, view] { Q_EMIT personalized(view); });
    });
  });
}

void Engine::requestUpdate(const std::vector<double>& weights, const AttentionOptions& attention) {
  runLatest(updateLane_, [this, weights, attention] {
    post(JobKind::Update, [this, weights, attention](int) {
      const UpdateView view = worker_->update(weights, attention);
      toGui([this, view] { Q_EMIT updated(view); });
    });
  });
}

int Engine::generate(const GenerationJob& job) {
  return post(JobKind::Generate, [this, job](int id) {
    worker_->generate(
        job, cancel_, [this, id](const StepProgress& p) { toGui([this, id, p] { Q_EMIT progress(id, p); }); },
        [this, id](const GeneratedPair& pair) { toGui([this, id, pair] { Q_EMIT pairReady(id, pair); }); },
        [this](const ProfilingView& view) { toGui([this, view] { Q_EMIT personalized(view); }); });
  });
}

int Engine::sweep(const SweepJob& job) {
  return post(JobKind::Sweep, [this, job](int id) {
    worker_->sweep(
        job, cancel_, [this, id](const StepProgress& p) { toGui([this, id, p] { Q_EMIT progress(id, p); }); },
        [this, id](const SweepImage& image) { toGui([this, id, image] { Q_EMIT sweepImage(id, image); }); },
        [this](const ProfilingView& view) { toGui([this, view] { Q_EMIT personalized(view); }); });
  });
}

void Engine::cancel() {
  cancelledUpTo_.store(nextJob_);
  cancel_.store(true);
}

void Engine::setThreads(int threads) {
  QMetaObject::invokeMethod(context_, [threads] { configureThreads(threads); }, Qt::QueuedConnection);
}

}  // namespace fan::ui
