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
  std::vector<bool> seen(weights.size(), false);
  for (int p : options.pinned) {
    if (p < 0 || p >= static_cast<int>(weights.size()))
      throw std::invalid_argument("pinned history index " + std::to_string(p) + " is out of range (history of " +
                                  std::to_string(weights.size()) + " entries)");
    if (weights[p] <= 0)
      throw std::invalid_argument("pinned history entry " + std::to_string(p) + " is switched off (weight 0)");
    if (seen[p]) throw std::invalid_argument("history entry " + std::to_string(p) + " is pinned twice");
    seen[p] = true;
  }
}

// The best `k` of `pool` by score, best first; ties keep the lower index first.
std::vector<int> topByScore(std::vector<int> pool, const std::vector<double>& score, size_t k) {
  const auto better = [&](int a, int b) { return score[a] > score[b] || (score[a] == score[b] && a < b); };
  k = std::min(k, pool.size());
  const auto kth = pool.begin() + static_cast<std::ptrdiff_t>(k);
  std::nth_element(pool.begin(), kth, pool.end(), better);  // `better` is a strict total order: same
  std::sort(pool.begin(), kth, better);                     // set and order as a full sort
  pool.resize(k);
  return pool;
}

torch::Tensor rowsOf(const torch::Tensor& matrix, const std::vector<int>& indices) {
  return matrix.index_select(0, torch::tensor(std::vector<int64_t>(indices.begin(), indices.end()), torch::kLong));
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
  std::vector<bool> pinned(weights.size(), false);
  for (int p : options.pinned) pinned[p] = true;
  std::vector<int> pool;  // active entries profiling may pick: weight > 0, not pinned
  for (int i = 0; i < static_cast<int>(weights.size()); ++i)
    if (weights[i] > 0 && !pinned[i]) pool.push_back(i);
  const int activeCount = static_cast<int>(pool.size() + options.pinned.size());
  if (activeCount == 0) return report;
  if (options.sampleSize == 0.0) {
    report.profiled = false;
    for (int p : options.pinned) report.picks.push_back({p, 0.0, 0.0, true});
    for (int i : pool) report.picks.push_back({i, 0.0, 0.0, false});
    return report;
  }

  const double maxWeight = *std::max_element(weights.begin(), weights.end());
  std::vector<double> wt(weights.size());
  for (size_t i = 0; i < weights.size(); ++i) wt[i] = weights[i] / maxWeight;

  // Stage 1: relevance s_i = w~_i cos(target, entry); keep the top kappa * (slots left after pins).
  // Float32 dots in a fixed order (kernels/Similarity.h); scores in float64.
  const torch::Tensor history = historyMeans.to(torch::kFloat).contiguous();
  const torch::Tensor target = targetMean.to(torch::kFloat).contiguous();
  const torch::Tensor cosTarget = kernels::cosineSimilarity(history, target).to(torch::kDouble).contiguous();
  const double* cosT = cosTarget.data_ptr<double>();
  for (int i = 0; i < static_cast<int>(weights.size()); ++i)
    if (weights[i] > 0) report.relevance[i] = wt[i] * cosT[i];
  const int n = pickCount(options.sampleSize, activeCount);
  const int slots = std::max(0, n - static_cast<int>(options.pinned.size()));
  report.candidates = topByScore(pool, report.relevance, static_cast<size_t>(options.kappa) * slots);

  // Pinned entries are the first picks; each is a centre for everything after it.
  std::vector<double> pinnedDistance;
  const torch::Tensor pinnedUnit = options.pinned.empty() ? torch::Tensor() : kernels::unitRows(rowsOf(history, options.pinned));
  for (size_t p = 0; p < options.pinned.size(); ++p) {
    double d = 1.0 - cosT[options.pinned[p]];
    if (p > 0) {
      std::vector<float> cos(p);
      kernels::rowDots(pinnedUnit.narrow(0, 0, static_cast<int64_t>(p)), pinnedUnit[static_cast<int64_t>(p)], cos.data());
      for (float c : cos) d = std::min(d, 1.0 - static_cast<double>(c));
    }
    report.picks.push_back({options.pinned[p], report.relevance[options.pinned[p]], d, true});
  }
  if (slots == 0 || report.candidates.empty()) return report;

  // Stage 2: farthest-first from the target (and the pinned entries); pick argmax w~_i d_i
  // (ties: lower history index).
  std::vector<int64_t> rows(report.candidates.begin(), report.candidates.end());
  std::sort(rows.begin(), rows.end());  // kernel ties go to the lower position = lower history index
  std::vector<double> rowWeights, initial;
  for (const int64_t i : rows) {
    rowWeights.push_back(wt[i]);
    initial.push_back(1.0 - cosT[i]);
  }
  if (!options.pinned.empty()) {
    const torch::Tensor unit = kernels::unitRows(history.index_select(0, torch::tensor(rows, torch::kLong)));
    std::vector<float> cos(rows.size());
    for (size_t p = 0; p < options.pinned.size(); ++p) {
      kernels::rowDots(unit, pinnedUnit[static_cast<int64_t>(p)], cos.data());
      for (size_t r = 0; r < rows.size(); ++r) initial[r] = std::min(initial[r], 1.0 - static_cast<double>(cos[r]));
    }
  }
  for (const auto& p : kernels::farthestFirst(history, rows, rowWeights, initial, slots))
    report.picks.push_back({static_cast<int>(rows[p.row]), report.relevance[rows[p.row]], p.distance, false});
  return report;
}

}  // namespace fan
