#include "app/cli/PersonalizationOptions.h"

#include "app/cli/CliSupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <stdexcept>

namespace fan::cli {

const char* const kPersonalizationHelp =
    "  --profile NAME         personalize with a stored profile's history\n"
    "  --refs FILE            a JSON array of {\"prompt\": ..., \"weight\": ...} (weight defaults to 1)\n"
    "  --alpha A              personalization degree, 0..1 (default 0.4)\n"
    "  --sample-size S        fraction of the history profiling keeps, 0..1 (default 0.1; 0 = use every\n"
    "                         reference as given, no profiling)\n"
    "  --kappa K              stage-1 candidates per pick (default 3)\n"
    "  --pa-layers SPEC       all | skip-first (default) | skip:K | a 0-based list like 2,3,4\n"
    "  --skip-mode MODE       self (default) | joint: attention outside the PA layers\n"
    "  --query-start START    target (default) | empty: what the personalized stream starts from\n"
    "  --cfg-negative WHICH   default (the pipeline's negative) | target (the plain target condition)\n"
    "  --negative TEXT        negative prompt\n"
    "  --clip-skip N          1 = last layer (default), 2 = penultimate, ...\n"
    "  --pin ID,...           with --profile: entry ids always used as references (first, in this order)\n"
    "  --exclude ID,...       with --profile: entry ids left out of the history\n"
    "  --detector FILE        a class-token detector (fan-cli train-detector) for the pooled output;\n"
    "                         repeat for a second encoder\n";

void addPersonalizationOptions(QCommandLineParser& parser) {
  for (const char* name : {"profile", "refs", "alpha", "sample-size", "kappa", "pa-layers", "skip-mode", "query-start",
                           "cfg-negative", "negative", "clip-skip", "pin", "exclude", "detector"})
    parser.addOption(QCommandLineOption(QLatin1String(name), {}, QStringLiteral("VALUE")));
}

bool wantsPersonalization(const QCommandLineParser& parser) {
  return parser.isSet(QStringLiteral("profile")) || parser.isSet(QStringLiteral("refs"));
}

double numberOption(const QCommandLineParser& parser, const char* name, double fallback) {
  if (!parser.isSet(QLatin1String(name))) return fallback;
  bool ok = false;
  const double v = parser.value(QLatin1String(name)).toDouble(&ok);
  if (!ok)
    throw BadUsage(QStringLiteral("--%1 expects a number, got '%2'").arg(name, parser.value(QLatin1String(name))));
  return v;
}

std::vector<Reference> readReferenceFile(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) throw std::runtime_error(path.toStdString() + ": cannot open");
  QJsonParseError error{};
  const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
  if (error.error != QJsonParseError::NoError || !doc.isArray())
    throw std::runtime_error(path.toStdString() + ": expected a JSON array of {\"prompt\": ..., \"weight\": ...}" +
                             (error.error ? " (" + error.errorString().toStdString() + ")" : std::string()));
  std::vector<Reference> refs;
  const QJsonArray items = doc.array();
  for (qsizetype i = 0; i < items.size(); ++i) {
    const QJsonObject o = items[i].toObject();
    const std::string where = path.toStdString() + ": item " + std::to_string(i);
    if (!o.value("prompt").isString()) throw std::runtime_error(where + ": \"prompt\" must be a string");
    const QJsonValue w = o.value("weight");
    if (!w.isUndefined() && !w.isDouble()) throw std::runtime_error(where + ": \"weight\" must be a number");
    refs.push_back({o.value("prompt").toString(), w.isUndefined() ? 1.0 : w.toDouble(), -1});
    if (refs.back().weight < 0) throw std::runtime_error(where + ": \"weight\" must be >= 0");
  }
  return refs;
}

namespace {

// "12,7,30" -> {12, 7, 30}; BadUsage naming the option for anything else.
std::vector<qint64> entryIds(const QCommandLineParser& p, const char* name) {
  std::vector<qint64> ids;
  for (const QString& value : p.values(QLatin1String(name))) {
    for (const QString& part : value.split(',')) {
      bool ok = false;
      const qint64 id = part.trimmed().toLongLong(&ok);
      if (!ok || id < 0)
        throw BadUsage(QStringLiteral("--%1 expects entry ids like 12,7,30, got '%2'").arg(name, value));
      ids.push_back(id);
    }
  }
  return ids;
}

}  // namespace

PersonalizationRequest personalizationRequest(const QCommandLineParser& p, const QString& target) {
  if (p.isSet(QStringLiteral("profile")) == p.isSet(QStringLiteral("refs")))
    throw BadUsage(QStringLiteral("give exactly one of --profile NAME and --refs FILE"));
  PersonalizationRequest request;
  request.target = target;
  request.attention.alpha = numberOption(p, "alpha", 0.4);
  request.sampleSize = numberOption(p, "sample-size", 0.1);
  request.kappa = static_cast<int>(numberOption(p, "kappa", 3));
  request.clipSkip = static_cast<int>(numberOption(p, "clip-skip", 1));
  try {
    if (p.isSet(QStringLiteral("pa-layers")))
      request.attention.layers = PaLayerSet::parse(p.value(QStringLiteral("pa-layers")));
    if (p.isSet(QStringLiteral("skip-mode")))
      request.attention.skipMode = parseSkipMode(p.value(QStringLiteral("skip-mode")));
    if (p.isSet(QStringLiteral("query-start")))
      request.attention.queryStart = parseQueryStart(p.value(QStringLiteral("query-start")));
  } catch (const std::invalid_argument& e) {
    throw BadUsage(QString::fromStdString(e.what()));
  }
  const QString cfg = p.value(QStringLiteral("cfg-negative"));
  if (!cfg.isEmpty() && cfg != QLatin1String("default") && cfg != QLatin1String("target"))
    throw BadUsage(QStringLiteral("--cfg-negative expects default or target, got '%1'").arg(cfg));
  request.cfgNegative = cfg == QLatin1String("target") ? CfgNegative::Target : CfgNegative::PipelineDefault;
  if (p.isSet(QStringLiteral("negative"))) request.negative = p.value(QStringLiteral("negative"));
  if ((p.isSet(QStringLiteral("pin")) || p.isSet(QStringLiteral("exclude"))) && !p.isSet(QStringLiteral("profile")))
    throw BadUsage(QStringLiteral("--pin and --exclude take a profile's entry ids: give --profile NAME "
                                  "(with --refs, weight 0 switches a reference off)"));
  request.pinnedEntries = entryIds(p, "pin");
  request.excludedEntries = entryIds(p, "exclude");
  request.detectors = p.values(QStringLiteral("detector"));
  if (p.isSet(QStringLiteral("profile")))
    request.profile = p.value(QStringLiteral("profile"));
  else
    request.references = readReferenceFile(p.value(QStringLiteral("refs")));
  return request;
}

}  // namespace fan::cli
