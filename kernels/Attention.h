// Scaled dot-product attention on ATen tensors shaped [B, H, L, Dh].
#pragma once

#include <ATen/ATen.h>

#include <optional>

namespace fan::kernels {

// softmax(q kᵀ · scale + bias) v for q [B,H,Lq,D], k/v [B,H,Lk,D]; bias (optional) broadcasts to
// [B,H,Lq,Lk] and is added before the softmax (causal masks, T5 position bias, padding masks).
// Takes flashAttention (FlashAttention.h) wherever it applies (float32 CPU inference: faster on
// every measured shape, see choosePath()), blockedAttention otherwise; both agree to 1e-5
// relative (AttentionKernelTest). GPU tensors take LibTorch 2.x's fused
// scaled_dot_product_attention where the build has it.
at::Tensor attention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, double scale,
                     const std::optional<at::Tensor>& bias = std::nullopt);

enum class AttentionPath { Blocked, Flash, Fused };
AttentionPath choosePath(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v,
                         const std::optional<at::Tensor>& bias);

constexpr int64_t kDefaultMaxScoreBytes = int64_t(256) << 20;

// The straightforward LibTorch path (any dtype/device, differentiable): matmul, softmax, matmul
// over query blocks, so that at most ~maxScoreBytes of scores exist at once.
at::Tensor blockedAttention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, double scale,
                            const std::optional<at::Tensor>& bias = std::nullopt,
                            int64_t maxScoreBytes = kDefaultMaxScoreBytes);

// Additive causal mask [1,1,L,L]: 0 where key <= query, the dtype's lowest value elsewhere
// (as transformers' CLIP builds it).
at::Tensor causalMask(int64_t length, const at::TensorOptions& options);

}  // namespace fan::kernels
