// Profiling with the history matrix in memory (issue target: 10,000 entries < 20 ms), and the time
// to build that matrix from the store's embedding cache (a profile whose token-averaged conditions
// are all cached: one batched lookup, a query per chunk of texts, then one [N, D] matrix).
#include "core/fan/Profiler.h"
#include "core/store/HistoryStore.h"
#include "tests/bench/Bench.h"

#include <QTemporaryDir>

#include <torch/torch.h>

namespace {

constexpr int64_t kDim = 768;  // CLIP-L width

std::vector<double> benchWeights(int64_t entries) {
  std::vector<double> weights(static_cast<size_t>(entries));
  for (size_t i = 0; i < weights.size(); ++i) weights[i] = 0.2 * static_cast<double>(1 + i % 5);
  return weights;
}

void profilingBench(fan::bench::Context& ctx) {
  for (const int64_t entries : {1000, 10000, 100000}) {
    torch::manual_seed(0);
    const torch::Tensor history = torch::randn({entries, kDim});
    const torch::Tensor target = torch::randn({kDim});
    const std::vector<double> weights = benchWeights(entries);
    for (const double sampleSize : {0.01, 0.1}) {
      const QJsonObject config{{"entries", static_cast<qint64>(entries)}, {"dim", static_cast<qint64>(kDim)},
                               {"sample_size", sampleSize}, {"kappa", 3}, {"data", "randn"}};
      ctx.measure(QStringLiteral("profiling"), QStringLiteral("n%1_s%2").arg(entries).arg(sampleSize), config,
                  [&] { fan::selectReferences(target, history, weights, {sampleSize, 3, {}}); });
    }
  }
}

void storeLoadBench(fan::bench::Context& ctx) {
  QTemporaryDir dir;
  fan::HistoryStore store(dir.path());
  const QString key = QStringLiteral("bench-768");
  int64_t stored = 0;
  for (const int64_t entries : {1000, 10000, 100000}) {
    QStringList texts;
    for (int64_t i = 0; i < entries; ++i) texts << QStringLiteral("history prompt number %1, watercolor, soft light").arg(i);
    std::vector<std::pair<QString, std::vector<float>>> rows;
    torch::manual_seed(1);
    const torch::Tensor vectors = torch::randn({entries - stored, kDim});
    for (int64_t i = stored; i < entries; ++i) {
      const float* v = vectors[i - stored].data_ptr<float>();
      rows.emplace_back(texts[static_cast<qsizetype>(i)], std::vector<float>(v, v + kDim));
    }
    store.storeEmbeddings(key, rows);
    stored = entries;
    const QJsonObject config{{"entries", static_cast<qint64>(entries)}, {"dim", static_cast<qint64>(kDim)}};
    ctx.measure(QStringLiteral("profiling_store_load"), QStringLiteral("n%1").arg(entries), config, [&] {
      torch::Tensor matrix = torch::empty({entries, kDim});
      float* out = matrix.data_ptr<float>();
      const std::vector<std::optional<std::vector<float>>> cached = store.cachedEmbeddings(key, texts);
      for (int64_t i = 0; i < entries; ++i) {
        const std::optional<std::vector<float>>& v = cached[static_cast<size_t>(i)];
        if (!v) throw std::runtime_error("benchmark: missing cached embedding");
        std::memcpy(out + i * kDim, v->data(), sizeof(float) * kDim);
      }
    });
  }
}

}  // namespace

FAN_BENCHMARK(profiling, "profiling", "tailored profiling over 1k/10k/100k in-memory entries", profilingBench)
FAN_BENCHMARK(profilingStoreLoad, "profiling-store-load",
              "building the 1k/10k/100k x 768 history matrix from the store's embedding cache", storeLoadBench)
