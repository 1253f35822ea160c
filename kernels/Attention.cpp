#include "kernels/Attention.h"

#include "kernels/FlashAttention.h"

#include <ATen/Dispatch.h>

#include <limits>

namespace fan::kernels {

namespace {

// Measured on the project's 2-core machine kind (`fan-cli bench attention-shapes`, 2 threads,
// median of 7) once the flash kernel really ran on both threads: it wins on every text-encoder and
// UNet shape, e.g. CLIP-L 77x77 heads 0.58 vs 0.85 ms (batch 1) and 5.1 vs 8.6 ms (batch 10),
// T5-base 0.47 vs 0.81 ms, the UNet's 64-token level 0.86 vs 2.0 ms, 512 px self-attention
// 4096x4096 631 vs 2667 ms with 10 instead of 522 MiB extra memory. Wide heads (the VAE's single
// 512-channel head) gain nothing from tiling (VAE mid-block at 512 px: 368 vs 287 ms), so they
// stay on the matmul path while their scores fit its budget.
constexpr int64_t kFlashMaxHeadDim = 256;

}  // namespace

AttentionPath choosePath(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v,
                         const std::optional<at::Tensor>& bias) {
  if (!flashAttentionApplicable(q, k, v, bias)) return AttentionPath::Blocked;
  const int64_t heads = q.size(0) * q.size(1), perHead = q.size(2) * k.size(2);
  // Scores beyond the blocked path's budget: flash keeps memory linear (and is faster there).
  if (heads * perHead * static_cast<int64_t>(sizeof(float)) > kDefaultMaxScoreBytes) return AttentionPath::Flash;
  return q.size(3) > kFlashMaxHeadDim ? AttentionPath::Blocked : AttentionPath::Flash;
}

at::Tensor attention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, double scale,
                     const std::optional<at::Tensor>& bias) {
  if (choosePath(q, k, v, bias) == AttentionPath::Flash) return flashAttention(q, k, v, scale, bias);
  return blockedAttention(q, k, v, scale, bias);
}

at::Tensor blockedAttention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, double scale,
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
