#include "tests/bench/Bench.h"

#include "core/runtime/Runtime.h"

#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSysInfo>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <thread>

#include <time.h>

namespace fan::bench {

std::vector<Benchmark>& registry() {
  static std::vector<Benchmark> benchmarks;
  return benchmarks;
}

namespace {

QString cpuModel() {
  QFile file(QStringLiteral("/proc/cpuinfo"));
  if (!file.open(QIODevice::ReadOnly)) return QSysInfo::currentCpuArchitecture();
  for (const QByteArray& line : file.readAll().split('\n'))
    if (line.startsWith("model name")) return QString::fromUtf8(line.mid(line.indexOf(':') + 1).trimmed());
  return QSysInfo::currentCpuArchitecture();
}

QJsonObject machine() {
  return {{"cpu", cpuModel()},
          {"hardware_threads", static_cast<int>(std::thread::hardware_concurrency())},
          {"os", QSysInfo::prettyProductName()},
          {"compute_threads", fan::computeThreads()}};
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

}  // namespace

namespace {

// A "Vm...:   123 kB" line of /proc/self/status, in MiB.
double statusMiB(const QByteArray& key) {
  QFile file(QStringLiteral("/proc/self/status"));
  if (!file.open(QIODevice::ReadOnly)) return 0;
  for (const QByteArray& line : file.readAll().split('\n'))
    if (line.startsWith(key)) return line.mid(key.size()).trimmed().split(' ').first().toDouble() / 1024.0;
  return 0;
}

}  // namespace

double peakRssMiB() { return statusMiB("VmHWM:"); }

double rssMiB() { return statusMiB("VmRSS:"); }

bool resetPeakRss() {
  QFile file(QStringLiteral("/proc/self/clear_refs"));
  return file.open(QIODevice::WriteOnly) && file.write("5") == 1;
}

double processCpuMs() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

QJsonObject Context::measure(const QString& benchmark, const QString& caseName, const QJsonObject& config,
                             const std::function<void()>& work, const QJsonObject& extra) {
  work();  // warm-up: first-touch allocations, lazy initialisation
  std::vector<double> timings, cpu;
  for (int i = 0; i < std::max(1, options_.runs); ++i) {
    QElapsedTimer timer;
    const double cpuStart = processCpuMs();
    timer.start();
    work();
    timings.push_back(timer.nsecsElapsed() / 1e6);
    cpu.push_back(processCpuMs() - cpuStart);
  }
  QJsonObject withCpu = extra;
  std::sort(cpu.begin(), cpu.end());
  withCpu.insert("median_cpu_ms", cpu[cpu.size() / 2]);
  return record(benchmark, caseName, config, std::move(timings), withCpu);
}

QJsonObject Context::record(const QString& benchmark, const QString& caseName, const QJsonObject& config,
                            std::vector<double> timingsMs, const QJsonObject& extra) {
  const double med = median(timingsMs);
  const auto [mn, mx] = std::minmax_element(timingsMs.begin(), timingsMs.end());
  const double mean = std::accumulate(timingsMs.begin(), timingsMs.end(), 0.0) / timingsMs.size();
  double var = 0;
  for (double t : timingsMs) var += (t - mean) * (t - mean);
  QJsonArray runs;
  for (double t : timingsMs) runs.append(t);
  QJsonObject rec{{"benchmark", benchmark},
                  {"case", caseName},
                  {"date", QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
                  {"machine", machine()},
                  {"libtorch", QString::fromLatin1(fan::torchVersion())},
                  {"config", config},
                  {"runs_ms", runs},
                  {"median_ms", med},
                  {"min_ms", *mn},
                  {"max_ms", *mx},
                  {"stddev_ms", std::sqrt(var / timingsMs.size())}};
  for (auto it = extra.begin(); it != extra.end(); ++it) rec.insert(it.key(), it.value());
  if (options_.out)
    *options_.out << benchmark << " / " << caseName << ": median " << QString::number(med, 'f', 3) << " ms (min "
                  << QString::number(*mn, 'f', 3) << ", max " << QString::number(*mx, 'f', 3) << ")\n"
                  << Qt::flush;
  if (!options_.resultsDir.isEmpty()) {
    QDir().mkpath(options_.resultsDir);
    QString file = benchmark + "__" + caseName;
    file.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_.-]")), QStringLiteral("_"));
    QSaveFile save(QDir(options_.resultsDir).filePath(file + ".json"));
    if (save.open(QIODevice::WriteOnly)) {
      save.write(QJsonDocument(rec).toJson());
      save.commit();
    }
  }
  return rec;
}

}  // namespace fan::bench
