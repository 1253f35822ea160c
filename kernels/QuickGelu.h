// CLIP's quick_gelu activation, x·sigmoid(1.702·x), as one pass.
#pragma once

#include <ATen/ATen.h>

namespace fan::kernels {

// Float32 CPU inference runs one vectorized pass (VectorMath's quickGelu, exp of Cephes
// accuracy); ATen's `x * sigmoid(1.702 * x)` makes three passes over CLIP's MLP activations and
// took 18% of a CLIP-L batch-10 encode. Anything else (gradients, other dtypes, devices) goes
// through those ATen ops.
at::Tensor quickGelu(const at::Tensor& x);

}  // namespace fan::kernels
