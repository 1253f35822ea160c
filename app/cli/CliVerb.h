// fan-cli verbs register themselves here; main.cpp dispatches on the first argument.
// Exit codes: 0 ok, 1 usage error, 2 data error (bad file, unknown profile, ...).
#pragma once

#include <QString>
#include <QStringList>
#include <QTextStream>

#include <functional>
#include <vector>

namespace fan::cli {

enum ExitCode { Ok = 0, UsageError = 1, DataError = 2 };

struct Context {
  QString dataDir;        // resolved data directory (--data-dir, FAN_STUDIO_DATA_DIR, or default)
  QTextStream& out;       // stdout
  QTextStream& err;       // stderr
};

struct Verb {
  QString name;           // e.g. "profile"
  QString summary;        // one line for `fan-cli --help`
  std::function<int(Context&, const QStringList& args)> run;  // args exclude the verb itself
};

std::vector<Verb>& verbRegistry();

struct VerbRegistrar {
  explicit VerbRegistrar(Verb verb) { verbRegistry().push_back(std::move(verb)); }
};

}  // namespace fan::cli

#define FAN_CLI_VERB(id, name, summary, fn) \
  static const ::fan::cli::VerbRegistrar fanCliVerb_##id({QStringLiteral(name), QStringLiteral(summary), fn});
