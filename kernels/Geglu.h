// The GEGLU gate of diffusers' feed-forward (SD UNets' transformer blocks), fused.
#pragma once

#include <ATen/ATen.h>

namespace fan::kernels {

// projection [..., 2n] holds [hidden | gate] along its last dimension; returns
// hidden * gelu(gate) ([..., n], erf GELU). Float32 CPU inference runs one fused pass over the
// rows, reading both halves in place: ATen's GELU on the strided gate half takes its slow
// non-vectorized path (3-6x slower than on contiguous memory) and the product is a third pass.
// The erf is Abramowitz & Stegun 7.1.26 (absolute error <= 1.5e-7, as ATen's vectorized GELU),
// evaluated as erfc for negative inputs so small GELU values keep their relative accuracy.
// Anything else (gradients, other dtypes, devices) goes through ATen's ops.
at::Tensor geglu(const at::Tensor& projection);

}  // namespace fan::kernels
