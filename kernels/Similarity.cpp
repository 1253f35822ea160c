#include "kernels/Similarity.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <cmath>

namespace fan::kernels {
namespace {

constexpr int kLanes = 8;

float dot(const float* a, const float* b, int64_t n) {
  float acc[kLanes] = {0, 0, 0, 0, 0, 0, 0, 0};
  int64_t i = 0;
  for (; i + kLanes <= n; i += kLanes)
    for (int l = 0; l < kLanes; ++l) acc[l] += a[i + l] * b[i + l];
  float tail = 0;
  for (; i < n; ++i) tail += a[i] * b[i];
  return ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7])) + tail;
}

at::Tensor asFloatRows(const at::Tensor& t) { return t.to(at::kFloat).contiguous(); }

}  // namespace

void rowDots(const at::Tensor& rows, const at::Tensor& v, float* out) {
  TORCH_CHECK(rows.dim() == 2 && rows.scalar_type() == at::kFloat && rows.is_contiguous(),
              "rowDots: expected contiguous float32 [K, D] rows");
  TORCH_CHECK(v.dim() == 1 && v.size(0) == rows.size(1), "rowDots: vector width mismatch");
  const at::Tensor vec = asFloatRows(v);
  const float* r = rows.data_ptr<float>();
  const float* x = vec.data_ptr<float>();
  const int64_t D = rows.size(1);
  at::parallel_for(0, rows.size(0), 256, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) out[i] = dot(r + i * D, x, D);
  });
}

at::Tensor cosineSimilarity(const at::Tensor& rows, const at::Tensor& query) {
  TORCH_CHECK(rows.dim() == 2 && query.dim() == 1 && rows.size(1) == query.size(0),
              "cosineSimilarity: expected rows N x D and query D, got ", rows.sizes(), " and ", query.sizes());
  const at::Tensor r = asFloatRows(rows);
  const at::Tensor q = asFloatRows(query);
  const int64_t N = r.size(0);
  at::Tensor out = at::empty({N}, r.options());
  rowDots(r, q, out.data_ptr<float>());
  const float qNorm = std::sqrt(dot(q.data_ptr<float>(), q.data_ptr<float>(), q.size(0)));
  const float* rp = r.data_ptr<float>();
  float* o = out.data_ptr<float>();
  const int64_t D = r.size(1);
  at::parallel_for(0, N, 256, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) {
      const float norm = std::sqrt(dot(rp + i * D, rp + i * D, D)) * qNorm;
      o[i] = norm > 0 ? o[i] / norm : 0.0f;
    }
  });
  return out;
}

std::vector<FarthestPick> farthestFirst(const at::Tensor& unitRows, const std::vector<double>& weights,
                                        std::vector<double> distance, int64_t picks) {
  TORCH_CHECK(unitRows.dim() == 2, "farthestFirst: expected [K, D] rows");
  const at::Tensor rows = asFloatRows(unitRows);
  const int64_t K = rows.size(0);
  TORCH_CHECK(static_cast<int64_t>(weights.size()) == K && static_cast<int64_t>(distance.size()) == K,
              "farthestFirst: weights/distances must have one entry per row");
  std::vector<bool> taken(static_cast<size_t>(K), false);
  std::vector<float> cos(static_cast<size_t>(K));
  std::vector<FarthestPick> out;
  while (static_cast<int64_t>(out.size()) < std::min(picks, K)) {
    int64_t best = -1;
    double bestScore = 0;
    for (int64_t i = 0; i < K; ++i) {
      if (taken[i]) continue;
      const double score = weights[i] * distance[i];
      if (best < 0 || score > bestScore) best = i, bestScore = score;
    }
    taken[best] = true;
    out.push_back({best, distance[best]});
    rowDots(rows, rows[best], cos.data());
    for (int64_t i = 0; i < K; ++i) distance[i] = std::min(distance[i], 1.0 - static_cast<double>(cos[i]));
  }
  return out;
}

}  // namespace fan::kernels
