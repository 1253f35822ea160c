// One personalization request end to end (../shared/docs/fan-method.md §0-§4): the history
// (a stored profile or explicit references), token-averaged conditions through the store's
// embedding cache, tailored profiling, personalized attention in every encoder of the
// pipeline, and the plain target and negative conditions for side-by-side generation.
// Torch-free header: the UI holds results without seeing tensors.
#pragma once

#include "core/fan/AttentionOptions.h"
#include "core/fan/ProfilingReport.h"

#include <QPointF>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

namespace fan {

class HistoryStore;
class TextConditioner;
struct PersonalizedConditions;  // core/fan/PersonalizedConditions.h (LibTorch)

struct Reference {
  QString prompt;
  double weight = 1.0;  // effective weight (fan-method.md §0); 0 switches it off
  qint64 entryId = -1;  // store entry, or -1 for an explicit reference
};

// Which condition classifier-free guidance uses as its negative (fan-method.md §4).
enum class CfgNegative { PipelineDefault, Target };

struct PersonalizationRequest {
  QString target;
  std::optional<QString> negative;     // the user's negative prompt; none = the pipeline's default
  QString profile;                     // a stored profile's name, or empty to use `references`
  std::vector<Reference> references;   // explicit history (with `profile` empty)
  double sampleSize = 0.1;             // 0 = no profiling: every reference as given
  int kappa = 3;
  AttentionOptions attention;
  CfgNegative cfgNegative = CfgNegative::PipelineDefault;
  int clipSkip = 1;
  // Store entry ids (Reference::entryId) always used as references: pick order is the pinned
  // entries first, then profiling picks for the remaining slots. Unknown ids are an error.
  std::vector<qint64> pinnedEntries;
  // Store entry ids removed from the history before profiling. Unknown ids are an error.
  std::vector<qint64> excludedEntries;
  // Class-token detector files (fan-cli train-detector; fan-method.md §5), at most one per
  // encoder: they choose where the personalized streams pool. None: the fixed position e.
  QStringList detectors;
};

struct PersonalizationResult {
  std::vector<Reference> history;        // what was profiled; report indices point here
  ProfilingReport report;
  std::vector<Reference> references;     // the picks in pick order, as used by attention
  std::shared_ptr<const PersonalizedConditions> conditions;
};

// 2-D PCA of the last personalize()'s history (token-averaged conditions of the first encoder,
// centred on the history mean) with the target projected into the same plane.
struct HistoryProjection {
  std::vector<QPointF> history;   // one per PersonalizationResult::history entry, same order
  QPointF target;
  double explained[2] = {0, 0};   // share of variance of each axis
};

// Where the current personalized condition sits (token-averaged, first encoder): cosine to the
// plain target's and to the weighted mean of the references' token-averaged conditions (0 when
// no reference has a positive weight).
struct ConditionShift {
  double cosineToTarget = 0;
  double cosineToReferences = 0;
};

class FanEngine {
 public:
  // `store` may be null (explicit references only; no embedding cache).
  FanEngine(std::shared_ptr<const TextConditioner> conditioner, HistoryStore* store);
  ~FanEngine();

  // Throws std::invalid_argument naming the bad value (empty target, alpha outside 0..1,
  // negative weight, unknown profile, ...).
  PersonalizationResult personalize(const PersonalizationRequest& request);
  // Same references as the last personalize(), new alpha/options and per-reference weights
  // (one per result.references entry): re-runs only the personalized streams.
  PersonalizationResult update(const std::vector<double>& referenceWeights, const AttentionOptions& attention);

  // Of the last personalize(); both throw std::logic_error before the first personalize().
  HistoryProjection projection() const;
  ConditionShift conditionShift() const;  // of the last personalize() or update()

  const TextConditioner& conditioner() const { return *conditioner_; }

 private:
  struct Impl;
  std::shared_ptr<const TextConditioner> conditioner_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace fan
