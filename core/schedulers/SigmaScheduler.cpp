#include "core/schedulers/SigmaScheduler.h"

#include "core/schedulers/NoiseSchedule.h"

#include <algorithm>
#include <cmath>

namespace fan {

SigmaScheduler::SigmaScheduler(SchedulerConfig config, bool karras)
    : Scheduler(std::move(config)), karras_(karras && config_.useKarrasSigmas) {}

void SigmaScheduler::computeTimesteps(int steps) {
  timesteps_ = schedule::spacedTimesteps(config_, steps, false);
  const std::vector<float> table = schedule::trainingSigmas(alphasCumprod());
  // numpy interpolates the float32 table in float64; the result is cast back to float32.
  std::vector<double> sigmas;
  for (double t : timesteps_) sigmas.push_back(schedule::interpolate(table, t));
  if (karras_) {
    std::vector<float> logTable;
    for (float s : table) logTable.push_back(static_cast<float>(std::log(static_cast<double>(s))));
    sigmas = schedule::karrasSigmas(sigmas.front(), sigmas.back(), steps);
    for (size_t i = 0; i < sigmas.size(); ++i) timesteps_[i] = schedule::sigmaToTimestep(sigmas[i], logTable);
  }
  sigmas.push_back(0.0);
  sigmas32_.assign(sigmas.begin(), sigmas.end());
  sigmas_.assign(sigmas32_.begin(), sigmas32_.end());
}

double SigmaScheduler::noiseSigma() const {
  const float maxSigma = *std::max_element(sigmas32_.begin(), sigmas32_.end());
  if (config_.timestepSpacing == "linspace" || config_.timestepSpacing == "trailing") return maxSigma;
  return std::sqrt(maxSigma * maxSigma + 1.0f);
}

at::Tensor SigmaScheduler::scaleInput(const at::Tensor& sample, size_t stepIndex) const {
  const float s = sigma(stepIndex);
  return sample / std::sqrt(s * s + 1.0f);
}

at::Tensor SigmaScheduler::predictOriginal(const at::Tensor& modelOutput, const at::Tensor& sample, float s) const {
  if (config_.predictionType == "epsilon") return sample - modelOutput * s;
  if (config_.predictionType == "v_prediction")
    return modelOutput * (-s / std::sqrt(s * s + 1.0f)) + sample / (s * s + 1.0f);
  return modelOutput;  // "sample"
}

}  // namespace fan
