#include "core/schedulers/LMSDiscreteScheduler.h"

#include <algorithm>
#include <array>

namespace fan {

SchedulerConfig LMSDiscreteScheduler::defaults() {
  SchedulerConfig c;
  c.className = "LMSDiscreteScheduler";
  c.timestepSpacing = "linspace";
  return c;
}

LMSDiscreteScheduler::LMSDiscreteScheduler(SchedulerConfig config) : SigmaScheduler(std::move(config), true) {
  config_.requireOneOf("prediction_type", config_.predictionType, {"epsilon", "v_prediction", "sample"});
}

void LMSDiscreteScheduler::computeTimesteps(int steps) {
  SigmaScheduler::computeTimesteps(steps);
  derivatives_.clear();
}

double LMSDiscreteScheduler::coefficient(int order, size_t stepIndex, int current) const {
  const auto node = [&](int k) { return static_cast<double>(sigma(stepIndex - k)); };
  const auto basis = [&](double tau) {
    double product = 1.0;
    for (int k = 0; k < order; ++k)
      if (k != current) product *= (tau - node(k)) / (node(current) - node(k));
    return product;
  };
  // The basis polynomial has degree order - 1 <= 3, so 4-point Gauss-Legendre (exact up to
  // degree 7) gives the integral scipy.integrate.quad approximates, to rounding.
  static constexpr std::array<double, 4> x = {-0.8611363115940526, -0.3399810435848563, 0.3399810435848563,
                                              0.8611363115940526};
  static constexpr std::array<double, 4> w = {0.3478548451374538, 0.6521451548625461, 0.6521451548625461,
                                              0.3478548451374538};
  const double a = sigma(stepIndex), b = sigma(stepIndex + 1);
  double sum = 0;
  for (size_t j = 0; j < x.size(); ++j) sum += w[j] * basis((b - a) / 2 * x[j] + (a + b) / 2);
  return sum * (b - a) / 2;
}

at::Tensor LMSDiscreteScheduler::computeStep(const at::Tensor& modelOutput, size_t stepIndex,
                                             const at::Tensor& sample, at::Generator* /*generator*/) {
  const float s = sigma(stepIndex);
  derivatives_.push_back((sample - predictOriginal(modelOutput, sample, s)) / s);
  if (derivatives_.size() > static_cast<size_t>(kOrder)) derivatives_.pop_front();

  const int order = static_cast<int>(std::min<size_t>(stepIndex + 1, kOrder));
  // Coefficient k pairs with the k-th newest derivative (diffusers zips with reversed()).
  at::Tensor update;
  for (int k = 0; k < order && k < static_cast<int>(derivatives_.size()); ++k) {
    const at::Tensor term = derivatives_[derivatives_.size() - 1 - k] * coefficient(order, stepIndex, k);
    update = update.defined() ? update + term : term;
  }
  return sample + update;
}

}  // namespace fan
