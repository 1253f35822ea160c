// Internal helpers shared by the CPU attention kernels (FlashAttention.cpp,
// PersonalizedCombine.cpp): strided head access for BLAS (Blas.h).
#pragma once

#include "kernels/Float32Inference.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <optional>

namespace fan::kernels::tiles {

// Element strides of a float32 [B,H,L,D] operand whose last dimension is contiguous (head views
// of [B,L,H*D] projections are read in place; a batch stride of 0 broadcasts).
struct HeadOperand {
  explicit HeadOperand(const at::Tensor& t)
      : data(t.data_ptr<float>()), batch(t.stride(0)), head(t.stride(1)), row(t.stride(2)) {}
  const float* at(int64_t b, int64_t h, int64_t i) const { return data + b * batch + h * head + i * row; }
  const float* data;
  int64_t batch, head, row;
};

// What the attention kernels take: 4-D q/k/v and an optional bias of at most 4 dimensions, all
// float32 CPU inference operands (Float32Inference.h).
inline bool float32CpuInference(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v,
                                const std::optional<at::Tensor>& bias) {
  const bool operands =
      bias ? kernels::float32CpuInference({&q, &k, &v, &*bias}) : kernels::float32CpuInference({&q, &k, &v});
  return operands && q.dim() == 4 && k.dim() == 4 && v.dim() == 4 && (!bias || bias->dim() <= 4);
}

// t itself when BLAS can read each head's [L, D] rows in place (contiguous rows that do not
// overlap, as the head views of a [B, L, H*D] projection), else a contiguous copy (e.g. a
// broadcast along L).
inline at::Tensor blasRows(const at::Tensor& t) {
  const bool inPlace = t.stride(-1) == 1 && (t.size(-2) <= 1 || t.stride(-2) >= t.size(-1));
  return inPlace ? t : t.contiguous();
}

// at::parallel_for grain for tasks of `taskFlops` each: a thread gets ~4 MFLOP at least, so
// small calls stay on one thread (waking the other costs more than it saves, far more on a busy
// machine).
inline int64_t parallelGrain(double taskFlops) {
  return std::max<int64_t>(1, static_cast<int64_t>(4e6 / std::max(1.0, taskFlops)));
}

}  // namespace fan::kernels::tiles
