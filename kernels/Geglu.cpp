#include "kernels/Geglu.h"

#include "kernels/Float32Inference.h"
#include "kernels/VectorMath.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

namespace fan::kernels {

at::Tensor geglu(const at::Tensor& projection) {
  if (projection.dim() < 1 || projection.size(-1) % 2 != 0)
    throw std::invalid_argument("geglu: the projection's last dimension must hold two equal halves, got " +
                                std::to_string(projection.dim() < 1 ? 0 : projection.size(-1)));
  const int64_t width = projection.size(-1) / 2;
  if (!float32CpuInference({&projection})) {
    const std::vector<at::Tensor> halves = projection.chunk(2, -1);
    return halves[0] * at::gelu(halves[1]);
  }
  const at::Tensor input = projection.contiguous();
  std::vector<int64_t> shape(input.sizes().begin(), input.sizes().end());
  shape.back() = width;
  at::Tensor out = at::empty(shape, input.options());
  const int64_t rows = width > 0 ? input.numel() / (2 * width) : 0;
  const float* in = input.data_ptr<float>();
  float* result = out.data_ptr<float>();
  // ~64k elements per thread at least: below that waking the other thread costs more than it saves.
  const int64_t grain = std::max<int64_t>(1, (int64_t(1) << 16) / std::max<int64_t>(1, width));
  at::parallel_for(0, rows, grain, [&](int64_t begin, int64_t end) {
    for (int64_t r = begin; r < end; ++r)
      gatedGelu(result + r * width, in + r * 2 * width, in + r * 2 * width + width, width);
  });
  return out;
}

}  // namespace fan::kernels
