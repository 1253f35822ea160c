#include "kernels/PersonalizedCombine.h"

#include "kernels/AttentionTiles.h"
#include "kernels/Blas.h"
#include "kernels/VectorMath.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace fan::kernels {
namespace {

constexpr int64_t kQueryTile = 64;  // query rows per task; the keys (a text's tokens) fit one tile

}  // namespace

bool personalizedCombineApplicable(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v,
                                   const std::optional<at::Tensor>& bias) {
  if (!tiles::float32CpuInference(q, k, v, bias)) return false;
  return q.size(0) == 1 && k.size(1) == q.size(1) && k.size(3) == q.size(3) && v.size(0) == k.size(0) &&
         v.size(1) == k.size(1) && v.size(2) == k.size(2) && k.size(2) > 0;
}

at::Tensor personalizedCombine(const at::Tensor& qIn, const at::Tensor& kIn, const at::Tensor& vIn, double scale,
                               const std::optional<at::Tensor>& biasIn, const std::vector<double>& coefficients) {
  if (!personalizedCombineApplicable(qIn, kIn, vIn, biasIn))
    throw std::invalid_argument("personalizedCombine: expects float32 CPU tensors q [1,H,Lq,D], k [C,H,Lk,D], "
                                "v [C,H,Lk,Dv] with Lk > 0, a float32 bias and no gradient");
  const at::Tensor q = tiles::blasRows(qIn), k = tiles::blasRows(kIn), v = tiles::blasRows(vIn);
  const int64_t C = k.size(0), H = q.size(1), Lq = q.size(2), D = q.size(3), Lk = k.size(2), Dv = v.size(3);
  if (static_cast<int64_t>(coefficients.size()) != C)
    throw std::invalid_argument("personalizedCombine: " + std::to_string(coefficients.size()) +
                                " coefficients for " + std::to_string(C) + " conditions");
  at::Tensor bias;
  if (biasIn) {
    bias = biasIn->expand({C, H, Lq, Lk});  // throws (naming both shapes) when it does not broadcast
    if (bias.stride(3) != 1) bias = bias.contiguous();
  }
  at::Tensor out = at::empty({1, Lq, H, Dv}, q.options());
  if (out.numel() == 0) return out.transpose(1, 2);

  const tiles::HeadOperand qs(q), ks(k), vs(v);
  const std::optional<tiles::HeadOperand> bs =
      bias.defined() ? std::optional<tiles::HeadOperand>(bias) : std::nullopt;
  float* const outData = out.data_ptr<float>();
  const int64_t queryTiles = (Lq + kQueryTile - 1) / kQueryTile;
  const float scaleF = static_cast<float>(scale);
  const int64_t grain = tiles::parallelGrain(2.0 * static_cast<double>(std::min(kQueryTile, Lq)) * Lk * (D + Dv) * C);

  at::parallel_for(0, H * queryTiles, grain, [&](int64_t begin, int64_t end) {
    std::vector<float> scores(kQueryTile * Lk), accumulator(kQueryTile * Dv);
    for (int64_t task = begin; task < end; ++task) {
      const int64_t h = task / queryTiles, q0 = (task % queryTiles) * kQueryTile;
      const int64_t rows = std::min(kQueryTile, Lq - q0);
      std::fill_n(accumulator.begin(), rows * Dv, 0.0f);
      for (int64_t c = 0; c < C; ++c) {
        const float coefficient = static_cast<float>(coefficients[static_cast<size_t>(c)]);
        if (coefficient == 0.0f) continue;
        blas::gemm(blas::Transpose::Yes, rows, Lk, D, 1.0f, qs.at(0, h, q0), qs.row, ks.at(c, h, 0), ks.row, 0.0f,
                   scores.data(), Lk);
        for (int64_t r = 0; r < rows; ++r) {
          float* s = scores.data() + r * Lk;
          const float rowMax = scaleAddMax(s, bs ? bs->at(c, h, q0 + r) : nullptr, Lk, scaleF);
          // A row masked with -inf everywhere sums to 0 and ends NaN, as softmax makes it.
          const float rowSum = expShiftedSum(s, Lk, rowMax == -std::numeric_limits<float>::infinity() ? 0.0f : rowMax);
          scaleInPlace(s, Lk, coefficient / rowSum);
        }
        blas::gemm(blas::Transpose::No, rows, Dv, Lk, 1.0f, scores.data(), Lk, vs.at(c, h, 0), vs.row, 1.0f,
                   accumulator.data(), Dv);
      }
      for (int64_t r = 0; r < rows; ++r)
        std::copy_n(accumulator.data() + r * Dv, Dv, outData + ((q0 + r) * H + h) * Dv);
    }
  });
  return out.transpose(1, 2);
}

}  // namespace fan::kernels
