#include "kernels/FlashAttention.h"

#include "kernels/AttentionTiles.h"
#include "kernels/Blas.h"
#include "kernels/VectorMath.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <atomic>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace fan::kernels {
namespace {

constexpr float kMinusInf = -std::numeric_limits<float>::infinity();

using tiles::HeadOperand;

// One thread's scratch: a scores tile and the running output, max and sum of its query rows.
struct Scratch {
  Scratch(const FlashTiles& sizes, int64_t valueDim)
      : scores(sizes.queries * sizes.keys), accumulator(sizes.queries * valueDim), rowMax(sizes.queries),
        rowSum(sizes.queries) {}
  std::vector<float> scores, accumulator, rowMax, rowSum;
};

}  // namespace

bool flashAttentionApplicable(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v,
                              const std::optional<at::Tensor>& bias) {
  // No backward: anything that needs a gradient stays on the differentiable path.
  if (!tiles::float32CpuInference(q, k, v, bias)) return false;
  const bool sameBatchHeads = k.size(0) == q.size(0) && k.size(1) == q.size(1) && v.size(0) == q.size(0) &&
                              v.size(1) == q.size(1);
  return sameBatchHeads && k.size(3) == q.size(3) && v.size(2) == k.size(2) && k.size(2) > 0;
}

at::Tensor flashAttention(const at::Tensor& qIn, const at::Tensor& kIn, const at::Tensor& vIn, double scale,
                          const std::optional<at::Tensor>& biasIn, const FlashTiles& tileSizes) {
  if (!flashAttentionApplicable(qIn, kIn, vIn, biasIn))
    throw std::invalid_argument("flashAttention: expects float32 CPU tensors q [B,H,Lq,D], k [B,H,Lk,D], "
                                "v [B,H,Lk,Dv] with Lk > 0, a float32 bias and no gradient");
  if (tileSizes.queries < 1 || tileSizes.keys < 1)
    throw std::invalid_argument("flashAttention: tile sizes must be >= 1");
  const at::Tensor q = tiles::blasRows(qIn), k = tiles::blasRows(kIn), v = tiles::blasRows(vIn);
  const int64_t B = q.size(0), H = q.size(1), Lq = q.size(2), D = q.size(3), Lk = k.size(2), Dv = v.size(3);
  at::Tensor bias;
  if (biasIn) {
    bias = biasIn->expand({B, H, Lq, Lk});  // throws (naming both shapes) when it does not broadcast
    if (bias.stride(3) != 1) bias = bias.contiguous();
  }
  // [B,Lq,H,Dv] memory, returned as the [B,H,Lq,Dv] view.
  at::Tensor out = at::empty({B, Lq, H, Dv}, q.options());
  if (out.numel() == 0) return out.transpose(1, 2);

  const HeadOperand qs(q), ks(k), vs(v);
  const std::optional<HeadOperand> bs = bias.defined() ? std::optional<HeadOperand>(bias) : std::nullopt;
  float* const outData = out.data_ptr<float>();
  const int64_t queryTiles = (Lq + tileSizes.queries - 1) / tileSizes.queries;
  const float scaleF = static_cast<float>(scale);
  const int64_t grain =
      tiles::parallelGrain(2.0 * static_cast<double>(std::min(tileSizes.queries, Lq)) * Lk * (D + Dv));

  // Threads pull tasks from a shared counter rather than taking fixed halves, so a thread the OS
  // preempts (the machine is shared) does not leave its half waiting; results do not depend on
  // which thread runs a task.
  const int64_t tasks = B * H * queryTiles;
  std::atomic<int64_t> nextTask{0};
  const int64_t workers = std::max<int64_t>(1, std::min<int64_t>(at::get_num_threads(), tasks / grain));
  at::parallel_for(0, workers, 1, [&](int64_t, int64_t) {
    Scratch scratch(tileSizes, Dv);
    for (int64_t task = nextTask++; task < tasks; task = nextTask++) {
      const int64_t b = task / (H * queryTiles), h = (task / queryTiles) % H;
      const int64_t q0 = (task % queryTiles) * tileSizes.queries, rows = std::min(tileSizes.queries, Lq - q0);
      std::fill_n(scratch.accumulator.begin(), rows * Dv, 0.0f);
      std::fill_n(scratch.rowMax.begin(), rows, kMinusInf);
      std::fill_n(scratch.rowSum.begin(), rows, 0.0f);
      for (int64_t k0 = 0; k0 < Lk; k0 += tileSizes.keys) {
        const int64_t cols = std::min(tileSizes.keys, Lk - k0);
        blas::gemm(blas::Transpose::Yes, rows, cols, D, 1.0f, qs.at(b, h, q0), qs.row, ks.at(b, h, k0), ks.row, 0.0f,
                   scratch.scores.data(), cols);
        for (int64_t r = 0; r < rows; ++r) {
          float* s = scratch.scores.data() + r * cols;
          const float tileMax = scaleAddMax(s, bs ? bs->at(b, h, q0 + r) + k0 : nullptr, cols, scaleF);
          const float newMax = std::max(scratch.rowMax[r], tileMax);
          // A row masked with -inf so far subtracts 0, so exp() gives 0 rather than NaN.
          const float reference = newMax == kMinusInf ? 0.0f : newMax;
          const float tileSum = expShiftedSum(s, cols, reference);
          const float correction = expNonPositive(scratch.rowMax[r] - reference);
          scratch.rowSum[r] = scratch.rowSum[r] * correction + tileSum;
          if (correction != 1.0f) scaleInPlace(scratch.accumulator.data() + r * Dv, Dv, correction);
          scratch.rowMax[r] = newMax;
        }
        blas::gemm(blas::Transpose::No, rows, Dv, cols, 1.0f, scratch.scores.data(), cols, vs.at(b, h, k0), vs.row,
                   1.0f, scratch.accumulator.data(), Dv);
      }
      for (int64_t r = 0; r < rows; ++r)
        divideInto(outData + ((b * Lq + q0 + r) * H + h) * Dv, scratch.accumulator.data() + r * Dv, Dv,
                   scratch.rowSum[r]);
    }
  });
  return out.transpose(1, 2);
}

}  // namespace fan::kernels
