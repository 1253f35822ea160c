// Generator speed: per-step time of the tiny-sd pipeline (20 steps, 32x32, Euler, CFG) and of an
// SD-1.5-sized UNet (config as published, random weights made in memory) at 256x256 and (bench
// "generator-512") 512x512 with the CFG batch of 2, plus peak RSS. The tiny model is read from tests/data (run from the repository
// root) or from $FAN_BENCH_TINY_SD.
#include "core/io/JsonConfig.h"
#include "core/models/Unet2DConditionModel.h"
#include "core/pipelines/StableDiffusionPipeline.h"
#include "core/runtime/Runtime.h"
#include "tests/bench/Bench.h"

#include <QElapsedTimer>
#include <QFileInfo>

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>

#include <torch/torch.h>

namespace {

// Per-step timings from the pipeline's step callback over `runs` runs (after a warm-up run).
void tinyPipeline(fan::bench::Context& ctx) {
  const QString dir = qEnvironmentVariable("FAN_BENCH_TINY_SD", QStringLiteral("tests/data/models/tiny-sd"));
  if (!QFileInfo::exists(dir + "/model_index.json")) {
    if (ctx.options().out) *ctx.options().out << "generator: " << dir << " not found (run from the repository root)\n";
    return;
  }
  const auto pipeline = fan::StableDiffusionPipeline::load(dir);
  const auto conditions = pipeline->encodePrompt(QStringLiteral("a red circle on a blue background"), QString());
  fan::PipelineParams params;
  params.steps = 20;
  params.width = params.height = 32;
  params.sampler = "Euler";
  std::vector<double> steps, totals;
  QElapsedTimer timer;
  fan::PipelineHooks hooks;
  hooks.onStep = [&](int, int, const torch::Tensor&) {
    steps.push_back(timer.nsecsElapsed() / 1e6);
    timer.restart();
  };
  for (int run = 0; run <= ctx.options().runs; ++run) {
    const size_t before = steps.size();
    QElapsedTimer total;
    total.start();
    timer.start();
    pipeline->generate(conditions.positive, conditions.negative, params, hooks);
    if (run == 0) steps.resize(before);  // warm-up
    else totals.push_back(total.nsecsElapsed() / 1e6);
  }
  const QJsonObject config{{"model", "tiny-sd"}, {"steps", 20}, {"size", "32x32"}, {"sampler", "Euler"}, {"cfg_batch", 2}};
  ctx.record(QStringLiteral("generator"), QStringLiteral("tiny-sd_step_32px"), config, steps,
             {{"peak_rss_mib", fan::bench::peakRssMiB()}});
  ctx.record(QStringLiteral("generator"), QStringLiteral("tiny-sd_20_steps_total_32px"), config, totals,
             {{"peak_rss_mib", fan::bench::peakRssMiB()}});
}

// runwayml/stable-diffusion-v1-5 unet/config.json (the keys that differ from the defaults are the defaults).
fan::UnetConfig sd15Config() {
  fan::UnetConfig c;
  c.sampleSize = 64;
  c.crossAttentionDim = 768;
  return c;
}

// Random weights shaped like a trained model's: N(0, 1/sqrt(fan_in)) matrices and kernels,
// norm scales 1, small biases, so activations stay O(1) through the blocks.
fan::WeightMap randomWeights(const std::vector<fan::TensorSpec>& specs) {
  fan::WeightMap weights;
  torch::manual_seed(0);
  for (const fan::TensorSpec& s : specs) {
    torch::Tensor t;
    if (s.shape.size() >= 2) {
      const int64_t fanIn = std::accumulate(s.shape.begin() + 1, s.shape.end(), int64_t(1), std::multiplies<>());
      t = torch::randn(s.shape) / std::sqrt(double(fanIn));
    } else if (s.name.find("norm") != std::string::npos && s.name.size() > 7 &&
               s.name.compare(s.name.size() - 7, 7, ".weight") == 0) {
      t = torch::ones(s.shape);
    } else {
      t = torch::randn(s.shape) * 0.02;
    }
    weights[s.name] = t;
  }
  return weights;
}

// One CFG step (batch 2, guidance 7.5) of a random SD-1.5-sized UNet at `pixels` x `pixels`.
// The peak RSS is the step's: reset once the model is built and its freed temporaries are handed
// back as the pipeline's loader does (building briefly holds the random weight map and the
// model's packed copies), so it counts resident weights plus activations.
void sd15Unet(fan::bench::Context& ctx, int64_t pixels) {
  const fan::UnetConfig config = sd15Config();
  const auto specs = fan::Unet2DConditionModel::expectedTensors(config);
  int64_t parameters = 0;
  for (const auto& s : specs)
    parameters += std::accumulate(s.shape.begin(), s.shape.end(), int64_t(1), std::multiplies<>());
  fan::Unet2DConditionModel unet(config, randomWeights(specs), QStringLiteral("random SD 1.5 UNet"));
  fan::releaseFreedMemory();
  fan::bench::resetPeakRss();
  torch::manual_seed(1);
  const int64_t latent = pixels / 8;
  const torch::Tensor latents = torch::randn({1, 4, latent, latent});
  const torch::Tensor context = torch::randn({2, 77, 768});
  const torch::Tensor t = torch::tensor(500.0f);
  const double g = 7.5;
  const QString size = QStringLiteral("%1x%1").arg(pixels);
  const QJsonObject cfg{{"model", "SD 1.5 UNet config, random weights"}, {"parameters", qint64(parameters)},
                        {"size", size}, {"latents", QStringLiteral("%1x%1").arg(latent)}, {"cfg_batch", 2},
                        {"context", "77x768"}};
  auto step = [&] {
    const auto halves = unet.forward(torch::cat({latents, latents}), t, context).chunk(2);
    return halves[0] + g * (halves[1] - halves[0]);
  };
  step();  // warm-up
  std::vector<double> timings, cpu;
  for (int run = 0; run < ctx.options().runs; ++run) {
    QElapsedTimer timer;
    const double cpuStart = fan::bench::processCpuMs();
    timer.start();
    step();
    timings.push_back(timer.nsecsElapsed() / 1e6);
    cpu.push_back(fan::bench::processCpuMs() - cpuStart);
  }
  std::sort(cpu.begin(), cpu.end());
  // Recorded after the runs, so the peak includes the UNet's activations.
  ctx.record(QStringLiteral("generator"), QStringLiteral("sd15-unet_step_%1px").arg(pixels), cfg, timings,
             {{"median_cpu_ms", cpu[cpu.size() / 2]}, {"peak_rss_mib", fan::bench::peakRssMiB()}});
}

void generatorBench(fan::bench::Context& ctx) {
  tinyPipeline(ctx);
  sd15Unet(ctx, 256);
}

}  // namespace

FAN_BENCHMARK(generator, "generator",
              "per-step time: tiny-sd pipeline (20 steps, 32x32) and an SD-1.5-sized UNet at 256x256 (CFG batch 2)",
              generatorBench)
FAN_BENCHMARK(generatorTiny, "generator-tiny", "per-step time of the tiny-sd pipeline alone (20 steps, 32x32)",
              tinyPipeline)
FAN_BENCHMARK(generator512, "generator-512",
              "SD-1.5-sized UNet step at 512x512 (CFG batch 2): time and peak RSS (a few minutes on 2 cores)",
              [](fan::bench::Context& ctx) { sd15Unet(ctx, 512); })
