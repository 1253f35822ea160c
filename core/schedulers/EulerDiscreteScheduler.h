// Euler's method on the probability-flow ODE in sigma (Karras et al. 2022, Algorithm 2 without
// churn): diffusers' EulerDiscreteScheduler.
#pragma once

#include "core/schedulers/SigmaScheduler.h"

namespace fan {

class EulerDiscreteScheduler : public SigmaScheduler {
 public:
  static SchedulerConfig defaults();
  explicit EulerDiscreteScheduler(SchedulerConfig config);

 protected:
  at::Tensor computeStep(const at::Tensor& modelOutput, size_t stepIndex, const at::Tensor& sample,
                         at::Generator* generator) override;
};

}  // namespace fan
