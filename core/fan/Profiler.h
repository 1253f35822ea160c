// Tailored profiling (../shared/docs/fan-method.md §2): relevance, then target-seeded
// farthest-first k-center over the stage-1 candidates.
#pragma once

#include "core/fan/ProfilingReport.h"

#include <torch/types.h>

#include <vector>

namespace fan {

// Number of picks for a history of `historySize` usable entries: max(1, floor(s*|H| + 0.5)),
// capped at |H|. 0 when the history is empty. sampleSize must be in (0, 1].
int pickCount(double sampleSize, int historySize);

// targetMean [D], historyMeans [N, D] (token-averaged conditions), weights N effective weights
// (>= 0; entries with weight 0 never take part). Deterministic (float32 similarities, float64
// scores).
// options.pinned: indices picked first (see ProfilingOptions); a pinned entry that is out of range,
// switched off or listed twice throws std::invalid_argument.
// sampleSize = 0 returns every entry with weight > 0 as a pick, in history order, unprofiled.
ProfilingReport selectReferences(const torch::Tensor& targetMean, const torch::Tensor& historyMeans,
                                 const std::vector<double>& weights, const ProfilingOptions& options);

}  // namespace fan
