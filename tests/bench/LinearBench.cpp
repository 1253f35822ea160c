// Linear-layer products of the text encoders: kernels::PackedLinear (weights packed at load for
// the AVX-512 GEMM) against kernels::linear (BLAS, split over threads by columns up to 256 rows),
// at CLIP-L's 77 tokens and at batches of 10 and 32 prompts, for its attention (768 -> 768) and
// MLP (768 -> 3072 -> 768) shapes. The data behind the encoders' use of PackedLinear.
#include "kernels/Linear.h"
#include "kernels/PackedLinear.h"
#include "tests/bench/Bench.h"

#include <torch/torch.h>

namespace {

struct Shape {
  const char* name;
  int64_t rows, in, out;
};

void linearBench(fan::bench::Context& ctx) {
  const torch::NoGradGuard noGrad;
  const Shape shapes[] = {{"clip_l_b1_attn", 77, 768, 768},     {"clip_l_b1_fc1", 77, 768, 3072},
                          {"clip_l_b1_fc2", 77, 3072, 768},     {"clip_l_b10_fc1", 770, 768, 3072},
                          {"clip_l_b10_fc2", 770, 3072, 768},   {"clip_l_b32_fc1", 2464, 768, 3072},
                          {"clip_l_b32_fc2", 2464, 3072, 768}};
  for (const Shape& s : shapes) {
    torch::manual_seed(0);
    const torch::Tensor x = torch::randn({s.rows, s.in}), w = torch::randn({s.out, s.in}), b = torch::randn({s.out});
    const fan::kernels::PackedLinear packed(w, b);
    const double flops = 2.0 * s.rows * s.in * s.out;
    const std::pair<QString, std::function<void()>> paths[] = {
        {"packed", [&] { packed(x); }}, {"blas", [&] { fan::kernels::linear(x, w, b); }}};
    for (const auto& [pathName, work] : paths) {
      const QJsonObject config{{"rows", qint64(s.rows)}, {"in", qint64(s.in)}, {"out", qint64(s.out)},
                               {"path", pathName}, {"weights_packed", packed.packed()}, {"dtype", "float32"}};
      const QJsonObject rec = ctx.measure(QStringLiteral("linear"),
                                          QStringLiteral("%1_%2").arg(QString::fromLatin1(s.name), pathName), config,
                                          work);
      if (ctx.options().out)
        *ctx.options().out << "  " << QString::number(flops / rec.value("median_ms").toDouble() / 1e6, 'f', 1)
                           << " GFLOP/s, CPU " << QString::number(rec.value("median_cpu_ms").toDouble(), 'f', 2)
                           << " ms\n";
    }
  }
}

}  // namespace

FAN_BENCHMARK(linear, "linear",
              "text-encoder linear layers: weights packed for the AVX-512 GEMM vs BLAS (CLIP-L shapes, 1-32 prompts)",
              linearBench)
