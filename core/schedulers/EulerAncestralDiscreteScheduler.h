// Ancestral Euler sampling (k-diffusion's sample_euler_ancestral, eta 1): an Euler step down to
// sigma_down, then fresh noise of size sigma_up. diffusers' EulerAncestralDiscreteScheduler.
#pragma once

#include "core/schedulers/SigmaScheduler.h"

namespace fan {

class EulerAncestralDiscreteScheduler : public SigmaScheduler {
 public:
  static SchedulerConfig defaults();
  explicit EulerAncestralDiscreteScheduler(SchedulerConfig config);

 protected:
  // Draws one randn(sample shape) per step from `generator`, as diffusers' randn_tensor does.
  at::Tensor computeStep(const at::Tensor& modelOutput, size_t stepIndex, const at::Tensor& sample,
                         at::Generator* generator) override;
};

}  // namespace fan
