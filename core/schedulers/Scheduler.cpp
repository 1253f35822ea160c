#include "core/schedulers/Scheduler.h"

#include "core/io/JsonConfig.h"
#include "core/io/Safetensors.h"
#include "core/schedulers/NoiseSchedule.h"

#include <QJsonArray>

#include <algorithm>
#include <stdexcept>

namespace fan {

static std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

void SchedulerConfig::unsupported(const char* key, const std::string& value,
                                  const std::vector<std::string>& supported) const {
  throw LoadError(source + ": '" + key + "' = " + value + " is not supported by " + className +
                  "; supported: " + joined(supported));
}

void SchedulerConfig::requireOneOf(const char* key, const std::string& value,
                                   const std::vector<std::string>& supported) const {
  if (std::find(supported.begin(), supported.end(), value) == supported.end()) unsupported(key, value, supported);
}

static std::vector<double> readTrainedBetas(const JsonConfig& json) {
  const QJsonValue value = json.object().value(QStringLiteral("trained_betas"));
  std::vector<double> out;
  if (value.isNull() || value.isUndefined()) return out;
  if (!value.isArray()) throw LoadError(json.file().toStdString() + ": key 'trained_betas' must be a list of numbers");
  for (const QJsonValue& item : value.toArray()) {
    if (!item.isDouble()) throw LoadError(json.file().toStdString() + ": key 'trained_betas' must be a list of numbers");
    out.push_back(item.toDouble());
  }
  return out;
}

SchedulerConfig readSchedulerConfig(const JsonConfig& json, SchedulerConfig c) {
  c.source = json.file().toStdString();
  c.numTrainTimesteps = json.getInt("num_train_timesteps", c.numTrainTimesteps);
  c.betaStart = json.getDouble("beta_start", c.betaStart);
  c.betaEnd = json.getDouble("beta_end", c.betaEnd);
  c.betaSchedule = json.getString("beta_schedule", c.betaSchedule);
  c.trainedBetas = readTrainedBetas(json);
  c.predictionType = json.getString("prediction_type", c.predictionType);
  c.timestepSpacing = json.getString("timestep_spacing", c.timestepSpacing);
  c.stepsOffset = json.getInt("steps_offset", c.stepsOffset);
  c.skipPrkSteps = json.getBool("skip_prk_steps", c.skipPrkSteps);
  c.setAlphaToOne = json.getBool("set_alpha_to_one", c.setAlphaToOne);
  c.clipSample = json.getBool("clip_sample", c.clipSample);
  c.clipSampleRange = json.getDouble("clip_sample_range", c.clipSampleRange);
  c.rescaleBetasZeroSnr = json.getBool("rescale_betas_zero_snr", c.rescaleBetasZeroSnr);
  c.thresholding = json.getBool("thresholding", c.thresholding);
  c.useKarrasSigmas = json.getBool("use_karras_sigmas", c.useKarrasSigmas);
  c.interpolationType = json.getString("interpolation_type", c.interpolationType);
  c.solverOrder = json.getInt("solver_order", c.solverOrder);
  c.algorithmType = json.getString("algorithm_type", c.algorithmType);
  c.solverType = json.getString("solver_type", c.solverType);
  c.lowerOrderFinal = json.getBool("lower_order_final", c.lowerOrderFinal);
  c.lambdaMinClipped = json.getDouble("lambda_min_clipped", c.lambdaMinClipped);
  c.varianceType = json.getString("variance_type", c.varianceType);

  if (c.numTrainTimesteps < 2)
    throw LoadError(c.source + ": 'num_train_timesteps' = " + std::to_string(c.numTrainTimesteps) +
                    " (expected at least 2)");
  if (!c.trainedBetas.empty() && static_cast<int64_t>(c.trainedBetas.size()) != c.numTrainTimesteps)
    throw LoadError(c.source + ": 'trained_betas' has " + std::to_string(c.trainedBetas.size()) +
                    " entries, expected num_train_timesteps = " + std::to_string(c.numTrainTimesteps));
  if (c.trainedBetas.empty()) c.requireOneOf("beta_schedule", c.betaSchedule, {"linear", "scaled_linear", "squaredcos_cap_v2"});
  c.requireOneOf("timestep_spacing", c.timestepSpacing, {"linspace", "leading", "trailing"});
  return c;
}

Scheduler::Scheduler(SchedulerConfig config) : config_(std::move(config)) { setBetas(schedule::betas(config_)); }

void Scheduler::setBetas(const at::Tensor& betas) {
  alphasCumprod_ = schedule::alphasCumprod(betas).contiguous();
  const float* values = alphasCumprod_.data_ptr<float>();
  alphasCumprodValues_.assign(values, values + alphasCumprod_.numel());
}

at::Tensor Scheduler::noiseLike(const at::Tensor& like, at::Generator* generator) {
  if (!generator) return at::randn(like.sizes(), like.options());
  return at::randn(like.sizes(), *generator, like.options().device(generator->device())).to(like.device());
}

float Scheduler::alphaCumprod(int64_t t) const { return alphasCumprodValues_.at(static_cast<size_t>(t)); }

void Scheduler::setTimesteps(int steps) {
  if (steps < 1 || steps > config_.numTrainTimesteps)
    throw std::invalid_argument(className() + ": the number of inference steps must be between 1 and " +
                                std::to_string(config_.numTrainTimesteps) + ", got " + std::to_string(steps));
  computeTimesteps(steps);
}

void Scheduler::checkStepIndex(size_t stepIndex, const char* what) const {
  if (timesteps_.empty()) throw std::logic_error(className() + ": " + what + " called before setTimesteps()");
  if (stepIndex >= timesteps_.size())
    throw std::out_of_range(className() + ": " + what + ": step index " + std::to_string(stepIndex) +
                            " is out of range (" + std::to_string(timesteps_.size()) + " timesteps)");
}

double Scheduler::initNoiseSigma() const {
  checkStepIndex(0, "initNoiseSigma()");
  return noiseSigma();
}

at::Tensor Scheduler::scaleModelInput(const at::Tensor& sample, size_t stepIndex) const {
  checkStepIndex(stepIndex, "scaleModelInput()");
  return scaleInput(sample, stepIndex);
}

at::Tensor Scheduler::step(const at::Tensor& modelOutput, size_t stepIndex, const at::Tensor& sample,
                           at::Generator* generator) {
  checkStepIndex(stepIndex, "step()");
  if (!modelOutput.sizes().equals(sample.sizes()))
    throw std::invalid_argument(className() + ": step(): model output and sample shapes differ");
  return computeStep(modelOutput, stepIndex, sample, generator);
}

}  // namespace fan
