// The personalized-attention combine of FAN's P stream (../shared/docs/fan-method.md §3), fused
// into one pass over the conditions:  out = Σ_c coefficient_c · softmax(q k_cᵀ · scale + bias_c) v_c
// (one softmax per condition: the target and each reference). The straightforward path computes
// every condition's attention output [C,H,L,D] and then the weighted sum; this kernel folds
// coefficient_c / rowsum_c into each condition's probabilities and accumulates P_c v_c directly.
#pragma once

#include <ATen/ATen.h>

#include <optional>
#include <vector>

namespace fan::kernels {

// Whether personalizedCombine() takes these inputs: float32 CPU q [1,H,Lq,D], k [C,H,Lk,D],
// v [C,H,Lk,Dv], a float32 bias of at most 4 dims, and no gradient needed.
bool personalizedCombineApplicable(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v,
                                   const std::optional<at::Tensor>& bias);

// bias broadcasts to [C,H,Lq,Lk]; coefficients: one per condition (conditions with coefficient 0
// are skipped). Returns [1,H,Lq,Dv] (laid out as [1,Lq,H,Dv]). Throws std::invalid_argument
// unless personalizedCombineApplicable() and coefficients.size() == C.
at::Tensor personalizedCombine(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, double scale,
                               const std::optional<at::Tensor>& bias, const std::vector<double>& coefficients);

}  // namespace fan::kernels
