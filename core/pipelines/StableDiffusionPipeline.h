// diffusers 0.21.4 StableDiffusionPipeline and StableDiffusionXLPipeline text-to-image sampling
// in one class: the folder's model_index.json says which; SDXL only adds the pooled text
// embedding and add_time_ids (added_cond_kwargs) to every UNet call.
//
//   noise    = randn((B*N, C, H/f, W/f), generator = CPU generator seeded with `seed`)  one draw
//   latents  = noise * init_noise_sigma               (or given latents * init_noise_sigma)
//   per step: x = scale_model_input(cat([latents, latents]), t)          CFG rows [uncond, cond]
//             u, c = unet(x, t, cat([negative, positive]), added).chunk(2)
//             eps = u + g * (c - u)   [+ guidance_rescale]     (g <= 1: no CFG, positive only)
//             latents = scheduler.step(eps, t, latents, generator)      (Euler a draws noise here)
//   images   = (vae.decode(latents / scaling_factor) / 2 + 0.5).clamp(0, 1)   NHWC float32
#pragma once

#include "core/io/DiffusersFolder.h"
#include "core/models/AutoencoderKL.h"
#include "core/models/Unet2DConditionModel.h"
#include "core/pipelines/Generator.h"
#include "core/pipelines/TextConditioner.h"

#include <torch/types.h>

#include <array>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace fan {

class Scheduler;

struct PipelineParams {
  int steps = 50;
  double guidanceScale = 7.5;
  double guidanceRescale = 0.0;
  int64_t width = 0, height = 0;  // 0 = the UNet's sample_size * the VAE factor
  uint64_t seed = 0;
  std::string sampler;            // empty = the folder's scheduler
  int imagesPerPrompt = 1;
  torch::Tensor latents;          // optional [B*N, C, H/f, W/f]: replaces the seeded draw
  // SDXL add_time_ids as (height, width) / (top, left); empty = (height, width), as diffusers.
  std::optional<std::array<int64_t, 2>> originalSize, targetSize;
  std::array<int64_t, 2> cropTopLeft{0, 0};
};

// Optional hooks of one run.
struct PipelineHooks {
  // After each UNet step: steps done, total, and the latents scaled as the scheduler would
  // feed them to the UNet next (unit variance, for previews).
  std::function<void(int step, int total, const torch::Tensor& previewLatents)> onStep;
  const std::atomic<bool>* cancel = nullptr;  // checked before every step and before decoding
  // Every intermediate under the golden files' stage names ("noise_initial", "unet_input.0", ...).
  std::function<void(const std::string& stage, const torch::Tensor& value)> trace;
};

struct PipelineResult {
  torch::Tensor images;  // [B*N, H, W, 3] float32 in [0, 1], CPU
  std::string sampler;   // display name of the scheduler that ran
  int unetSteps = 0;
};

class StableDiffusionPipeline {
 public:
  // Loads a StableDiffusionPipeline or StableDiffusionXLPipeline folder. The VAE runs in
  // float32 when `dtype` is half precision and its config says force_upcast. Throws LoadError
  // (also when the text encoders' width differs from the UNet's cross_attention_dim).
  static std::unique_ptr<StableDiffusionPipeline> load(const QString& folder, torch::Dtype dtype = torch::kFloat,
                                                       torch::Device device = torch::kCPU);
  ~StableDiffusionPipeline();

  const DiffusersFolder& folder() const { return folder_; }
  bool isXL() const { return unet_->config().textTimeEmbedding; }
  const Unet2DConditionModel& unet() const { return *unet_; }
  const AutoencoderKL& vae() const { return *vae_; }
  const TextConditioner& conditioner() const { return *conditioner_; }
  std::shared_ptr<const TextConditioner> sharedConditioner() const { return conditioner_; }
  const std::string& unetFingerprint() const { return unetFingerprint_; }
  int64_t vaeScaleFactor() const { return vae_->config().scaleFactor(); }
  int64_t defaultSize() const;                   // sample_size * VAE factor (diffusers' default)
  std::string defaultSampler() const;            // display name of the folder's scheduler

  // The prompt and negative as the pipeline encodes them (encode_prompt), CLIP skip included.
  struct PromptConditions {
    Condition positive, negative;
  };
  PromptConditions encodePrompt(const QString& prompt, const std::optional<QString>& negative, int clipSkip = 1) const;

  // One text-to-image run. `positive` is [B, L, D] (+ pooled [B, P] for SDXL); `negative`
  // has batch B or 1. Throws std::invalid_argument for bad parameters, GenerationCancelled,
  // OutOfMemoryError.
  PipelineResult generate(const Condition& positive, const Condition& negative, const PipelineParams& params,
                          const PipelineHooks& hooks = {}) const;

  // UNet evaluations since load (each a CFG batch); lets tests see how far a cancelled run got.
  int64_t unetEvaluations() const { return unetEvaluations_; }

 private:
  StableDiffusionPipeline(DiffusersFolder folder, std::unique_ptr<Unet2DConditionModel> unet,
                          std::unique_ptr<AutoencoderKL> vae, std::shared_ptr<TextConditioner> conditioner);
  PipelineResult run(const Condition& positive, const Condition& negative, const PipelineParams& params,
                     const PipelineHooks& hooks) const;
  std::optional<AddedConditions> addedConditions(const Condition& positive, const Condition& negative, int64_t repeat,
                                                 bool cfg, const PipelineParams& params, int64_t height,
                                                 int64_t width, const PipelineHooks& hooks) const;
  torch::Tensor decode(const torch::Tensor& latents, const PipelineHooks& hooks) const;

  DiffusersFolder folder_;
  std::unique_ptr<Unet2DConditionModel> unet_;
  std::unique_ptr<AutoencoderKL> vae_;
  std::shared_ptr<TextConditioner> conditioner_;
  std::string unetFingerprint_;
  mutable std::atomic<int64_t> unetEvaluations_{0};
};

}  // namespace fan
