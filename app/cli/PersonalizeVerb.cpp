// fan-cli personalize: one FAN request from the command line (profiling report + conditions).
#include "app/cli/CliSupport.h"
#include "app/cli/Sweep.h"
#include "core/fan/FanEngine.h"
#include "core/fan/PersonalizedConditions.h"
#include "core/io/DiffusersFolder.h"
#include "core/io/Safetensors.h"
#include "core/store/HistoryStore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace fan::cli {
namespace {

const char* const kUsage =
    "Usage: fan-cli personalize --model DIR (--profile NAME | --refs FILE) [--alpha A] [options] TARGET\n\n"
    "Profiles the history, runs personalized attention in the model's text encoder(s) and reports\n"
    "the picked references; optionally writes the conditions the generator would receive.\n\n"
    "Options:\n"
    "  --model DIR            a diffusers pipeline folder (SD 1.x/2.x/XL) or a T5 encoder folder\n"
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
    "  --negative TEXT        negative prompt for the pipeline-default CFG negative\n"
    "  --clip-skip N          1 = last layer (default), 2 = penultimate, ...\n"
    "  --json                 print the profiling report as one JSON object\n"
    "  --out FILE             write the conditions (personalized_*, target_*, negative_*) as safetensors\n"
    "  --sweep START:STOP:STEP  one --out file per alpha, named <out>.alpha-0.40.safetensors\n"
    "  --help                 show this help\n";

std::vector<Reference> readRefs(const QString& path) {
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

double number(const QCommandLineParser& p, const char* name, double fallback) {
  if (!p.isSet(QLatin1String(name))) return fallback;
  bool ok = false;
  const double v = p.value(QLatin1String(name)).toDouble(&ok);
  if (!ok) throw BadUsage(QStringLiteral("--%1 expects a number, got '%2'").arg(name, p.value(QLatin1String(name))));
  return v;
}

QJsonObject reportJson(const PersonalizationResult& r, bool byEntryId, double alpha) {
  auto id = [&](int index) -> QJsonValue {
    return byEntryId ? QJsonValue(r.history[static_cast<size_t>(index)].entryId) : QJsonValue(index);
  };
  QJsonArray candidates, picks, weights, scores, distances, prompts;
  for (int c : r.report.candidates) candidates.append(id(c));
  for (const ProfilePick& p : r.report.picks) {
    picks.append(id(p.index));
    scores.append(p.relevance);
    distances.append(p.distance);
    prompts.append(r.history[static_cast<size_t>(p.index)].prompt);
  }
  for (const Reference& ref : r.references) weights.append(ref.weight);
  return {{"alpha", alpha},         {"profiled", r.report.profiled}, {"history_size", static_cast<int>(r.history.size())},
          {"candidates", candidates}, {"picks", picks},                {"pick_prompts", prompts},
          {"weights", weights},     {"relevance", scores},           {"distance", distances}};
}

void writeConditions(const QString& path, const PersonalizedConditions& c) {
  WeightMap tensors;
  auto put = [&](const std::string& prefix, const Condition& cond) {
    tensors[prefix + "_prompt_embeds"] = cond.sequence.contiguous();
    if (cond.pooled.defined()) tensors[prefix + "_pooled_prompt_embeds"] = cond.pooled.contiguous();
  };
  put("personalized", c.personalized);
  put("target", c.target);
  put("negative", c.negative);
  saveSafetensors(path, tensors);
}

int personalize(Context& ctx, const QStringList& args) {
  QCommandLineParser p;
  p.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
  for (const char* name : {"model", "profile", "refs", "alpha", "sample-size", "kappa", "pa-layers", "skip-mode",
                           "query-start", "cfg-negative", "negative", "clip-skip", "out", "sweep"})
    p.addOption(QCommandLineOption(QLatin1String(name), {}, QStringLiteral("VALUE")));
  p.addOption(QCommandLineOption(QStringLiteral("json")));
  p.addOption(QCommandLineOption(QStringLiteral("help")));
  if (!p.parse(QStringList{QStringLiteral("fan-cli")} + args)) throw BadUsage(p.errorText());
  if (p.isSet(QStringLiteral("help"))) {
    ctx.out << kUsage;
    return Ok;
  }
  if (p.value(QStringLiteral("model")).isEmpty()) throw BadUsage(QStringLiteral("--model DIR is required"));
  if (p.isSet(QStringLiteral("profile")) == p.isSet(QStringLiteral("refs")))
    throw BadUsage(QStringLiteral("give exactly one of --profile NAME and --refs FILE"));
  if (p.positionalArguments().size() != 1) throw BadUsage(QStringLiteral("give exactly one TARGET prompt"));
  if (p.isSet(QStringLiteral("sweep")) && !p.isSet(QStringLiteral("out")))
    throw BadUsage(QStringLiteral("--sweep writes files: give --out FILE"));

  PersonalizationRequest request;
  request.target = p.positionalArguments().first();
  request.attention.alpha = number(p, "alpha", 0.4);
  request.sampleSize = number(p, "sample-size", 0.1);
  request.kappa = static_cast<int>(number(p, "kappa", 3));
  request.clipSkip = static_cast<int>(number(p, "clip-skip", 1));
  try {
    if (p.isSet(QStringLiteral("pa-layers"))) request.attention.layers = PaLayerSet::parse(p.value(QStringLiteral("pa-layers")));
    if (p.isSet(QStringLiteral("skip-mode"))) request.attention.skipMode = parseSkipMode(p.value(QStringLiteral("skip-mode")));
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
  const std::vector<double> alphas =
      p.isSet(QStringLiteral("sweep")) ? parseSweep(p.value(QStringLiteral("sweep"))) : std::vector<double>{request.attention.alpha};

  std::unique_ptr<HistoryStore> store;
  if (p.isSet(QStringLiteral("profile"))) {
    store = std::make_unique<HistoryStore>(ctx.dataDir);
    request.profile = p.value(QStringLiteral("profile"));
  } else {
    request.references = readRefs(p.value(QStringLiteral("refs")));
  }
  const DiffusersFolder folder(p.value(QStringLiteral("model")));
  FanEngine engine(TextConditioner::load(folder), store.get());
  PersonalizationResult result = engine.personalize(request);
  std::vector<double> weights;
  for (const Reference& r : result.references) weights.push_back(r.weight);

  for (double alpha : alphas) {
    AttentionOptions options = request.attention;
    options.alpha = alpha;
    if (alphas.size() > 1) result = engine.update(weights, options);
    if (p.isSet(QStringLiteral("out"))) {
      const QString out = p.value(QStringLiteral("out"));
      const QString path = alphas.size() > 1 ? sweepFileName(out, alpha, QStringLiteral(".safetensors")) : out;
      writeConditions(path, *result.conditions);
      if (!p.isSet(QStringLiteral("json"))) ctx.out << "wrote " << path << "\n";
    }
  }
  if (p.isSet(QStringLiteral("json"))) {
    printJson(ctx.out, reportJson(result, store != nullptr, request.attention.alpha));
  } else {
    ctx.out << "history: " << result.history.size() << " entries, " << result.references.size() << " references"
            << (result.report.profiled ? " picked by profiling" : " used as given") << "\n";
    for (size_t i = 0; i < result.references.size(); ++i)
      ctx.out << "  " << i + 1 << ". [w " << QString::number(result.references[i].weight, 'g', 3) << "] "
              << result.references[i].prompt << "\n";
  }
  return Ok;
}

}  // namespace
}  // namespace fan::cli

FAN_CLI_VERB(personalize, "personalize", "personalize a target prompt with a profile or references (FAN)",
             [](fan::cli::Context& ctx, const QStringList& args) {
               return fan::cli::runGuarded(ctx, QStringLiteral("personalize"),
                                           [&] { return fan::cli::personalize(ctx, args); });
             })
