#include "app/cli/CliSupport.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>

namespace fan::cli {

namespace {

QString optionLabel(const QCommandLineOption& option) {
  QString label = QStringLiteral("--") + option.names().first();
  if (!option.valueName().isEmpty()) label += QLatin1Char(' ') + option.valueName();
  return label;
}

QJsonValue nullOr(const std::optional<int>& v) { return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null); }
QJsonValue nullOr(const std::optional<double>& v) { return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null); }

}  // namespace

// --- Options ------------------------------------------------------------------------------

Options::Options(QString usage, QString description) : usage_(std::move(usage)), description_(std::move(description)) {
  parser_.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
}

Options& Options::add(const QString& name, const QString& description, const QString& valueName) {
  QCommandLineOption option(name, description, valueName);
  parser_.addOption(option);
  options_ << option;
  return *this;
}

Options& Options::addJson() { return add(QStringLiteral("json"), QStringLiteral("print JSON for scripts")); }

bool Options::parse(const QStringList& args, QTextStream& out) {
  const QCommandLineOption help(QStringLiteral("help"), QStringLiteral("show this help"));
  parser_.addOption(help);
  if (!parser_.parse(QStringList{QStringLiteral("fan-cli")} + args)) throw BadUsage(parser_.errorText());
  if (parser_.isSet(help)) {
    out << helpText();
    return false;
  }
  if (!parser_.positionalArguments().isEmpty())
    throw BadUsage(QStringLiteral("unexpected argument '%1'").arg(parser_.positionalArguments().first()));
  return true;
}

QString Options::helpText() const {
  QString text = QStringLiteral("Usage: fan-cli %1\n\n%2\n\nOptions:\n").arg(usage_, description_);
  int width = 6;
  for (const auto& option : options_) width = std::max(width, int(optionLabel(option).size()));
  for (const auto& option : options_)
    text += QStringLiteral("  %1  %2\n").arg(optionLabel(option).leftJustified(width), option.description());
  text += QStringLiteral("  %1  show this help\n").arg(QStringLiteral("--help").leftJustified(width));
  return text;
}

QString Options::required(const QString& name) const {
  const QString v = value(name);
  if (!isSet(name) || v.trimmed().isEmpty()) throw BadUsage(QStringLiteral("--%1 is required").arg(name));
  return v;
}

std::optional<int> Options::rating(const QString& name) const {
  if (!isSet(name)) return std::nullopt;
  bool ok = false;
  const int stars = value(name).toInt(&ok);
  if (!ok || stars < 1 || stars > 5)
    throw BadUsage(QStringLiteral("--%1 expects a whole number of stars 1-5, got '%2'").arg(name, value(name)));
  return stars;
}

std::optional<double> Options::weight(const QString& name) const {
  if (!isSet(name)) return std::nullopt;
  bool ok = false;
  const double w = value(name).toDouble(&ok);
  if (!ok || !std::isfinite(w) || w < 0)
    throw BadUsage(
        QStringLiteral("--%1 expects a number >= 0 (0 switches it off; negative weights are not allowed), got '%2'")
            .arg(name, value(name)));
  return w;
}

qint64 Options::id(const QString& text) const {
  bool ok = false;
  const qint64 v = text.toLongLong(&ok);
  if (!ok || v <= 0) throw BadUsage(QStringLiteral("'%1' is not an entry id (a positive integer)").arg(text));
  return v;
}

// --- dispatch -----------------------------------------------------------------------------

int runGuarded(Context& ctx, const QString& verb, const std::function<int()>& run) {
  try {
    return run();
  } catch (const BadUsage& e) {
    ctx.out.flush();
    ctx.err << "fan-cli " << verb << ": " << QString::fromUtf8(e.what()) << " (see fan-cli " << verb << " --help)\n";
    return UsageError;
  }
}

int runSubCommand(Context& ctx, const QString& verb, const std::vector<SubCommand>& subs, const QStringList& args) {
  auto help = [&](QTextStream& s) {
    s << "Usage: fan-cli " << verb << " SUBCOMMAND [OPTIONS]\n\nSubcommands:\n";
    for (const SubCommand& sub : subs) s << "  " << sub.name.leftJustified(15) << sub.summary << "\n";
    s << "\n`fan-cli " << verb << " SUBCOMMAND --help` describes one.\n";
  };
  if (!args.isEmpty() && (args.first() == QLatin1String("--help") || args.first() == QLatin1String("-h"))) {
    help(ctx.out);
    return Ok;
  }
  const auto sub = args.isEmpty() ? subs.end()
                                  : std::find_if(subs.begin(), subs.end(), [&](const SubCommand& s) { return s.name == args.first(); });
  if (sub == subs.end()) {
    ctx.err << "fan-cli " << verb << ": "
            << (args.isEmpty() ? QStringLiteral("missing subcommand") : QStringLiteral("unknown subcommand '%1'").arg(args.first()))
            << "\n";
    help(ctx.err);
    return UsageError;
  }
  return runGuarded(ctx, verb + QLatin1Char(' ') + sub->name, [&] { return sub->run(ctx, args.mid(1)); });
}

// --- output -------------------------------------------------------------------------------

void printJson(QTextStream& out, const QJsonValue& value) {
  const QJsonDocument doc = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
  out << QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
}

QString isoTime(const QDateTime& time) { return time.toUTC().toString(Qt::ISODateWithMs); }

QJsonObject profileJson(const HistoryStore& store, const Profile& p) {
  QJsonArray members;
  if (p.kind != ProfileKind::User)
    for (const Member& m : store.members(p.id))
      members.append(QJsonObject{{QStringLiteral("id"), m.profile.id},
                                 {QStringLiteral("name"), m.profile.name},
                                 {QStringLiteral("kind"), toString(m.profile.kind)},
                                 {QStringLiteral("weight"), m.weight}});
  return QJsonObject{{QStringLiteral("id"), p.id},
                     {QStringLiteral("kind"), toString(p.kind)},
                     {QStringLiteral("name"), p.name},
                     {QStringLiteral("description"), p.description},
                     {QStringLiteral("entries"), store.entryCount(p.id)},
                     {QStringLiteral("members"), members},
                     {QStringLiteral("created"), isoTime(p.created)},
                     {QStringLiteral("updated"), isoTime(p.updated)}};
}

QJsonObject entryJson(const HistoryStore& store, const HistoryEntry& e) {
  QJsonValue image = QJsonValue::Null, imageInfo = QJsonValue::Null;
  if (e.image) {
    image = store.imagePath(*e.image);
    imageInfo = QJsonObject{{QStringLiteral("sha256"), e.image->hash},
                            {QStringLiteral("format"), e.image->format},
                            {QStringLiteral("width"), e.image->width},
                            {QStringLiteral("height"), e.image->height}};
  }
  return QJsonObject{{QStringLiteral("id"), e.id},
                     {QStringLiteral("profile_id"), e.profileId},
                     {QStringLiteral("prompt"), e.prompt},
                     {QStringLiteral("negative"), e.negative},
                     {QStringLiteral("rating"), nullOr(e.rating)},
                     {QStringLiteral("weight"), nullOr(e.weight)},
                     {QStringLiteral("effective_weight"), e.effectiveWeight()},
                     {QStringLiteral("image"), image},
                     {QStringLiteral("image_info"), imageInfo},
                     {QStringLiteral("tags"), QJsonArray::fromStringList(e.tags)},
                     {QStringLiteral("source"), toString(e.source)},
                     {QStringLiteral("created"), isoTime(e.created)}};
}

QString profileLine(const HistoryStore& store, const Profile& p) {
  QString line = QStringLiteral("%1  %2  %3  (%4 entries)")
                     .arg(p.id, 4)
                     .arg(toString(p.kind), -5)
                     .arg(p.name)
                     .arg(store.entryCount(p.id));
  if (!p.description.isEmpty()) line += QStringLiteral("  ") + p.description;
  return line;
}

QString entryLine(const HistoryEntry& e) {
  const QString rating = e.rating ? QStringLiteral("%1/5").arg(*e.rating) : QStringLiteral("  - ");
  QString line = QStringLiteral("%1  %2  w %3  %4")
                     .arg(e.id, 6)
                     .arg(rating)
                     .arg(e.effectiveWeight(), 0, 'f', 2)
                     .arg(e.prompt);
  if (!e.tags.isEmpty()) line += QStringLiteral("  [") + e.tags.join(QStringLiteral(", ")) + QLatin1Char(']');
  if (e.image) line += QStringLiteral("  (image %1x%2)").arg(e.image->width).arg(e.image->height);
  return line;
}

}  // namespace fan::cli
