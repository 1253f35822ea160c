// Benchmarks: run by `fan-cli bench`, never by CTest. Each benchmark measures one or more cases
// (>= 5 timed runs after a warm-up) and writes one JSON record per case under the results folder:
// machine, threads, LibTorch version, config, median and spread.
#pragma once

#include <QJsonObject>
#include <QString>
#include <QTextStream>

#include <functional>
#include <vector>

namespace fan::bench {

struct Options {
  int runs = 5;
  QString resultsDir;   // where JSON records go
  QTextStream* out = nullptr;
};

class Context {
 public:
  explicit Context(Options options) : options_(std::move(options)) {}
  // Times `work` (after one warm-up call) options.runs times and records the case, with the
  // median process CPU time too (steadier than wall time on a busy machine; with several threads
  // it includes their spin-waiting).
  // `extra` is merged into the record (e.g. GFLOP/s, peak RSS, ratios).
  QJsonObject measure(const QString& benchmark, const QString& caseName, const QJsonObject& config,
                      const std::function<void()>& work, const QJsonObject& extra = {});
  // Records a case measured by the caller (timings in milliseconds).
  QJsonObject record(const QString& benchmark, const QString& caseName, const QJsonObject& config,
                     std::vector<double> timingsMs, const QJsonObject& extra = {});
  const Options& options() const { return options_; }

 private:
  Options options_;
};

struct Benchmark {
  QString name;
  QString summary;
  std::function<void(Context&)> run;
};

std::vector<Benchmark>& registry();

struct Registrar {
  explicit Registrar(Benchmark b) { registry().push_back(std::move(b)); }
};

// CPU time this process has used so far (all threads), in milliseconds.
double processCpuMs();

// Peak resident set size of this process so far, in MiB (VmHWM).
double peakRssMiB();

// Current resident set size, in MiB (VmRSS).
double rssMiB();

// Resets the peak to the current resident size (Linux: /proc/self/clear_refs "5"), so that one
// case's peak can be measured after another's. Returns false where the kernel refuses.
bool resetPeakRss();

}  // namespace fan::bench

#define FAN_BENCHMARK(id, name, summary, fn) \
  static const ::fan::bench::Registrar fanBench_##id({QStringLiteral(name), QStringLiteral(summary), fn});
