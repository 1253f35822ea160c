// The engine side of the workspace: one Generator, one FanEngine and the worker thread's own
// HistoryStore connection (Qt SQL connections are per thread). Every method runs on the
// engine thread (see Engine), one at a time; results are plain values. Torch-free header.
#pragma once

#include "ui/workspace/EngineTypes.h"

#include "core/demo/ImageJudge.h"
#include "core/store/HistoryStore.h"

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace fan::ui {

class EngineWorker {
 public:
  using ProgressSink = std::function<void(const StepProgress&)>;
  using ProfilingSink = std::function<void(const ProfilingView&)>;

  // Opens the data directory's store; call on the engine thread.
  explicit EngineWorker(const QString& dataDir);
  ~EngineWorker();

  // Loads a diffusers folder (the previous model stays when this throws).
  ModelInfo load(const QString& folder, const QString& device);
  // Profiles and encodes when the request differs from the last one (see PersonalizeJob);
  // `reprofiled` tells whether it did.
  ProfilingView personalize(const PersonalizeJob& job, bool* reprofiled = nullptr);
  // Re-encodes the personalized condition of the last profiling with these weights (one per
  // reference; empty = the profile's own) and options.
  UpdateView update(std::vector<double> weights, const AttentionOptions& attention);
  // Runs each pair of the job; `onPair` gets each finished pair, recorded in the store when
  // personalized. `onProfiled` hears about a re-profiling the job needed. Throws
  // GenerationCancelled when `cancel` stops it (no record of the unfinished pair).
  void generate(const GenerationJob& job, const std::atomic<bool>& cancel, const ProgressSink& progress,
                const std::function<void(const GeneratedPair&)>& onPair, const ProfilingSink& onProfiled);
  // Personalized images of one seed at each alpha (not recorded).
  void sweep(const SweepJob& job, const std::atomic<bool>& cancel, const ProgressSink& progress,
             const std::function<void(const SweepImage&)>& onImage, const ProfilingSink& onProfiled);

  int updatesRun() const { return updatesRun_; }

 private:
  Generator& generator() const;
  void ensureProfiled(const PersonalizeJob& job, const ProfilingSink& onProfiled);
  ProfilingView view() const;
  GeneratedPair personalizedPair(const GenerationJob& job, const SamplingParams& sampling, int pass,
                                 const std::atomic<bool>& cancel, const ProgressSink& progress);

  // Judged sweep scores of the alpha's images (see SweepImage).
  void judgeSweepImages(const SweepJob& job, const std::vector<QImage>& images, SweepImage& out) const;

  HistoryStore store_;
  std::unique_ptr<Generator> generator_;
  std::unique_ptr<demo::ImageJudge> judge_;  // the model's demo judge, if it has one
  std::unique_ptr<FanEngine> engine_;
  std::optional<PersonalizeJob> profiled_;  // the job of the last profiling
  PersonalizationResult current_;           // its result, at the current weights and options
  std::vector<double> pickWeights_;         // the picks' own weights
  HistoryProjection projection_;
  AttentionOptions attention_;
  double profilingSeconds_ = 0;
  int updatesRun_ = 0;
};

}  // namespace fan::ui
