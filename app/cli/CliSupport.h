// Shared by the store verbs: sub-command dispatch, option parsing with --help, and JSON output.
#pragma once

#include "app/cli/CliVerb.h"
#include "core/store/HistoryStore.h"

#include <QCommandLineParser>
#include <QJsonObject>

#include <optional>
#include <stdexcept>

namespace fan::cli {

// A malformed command line (missing option, value out of range): exit code 1.
class BadUsage : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
  explicit BadUsage(const QString& message) : std::runtime_error(message.toStdString()) {}
};

// Options of one sub-command (QCommandLineParser underneath) with its own --help text.
class Options {
 public:
  Options(QString usage, QString description);
  // A flag when valueName is empty. Add --json with addJson().
  Options& add(const QString& name, const QString& description, const QString& valueName = {});
  Options& addJson();
  // Returns false when --help was asked for (the help is printed to `out`); throws BadUsage.
  bool parse(const QStringList& args, QTextStream& out);

  bool isSet(const QString& name) const { return parser_.isSet(name); }
  bool json() const { return parser_.isSet(QStringLiteral("json")); }
  QString value(const QString& name) const { return parser_.value(name); }
  QStringList values(const QString& name) const { return parser_.values(name); }
  QString required(const QString& name) const;  // BadUsage when missing or empty
  std::optional<int> rating(const QString& name) const;    // 1-5
  std::optional<double> weight(const QString& name) const; // finite, >= 0
  qint64 id(const QString& value) const;                    // a positive integer
  QString helpText() const;

 private:
  QString usage_, description_;
  QList<QCommandLineOption> options_;
  QCommandLineParser parser_;
};

struct SubCommand {
  QString name;
  QString summary;
  std::function<int(Context&, const QStringList& args)> run;
};

// `fan-cli VERB SUB [OPTIONS]`: runs SUB, prints the verb's help for `VERB --help` (exit 0) or
// a missing/unknown sub-command (exit 1), and turns BadUsage into exit code 1.
int runSubCommand(Context& ctx, const QString& verb, const std::vector<SubCommand>& subs, const QStringList& args);
// The same for a verb without sub-commands.
int runGuarded(Context& ctx, const QString& verb, const std::function<int()>& run);

// JSON for scripts: one document per command, printed on stdout.
void printJson(QTextStream& out, const QJsonValue& value);
QString isoTime(const QDateTime& time);
QJsonObject profileJson(const HistoryStore& store, const Profile& profile);
QJsonObject entryJson(const HistoryStore& store, const HistoryEntry& entry);

// Human-readable one-liners.
QString profileLine(const HistoryStore& store, const Profile& profile);
QString entryLine(const HistoryEntry& entry);

}  // namespace fan::cli
