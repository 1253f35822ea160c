// Pseudo numerical methods (Liu et al. 2022) with skip_prk_steps: the PLMS sampler, a 4th-order
// linear multistep on the noise prediction with a one-step warm-up that repeats a timestep.
// diffusers' PNDMScheduler (the Runge-Kutta warm-up, skip_prk_steps = false, is rejected).
#pragma once

#include "core/schedulers/Scheduler.h"

namespace fan {

class PNDMScheduler : public Scheduler {
 public:
  static SchedulerConfig defaults();
  explicit PNDMScheduler(SchedulerConfig config);

 protected:
  void computeTimesteps(int steps) override;
  at::Tensor computeStep(const at::Tensor& modelOutput, size_t stepIndex, const at::Tensor& sample,
                         at::Generator* generator) override;

 private:
  // Formula (9) of the paper: from x_t to x_prev given the (combined) noise prediction.
  at::Tensor previousSample(const at::Tensor& sample, int64_t t, int64_t prev, at::Tensor modelOutput) const;

  float finalAlphaCumprod_ = 0;
  int64_t stepRatio_ = 0;               // num_train_timesteps // steps
  std::vector<at::Tensor> ets_;         // past noise predictions, newest last, at most 4
  int64_t counter_ = 0;                 // steps taken since setTimesteps
  at::Tensor warmupSample_;             // x_t of the first step, reused by the repeated second one
};

}  // namespace fan
