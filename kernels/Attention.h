// Scaled dot-product attention on ATen tensors shaped [B, H, L, Dh].
#pragma once

#include <ATen/ATen.h>

#include <optional>

namespace fan::kernels {

// softmax(q kᵀ · scale + bias) v for q [B,H,Lq,D], k/v [B,H,Lk,D]; bias (optional) broadcasts to
// [B,H,Lq,Lk] and is added before the softmax (causal masks, T5 position bias, padding masks).
// Processes query blocks so that at most ~maxScoreBytes of scores exist at once: the UNet's
// 4096-token self-attention never materializes all heads' full score matrices.
at::Tensor attention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, double scale,
                     const std::optional<at::Tensor>& bias = std::nullopt,
                     int64_t maxScoreBytes = int64_t(256) << 20);

// Additive causal mask [1,1,L,L]: 0 where key <= query, the dtype's lowest value elsewhere
// (as transformers' CLIP builds it).
at::Tensor causalMask(int64_t length, const at::TensorOptions& options);

}  // namespace fan::kernels
