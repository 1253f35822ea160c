#include "kernels/Linear.h"

#include "kernels/Float32Inference.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <vector>

namespace fan::kernels {
namespace {

constexpr int64_t kMinColumnsPerThread = 64;  // narrower slices cost more in packing than they save

bool splittable(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias,
                int64_t rows, int64_t threads) {
  if (threads < 2 || rows < 1 || rows > kSplitLinearMaxRows) return false;
  // Anything at::linear would reject or broadcast differently stays with at::linear.
  if (weight.dim() != 2 || weight.size(1) != x.size(-1) || weight.size(0) < 2 * kMinColumnsPerThread) return false;
  if (!bias.defined()) return float32CpuInference({&x, &weight});
  return bias.dim() == 1 && bias.size(0) == weight.size(0) && float32CpuInference({&x, &weight, &bias});
}

}  // namespace

at::Tensor linear(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias) {
  const int64_t in = x.dim() > 0 ? x.size(-1) : 0;
  const int64_t rows = in > 0 ? x.numel() / in : 0;
  const int64_t threads = at::get_num_threads();
  if (!splittable(x, weight, bias, rows, threads)) return at::linear(x, weight, bias);
  const int64_t out = weight.size(0);
  const int64_t parts = std::min(threads, out / kMinColumnsPerThread);
  const int64_t per = (out + parts - 1) / parts;
  const at::Tensor x2 = x.reshape({rows, in}).contiguous();
  at::Tensor y = at::empty({rows, out}, x.options());
  at::parallel_for(0, parts, 1, [&](int64_t begin, int64_t end) {
    const at::NoGradGuard noGrad;  // worker threads start with grad mode on
    for (int64_t p = begin; p < end; ++p) {
      const int64_t c0 = p * per, n = std::min(per, out - c0);
      if (n <= 0) continue;
      at::Tensor slice = y.narrow(1, c0, n);
      const at::Tensor w = weight.narrow(0, c0, n).t();
      if (bias.defined()) at::addmm_out(slice, bias.narrow(0, c0, n), x2, w);
      else at::mm_out(slice, x2, w);
    }
  });
  std::vector<int64_t> shape(x.sizes().begin(), x.sizes().end());
  shape.back() = out;
  return y.view(shape);
}

}  // namespace fan::kernels
