#include "core/pipelines/StableDiffusionPipeline.h"

#include "core/io/Safetensors.h"
#include "core/runtime/Runtime.h"
#include "core/schedulers/Scheduler.h"
#include "core/schedulers/SchedulerFactory.h"

#include <ATen/CPUGeneratorImpl.h>

#include <cmath>
#include <new>
#include <stdexcept>

namespace fan {
namespace {

bool isHalf(torch::Dtype dtype) { return dtype == torch::kHalf || dtype == torch::kBFloat16; }

void requireParams(const PipelineParams& p, int64_t factor) {
  auto fail = [](const std::string& message) { throw std::invalid_argument(message); };
  if (p.steps < 1) fail("steps must be at least 1, got " + std::to_string(p.steps));
  if (!std::isfinite(p.guidanceScale) || p.guidanceScale < 0)
    fail("guidance scale (CFG) must be a number >= 0, got " + std::to_string(p.guidanceScale));
  if (!std::isfinite(p.guidanceRescale) || p.guidanceRescale < 0 || p.guidanceRescale > 1)
    fail("guidance rescale must be in 0..1, got " + std::to_string(p.guidanceRescale));
  if (p.imagesPerPrompt < 1) fail("images per prompt must be at least 1, got " + std::to_string(p.imagesPerPrompt));
  for (const auto& [name, value] : {std::pair{"width", p.width}, std::pair{"height", p.height}}) {
    if (value < 0 || value % factor != 0)
      fail(std::string(name) + " " + std::to_string(value) + " is not a positive multiple of " +
           std::to_string(factor) + " (the VAE's downsampling factor)");
  }
}

void requireCondition(const Condition& c, const char* which, bool pooled) {
  if (!c.sequence.defined() || c.sequence.dim() != 3)
    throw std::invalid_argument(std::string(which) + " condition must be a [B, L, D] sequence");
  if (pooled && (!c.pooled.defined() || c.pooled.dim() != 2 || c.pooled.size(0) != c.sequence.size(0)))
    throw std::invalid_argument(std::string(which) + " condition needs a pooled [B, P] embedding (SDXL)");
}

// Batch B of the positive condition: the negative may have B rows or one for all.
torch::Tensor rowsFor(const torch::Tensor& t, int64_t rows, const char* what) {
  if (t.size(0) == rows) return t;
  if (t.size(0) != 1)
    throw std::invalid_argument(std::string(what) + " has " + std::to_string(t.size(0)) + " rows, expected 1 or " +
                                std::to_string(rows));
  std::vector<int64_t> shape = t.sizes().vec();
  shape[0] = rows;
  return t.expand(shape);
}

// diffusers rescale_noise_cfg (Lin et al. 2023, §3.4): match the std of the text prediction.
torch::Tensor rescaleNoiseCfg(const torch::Tensor& noiseCfg, const torch::Tensor& noiseText, double rescale) {
  std::vector<int64_t> dims;
  for (int64_t d = 1; d < noiseText.dim(); ++d) dims.push_back(d);
  const torch::Tensor stdText = noiseText.std(dims, /*unbiased=*/true, /*keepdim=*/true);
  const torch::Tensor stdCfg = noiseCfg.std(dims, /*unbiased=*/true, /*keepdim=*/true);
  const torch::Tensor rescaled = noiseCfg * (stdText / stdCfg);
  return rescale * rescaled + (1 - rescale) * noiseCfg;
}

void checkCancel(const PipelineHooks& hooks) {
  if (hooks.cancel && hooks.cancel->load()) throw GenerationCancelled();
}

bool isOutOfMemory(const std::string& message) {
  return message.find("out of memory") != std::string::npos ||
         message.find("can't allocate memory") != std::string::npos;
}

std::string firstLine(const std::string& text) { return text.substr(0, text.find('\n')); }

}  // namespace

StableDiffusionPipeline::StableDiffusionPipeline(DiffusersFolder folder, std::unique_ptr<Unet2DConditionModel> unet,
                                                 std::unique_ptr<AutoencoderKL> vae,
                                                 std::shared_ptr<TextConditioner> conditioner)
    : folder_(std::move(folder)),
      unet_(std::move(unet)),
      vae_(std::move(vae)),
      conditioner_(std::move(conditioner)),
      unetFingerprint_(folder_.fingerprint("unet")) {}

StableDiffusionPipeline::~StableDiffusionPipeline() = default;

std::unique_ptr<StableDiffusionPipeline> StableDiffusionPipeline::load(const QString& dir, torch::Dtype dtype,
                                                                       torch::Device device) {
  DiffusersFolder folder(dir);
  const std::string where = dir.toStdString();
  const std::string& cls = folder.pipelineClass();
  const bool xl = cls == "StableDiffusionXLPipeline";
  if (!xl && cls != "StableDiffusionPipeline")
    throw LoadError(where + ": " + (cls.empty() ? "not a pipeline folder (no model_index.json)" : "pipeline " + cls) +
                    "; expected a StableDiffusionPipeline or StableDiffusionXLPipeline folder");

  // Configs first: a mismatched folder fails before gigabytes of weights are read.
  const UnetConfig unetConfig = UnetConfig::fromJson(folder.componentConfig("unet"));
  const QString unetConfigPath = folder.componentConfigPath("unet");
  if (unetConfig.textTimeEmbedding != xl)
    throw LoadError(unetConfigPath.toStdString() + ": addition_embed_type " +
                    (xl ? "must be \"text_time\" for StableDiffusionXLPipeline" : "\"text_time\" needs an SDXL pipeline"));
  makeScheduler(folder.componentConfig("scheduler"), "");  // the folder's own scheduler must be usable
  const VaeConfig vaeConfig = VaeConfig::fromJson(folder.componentConfig("vae"));

  // LibTorch's CPU kernels lack half-precision LayerNorm: keep CPU text encoders in float32.
  const torch::Dtype textDtype = device.is_cpu() ? torch::kFloat : dtype;
  std::shared_ptr<TextConditioner> conditioner =
      TextConditioner::load(folder, torch::TensorOptions().dtype(textDtype).device(device));
  if (conditioner->conditionWidth() != unetConfig.crossAttentionDim)
    throw LoadError(where + ": the text encoder(s) give conditions of width " +
                    std::to_string(conditioner->conditionWidth()) + " but " + unetConfigPath.toStdString() +
                    " has cross_attention_dim " + std::to_string(unetConfig.crossAttentionDim) +
                    " (text encoder and UNet are from different models)");
  if (xl) {
    const int64_t pooled = folder.componentConfig("text_encoder_2").getInt("projection_dim", 0);
    const int64_t expected = pooled + 6 * unetConfig.additionTimeEmbedDim;
    if (expected != unetConfig.projectionClassEmbeddingsInputDim)
      throw LoadError(unetConfigPath.toStdString() + ": projection_class_embeddings_input_dim is " +
                      std::to_string(unetConfig.projectionClassEmbeddingsInputDim) + " but text_encoder_2's projection_dim " +
                      std::to_string(pooled) + " + 6 time ids x addition_time_embed_dim " +
                      std::to_string(unetConfig.additionTimeEmbedDim) + " = " + std::to_string(expected));
  }
  auto unet = loadUnet(folder, "unet", dtype, device);
  auto vae = loadVae(folder, "vae", isHalf(dtype) && vaeConfig.forceUpcast ? torch::kFloat : dtype, device);
  releaseFreedMemory();  // the converted and packed weights' temporaries
  return std::unique_ptr<StableDiffusionPipeline>(
      new StableDiffusionPipeline(std::move(folder), std::move(unet), std::move(vae), std::move(conditioner)));
}

int64_t StableDiffusionPipeline::defaultSize() const {
  // diffusers: unet.config.sample_size * vae_scale_factor (UNet2DConditionModel's default 64 when absent).
  return unet_->config().sampleSize.value_or(64) * vaeScaleFactor();
}

std::string StableDiffusionPipeline::defaultSampler() const {
  return samplerDisplayName(*makeScheduler(folder_.componentConfig("scheduler"), ""));
}

StableDiffusionPipeline::PromptConditions StableDiffusionPipeline::encodePrompt(const QString& prompt,
                                                                                const std::optional<QString>& negative,
                                                                                int clipSkip) const {
  return {conditioner_->encode({prompt}, clipSkip), conditioner_->negative(negative, clipSkip)};
}

PipelineResult StableDiffusionPipeline::generate(const Condition& positive, const Condition& negative,
                                                 const PipelineParams& params, const PipelineHooks& hooks) const {
  const auto size = [&] {
    return std::to_string(params.width ? params.width : defaultSize()) + "x" +
           std::to_string(params.height ? params.height : defaultSize()) + " with " +
           std::to_string(params.imagesPerPrompt) + " image(s) per prompt";
  };
  try {
    return run(positive, negative, params, hooks);
  } catch (const std::bad_alloc&) {
    throw OutOfMemoryError("out of memory generating " + size() + "; try a smaller size or fewer images");
  } catch (const c10::Error& e) {
    const std::string message = firstLine(e.what_without_backtrace());
    if (isOutOfMemory(message))
      throw OutOfMemoryError("out of memory generating " + size() + " (" + message +
                             "); try a smaller size or fewer images");
    throw std::runtime_error("generation failed: " + message);
  }
}

PipelineResult StableDiffusionPipeline::run(const Condition& positive, const Condition& negative,
                                            const PipelineParams& params, const PipelineHooks& hooks) const {
  const int64_t factor = vaeScaleFactor();
  requireParams(params, factor);
  const int64_t height = params.height ? params.height : defaultSize();
  const int64_t width = params.width ? params.width : defaultSize();
  const bool cfg = params.guidanceScale > 1.0;  // diffusers: do_classifier_free_guidance
  requireCondition(positive, "positive", isXL());
  if (cfg) requireCondition(negative, "negative", isXL());
  const std::unique_ptr<Scheduler> scheduler = makeScheduler(folder_.componentConfig("scheduler"), params.sampler);
  scheduler->setTimesteps(params.steps);
  auto trace = [&](const std::string& stage, const torch::Tensor& value) {
    if (hooks.trace) hooks.trace(stage, value);
  };

  const torch::TensorOptions options = unet_->options();
  const int64_t repeat = params.imagesPerPrompt;
  const int64_t batch = positive.sequence.size(0) * repeat;
  const std::vector<int64_t> shape{batch, unet_->config().inChannels, height / factor, width / factor};
  // One CPU generator for the whole call, as the diffusers pipelines are called with.
  at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(params.seed);
  torch::Tensor latents;
  if (params.latents.defined()) {
    if (params.latents.sizes() != torch::IntArrayRef(shape))
      throw std::invalid_argument("initial latents must have shape " + c10::str(torch::IntArrayRef(shape)) + ", got " +
                                  c10::str(params.latents.sizes()));
    latents = params.latents.to(options);
  } else {
    const torch::Tensor noise = at::randn(shape, generator, torch::TensorOptions().dtype(options.dtype()));
    trace("noise_initial", noise);
    latents = noise.to(options);
  }
  latents = latents * scheduler->initNoiseSigma();
  trace("latents_initial", latents);

  torch::Tensor context = positive.sequence.repeat_interleave(repeat, 0);
  if (cfg) context = torch::cat({rowsFor(negative.sequence, positive.sequence.size(0), "negative condition")
                                     .repeat_interleave(repeat, 0),
                                 context});
  const std::optional<AddedConditions> added =
      addedConditions(positive, negative, repeat, cfg, params, height, width, hooks);

  const std::vector<double>& timesteps = scheduler->timesteps();
  const int total = static_cast<int>(timesteps.size());
  for (size_t i = 0; i < timesteps.size(); ++i) {
    checkCancel(hooks);
    const std::string step = std::to_string(i);
    const torch::Tensor input = scheduler->scaleModelInput(cfg ? torch::cat({latents, latents}) : latents, i);
    trace("unet_input." + step, input);
    const torch::Tensor output = unet_->forward(input, torch::tensor(static_cast<float>(timesteps[i])), context, added);
    ++unetEvaluations_;
    trace("unet_output." + step, output);
    torch::Tensor noise = output;
    if (cfg) {
      const std::vector<torch::Tensor> halves = output.chunk(2);
      noise = halves[0] + params.guidanceScale * (halves[1] - halves[0]);
      if (params.guidanceRescale > 0) noise = rescaleNoiseCfg(noise, halves[1], params.guidanceRescale);
    }
    latents = scheduler->step(noise, i, latents, &generator);
    trace("latents_after_step." + step, latents);
    if (hooks.onStep) {
      const bool more = i + 1 < timesteps.size();
      hooks.onStep(static_cast<int>(i + 1), total, more ? scheduler->scaleModelInput(latents, i + 1) : latents);
    }
  }
  trace("unet_timesteps", torch::tensor(std::vector<float>(timesteps.begin(), timesteps.end())));
  checkCancel(hooks);
  return {decode(latents, hooks), samplerDisplayName(*scheduler), total};
}

std::optional<AddedConditions> StableDiffusionPipeline::addedConditions(const Condition& positive,
                                                                        const Condition& negative, int64_t repeat,
                                                                        bool cfg, const PipelineParams& params,
                                                                        int64_t height, int64_t width,
                                                                        const PipelineHooks& hooks) const {
  if (!isXL()) return std::nullopt;
  const std::array<int64_t, 2> original = params.originalSize.value_or(std::array<int64_t, 2>{height, width});
  const std::array<int64_t, 2> target = params.targetSize.value_or(std::array<int64_t, 2>{height, width});
  const std::array<int64_t, 2>& crop = params.cropTopLeft;
  const torch::Tensor single = torch::tensor(
      std::vector<float>{float(original[0]), float(original[1]), float(crop[0]), float(crop[1]), float(target[0]),
                         float(target[1])}).unsqueeze(0);
  if (hooks.trace) hooks.trace("add_time_ids_single", single);
  const int64_t rows = positive.sequence.size(0);
  torch::Tensor textEmbeds = positive.pooled.repeat_interleave(repeat, 0);
  torch::Tensor timeIds = single.repeat({rows * repeat, 1});
  if (cfg) {
    // diffusers: negative time ids equal the positive ones unless negative sizes are given.
    textEmbeds = torch::cat({rowsFor(negative.pooled, rows, "negative pooled embedding").repeat_interleave(repeat, 0),
                             textEmbeds});
    timeIds = torch::cat({timeIds, timeIds});
  }
  return AddedConditions{textEmbeds, timeIds};
}

torch::Tensor StableDiffusionPipeline::decode(const torch::Tensor& latents, const PipelineHooks& hooks) const {
  const torch::Tensor input = latents / vae_->config().scalingFactor;
  if (hooks.trace) hooks.trace("vae_decode_input", input);
  // A force_upcast VAE was loaded in float32: the input follows the VAE's dtype.
  const torch::Tensor decoded = vae_->decode(input.to(vae_->options()));
  if (hooks.trace) hooks.trace("vae_decoded", decoded);
  return (decoded / 2 + 0.5).clamp(0, 1).permute({0, 2, 3, 1}).to(torch::kCPU, torch::kFloat).contiguous();
}

}  // namespace fan
