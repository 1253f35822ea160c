#include "kernels/Similarity.h"

#include <algorithm>

namespace fan::kernels {

at::Tensor cosineSimilarity(const at::Tensor& rows, const at::Tensor& query) {
  TORCH_CHECK(rows.dim() == 2 && query.dim() == 1 && rows.size(1) == query.size(0),
              "cosineSimilarity: expected rows N x D and query D, got ", rows.sizes(), " and ", query.sizes());
  // Half types accumulate badly over long rows: compute in float32 unless given float64.
  const auto dtype = rows.scalar_type() == at::kDouble ? at::kDouble : at::kFloat;
  const at::Tensor r = rows.to(dtype).contiguous();
  const at::Tensor q = query.to(dtype).contiguous();
  const at::Tensor dots = at::mv(r, q);
  const at::Tensor norms = r.norm(2, 1) * q.norm();
  return at::where(norms > 0, dots / norms.clamp_min(1e-30), at::zeros_like(dots));
}

}  // namespace fan::kernels

namespace fan::kernels {

std::vector<FarthestPick> farthestFirst(const at::Tensor& unitRows, const std::vector<double>& weights,
                                        std::vector<double> distance, int64_t picks) {
  TORCH_CHECK(unitRows.dim() == 2 && unitRows.scalar_type() == at::kDouble, "farthestFirst: expected [K, D] float64");
  const at::Tensor rows = unitRows.contiguous();
  const int64_t K = rows.size(0), D = rows.size(1);
  TORCH_CHECK(static_cast<int64_t>(weights.size()) == K && static_cast<int64_t>(distance.size()) == K,
              "farthestFirst: weights/distances must have one entry per row");
  const double* data = rows.data_ptr<double>();
  auto dot = [&](int64_t a, int64_t b) {
    const double* x = data + a * D;
    const double* y = data + b * D;
    double s = 0;
    for (int64_t i = 0; i < D; ++i) s += x[i] * y[i];
    return s;
  };
  // Max-heap on (score, -row): the greatest score first, ties to the lower row.
  struct Item {
    double score;
    int64_t row;
    bool operator<(const Item& o) const { return score < o.score || (score == o.score && row > o.row); }
  };
  std::vector<Item> heap;
  heap.reserve(static_cast<size_t>(K));
  for (int64_t i = 0; i < K; ++i) heap.push_back({weights[i] * distance[i], i});
  std::make_heap(heap.begin(), heap.end());
  std::vector<int64_t> centres;                        // picked rows, in order
  std::vector<size_t> seen(static_cast<size_t>(K), 0);  // centres already applied to each row
  std::vector<FarthestPick> out;
  while (static_cast<int64_t>(out.size()) < std::min(picks, K)) {
    std::pop_heap(heap.begin(), heap.end());
    const int64_t row = heap.back().row;
    heap.pop_back();
    if (seen[row] < centres.size()) {
      for (size_t c = seen[row]; c < centres.size(); ++c) distance[row] = std::min(distance[row], 1.0 - dot(row, centres[c]));
      seen[row] = centres.size();
      heap.push_back({weights[row] * distance[row], row});
      std::push_heap(heap.begin(), heap.end());
      continue;
    }
    out.push_back({row, distance[row]});
    centres.push_back(row);
  }
  return out;
}

}  // namespace fan::kernels
