#include "core/schedulers/EulerDiscreteScheduler.h"

namespace fan {

SchedulerConfig EulerDiscreteScheduler::defaults() {
  SchedulerConfig c;
  c.className = "EulerDiscreteScheduler";
  c.timestepSpacing = "linspace";
  return c;
}

EulerDiscreteScheduler::EulerDiscreteScheduler(SchedulerConfig config) : SigmaScheduler(std::move(config), true) {
  config_.requireOneOf("prediction_type", config_.predictionType, {"epsilon", "v_prediction", "sample"});
  config_.requireOneOf("interpolation_type", config_.interpolationType, {"linear"});
}

at::Tensor EulerDiscreteScheduler::computeStep(const at::Tensor& modelOutput, size_t stepIndex,
                                               const at::Tensor& sample, at::Generator* /*generator*/) {
  const float s = sigma(stepIndex);
  const at::Tensor derivative = (sample - predictOriginal(modelOutput, sample, s)) / s;
  const float dt = sigma(stepIndex + 1) - s;
  return sample + derivative * dt;
}

}  // namespace fan
