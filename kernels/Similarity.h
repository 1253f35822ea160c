// Profiling kernels over an in-memory matrix of token-averaged conditions (rows = history entries).
#pragma once

#include <ATen/ATen.h>

#include <vector>

namespace fan::kernels {

// Cosine similarity of `query` (D) with every row of `rows` (N x D), in float64 for float64
// rows, else float32. Rows or a query
// of zero norm give similarity 0 (never NaN).
at::Tensor cosineSimilarity(const at::Tensor& rows, const at::Tensor& query);

}  // namespace fan::kernels

namespace fan::kernels {

struct FarthestPick {
  int64_t row;      // row of `unitRows`
  double distance;  // d at pick time
};

// Weighted farthest-first traversal (fan-method.md §2, stage 2). unitRows [K, D] float64 are
// L2-normalized candidates; initialDistance[K] is each candidate's distance to the seed centre
// (the target); weights[K] the normalized preference weights. Repeatedly picks
// argmax weights_i * d_i (ties: lower row), then d_i = min(d_i, 1 - <u_i, u_pick>). Exact, but
// lazy: d only shrinks, so stale values are upper bounds and a candidate is refreshed against
// the centres added since its last refresh only when it reaches the top of the queue.
std::vector<FarthestPick> farthestFirst(const at::Tensor& unitRows, const std::vector<double>& weights,
                                        std::vector<double> initialDistance, int64_t picks);

}  // namespace fan::kernels
