// Store work off the GUI thread (imports, exports): the work runs on a pool thread with its
// own HistoryStore connection (a connection belongs to the thread that opened it); the result
// or the error message comes back on the context object's thread. The store's transactions
// make a failed or cancelled job write nothing.
#pragma once

#include "core/store/HistoryStore.h"

#include <QFutureWatcher>
#include <QPointer>
#include <QtConcurrent>

#include <functional>
#include <optional>

namespace fan::ui {

// Thrown from a job's progress callback to stop it; the job's transaction rolls back.
struct JobCancelled {};

template <typename Result>
struct JobOutcome {
  std::optional<Result> value;
  QString error;           // readable, empty on success
  bool cancelled = false;  // stopped by JobCancelled: nothing was written
};

template <typename Result>
void runStoreJob(QObject* context, const QString& dataDir, std::function<Result(HistoryStore&)> work,
                 std::function<void(const JobOutcome<Result>&)> done) {
  auto* watcher = new QFutureWatcher<JobOutcome<Result>>(context);
  QObject::connect(watcher, &QFutureWatcherBase::finished, context, [watcher, done = std::move(done)] {
    const JobOutcome<Result> outcome = watcher->result();
    watcher->deleteLater();
    done(outcome);
  });
  watcher->setFuture(QtConcurrent::run([dataDir, work = std::move(work)] {
    JobOutcome<Result> outcome;
    try {
      HistoryStore store(dataDir);
      outcome.value = work(store);
    } catch (const JobCancelled&) {
      outcome.cancelled = true;
    } catch (const std::exception& e) {
      outcome.error = QString::fromUtf8(e.what());
    }
    return outcome;
  }));
}

}  // namespace fan::ui
