// The shared half of the k-diffusion style schedulers (Euler, Euler ancestral, LMS): sigma
// table interpolated at the timesteps, initial noise sigma, input scaling and the x0 estimate.
#pragma once

#include "core/schedulers/Scheduler.h"

namespace fan {

class SigmaScheduler : public Scheduler {
 protected:
  // `karras`: whether use_karras_sigmas applies (EulerAncestral 0.21.4 has no such option).
  SigmaScheduler(SchedulerConfig config, bool karras);

  void computeTimesteps(int steps) override;
  double noiseSigma() const override;
  at::Tensor scaleInput(const at::Tensor& sample, size_t stepIndex) const override;

  float sigma(size_t stepIndex) const { return sigmas32_.at(stepIndex); }
  // The denoised sample x0 predicted from `modelOutput` at noise level `sigma`.
  at::Tensor predictOriginal(const at::Tensor& modelOutput, const at::Tensor& sample, float sigma) const;

 private:
  bool karras_;
  std::vector<float> sigmas32_;  // one per timestep plus a final 0, float32 as the reference
};

}  // namespace fan
