// Profiling kernels over an in-memory matrix of token-averaged conditions (rows = history entries).
#pragma once

#include <ATen/ATen.h>

namespace fan::kernels {

// Cosine similarity of `query` (D) with every row of `rows` (N x D), in float64 for float64
// rows, else float32. Rows or a query
// of zero norm give similarity 0 (never NaN).
at::Tensor cosineSimilarity(const at::Tensor& rows, const at::Tensor& query);

}  // namespace fan::kernels
