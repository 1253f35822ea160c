// fan-cli: command-line front end. Global options come before the verb:
//   fan-cli [--data-dir DIR] [--threads N] VERB [ARGS...]
#include "app/cli/CliVerb.h"
#include "core/runtime/Runtime.h"
#include "core/store/DataDirectory.h"

#include <QCoreApplication>

#include <algorithm>
#include <exception>

namespace fan::cli {
std::vector<Verb>& verbRegistry() {
  static std::vector<Verb> verbs;
  return verbs;
}
}  // namespace fan::cli

namespace {

void printHelp(QTextStream& out) {
  out << "Usage: fan-cli [--data-dir DIR] [--threads N] VERB [ARGS...]\n\n"
         "FAN Studio command line: profiles, histories, personalization and generation.\n\n"
         "Global options:\n"
         "  --data-dir DIR   data directory (default: $FAN_STUDIO_DATA_DIR or the user's app data dir)\n"
         "  --threads N      compute threads (default: one per core)\n"
         "  --help           this text; `fan-cli VERB --help` describes a verb\n\nVerbs:\n";
  auto verbs = fan::cli::verbRegistry();
  std::sort(verbs.begin(), verbs.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  for (const auto& verb : verbs) out << "  " << verb.name.leftJustified(16) << verb.summary << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  QCoreApplication::setApplicationName(QStringLiteral("fan-studio"));
  QCoreApplication::setOrganizationName(QStringLiteral("fan-studio"));
  QTextStream out(stdout), err(stderr);
  QStringList args = app.arguments().mid(1);
  QString dataDirOption;
  int threads = 0;
  while (!args.isEmpty() && args.first().startsWith(QLatin1String("--"))) {
    const QString opt = args.takeFirst();
    if (opt == QLatin1String("--help")) {
      printHelp(out);
      return fan::cli::Ok;
    }
    if ((opt == QLatin1String("--data-dir") || opt == QLatin1String("--threads")) && args.isEmpty()) {
      err << "fan-cli: " << opt << " needs a value\n";
      return fan::cli::UsageError;
    }
    if (opt == QLatin1String("--data-dir")) {
      dataDirOption = args.takeFirst();
    } else if (opt == QLatin1String("--threads")) {
      bool ok = false;
      threads = args.takeFirst().toInt(&ok);
      if (!ok || threads < 1) {
        err << "fan-cli: --threads expects a positive integer\n";
        return fan::cli::UsageError;
      }
    } else {
      err << "fan-cli: unknown global option " << opt << " (see fan-cli --help)\n";
      return fan::cli::UsageError;
    }
  }
  if (args.isEmpty()) {
    printHelp(err);
    return fan::cli::UsageError;
  }
  const QString verbName = args.takeFirst();
  const auto& verbs = fan::cli::verbRegistry();
  const auto verb = std::find_if(verbs.begin(), verbs.end(), [&](const auto& v) { return v.name == verbName; });
  if (verb == verbs.end()) {
    err << "fan-cli: unknown verb '" << verbName << "' (see fan-cli --help)\n";
    return fan::cli::UsageError;
  }
  fan::installLargeTensorAllocator();
  fan::configureThreads(threads);
  try {
    fan::cli::Context ctx{fan::resolveDataDirectory(dataDirOption), out, err};
    return verb->run(ctx, args);
  } catch (const std::exception& e) {
    out.flush();
    err << "fan-cli " << verbName << ": " << QString::fromUtf8(e.what()) << "\n";
    return fan::cli::DataError;
  }
}
