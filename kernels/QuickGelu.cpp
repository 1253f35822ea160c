#include "kernels/QuickGelu.h"

#include "kernels/Float32Inference.h"
#include "kernels/VectorMath.h"

#include <ATen/Parallel.h>

#include <algorithm>

namespace fan::kernels {

at::Tensor quickGelu(const at::Tensor& x) {
  if (!float32CpuInference({&x})) return x * at::sigmoid(1.702 * x);
  const at::Tensor input = x.contiguous();
  at::Tensor out = at::empty_like(input);
  const float* in = input.data_ptr<float>();
  float* result = out.data_ptr<float>();
  // Chunks of 16 Ki floats at least: below that waking the other thread costs more than it saves.
  constexpr int64_t kChunk = 1 << 14;
  at::parallel_for(0, (input.numel() + kChunk - 1) / kChunk, 1, [&](int64_t begin, int64_t end) {
    const int64_t first = begin * kChunk, last = std::min(end * kChunk, input.numel());
    quickGeluInto(result + first, in + first, last - first);
  });
  return out;
}

}  // namespace fan::kernels
