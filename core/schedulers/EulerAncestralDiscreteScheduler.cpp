#include "core/schedulers/EulerAncestralDiscreteScheduler.h"

#include <cmath>

namespace fan {

SchedulerConfig EulerAncestralDiscreteScheduler::defaults() {
  SchedulerConfig c;
  c.className = "EulerAncestralDiscreteScheduler";
  c.timestepSpacing = "linspace";
  return c;
}

EulerAncestralDiscreteScheduler::EulerAncestralDiscreteScheduler(SchedulerConfig config)
    : SigmaScheduler(std::move(config), false) {
  // diffusers 0.21.4 raises NotImplementedError for "sample" here.
  config_.requireOneOf("prediction_type", config_.predictionType, {"epsilon", "v_prediction"});
}

at::Tensor EulerAncestralDiscreteScheduler::computeStep(const at::Tensor& modelOutput, size_t stepIndex,
                                                        const at::Tensor& sample, at::Generator* generator) {
  const float from = sigma(stepIndex), to = sigma(stepIndex + 1);
  const float up = std::sqrt(to * to * (from * from - to * to) / (from * from));
  const float down = std::sqrt(to * to - up * up);
  const at::Tensor derivative = (sample - predictOriginal(modelOutput, sample, from)) / from;
  const at::Tensor previous = sample + derivative * (down - from);
  return previous + noiseLike(modelOutput, generator) * up;
}

}  // namespace fan
