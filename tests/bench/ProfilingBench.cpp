// Profiling with the history matrix in memory (issue target: 10,000 entries < 20 ms).
#include "core/fan/Profiler.h"
#include "tests/bench/Bench.h"

#include <torch/torch.h>

namespace {

void profilingBench(fan::bench::Context& ctx) {
  for (const int64_t entries : {1000, 10000, 100000}) {
    for (const double sampleSize : {0.01, 0.1}) {
      torch::manual_seed(0);
      const torch::Tensor history = torch::randn({entries, 768});
      const torch::Tensor target = torch::randn({768});
      std::vector<double> weights(static_cast<size_t>(entries));
      for (size_t i = 0; i < weights.size(); ++i) weights[i] = 0.2 * static_cast<double>(1 + i % 5);
      const QJsonObject config{{"entries", static_cast<qint64>(entries)}, {"dim", 768},
                               {"sample_size", sampleSize}, {"kappa", 3}};
      ctx.measure(QStringLiteral("profiling"), QStringLiteral("n%1_s%2").arg(entries).arg(sampleSize), config,
                  [&] { fan::selectReferences(target, history, weights, {sampleSize, 3}); });
    }
  }
}

}  // namespace

FAN_BENCHMARK(profiling, "profiling", "tailored profiling over 1k/10k/100k in-memory entries", profilingBench)
