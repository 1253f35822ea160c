// What tailored profiling decided, for the UI's plot and reference viewer (torch-free).
#pragma once

#include <vector>

namespace fan {

struct ProfilingOptions {
  double sampleSize = 0.1;  // fraction of the history to pick; 0 = no profiling (use every reference)
  int kappa = 3;            // stage 1 keeps kappa * (n - pinned) candidates
  // History indices always picked, first and in this order; profiling fills the remaining of the
  // n slots (at least none) and treats the pinned entries as centres already picked.
  std::vector<int> pinned;
};

struct ProfilePick {
  int index = -1;          // index into the history given to the profiler
  double relevance = 0;    // stage-1 score s_i = w~_i * cos(target, entry)
  double distance = 0;     // d_i = min over centres (1 - cos) when picked
  bool pinned = false;     // a pinned entry (ProfilingOptions::pinned), not chosen by profiling
};

struct ProfilingReport {
  std::vector<double> effectiveWeights;   // per history entry, as given (0 = switched off)
  std::vector<double> relevance;          // s_i per history entry (0 for switched-off entries)
  std::vector<int> candidates;            // stage-1 set, best first (ties: lower index first)
  std::vector<ProfilePick> picks;         // stage-2 picks in pick order
  bool profiled = true;                   // false when sample_size = 0 (every entry used as given)
};

}  // namespace fan
