// The embedded demo model's interactive sweep (issue 10: a 4-image alpha sweep on the CPU under
// 2 seconds): profile the "Demo artist" history once, then for alphas 0, 1/3, 2/3 and 1 re-encode
// the personalized condition and generate one 32x32 image (20 steps, CFG 5), as the GUI's sweep does.
#include "core/fan/FanEngine.h"
#include "core/fan/PersonalizedConditions.h"
#include "core/pipelines/StableDiffusionPipeline.h"
#include "core/runtime/ResourcePaths.h"
#include "core/store/DemoData.h"
#include "core/store/HistoryStore.h"
#include "tests/bench/Bench.h"

#include <QTemporaryDir>

#include <torch/torch.h>

namespace {

void demoSweep(fan::bench::Context& ctx) {
  const QString dir = fan::embeddedModelDir();
  if (dir.isEmpty()) {
    if (ctx.options().out) *ctx.options().out << "demo-sweep: no embedded model found\n";
    return;
  }
  QTemporaryDir data;
  fan::HistoryStore store(data.path());
  fan::seedDemoData(store);
  const auto pipeline = fan::StableDiffusionPipeline::load(dir);
  fan::FanEngine engine(pipeline->sharedConditioner(), &store);
  fan::PersonalizationRequest request;
  request.target = QStringLiteral("a red star");
  request.profile = QStringLiteral("Demo artist");
  fan::PipelineParams params;
  params.steps = 20;
  params.guidanceScale = 5.0;
  const std::vector<double> alphas{0.0, 1.0 / 3, 2.0 / 3, 1.0};
  const QJsonObject config{{"model", dir},         {"profile", request.profile}, {"target", request.target},
                           {"images", int(alphas.size())}, {"steps", params.steps},  {"guidance", params.guidanceScale}};
  ctx.measure(QStringLiteral("demo_sweep"), QStringLiteral("4_alphas"), config, [&] {
    fan::PersonalizationResult result = engine.personalize(request);
    std::vector<double> weights;
    for (const fan::Reference& r : result.references) weights.push_back(r.weight);
    for (double alpha : alphas) {
      fan::AttentionOptions attention = request.attention;
      attention.alpha = alpha;
      result = engine.update(weights, attention);
      const fan::PersonalizedConditions& c = *result.conditions;
      params.seed = 7;
      pipeline->generate(c.personalized, c.negative, params);
    }
  });
}

}  // namespace

FAN_BENCHMARK(demoSweep, "demo-sweep", "embedded demo model: profile once, then a 4-image alpha sweep (20 steps, 32x32)",
              demoSweep)
