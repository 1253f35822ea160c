// Profiling kernels over an in-memory matrix of token-averaged conditions (rows = history entries).
//
// Dot products are computed row by row with one fixed accumulation order (8 float lanes, then a
// fixed combination), in parallel over rows: identical rows always give bit-identical results,
// so ties between duplicate history entries break by index, independent of BLAS blocking.
#pragma once

#include <ATen/ATen.h>

#include <vector>

namespace fan::kernels {

// out[i] = <rows[i], v> for rows [K, D] float32 contiguous and v [D] float32.
void rowDots(const at::Tensor& rows, const at::Tensor& v, float* out);

// Cosine similarity of `query` (D) with every row of `rows` (N x D), float32. Rows or a query of
// zero norm give similarity 0 (never NaN).
at::Tensor cosineSimilarity(const at::Tensor& rows, const at::Tensor& query);

struct FarthestPick {
  int64_t row;      // row of `unitRows`
  double distance;  // d at pick time
};

// Weighted farthest-first traversal (fan-method.md §2, stage 2). unitRows [K, D] (float32) are
// L2-normalized candidates; initialDistance[K] is each candidate's distance to the seed centre
// (the target); weights[K] the normalized preference weights. Repeatedly picks
// argmax weights_i * d_i (ties: lower row), then d_i = min(d_i, 1 - <u_i, u_pick>):
// O(picks * K * D), memory-bound on large K.
std::vector<FarthestPick> farthestFirst(const at::Tensor& unitRows, const std::vector<double>& weights,
                                        std::vector<double> initialDistance, int64_t picks);

}  // namespace fan::kernels
