// `fan-cli bench`: runs the benchmarks in tests/bench and writes their JSON records.
#include "app/cli/CliVerb.h"
#include "tests/bench/Bench.h"

#include <QCommandLineParser>
#include <QDir>

namespace {

int runBench(fan::cli::Context& ctx, const QStringList& args) {
  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("Run FAN Studio's benchmarks and write JSON records."));
  const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("This help."));
  const QCommandLineOption list(QStringLiteral("list"), QStringLiteral("List the benchmarks."));
  const QCommandLineOption runs(QStringLiteral("runs"), QStringLiteral("Timed runs per case (>= 5)."),
                                QStringLiteral("N"), QStringLiteral("5"));
  const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("Results folder."), QStringLiteral("DIR"),
                               QStringLiteral("tests/bench/results"));
  parser.addOptions({help, list, runs, out});
  parser.addPositionalArgument(QStringLiteral("NAME"), QStringLiteral("Benchmarks to run (default: all)."));
  if (!parser.parse(QStringList{QStringLiteral("fan-cli bench")} + args)) {
    ctx.err << "fan-cli bench: " << parser.errorText() << "\n";
    return fan::cli::UsageError;
  }
  if (parser.isSet(help)) {
    ctx.out << parser.helpText().replace(QStringLiteral("fan-cli bench [options]"),
                                         QStringLiteral("fan-cli bench [options] [NAME...]"));
    return fan::cli::Ok;
  }
  const auto& benchmarks = fan::bench::registry();
  if (parser.isSet(list)) {
    for (const auto& b : benchmarks) ctx.out << b.name.leftJustified(24) << b.summary << "\n";
    return fan::cli::Ok;
  }
  bool ok = false;
  const int runCount = parser.value(runs).toInt(&ok);
  if (!ok || runCount < 5) {
    ctx.err << "fan-cli bench: --runs expects an integer >= 5\n";
    return fan::cli::UsageError;
  }
  const QStringList names = parser.positionalArguments();
  for (const QString& name : names) {
    if (std::none_of(benchmarks.begin(), benchmarks.end(), [&](const auto& b) { return b.name == name; })) {
      ctx.err << "fan-cli bench: unknown benchmark '" << name << "' (see fan-cli bench --list)\n";
      return fan::cli::UsageError;
    }
  }
  fan::bench::Context bench({runCount, QDir(parser.value(out)).absolutePath(), &ctx.out});
  for (const auto& b : benchmarks)
    if (names.isEmpty() || names.contains(b.name)) b.run(bench);
  return fan::cli::Ok;
}

}  // namespace

FAN_CLI_VERB(bench, "bench", "run the benchmarks (tests/bench) and write JSON results", runBench)
