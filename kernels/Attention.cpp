#include "kernels/Attention.h"

#include <ATen/Dispatch.h>

#include <limits>

namespace fan::kernels {

at::Tensor attention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, double scale,
                     const std::optional<at::Tensor>& bias, int64_t maxScoreBytes) {
  TORCH_CHECK(q.dim() == 4 && k.dim() == 4 && v.dim() == 4, "attention: expected [B,H,L,D] tensors");
  const int64_t B = q.size(0), H = q.size(1), Lq = q.size(2), Lk = k.size(2);
  const int64_t bytesPerRow = B * H * Lk * static_cast<int64_t>(q.element_size());
  const int64_t block = std::max<int64_t>(1, std::min<int64_t>(Lq, maxScoreBytes / std::max<int64_t>(1, bytesPerRow)));
  const at::Tensor kt = k.transpose(-2, -1);
  auto run = [&](const at::Tensor& qBlock, int64_t start, int64_t len) {
    at::Tensor scores = at::matmul(qBlock, kt).mul_(scale);
    if (bias) {
      const at::Tensor& b = *bias;
      scores.add_(b.size(-2) == 1 ? b : b.narrow(-2, start, len));
    }
    return at::matmul(at::softmax(scores, -1), v);
  };
  if (block >= Lq) return run(q, 0, Lq);
  at::Tensor out = at::empty({B, H, Lq, v.size(3)}, q.options());
  for (int64_t start = 0; start < Lq; start += block) {
    const int64_t len = std::min(block, Lq - start);
    out.narrow(2, start, len).copy_(run(q.narrow(2, start, len), start, len));
  }
  return out;
}

at::Tensor causalMask(int64_t length, const at::TensorOptions& options) {
  // The dtype's own lowest value, as transformers uses (float32's does not fit in half types).
  double lowest = 0;
  AT_DISPATCH_FLOATING_TYPES_AND2(at::kHalf, at::kBFloat16, c10::typeMetaToScalarType(options.dtype()), "causalMask",
                                  [&] { lowest = static_cast<double>(std::numeric_limits<scalar_t>::lowest()); });
  return at::full({length, length}, lowest, options).triu_(1).view({1, 1, length, length});
}

}  // namespace fan::kernels
