#include "core/schedulers/NoiseSchedule.h"

#include <algorithm>
#include <cmath>

namespace fan::schedule {

// diffusers' betas_for_alpha_bar with the cosine alpha-bar function, in Python floats.
static std::vector<double> squaredCosineBetas(int64_t count) {
  const auto alphaBar = [](double t) {
    const double c = std::cos((t + 0.008) / 1.008 * M_PI / 2);
    return c * c;
  };
  std::vector<double> out;
  for (int64_t i = 0; i < count; ++i) {
    const double t1 = static_cast<double>(i) / count, t2 = static_cast<double>(i + 1) / count;
    out.push_back(std::min(1 - alphaBar(t2) / alphaBar(t1), 0.999));
  }
  return out;
}

static at::Tensor float32Tensor(const std::vector<double>& values) {
  return at::tensor(values, at::kDouble).to(at::kFloat);
}

at::Tensor betas(const SchedulerConfig& config) {
  const int64_t count = config.numTrainTimesteps;
  if (!config.trainedBetas.empty()) return float32Tensor(config.trainedBetas);
  if (config.betaSchedule == "linear") return at::linspace(config.betaStart, config.betaEnd, count, at::kFloat);
  if (config.betaSchedule == "scaled_linear")
    return at::linspace(std::pow(config.betaStart, 0.5), std::pow(config.betaEnd, 0.5), count, at::kFloat).pow(2);
  if (config.betaSchedule == "squaredcos_cap_v2") return float32Tensor(squaredCosineBetas(count));
  config.unsupported("beta_schedule", config.betaSchedule, {"linear", "scaled_linear", "squaredcos_cap_v2"});
}

at::Tensor alphasCumprod(const at::Tensor& betas) { return at::cumprod(1.0 - betas, 0); }

at::Tensor rescaleZeroTerminalSnr(const at::Tensor& betas) {
  at::Tensor sqrtAlphaBar = at::cumprod(1.0 - betas, 0).sqrt();
  const at::Tensor first = sqrtAlphaBar[0].clone(), last = sqrtAlphaBar[-1].clone();
  // Shift so the last step has zero SNR, scale so the first keeps its value.
  sqrtAlphaBar = (sqrtAlphaBar - last) * (first / (first - last));
  const at::Tensor alphaBar = sqrtAlphaBar.pow(2);
  const at::Tensor alphas = at::cat({alphaBar.slice(0, 0, 1), alphaBar.slice(0, 1) / alphaBar.slice(0, 0, -1)});
  return 1.0 - alphas;
}

std::vector<double> linspace(double start, double stop, int64_t num) {
  std::vector<double> out(static_cast<size_t>(std::max<int64_t>(num, 0)));
  const double step = (stop - start) / static_cast<double>(num - 1);
  for (int64_t i = 0; i < num; ++i) out[i] = num > 1 ? static_cast<double>(i) * step + start : start;
  if (num > 1) out.back() = stop;
  return out;
}

std::vector<double> arange(double start, double stop, double step) {
  const double length = std::ceil((stop - start) / step);
  if (!(length > 0)) return {};
  std::vector<double> out(static_cast<size_t>(length));
  out[0] = start;
  // numpy stores start + step, then fills start + i * (that - start).
  if (out.size() > 1) out[1] = start + step;
  const double delta = out.size() > 1 ? out[1] - start : 0;
  for (size_t i = 2; i < out.size(); ++i) out[i] = start + static_cast<double>(i) * delta;
  return out;
}

double roundHalfEven(double x) { return std::nearbyint(x); }

std::vector<double> spacedTimesteps(const SchedulerConfig& config, int steps, bool roundLinspace) {
  const int64_t trainSteps = config.numTrainTimesteps;
  std::vector<double> out;
  if (config.timestepSpacing == "linspace") {
    for (double t : linspace(0, static_cast<double>(trainSteps - 1), steps))
      out.push_back(roundLinspace ? roundHalfEven(t) : static_cast<float>(t));  // Euler: float32
    std::reverse(out.begin(), out.end());
  } else if (config.timestepSpacing == "leading") {
    const int64_t ratio = trainSteps / steps;
    for (int64_t i = steps - 1; i >= 0; --i) out.push_back(static_cast<double>(i * ratio + config.stepsOffset));
  } else if (config.timestepSpacing == "trailing") {
    const double ratio = static_cast<double>(trainSteps) / steps;
    for (double t : arange(static_cast<double>(trainSteps), 0, -ratio)) out.push_back(roundHalfEven(t) - 1);
  } else {
    config.unsupported("timestep_spacing", config.timestepSpacing, {"linspace", "leading", "trailing"});
  }
  return out;
}

std::vector<float> trainingSigmas(const at::Tensor& alphasCumprod) {
  const at::Tensor sigmas = ((1.0 - alphasCumprod) / alphasCumprod).pow(0.5).contiguous();
  return {sigmas.data_ptr<float>(), sigmas.data_ptr<float>() + sigmas.numel()};
}

double interpolate(const std::vector<float>& table, double x) {
  const auto last = static_cast<double>(table.size() - 1);
  if (std::isnan(x)) return x;
  if (x <= 0) return table.front();
  if (x >= last) return table.back();
  const auto j = static_cast<size_t>(std::floor(x));
  if (x == static_cast<double>(j)) return table[j];
  const double slope = static_cast<double>(table[j + 1]) - table[j];  // the abscissae are 1 apart
  return slope * (x - static_cast<double>(j)) + table[j];
}

std::vector<double> karrasSigmas(double first, double last, int steps) {
  constexpr double rho = 7.0;
  const double firstInvRho = std::pow(first, 1 / rho), lastInvRho = std::pow(last, 1 / rho);
  std::vector<double> out;
  for (double ramp : linspace(0, 1, steps)) out.push_back(std::pow(firstInvRho + ramp * (lastInvRho - firstInvRho), rho));
  return out;
}

double sigmaToTimestep(double sigma, const std::vector<float>& logSigmas) {
  // numpy promotes the float64 log sigma to the table's float32 here (value-based casting).
  const auto logSigma = static_cast<float>(std::log(sigma));
  size_t low = 0;  // the last entry not above logSigma (0 when there is none)
  for (size_t i = 0; i < logSigmas.size(); ++i)
    if (logSigma - logSigmas[i] >= 0) low = i;
  low = std::min(low, logSigmas.size() - 2);
  const float lowLog = logSigmas[low], highLog = logSigmas[low + 1];
  const float w = std::clamp((lowLog - logSigma) / (lowLog - highLog), 0.0f, 1.0f);
  return static_cast<double>(1.0f - w) * static_cast<double>(low) + static_cast<double>(w) * static_cast<double>(low + 1);
}

}  // namespace fan::schedule
