// Profiling kernels over an in-memory matrix of token-averaged conditions (rows = history entries).
//
// Every dot product has one fixed accumulation order: 8 lanes of fused multiply-adds over the
// vector, a sequential fused tail, then a fixed combination of the lanes. The result depends only
// on the two vectors (not on their position in a matrix, the batch, the thread count or BLAS), so
// duplicate history entries always tie exactly and ties break by index. On CPUs with AVX2+FMA the
// lanes are one vector register; elsewhere the same arithmetic runs lane by lane (same bits).
#pragma once

#include <ATen/ATen.h>

#include <vector>

namespace fan::kernels {

// The fixed-order dot product of a[0..n) and b[0..n).
float dot(const float* a, const float* b, int64_t n);

// out[i] = dot(rows[i], v) for rows [K, D] float32 contiguous and v [D] float32.
void rowDots(const at::Tensor& rows, const at::Tensor& v, float* out);

// Cosine similarity of `query` (D) with every row of `rows` (N x D), float32. Rows or a query of
// zero norm give similarity 0 (never NaN).
at::Tensor cosineSimilarity(const at::Tensor& rows, const at::Tensor& query);

// `rows` [K, D] scaled to unit L2 norm (float32, contiguous); zero rows stay zero.
at::Tensor unitRows(const at::Tensor& rows);

struct FarthestPick {
  int64_t row;      // position in `candidates`
  double distance;  // d at pick time
};

// Weighted farthest-first traversal (fan-method.md §2, stage 2) over rows[candidates[k]] (rows
// [N, D] float32 contiguous; each candidate row is L2-normalized as unitRows does), k < K.
// initialDistance[K] is each candidate's distance to the seed centres (the target, and any pinned
// references); weights[K] the normalized preference weights. Repeatedly picks argmax
// weights_k * d_k (ties: lower k), then d_k = min(d_k, 1 - dot(u_k, u_pick)).
//
// Exactly the eager traversal (same picks, same distances to the bit), evaluated lazily: d only
// shrinks, so a score that misses the newest centres is an upper bound of the true score.
// Candidates wait in a heap by an upper bound; the top one is brought up to date until the top is
// exact, which is then the argmax. Updates screen new centres with an int8 sketch of the unit rows
// (integer dot products with a proven error bound, a quarter of the float rows' memory traffic)
// and stop as soon as the bound drops below the next candidate's; only the few centres that may
// be the nearest are then computed with the exact float kernel. Rows are normalized and coded
// only when a candidate is first examined. The candidates are split into one slice per thread
// (at::parallel_for); each pick, every slice makes its own top exact (giving up once below
// another slice's exact top) and the best wins, so the result does not depend on the threads.
std::vector<FarthestPick> farthestFirst(const at::Tensor& rows, const std::vector<int64_t>& candidates,
                                        const std::vector<double>& weights, const std::vector<double>& initialDistance,
                                        int64_t picks);

}  // namespace fan::kernels
