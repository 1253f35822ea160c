// DPM-Solver / DPM-Solver++ multistep (Lu et al. 2022), first and second order, with
// lower_order_final and Karras sigmas: diffusers' DPMSolverMultistepScheduler ("DPM++ 2M").
#pragma once

#include "core/schedulers/Scheduler.h"

namespace fan {

class DPMSolverMultistepScheduler : public Scheduler {
 public:
  static SchedulerConfig defaults();
  explicit DPMSolverMultistepScheduler(SchedulerConfig config);

 protected:
  void computeTimesteps(int steps) override;
  at::Tensor computeStep(const at::Tensor& modelOutput, size_t stepIndex, const at::Tensor& sample,
                         at::Generator* generator) override;

 private:
  bool dataPrediction() const { return config_.algorithmType == "dpmsolver++"; }
  // The model output as the solver's variable: x0 (DPM-Solver++) or epsilon (DPM-Solver).
  at::Tensor convertModelOutput(const at::Tensor& modelOutput, int64_t t, const at::Tensor& sample) const;
  at::Tensor firstOrderUpdate(const at::Tensor& m0, int64_t s0, int64_t t, const at::Tensor& sample) const;
  at::Tensor secondOrderUpdate(const at::Tensor& m0, const at::Tensor& m1, int64_t s0, int64_t s1, int64_t t,
                               const at::Tensor& sample) const;

  // alpha_t = sqrt(alphas_cumprod), sigma_t = sqrt(1 - alphas_cumprod), lambda_t = log(alpha_t / sigma_t),
  // per training timestep, float32 as the reference computes them.
  std::vector<float> alphaT_, sigmaT_, lambdaT_;
  at::Tensor previousOutput_;    // the converted model output of the previous step
  int64_t lowerOrderSteps_ = 0;  // steps taken so far, capped at solver_order
};

}  // namespace fan
