#include "kernels/Attention.h"

#include "kernels/FlashAttention.h"

#include <ATen/Dispatch.h>

#include <torch/version.h>

#include <cmath>
#include <limits>
#include <stdexcept>

#define FAN_HAS_FUSED_ATTENTION (TORCH_VERSION_MAJOR >= 2)

namespace fan::kernels {

namespace {

// LibTorch 2.x's fused attention (flash / memory-efficient CUDA kernels, any dtype, autograd);
// 1.13 (Debian's CPU build) has none. 2.0 lacks the scale argument: it divides by sqrt(D), so
// the ratio is folded into q there.
at::Tensor fusedAttention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, double scale,
                          const std::optional<at::Tensor>& bias) {
#if FAN_HAS_FUSED_ATTENTION
  c10::optional<at::Tensor> mask;
  if (bias) mask = *bias;
#if TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR == 0
  return at::scaled_dot_product_attention(q * (scale * std::sqrt(static_cast<double>(q.size(-1)))), k, v, mask);
#else
  return at::scaled_dot_product_attention(q, k, v, mask, 0.0, false, scale);
#endif
#else
  (void)q, (void)k, (void)v, (void)scale, (void)bias;
  throw std::logic_error("fusedAttention: this LibTorch has no scaled_dot_product_attention");
#endif
}

}  // namespace

// Measured on the project's 2-core machine kind (`fan-cli bench attention-shapes`, 2 threads,
// median of 7, flash vs blocked ms, tiles multiplied by BLAS directly): CLIP-L 77x77 heads 0.25
// vs 0.55 (batch 1) and 3.0 vs 6.1 (batch 10), T5-base 0.26 vs 0.57, the UNet's 64-token level
// 0.59 vs 1.05, 512 px self-attention 4096x4096 418 vs 1191 with 10 instead of 524 MiB extra
// memory. The VAE's single 512-wide head is the exception: 12.0 vs 11.5 at 256 px and 228 vs 176
// at 512 px, where blocked needs 133 MiB more on top of a decoder already at its peak; flash
// keeps it, as memory decides there. So it takes whatever it can.
AttentionPath choosePath(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v,
                         const std::optional<at::Tensor>& bias) {
  if (FAN_HAS_FUSED_ATTENTION && q.is_cuda()) return AttentionPath::Fused;
  return flashAttentionApplicable(q, k, v, bias) ? AttentionPath::Flash : AttentionPath::Blocked;
}

at::Tensor attention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, double scale,
                     const std::optional<at::Tensor>& bias) {
  switch (choosePath(q, k, v, bias)) {
    case AttentionPath::Flash: return flashAttention(q, k, v, scale, bias);
    case AttentionPath::Fused: return fusedAttention(q, k, v, scale, bias);
    case AttentionPath::Blocked: break;
  }
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
