// Value types that cross between the GUI thread and the engine thread (torch-free).
#pragma once

#include "core/fan/FanEngine.h"
#include "core/pipelines/Generator.h"
#include "core/pipelines/PngParameters.h"

#include <QImage>
#include <QSize>
#include <QString>

#include <optional>
#include <vector>

namespace fan::ui {

enum class JobKind { Load, Personalize, Update, Generate, Sweep };

struct ModelInfo {
  QString folder;
  QString name;
  QString family;          // "SD 1.x", "SD 2.x", "SDXL"
  QString hash;            // the UNet fingerprint (PNG "Model hash")
  QString device;          // LibTorch device string
  QString defaultSampler;
  QSize defaultSize;
  int sizeMultiple = 8;
  double defaultGuidance = 7.5;
  double loadSeconds = 0;
};

// A personalization as the GUI asks for it. The engine re-profiles when anything but the
// attention options differs from its last run, or when historyRevision changed (the profile's
// history was edited); otherwise it only re-encodes.
struct PersonalizeJob {
  PersonalizationRequest request;
  quint64 historyRevision = 0;
};

// What profiling decided and the condition it produced (PersonalizationResult without tensors).
struct ProfilingView {
  PersonalizeJob job;
  std::vector<Reference> history;
  ProfilingReport report;
  std::vector<Reference> references;  // picks in pick order
  HistoryProjection projection;        // for the profiling plot
  ConditionShift shift;                // of the condition at the job's weights and options
  double seconds = 0;
};

// A re-encode of the personalized condition (alpha, options or per-reference weights changed).
struct UpdateView {
  std::vector<double> weights;
  AttentionOptions attention;
  ConditionShift shift;
  double seconds = 0;
};

struct GenerationJob {
  GenerationParams params;                        // prompt, negative, clip skip, sampling (first seed)
  std::optional<PersonalizeJob> personalization;  // none: a plain run of the pipeline
  std::vector<double> weights;                    // per reference; empty = the profile's own
  std::optional<qint64> profileId;                // the runs are recorded for this profile
  int batchCount = 1;                             // runs with seeds seed, seed + 1, ...
  bool previews = true;
};

// One run of a generation job: the target image and, when personalized, the personalized one
// (same seed). Parameters are the PNG "parameters" the CLI writes for the same run.
struct GeneratedPair {
  int batchIndex = 0;
  quint64 seed = 0;
  QImage target;
  QImage personalized;  // null for a plain run
  ImageParameters targetParameters;
  ImageParameters personalizedParameters;
  qint64 targetGeneration = -1;  // store records (personalized runs only)
  qint64 personalizedGeneration = -1;
  double seconds = 0;
};

struct SweepJob {
  GenerationParams params;
  PersonalizeJob personalization;
  std::vector<double> weights;
  std::vector<double> alphas;
  bool previews = false;
};

struct SweepImage {
  int index = 0;
  double alpha = 0;
  QImage image;  // the first of the alpha's images
  ImageParameters parameters;
  ConditionShift shift;
  // With a model that has the demo judge: the share of this alpha's images that keep the
  // target, and the mean share of the profile's preferred attributes they show (see
  // core/demo/ImageJudge.h); none otherwise.
  std::optional<double> fidelity, alignment;
  int judgedImages = 0;
};

// Per-step progress of a generation or sweep; `pass` counts images of the job (0-based).
struct StepProgress {
  int pass = 0;
  int passes = 1;
  QString label;  // "target", "personalized", "alpha 0.30"
  GenerationProgress progress;
};

}  // namespace fan::ui
