#include "core/schedulers/DDIMScheduler.h"

#include "core/schedulers/NoiseSchedule.h"

#include <cmath>
#include <stdexcept>

namespace fan {

SchedulerConfig DDIMScheduler::defaults() {
  SchedulerConfig c;
  c.className = "DDIMScheduler";
  c.timestepSpacing = "leading";
  c.clipSample = true;
  c.setAlphaToOne = true;
  return c;
}

DDIMScheduler::DDIMScheduler(SchedulerConfig config) : Scheduler(std::move(config)) {
  config_.requireOneOf("prediction_type", config_.predictionType, {"epsilon", "v_prediction", "sample"});
  if (config_.thresholding) config_.unsupported("thresholding", "true", {"false"});
  if (config_.rescaleBetasZeroSnr) setBetas(schedule::rescaleZeroTerminalSnr(schedule::betas(config_)));
  finalAlphaCumprod_ = config_.setAlphaToOne ? 1.0f : alphaCumprod(0);
}

void DDIMScheduler::setEta(double eta) {
  if (!(eta >= 0)) throw std::invalid_argument("DDIMScheduler: eta must be >= 0, got " + std::to_string(eta));
  eta_ = eta;
}

void DDIMScheduler::computeTimesteps(int steps) {
  stepRatio_ = config_.numTrainTimesteps / steps;
  timesteps_ = schedule::spacedTimesteps(config_, steps, true);
}

at::Tensor DDIMScheduler::computeStep(const at::Tensor& modelOutput, size_t stepIndex, const at::Tensor& sample,
                                      at::Generator* generator) {
  const auto t = static_cast<int64_t>(timesteps_[stepIndex]);
  const int64_t prev = t - stepRatio_;
  const float alpha = alphaCumprod(t);
  const float alphaPrev = prev >= 0 ? alphaCumprod(prev) : finalAlphaCumprod_;
  const float beta = 1 - alpha;

  at::Tensor original, epsilon;
  if (config_.predictionType == "epsilon") {
    original = (sample - modelOutput * std::sqrt(beta)) / std::sqrt(alpha);
    epsilon = modelOutput;
  } else if (config_.predictionType == "sample") {
    original = modelOutput;
    epsilon = (sample - original * std::sqrt(alpha)) / std::sqrt(beta);
  } else {  // v_prediction
    original = sample * std::sqrt(alpha) - modelOutput * std::sqrt(beta);
    epsilon = modelOutput * std::sqrt(alpha) + sample * std::sqrt(beta);
  }
  if (config_.clipSample) original = original.clamp(-config_.clipSampleRange, config_.clipSampleRange);

  // sigma_t(eta) of formula (16).
  const float variance = ((1 - alphaPrev) / beta) * (1 - alpha / alphaPrev);
  const float stdDev = static_cast<float>(eta_) * std::sqrt(variance);
  const at::Tensor direction = epsilon * std::sqrt(1 - alphaPrev - stdDev * stdDev);
  at::Tensor previous = original * std::sqrt(alphaPrev) + direction;
  if (eta_ > 0) previous = previous + noiseLike(modelOutput, generator) * stdDev;
  return previous;
}

}  // namespace fan
