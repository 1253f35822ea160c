// y = x Wᵀ + b with the few-row products of text encoders split across threads.
#pragma once

#include <ATen/ATen.h>

namespace fan::kernels {

// at::linear's semantics for x [..., in], weight [out, in] and bias [out] (undefined: none).
// Float32 CPU inference with at most kSplitLinearMaxRows rows runs as one single-threaded GEMM
// per thread over a slice of the output columns: BLAS parallelizes such short products poorly
// (CLIP-L's 77 tokens). Each output element is the same dot product either way (LinearKernelTest:
// within 1e-6 relative; BLAS may sum a slice's short products in another order).
at::Tensor linear(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias = {});

constexpr int64_t kSplitLinearMaxRows = 256;

}  // namespace fan::kernels
