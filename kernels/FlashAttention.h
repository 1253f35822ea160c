// Flash-style scaled dot-product attention for float32 CPU tensors: queries and keys are
// processed in tiles with an online softmax (running max and sum per query row), so no score
// matrix larger than one tile per thread ever exists and memory stays linear in the token count.
#pragma once

#include <ATen/ATen.h>

#include <optional>

namespace fan::kernels {

struct FlashTiles {
  // Query rows per task (the unit the threads share). 256 rather than 64 amortizes packing each
  // key tile for BLAS over more rows: SD 1.5's 4096x4096 self-attention (head dim 40) took 530-600
  // instead of 665-675 ms on 2 threads, 980 instead of 1180-1250 ms on 1.
  int64_t queries = 256;
  int64_t keys = 512;    // keys per inner step (one scores tile: queries x keys floats)
};

// Whether flashAttention() can take these inputs: float32 on the CPU, [B,H,L,D] with matching
// B/H/D, and no gradient needed (the kernel has no backward: training keeps the autograd path).
bool flashAttentionApplicable(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v,
                              const std::optional<at::Tensor>& bias);

// softmax(q kᵀ · scale + bias) v with the semantics of kernels::attention (bias broadcastable to
// [B,H,Lq,Lk]); q [B,H,Lq,D], k [B,H,Lk,D], v [B,H,Lk,Dv]. Strided inputs (head views of [B,L,H*D]
// projections) are read in place; the result is [B,H,Lq,Dv] laid out as [B,Lq,H,Dv] in memory, so
// merging the heads back is free. Throws std::invalid_argument unless flashAttentionApplicable().
at::Tensor flashAttention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, double scale,
                          const std::optional<at::Tensor>& bias = std::nullopt, const FlashTiles& tiles = {});

}  // namespace fan::kernels
