#include "core/demo/DemoEvaluation.h"

#include "core/demo/DemoJudge.h"
#include "core/demo/ImageJudge.h"
#include "core/fan/FanEngine.h"
#include "core/fan/PersonalizedConditions.h"
#include "core/pipelines/StableDiffusionPipeline.h"
#include "core/store/HistoryStore.h"

#include <ATen/CPUGeneratorImpl.h>

#include <QElapsedTimer>

#include <map>
#include <stdexcept>

namespace fan::demo {

namespace {

struct Variant {
  QString name;
  double sampleSize;
  QueryStart queryStart;
  PaLayerSet layers;
};

std::vector<Variant> allVariants() {
  return {{QStringLiteral("default"), 0.1, QueryStart::Target, PaLayerSet::skipFirst()},
          {QStringLiteral("no-profiling"), 0.0, QueryStart::Target, PaLayerSet::skipFirst()},
          {QStringLiteral("empty-query"), 0.1, QueryStart::Empty, PaLayerSet::skipFirst()},
          {QStringLiteral("pa-all"), 0.1, QueryStart::Target, PaLayerSet::all()}};
}

// Weighted vote per attribute; a value is dominant with at least half the weight of the entries
// that name the attribute.
template <typename T, typename Get>
std::optional<T> dominant(const std::vector<std::pair<Attributes, double>>& parsed, Get get) {
  std::map<int, double> votes;
  double total = 0;
  for (const auto& [a, w] : parsed)
    if (const std::optional<T> v = get(a)) {
      votes[int(*v)] += w;
      total += w;
    }
  for (const auto& [value, w] : votes)
    if (total > 0 && w >= 0.5 * total) return T(value);
  return std::nullopt;
}

// Initial noise of one seed, exactly as a one-image run with that seed draws it.
torch::Tensor seedLatents(int seeds, int64_t channels, int64_t size) {
  std::vector<torch::Tensor> rows;
  for (int s = 0; s < seeds; ++s) {
    at::Generator gen = at::detail::createCPUGenerator(uint64_t(s));
    rows.push_back(torch::randn({1, channels, size, size}, gen));
  }
  return torch::cat(rows);
}

}  // namespace

QStringList variantNames() {
  QStringList names;
  for (const Variant& v : allVariants()) names << v.name;
  return names;
}

Attributes dominantAttributes(const std::vector<std::pair<QString, double>>& history) {
  std::vector<std::pair<Attributes, double>> parsed;
  for (const auto& [text, weight] : history) parsed.emplace_back(parseCaption(text), weight);
  Attributes a;
  a.shape = dominant<Shape>(parsed, [](const Attributes& x) { return x.shape; });
  a.colour = dominant<Colour>(parsed, [](const Attributes& x) { return x.colour; });
  a.background = dominant<Colour>(parsed, [](const Attributes& x) { return x.background; });
  a.pattern = dominant<Pattern>(parsed, [](const Attributes& x) { return x.pattern; });
  return a;
}

QStringList evaluationTargets(const Attributes& preferred, int count) {
  QStringList targets;
  std::mt19937 rng(20261122);
  for (int i = 0; i < count; ++i) {
    const Scene scene = randomScene(rng, preferred);  // consistent with the preference (colours differ)
    Attributes named;
    if (!preferred.shape) named.shape = scene.shape;
    if (!preferred.colour) named.colour = scene.colour;
    if (!preferred.background) named.background = scene.background;
    if (!preferred.pattern) named.pattern = scene.pattern;
    targets << caption(named, std::nullopt, TemplateSet::HeldOut, rng);
  }
  return targets;
}

EvaluationResult evaluate(const EvaluationOptions& o, HistoryStore& store) {
  QElapsedTimer timer;
  timer.start();
  std::vector<Variant> variants;
  for (const Variant& v : allVariants())
    if (o.variants.isEmpty() || o.variants.contains(v.name)) variants.push_back(v);
  for (const QString& name : o.variants)
    if (!variantNames().contains(name))
      throw std::invalid_argument("evaluate: unknown variant '" + name.toStdString() +
                                  "'; known: " + variantNames().join(QStringLiteral(", ")).toStdString());
  if (o.seeds < 1 || o.targets < 1) throw std::invalid_argument("evaluate: seeds and targets must be at least 1");

  const Profile profile = store.profileByName(o.profile);
  std::vector<std::pair<QString, double>> history;
  for (const WeightedEntry& e : store.profilingHistory(profile.id)) history.emplace_back(e.entry.prompt, e.weight);
  EvaluationResult result;
  result.preferred = dominantAttributes(history);
  if (result.preferred.count() == 0)
    throw std::invalid_argument("evaluate: the history of '" + o.profile.toStdString() +
                                "' has no dominant demo-world attribute to align with");
  result.targets = evaluationTargets(result.preferred, o.targets);
  if (o.log) o.log(QStringLiteral("profile '%1' prefers %2").arg(o.profile, result.preferred.toString()));

  const std::unique_ptr<StableDiffusionPipeline> pipeline = StableDiffusionPipeline::load(o.modelDir);
  const Judge judge = Judge::load(o.modelDir + QStringLiteral("/judge/judge.safetensors"));
  FanEngine engine(pipeline->sharedConditioner(), &store);
  const int64_t latentSize = pipeline->defaultSize() / pipeline->vaeScaleFactor();
  PipelineParams params;
  params.steps = o.steps;
  params.guidanceScale = o.guidance;
  params.imagesPerPrompt = o.seeds;
  params.latents = seedLatents(o.seeds, pipeline->unet().config().inChannels, latentSize);

  for (const Variant& v : variants)
    for (double alpha : o.alphas) {
      EvaluationRow row{v.name, alpha};
      for (const QString& target : result.targets) {
        PersonalizationRequest request;
        request.target = target;
        request.profile = o.profile;
        request.sampleSize = v.sampleSize;
        request.attention.alpha = alpha;
        request.attention.queryStart = v.queryStart;
        request.attention.layers = v.layers;
        const PersonalizationResult personalized = engine.personalize(request);
        const PersonalizedConditions& c = *personalized.conditions;
        const torch::Tensor images = pipeline->generate(c.personalized, c.negative, params).images;
        const Attributes named = parseCaption(target);
        for (const Attributes& judged : judge.judge(images.permute({0, 3, 1, 2}))) {
          const ImageScore score = scoreJudged(named, result.preferred, judged);
          row.fidelity += score.faithful;
          row.alignment += score.alignment.value_or(0);
          row.alignmentAll += score.alignment == 1.0;
          ++row.images;
        }
      }
      row.fidelity /= row.images;
      row.alignment /= row.images;
      row.alignmentAll /= row.images;
      if (o.log)
        o.log(QStringLiteral("%1 alpha %2: fidelity %3%  alignment %4% (all %5%)")
                  .arg(v.name, -13)
                  .arg(alpha, 0, 'f', 2)
                  .arg(100 * row.fidelity, 5, 'f', 1)
                  .arg(100 * row.alignment, 5, 'f', 1)
                  .arg(100 * row.alignmentAll, 5, 'f', 1));
      result.rows.push_back(row);
    }
  result.seconds = timer.elapsed() / 1000.0;
  return result;
}

QString evaluationCsv(const QString& profile, const EvaluationResult& result) {
  QString csv = QStringLiteral("profile,variant,alpha,fidelity,alignment,alignment_all,images\n");
  for (const EvaluationRow& r : result.rows)
    csv += QStringLiteral("%1,%2,%3,%4,%5,%6,%7\n")
               .arg(profile, r.variant)
               .arg(r.alpha, 0, 'f', 2)
               .arg(100 * r.fidelity, 0, 'f', 1)
               .arg(100 * r.alignment, 0, 'f', 1)
               .arg(100 * r.alignmentAll, 0, 'f', 1)
               .arg(r.images);
  return csv;
}

}  // namespace fan::demo
