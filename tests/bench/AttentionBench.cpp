// Attention kernel benchmarks: the flash kernel (kernels/FlashAttention) against the blocked
// LibTorch path (kernels::blockedAttention, 256 MiB of scores at most) and, up to 4096 tokens,
// the one-shot path that materializes every score. Two parts:
//   scaling: SD-1.5's first-level spatial self-attention (8 heads of 40) from 1k to 16k tokens,
//            time and the extra peak memory of one call (linear for flash);
//   shapes:  the attention shapes the models run (UNet self/cross attention at 256 and 512 px,
//            VAE mid-block, CLIP-L, T5-base), the measurements behind kernels::choosePath().
#include "kernels/Attention.h"
#include "kernels/FlashAttention.h"
#include "tests/bench/Bench.h"

#include <cmath>
#include <functional>
#include <limits>

#include <torch/torch.h>

namespace {

struct Shape {
  const char* name;
  int64_t batch, heads, queries, keys, headDim;
  bool causal = false;
};

// Heads as views of [B, L, H*D] projections, as the models pass them.
torch::Tensor heads(int64_t batch, int64_t length, int64_t heads, int64_t dim) {
  return torch::randn({batch, length, heads * dim}).view({batch, length, heads, dim}).transpose(1, 2);
}

QJsonObject shapeConfig(const Shape& s) {
  return {{"batch", qint64(s.batch)},       {"heads", qint64(s.heads)},  {"queries", qint64(s.queries)},
          {"keys", qint64(s.keys)},         {"head_dim", qint64(s.headDim)}, {"causal_mask", s.causal},
          {"dtype", "float32"}};
}

using Path = std::function<torch::Tensor(const torch::Tensor&, const torch::Tensor&, const torch::Tensor&,
                                         const std::optional<torch::Tensor>&)>;

// Extra resident memory of one call over what was resident before it, in MiB.
double extraPeakMiB(const std::function<void()>& work) {
  if (!fan::bench::resetPeakRss()) return -1;
  const double before = fan::bench::rssMiB();
  work();
  return fan::bench::peakRssMiB() - before;
}

void measureShape(fan::bench::Context& ctx, const QString& benchmark, const Shape& s,
                  const std::vector<std::pair<QString, Path>>& paths) {
  torch::manual_seed(0);
  const torch::Tensor q = heads(s.batch, s.queries, s.heads, s.headDim);
  const torch::Tensor k = heads(s.batch, s.keys, s.heads, s.headDim);
  const torch::Tensor v = heads(s.batch, s.keys, s.heads, s.headDim);
  const std::optional<torch::Tensor> bias =
      s.causal ? std::optional<torch::Tensor>(fan::kernels::causalMask(s.queries, torch::kFloat)) : std::nullopt;
  const double flops = 4.0 * s.batch * s.heads * s.queries * s.keys * s.headDim;
  for (const auto& [pathName, path] : paths) {
    const double extra = extraPeakMiB([&] { path(q, k, v, bias); });
    QJsonObject config = shapeConfig(s);
    config.insert("path", pathName);
    const QJsonObject rec = ctx.measure(benchmark, QStringLiteral("%1_%2").arg(QString::fromLatin1(s.name), pathName),
                                        config, [&] { path(q, k, v, bias); }, {{"extra_peak_mib", extra}});
    if (ctx.options().out)
      *ctx.options().out << "  " << QString::number(flops / rec.value("median_ms").toDouble() / 1e6, 'f', 1)
                         << " GFLOP/s, CPU " << QString::number(rec.value("median_cpu_ms").toDouble(), 'f', 1)
                         << " ms, extra peak " << QString::number(extra, 'f', 1) << " MiB\n";
  }
}

struct Paths {
  Path flash, blocked, oneShot;
};

Paths paths() {
  auto scaleOf = [](const torch::Tensor& q) { return 1.0 / std::sqrt(double(q.size(3))); };
  return {[=](const auto& q, const auto& k, const auto& v, const auto& b) {
            return fan::kernels::flashAttention(q, k, v, scaleOf(q), b);
          },
          [=](const auto& q, const auto& k, const auto& v, const auto& b) {
            return fan::kernels::blockedAttention(q, k, v, scaleOf(q), b);
          },
          [=](const auto& q, const auto& k, const auto& v, const auto& b) {
            return fan::kernels::blockedAttention(q, k, v, scaleOf(q), b, std::numeric_limits<int64_t>::max());
          }};
}

void scalingBench(fan::bench::Context& ctx) {
  const torch::NoGradGuard noGrad;
  const Paths p = paths();
  for (const int64_t tokens : {1024, 2048, 4096, 8192, 16384}) {
    const QByteArray name = "self_L" + QByteArray::number(qint64(tokens));
    std::vector<std::pair<QString, Path>> cases{{"flash", p.flash}, {"blocked", p.blocked}};
    if (tokens <= 4096) cases.emplace_back("one_shot", p.oneShot);
    measureShape(ctx, QStringLiteral("attention_scaling"), {name.constData(), 1, 8, tokens, tokens, 40}, cases);
  }
}

void shapesBench(fan::bench::Context& ctx) {
  const torch::NoGradGuard noGrad;
  const Paths p = paths();
  const std::vector<Shape> shapes{
      {"unet256_self_l1", 2, 8, 1024, 1024, 40}, {"unet256_self_l2", 2, 8, 256, 256, 80},
      {"unet256_self_l3", 2, 8, 64, 64, 160},    {"unet256_cross_l1", 2, 8, 1024, 77, 40},
      {"unet256_cross_l3", 2, 8, 64, 77, 160},   {"unet512_self_l1", 2, 8, 4096, 4096, 40},
      {"unet512_cross_l1", 2, 8, 4096, 77, 40},  {"vae256_mid", 1, 1, 1024, 1024, 512},
      {"vae512_mid", 1, 1, 4096, 4096, 512},     {"clip_l_b1", 1, 12, 77, 77, 64, true},
      {"clip_l_b10", 10, 12, 77, 77, 64, true},  {"t5_base_b1", 1, 12, 77, 77, 64},
  };
  for (const Shape& s : shapes)
    measureShape(ctx, QStringLiteral("attention_shapes"), s, {{"flash", p.flash}, {"blocked", p.blocked}});
}

}  // namespace

FAN_BENCHMARK(attention, "attention",
              "attention kernel scaling, 1k-16k tokens: flash vs blocked vs one-shot (time, extra peak memory)",
              scalingBench)
FAN_BENCHMARK(attentionShapes, "attention-shapes",
              "flash vs blocked attention on the models' shapes (UNet, VAE, CLIP-L, T5): the path rule's data",
              shapesBench)
