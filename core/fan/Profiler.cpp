#include "core/fan/Profiler.h"

#include "kernels/Similarity.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace fan {
namespace {

void validate(const torch::Tensor& target, const torch::Tensor& history, const std::vector<double>& weights,
              const ProfilingOptions& options) {
  if (!(options.sampleSize >= 0.0 && options.sampleSize <= 1.0))
    throw std::invalid_argument("sample_size must be in [0, 1], got " + std::to_string(options.sampleSize));
  if (options.kappa < 1) throw std::invalid_argument("kappa must be >= 1, got " + std::to_string(options.kappa));
  if (target.dim() != 1 || history.dim() != 2 || history.size(1) != target.size(0))
    throw std::invalid_argument("profiling expects a target [D] and history [N, D] of the same width");
  if (static_cast<int64_t>(weights.size()) != history.size(0))
    throw std::invalid_argument("profiling got " + std::to_string(weights.size()) + " weights for " +
                                std::to_string(history.size(0)) + " history entries");
  for (size_t i = 0; i < weights.size(); ++i)
    if (!(weights[i] >= 0.0) || !std::isfinite(weights[i]))
      throw std::invalid_argument("history entry " + std::to_string(i) + " has weight " +
                                  std::to_string(weights[i]) + "; weights must be finite and >= 0");
}

// Indices of `active` sorted by score descending; ties keep the lower index first.
std::vector<int> rankByScore(const std::vector<int>& active, const std::vector<double>& score) {
  std::vector<int> order = active;
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return score[a] > score[b]; });
  return order;
}

}  // namespace

int pickCount(double sampleSize, int historySize) {
  if (historySize <= 0) return 0;
  const int n = static_cast<int>(std::floor(sampleSize * historySize + 0.5));
  return std::clamp(n, 1, historySize);
}

ProfilingReport selectReferences(const torch::Tensor& targetMean, const torch::Tensor& historyMeans,
                                 const std::vector<double>& weights, const ProfilingOptions& options) {
  validate(targetMean, historyMeans, weights, options);
  ProfilingReport report;
  report.effectiveWeights = weights;
  report.relevance.assign(weights.size(), 0.0);
  std::vector<int> active;
  for (int i = 0; i < static_cast<int>(weights.size()); ++i)
    if (weights[i] > 0) active.push_back(i);
  if (active.empty()) return report;
  if (options.sampleSize == 0.0) {
    report.profiled = false;
    for (int i : active) report.picks.push_back({i, 0.0, 0.0});
    return report;
  }

  const double maxWeight = *std::max_element(weights.begin(), weights.end());
  std::vector<double> wt(weights.size());
  for (size_t i = 0; i < weights.size(); ++i) wt[i] = weights[i] / maxWeight;

  // Stage 1: relevance s_i = w~_i cos(target, entry); keep the top kappa*n.
  // float32 BLAS keeps 100k-entry histories interactive; cosines are exact to ~1e-7.
  const torch::Tensor history = historyMeans.to(torch::kFloat).contiguous();
  const torch::Tensor target = targetMean.to(torch::kFloat).contiguous();
  const torch::Tensor cosTarget = kernels::cosineSimilarity(history, target).to(torch::kDouble).contiguous();
  const double* cosT = cosTarget.data_ptr<double>();
  for (int i : active) report.relevance[i] = wt[i] * cosT[i];
  const int n = pickCount(options.sampleSize, static_cast<int>(active.size()));
  const size_t k = std::min<size_t>(active.size(), static_cast<size_t>(options.kappa) * n);
  report.candidates = rankByScore(active, report.relevance);
  report.candidates.resize(k);

  // Stage 2: farthest-first from the target; pick argmax w~_i d_i (ties: lower history index).
  std::vector<int> rows = report.candidates;
  std::sort(rows.begin(), rows.end());  // kernel ties go to the lower row = lower history index
  const torch::Tensor candidates = history.index_select(0, torch::tensor(std::vector<int64_t>(rows.begin(), rows.end())));
  const torch::Tensor unit = candidates / candidates.norm(2, 1, true).clamp_min(1e-30);
  std::vector<double> rowWeights, initial;
  for (int i : rows) {
    rowWeights.push_back(wt[i]);
    initial.push_back(1.0 - cosT[i]);
  }
  for (const auto& p : kernels::farthestFirst(unit, rowWeights, initial, n))
    report.picks.push_back({rows[p.row], report.relevance[rows[p.row]], p.distance});
  return report;
}

}  // namespace fan
