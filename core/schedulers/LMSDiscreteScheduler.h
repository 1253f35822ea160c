// Linear multistep in sigma (k-diffusion's sample_lms, order 4): the next sample integrates the
// Lagrange polynomial through the last derivatives. diffusers' LMSDiscreteScheduler.
#pragma once

#include "core/schedulers/SigmaScheduler.h"

#include <deque>

namespace fan {

class LMSDiscreteScheduler : public SigmaScheduler {
 public:
  static constexpr int kOrder = 4;  // diffusers' step(order=4) default, which pipelines use
  static SchedulerConfig defaults();
  explicit LMSDiscreteScheduler(SchedulerConfig config);

  // Integral over [sigma_i, sigma_{i+1}] of the Lagrange basis polynomial `current` of the
  // nodes sigma_i, sigma_{i-1}, ..., sigma_{i-order+1}.
  double coefficient(int order, size_t stepIndex, int current) const;

 protected:
  void computeTimesteps(int steps) override;
  at::Tensor computeStep(const at::Tensor& modelOutput, size_t stepIndex, const at::Tensor& sample,
                         at::Generator* generator) override;

 private:
  std::deque<at::Tensor> derivatives_;  // newest last, at most kOrder
};

}  // namespace fan
