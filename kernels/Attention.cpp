#include "kernels/Attention.h"

#include "kernels/FlashAttention.h"

#include <ATen/Dispatch.h>

#include <limits>

namespace fan::kernels {

namespace {

// Measured on the project's 2-core machine kind, CPU time of one thread (wall time was useless
// on the shared machine; `fan-cli bench attention-shapes` re-measures these shapes): flash is
// 1.4-2.8x faster from 128x128 scores per head up (UNet 1024x77 cross-attention 3.9 vs 5.5 ms,
// 256x256 self-attention 3.2 vs 5.9 ms, 2048 tokens 97 vs 273 ms), equal at 77x77 per head and
// 2x slower at 64x64 (0.6 vs 0.3 ms: per-tile overhead), unless many heads share the call (CLIP-L
// batch 10, 120 heads of 77x77: 6.4 vs 9.2 ms). With 2 threads the gap widens (LibTorch's
// batched matmul + softmax parallelize worse than one parallel_for over heads and query tiles).
constexpr int64_t kFlashMinScoresPerHead = 128 * 128;
constexpr int64_t kFlashMinHeads = 32;
// Wide heads (the VAE's single 512-channel head) gain nothing from tiling: equal within noise, so
// they stay on the matmul path while their scores fit its budget.
constexpr int64_t kFlashMaxHeadDim = 256;

}  // namespace

AttentionPath choosePath(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v,
                         const std::optional<at::Tensor>& bias) {
  if (!flashAttentionApplicable(q, k, v, bias)) return AttentionPath::Blocked;
  const int64_t heads = q.size(0) * q.size(1), perHead = q.size(2) * k.size(2);
  // Scores beyond the blocked path's budget: flash keeps memory linear (and is faster there).
  if (heads * perHead * static_cast<int64_t>(sizeof(float)) > kDefaultMaxScoreBytes) return AttentionPath::Flash;
  if (q.size(3) > kFlashMaxHeadDim) return AttentionPath::Blocked;
  return perHead >= kFlashMinScoresPerHead || heads >= kFlashMinHeads ? AttentionPath::Flash : AttentionPath::Blocked;
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
