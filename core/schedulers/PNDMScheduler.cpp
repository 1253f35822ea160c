#include "core/schedulers/PNDMScheduler.h"

#include "core/io/Safetensors.h"
#include "core/schedulers/NoiseSchedule.h"

#include <cmath>

namespace fan {

SchedulerConfig PNDMScheduler::defaults() {
  SchedulerConfig c;
  c.className = "PNDMScheduler";
  c.timestepSpacing = "leading";
  c.skipPrkSteps = false;
  c.setAlphaToOne = false;
  return c;
}

PNDMScheduler::PNDMScheduler(SchedulerConfig config) : Scheduler(std::move(config)) {
  config_.requireOneOf("prediction_type", config_.predictionType, {"epsilon", "v_prediction"});
  if (!config_.skipPrkSteps)
    throw LoadError(config_.source + ": PNDMScheduler with 'skip_prk_steps' = false (the Runge-Kutta warm-up) "
                                     "is not supported; supported: skip_prk_steps = true (PLMS, as Stable Diffusion uses)");
  finalAlphaCumprod_ = config_.setAlphaToOne ? 1.0f : alphaCumprod(0);
}

void PNDMScheduler::computeTimesteps(int steps) {
  stepRatio_ = config_.numTrainTimesteps / steps;
  // The spaced timesteps with the second one repeated: PLMS's warm-up evaluates it twice.
  const std::vector<double> spaced = schedule::spacedTimesteps(config_, steps, true);
  timesteps_.assign(spaced.begin(), spaced.end());
  if (spaced.size() > 1) timesteps_.insert(timesteps_.begin() + 1, spaced[1]);
  ets_.clear();
  counter_ = 0;
  warmupSample_ = at::Tensor();
}

at::Tensor PNDMScheduler::computeStep(const at::Tensor& modelOutput, size_t stepIndex, const at::Tensor& sample,
                                      at::Generator* /*generator*/) {
  auto t = static_cast<int64_t>(timesteps_[stepIndex]);
  int64_t prev = t - stepRatio_;
  if (counter_ != 1) {
    if (ets_.size() > 3) ets_.erase(ets_.begin());
    ets_.push_back(modelOutput);
  } else {
    // The repeated timestep: redo the first step from the same x_t with the averaged slope.
    prev = t;
    t = t + stepRatio_;
  }

  at::Tensor combined, from = sample;
  const size_t n = ets_.size();
  if (n == 1 && counter_ == 0) {
    combined = modelOutput;
    warmupSample_ = sample;
  } else if (n == 1 && counter_ == 1) {
    combined = (modelOutput + ets_[0]) / 2;
    from = warmupSample_;
    warmupSample_ = at::Tensor();
  } else if (n == 2) {
    combined = (ets_[1] * 3 - ets_[0]) / 2;
  } else if (n == 3) {
    combined = (ets_[2] * 23 - ets_[1] * 16 + ets_[0] * 5) / 12;
  } else {
    combined = (ets_[3] * 55 - ets_[2] * 59 + ets_[1] * 37 - ets_[0] * 9) * (1.0 / 24);
  }
  at::Tensor previous = previousSample(from, t, prev, combined);
  ++counter_;
  return previous;
}

at::Tensor PNDMScheduler::previousSample(const at::Tensor& sample, int64_t t, int64_t prev,
                                         at::Tensor modelOutput) const {
  const float alpha = alphaCumprod(t);
  const float alphaPrev = prev >= 0 ? alphaCumprod(prev) : finalAlphaCumprod_;
  const float beta = 1 - alpha, betaPrev = 1 - alphaPrev;
  if (config_.predictionType == "v_prediction")
    modelOutput = modelOutput * std::sqrt(alpha) + sample * std::sqrt(beta);

  const float sampleCoeff = std::sqrt(alphaPrev / alpha);
  const float denominator = alpha * std::sqrt(betaPrev) + std::sqrt(alpha * beta * alphaPrev);
  return sample * sampleCoeff - modelOutput * (alphaPrev - alpha) / denominator;
}

}  // namespace fan
