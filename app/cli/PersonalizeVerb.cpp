// fan-cli personalize: one FAN request from the command line (profiling report + conditions).
#include "app/cli/CliSupport.h"
#include "app/cli/PersonalizationOptions.h"
#include "app/cli/Sweep.h"
#include "core/fan/FanEngine.h"
#include "core/fan/PersonalizedConditions.h"
#include "core/io/DiffusersFolder.h"
#include "core/io/Safetensors.h"
#include "core/store/HistoryStore.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace fan::cli {
namespace {

const QString kUsage = QStringLiteral(
    "Usage: fan-cli personalize --model DIR (--profile NAME | --refs FILE) [--alpha A] [options] TARGET\n\n"
    "Profiles the history, runs personalized attention in the model's text encoder(s) and reports\n"
    "the picked references; optionally writes the conditions the generator would receive.\n\n"
    "Options:\n"
    "  --model DIR            a diffusers pipeline folder (SD 1.x/2.x/XL) or a T5 encoder folder\n") +
    QLatin1String(kPersonalizationHelp) +
    QStringLiteral(
    "  --json                 print the profiling report as one JSON object\n"
    "  --out FILE             write the conditions (personalized_*, target_*, negative_*) as safetensors\n"
    "  --sweep START:STOP:STEP  one --out file per alpha, named <out>.alpha-0.40.safetensors\n"
    "  --help                 show this help\n");

QJsonObject reportJson(const PersonalizationResult& r, bool byEntryId, double alpha) {
  auto id = [&](int index) -> QJsonValue {
    return byEntryId ? QJsonValue(r.history[static_cast<size_t>(index)].entryId) : QJsonValue(index);
  };
  QJsonArray candidates, picks, pinned, weights, scores, distances, prompts;
  for (int c : r.report.candidates) candidates.append(id(c));
  for (const ProfilePick& p : r.report.picks) {
    picks.append(id(p.index));
    if (p.pinned) pinned.append(id(p.index));
    scores.append(p.relevance);
    distances.append(p.distance);
    prompts.append(r.history[static_cast<size_t>(p.index)].prompt);
  }
  for (const Reference& ref : r.references) weights.append(ref.weight);
  return {{"alpha", alpha},         {"profiled", r.report.profiled}, {"history_size", static_cast<int>(r.history.size())},
          {"candidates", candidates}, {"picks", picks},                {"pick_prompts", prompts}, {"pinned", pinned},
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
  addPersonalizationOptions(p);
  for (const char* name : {"model", "out", "sweep"})
    p.addOption(QCommandLineOption(QLatin1String(name), {}, QStringLiteral("VALUE")));
  p.addOption(QCommandLineOption(QStringLiteral("json")));
  p.addOption(QCommandLineOption(QStringLiteral("help")));
  if (!p.parse(QStringList{QStringLiteral("fan-cli")} + args)) throw BadUsage(p.errorText());
  if (p.isSet(QStringLiteral("help"))) {
    ctx.out << kUsage;
    return Ok;
  }
  if (p.value(QStringLiteral("model")).isEmpty()) throw BadUsage(QStringLiteral("--model DIR is required"));
  if (p.positionalArguments().size() != 1) throw BadUsage(QStringLiteral("give exactly one TARGET prompt"));
  if (p.isSet(QStringLiteral("sweep")) && !p.isSet(QStringLiteral("out")))
    throw BadUsage(QStringLiteral("--sweep writes files: give --out FILE"));
  const PersonalizationRequest request = personalizationRequest(p, p.positionalArguments().first());
  const std::vector<double> alphas =
      p.isSet(QStringLiteral("sweep")) ? parseSweep(p.value(QStringLiteral("sweep"))) : std::vector<double>{request.attention.alpha};

  std::unique_ptr<HistoryStore> store;
  if (!request.profile.isEmpty()) store = std::make_unique<HistoryStore>(ctx.dataDir);
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
              << (result.report.picks[i].pinned ? "(pinned) " : "") << result.references[i].prompt << "\n";
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
