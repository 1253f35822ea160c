// Denoising diffusion implicit models (Song et al. 2021): diffusers' DDIMScheduler.
#pragma once

#include "core/schedulers/Scheduler.h"

namespace fan {

class DDIMScheduler : public Scheduler {
 public:
  static SchedulerConfig defaults();
  explicit DDIMScheduler(SchedulerConfig config);

  // The pipelines' `eta` (0 = deterministic DDIM, 1 = DDPM-like variance); noise for eta > 0
  // comes from step()'s generator.
  void setEta(double eta);
  double eta() const { return eta_; }

 protected:
  void computeTimesteps(int steps) override;
  at::Tensor computeStep(const at::Tensor& modelOutput, size_t stepIndex, const at::Tensor& sample,
                         at::Generator* generator) override;

 private:
  float finalAlphaCumprod_ = 1;
  int64_t stepRatio_ = 0;  // num_train_timesteps // steps: DDIM's previous timestep is t - stepRatio_
  double eta_ = 0;
};

}  // namespace fan
