#include "core/schedulers/DPMSolverMultistepScheduler.h"

#include "core/schedulers/NoiseSchedule.h"

#include <algorithm>
#include <cmath>

namespace fan {

SchedulerConfig DPMSolverMultistepScheduler::defaults() {
  SchedulerConfig c;
  c.className = "DPMSolverMultistepScheduler";
  c.timestepSpacing = "linspace";
  return c;
}

// exp of a float32 scalar the way the reference evaluates it (a 0-dim tensor): LibTorch's
// vectorised expf and libm's differ in the last bit for ~10% of inputs.
static float torchExp(float x) { return at::exp(at::scalar_tensor(x, at::kFloat)).item<float>(); }

static std::vector<float> values(const at::Tensor& t) {
  const at::Tensor c = t.contiguous();
  return {c.data_ptr<float>(), c.data_ptr<float>() + c.numel()};
}

DPMSolverMultistepScheduler::DPMSolverMultistepScheduler(SchedulerConfig config) : Scheduler(std::move(config)) {
  SchedulerConfig& c = config_;
  // Aliases diffusers maps when a DEIS or UniPC config is loaded into this class.
  if (c.algorithmType == "deis") c.algorithmType = "dpmsolver++";
  if (c.solverType == "logrho" || c.solverType == "bh1" || c.solverType == "bh2") c.solverType = "midpoint";
  c.requireOneOf("algorithm_type", c.algorithmType, {"dpmsolver++", "dpmsolver"});
  c.requireOneOf("solver_type", c.solverType, {"midpoint", "heun"});
  c.requireOneOf("solver_order", std::to_string(c.solverOrder), {"1", "2"});
  c.requireOneOf("prediction_type", c.predictionType, {"epsilon", "v_prediction", "sample"});
  if (c.thresholding) c.unsupported("thresholding", "true", {"false"});
  if (!c.varianceType.empty()) c.unsupported("variance_type", c.varianceType, {"null"});

  const at::Tensor alphas = alphasCumprod();
  const at::Tensor alphaT = alphas.sqrt(), sigmaT = (1.0 - alphas).sqrt();
  alphaT_ = values(alphaT);
  sigmaT_ = values(sigmaT);
  lambdaT_ = values(alphaT.log() - sigmaT.log());
}

void DPMSolverMultistepScheduler::computeTimesteps(int steps) {
  const int64_t trainSteps = config_.numTrainTimesteps;
  // Timesteps whose lambda falls below lambda_min_clipped are never used (cosine schedules).
  const auto clipped = std::count_if(lambdaT_.begin(), lambdaT_.end(),
                                     [&](float l) { return static_cast<double>(l) < config_.lambdaMinClipped; });
  const int64_t lastTimestep = trainSteps - clipped;

  std::vector<double> timesteps;
  if (config_.timestepSpacing == "linspace") {
    for (double t : schedule::linspace(0, static_cast<double>(lastTimestep - 1), steps + 1))
      timesteps.push_back(schedule::roundHalfEven(t));
    std::reverse(timesteps.begin(), timesteps.end());
    timesteps.pop_back();
  } else if (config_.timestepSpacing == "leading") {
    const int64_t ratio = lastTimestep / (steps + 1);
    for (int64_t i = steps; i >= 1; --i) timesteps.push_back(static_cast<double>(i * ratio + config_.stepsOffset));
  } else {  // trailing
    const double ratio = static_cast<double>(trainSteps) / steps;
    for (double t : schedule::arange(static_cast<double>(lastTimestep), 0, -ratio))
      timesteps.push_back(schedule::roundHalfEven(t) - 1);
  }

  const std::vector<float> table = schedule::trainingSigmas(alphasCumprod());
  sigmas_.assign(table.begin(), table.end());
  if (config_.useKarrasSigmas) {
    std::vector<float> logTable;
    for (float s : table) logTable.push_back(static_cast<float>(std::log(static_cast<double>(s))));
    // diffusers passes the ascending table, so these run from small to large sigma; the
    // timesteps are then reversed.
    sigmas_ = schedule::karrasSigmas(table.front(), table.back(), steps);
    timesteps.clear();
    for (auto it = sigmas_.rbegin(); it != sigmas_.rend(); ++it)
      timesteps.push_back(schedule::roundHalfEven(schedule::sigmaToTimestep(*it, logTable)));
  }

  // Many steps can produce a timestep twice; keep the first of each (np.unique + sort of indices).
  timesteps_.clear();
  for (double t : timesteps)
    if (std::find(timesteps_.begin(), timesteps_.end(), t) == timesteps_.end()) timesteps_.push_back(t);
  previousOutput_ = at::Tensor();
  lowerOrderSteps_ = 0;
}

at::Tensor DPMSolverMultistepScheduler::convertModelOutput(const at::Tensor& modelOutput, int64_t t,
                                                           const at::Tensor& sample) const {
  const float alpha = alphaT_.at(t), sigma = sigmaT_.at(t);
  const std::string& prediction = config_.predictionType;
  if (dataPrediction()) {
    if (prediction == "epsilon") return (sample - modelOutput * sigma) / alpha;
    if (prediction == "v_prediction") return sample * alpha - modelOutput * sigma;
    return modelOutput;  // sample
  }
  if (prediction == "epsilon") return modelOutput;
  if (prediction == "v_prediction") return modelOutput * alpha + sample * sigma;
  return (sample - modelOutput * alpha) / sigma;  // sample
}

at::Tensor DPMSolverMultistepScheduler::firstOrderUpdate(const at::Tensor& m0, int64_t s0, int64_t t,
                                                         const at::Tensor& sample) const {
  const float h = lambdaT_.at(t) - lambdaT_.at(s0);
  if (dataPrediction())
    return sample * (sigmaT_.at(t) / sigmaT_.at(s0)) - m0 * (alphaT_.at(t) * (torchExp(-h) - 1.0f));
  return sample * (alphaT_.at(t) / alphaT_.at(s0)) - m0 * (sigmaT_.at(t) * (torchExp(h) - 1.0f));
}

at::Tensor DPMSolverMultistepScheduler::secondOrderUpdate(const at::Tensor& m0, const at::Tensor& m1, int64_t s0,
                                                          int64_t s1, int64_t t, const at::Tensor& sample) const {
  const float h = lambdaT_.at(t) - lambdaT_.at(s0), h0 = lambdaT_.at(s0) - lambdaT_.at(s1);
  const float r0 = h0 / h;
  const at::Tensor d0 = m0, d1 = (m0 - m1) * (1.0f / r0);
  const bool midpoint = config_.solverType == "midpoint";
  if (dataPrediction()) {
    const float phi = alphaT_.at(t) * (torchExp(-h) - 1.0f);
    const at::Tensor base = sample * (sigmaT_.at(t) / sigmaT_.at(s0)) - d0 * phi;
    if (midpoint) return base - d1 * (0.5f * phi);
    return base + d1 * (alphaT_.at(t) * ((torchExp(-h) - 1.0f) / h + 1.0f));
  }
  const float phi = sigmaT_.at(t) * (torchExp(h) - 1.0f);
  const at::Tensor base = sample * (alphaT_.at(t) / alphaT_.at(s0)) - d0 * phi;
  if (midpoint) return base - d1 * (0.5f * phi);
  return base - d1 * (sigmaT_.at(t) * ((torchExp(h) - 1.0f) / h - 1.0f));
}

at::Tensor DPMSolverMultistepScheduler::computeStep(const at::Tensor& modelOutput, size_t stepIndex,
                                                    const at::Tensor& sample, at::Generator* /*generator*/) {
  const size_t count = timesteps_.size();
  const auto t = static_cast<int64_t>(timesteps_[stepIndex]);
  const int64_t prev = stepIndex + 1 == count ? 0 : static_cast<int64_t>(timesteps_[stepIndex + 1]);
  // Short schedules finish with a first-order step (more stable below 15 steps).
  const bool lowerOrderFinal = stepIndex + 1 == count && config_.lowerOrderFinal && count < 15;

  const at::Tensor converted = convertModelOutput(modelOutput, t, sample);
  at::Tensor previous;
  if (config_.solverOrder == 1 || lowerOrderSteps_ < 1 || lowerOrderFinal || stepIndex == 0)
    previous = firstOrderUpdate(converted, t, prev, sample);
  else
    previous = secondOrderUpdate(converted, previousOutput_, t, static_cast<int64_t>(timesteps_[stepIndex - 1]), prev,
                                 sample);
  previousOutput_ = converted;
  lowerOrderSteps_ = std::min(lowerOrderSteps_ + 1, config_.solverOrder);
  return previous;
}

}  // namespace fan
