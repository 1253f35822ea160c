// The operand check every hand-written kernel makes before taking work from LibTorch.
#pragma once

#include <ATen/ATen.h>

#include <initializer_list>

namespace fan::kernels {

// Whether the kernels (float32 CPU code without a backward) may take these operands: each is
// defined, float32 and on the CPU, and no gradient is to be recorded for any of them.
inline bool float32CpuInference(std::initializer_list<const at::Tensor*> operands) {
  bool needsGrad = false;
  for (const at::Tensor* t : operands) {
    if (!t->defined() || t->scalar_type() != at::kFloat || !t->device().is_cpu()) return false;
    needsGrad = needsGrad || t->requires_grad();
  }
  return !(at::GradMode::is_enabled() && needsGrad);
}

}  // namespace fan::kernels
