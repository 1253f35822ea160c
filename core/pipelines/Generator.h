// The generator as the UI and the CLI see it (torch-free): load a diffusers folder (Stable
// Diffusion 1.x/2.x or SDXL; the folder says which), generate from a prompt or from the FAN
// engine's conditions, report progress per step with a cheap latent preview, cancel
// cooperatively, and hand back QImages (RGB888).
//
// Threading: one Generator runs one generation at a time; run it off the GUI thread. The
// cancel flag may be set from any thread (or a signal handler): the run stops before its
// next step, so it returns within one step, by throwing GenerationCancelled.
#pragma once

#include <QImage>
#include <QPoint>
#include <QSize>
#include <QString>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <vector>

namespace fan {

class StableDiffusionPipeline;
class TextConditioner;
struct PersonalizedConditions;  // core/fan/PersonalizedConditions.h (LibTorch)

// How to sample, independent of what conditions the run gets.
struct SamplingParams {
  int steps = 30;
  double guidanceScale = 7.5;    // classifier-free guidance; <= 1 runs without the negative (as diffusers)
  double guidanceRescale = 0.0;  // 0..1, diffusers' guidance_rescale
  int width = 0;                 // pixels, multiples of the VAE factor; 0 = the model's default size
  int height = 0;
  quint64 seed = 0;              // seeds one CPU generator (initial latents, then per-step noise)
  QString sampler;               // "Euler a", "DPM++ 2M Karras", a diffusers class, ...; empty = the folder's
  int imagesPerPrompt = 1;
  // SDXL micro-conditioning (add_time_ids). Invalid sizes mean (height, width), as diffusers.
  QSize originalSize;
  QPoint cropTopLeft;            // x = left, y = top
  QSize targetSize;
};

struct GenerationParams {
  QString prompt;
  std::optional<QString> negative;  // none = the pipeline's default (empty prompt; zeros for SDXL)
  int clipSkip = 1;                 // 1 = last layer (fan-method.md §3)
  SamplingParams sampling;
};

struct GenerationProgress {
  int step = 0;            // steps done (1..total)
  int total = 0;           // UNet evaluations of the run (PNDM adds one warm-up step)
  double elapsedSeconds = 0;
  QImage preview;          // latent-resolution RGB888 preview (see latentPreview); null if not asked for
};
using ProgressCallback = std::function<void(const GenerationProgress&)>;

// Thrown when the cancel flag stopped a run. No images are produced.
class GenerationCancelled : public std::runtime_error {
 public:
  GenerationCancelled() : std::runtime_error("generation cancelled") {}
};

// Thrown when the device ran out of memory; the message names the size and batch that failed.
class OutOfMemoryError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct GenerationOutput {
  std::vector<QImage> images;  // RGB888, one per image of the batch
  QString sampler;             // the sampler's display name as run ("Euler a", ...)
  int steps = 0;
  int width = 0, height = 0;
  quint64 seed = 0;
  double seconds = 0;          // sampling and decoding, without text encoding
};

// Which of the FAN engine's conditions a run uses as its positive condition.
enum class FanCondition { Personalized, Target };

enum class Precision { Float32, Float16, BFloat16 };

class Generator {
 public:
  struct LoadOptions {
    Precision precision = Precision::Float32;
    QString device = QStringLiteral("cpu");  // "cpu", "cuda", "cuda:1" (LibTorch device strings)
  };
  // Loads the UNet, VAE, tokenizer(s) and text encoder(s) of a diffusers pipeline folder.
  // Throws fan::LoadError naming the file and problem (missing component, corrupted weights,
  // text encoder width that does not match the UNet's cross_attention_dim, ...).
  static std::unique_ptr<Generator> load(const QString& folder, const LoadOptions& options);
  static std::unique_ptr<Generator> load(const QString& folder) { return load(folder, LoadOptions()); }
  explicit Generator(std::unique_ptr<StableDiffusionPipeline> pipeline);
  ~Generator();
  Generator(const Generator&) = delete;
  Generator& operator=(const Generator&) = delete;

  QString modelDir() const;
  QString modelName() const;        // the folder's name
  QString modelHash() const;        // DiffusersFolder fingerprint of the UNet
  bool isXL() const;
  QString defaultSampler() const;   // display name of the folder's own scheduler
  QSize defaultSize() const;        // the UNet's sample_size x the VAE factor
  int sizeMultiple() const;         // the VAE factor: width and height must be multiples of it
  double defaultGuidance() const;   // diffusers' pipeline default (SD 7.5, SDXL 5.0)
  // The text side, shared with the FAN engine so both build conditions the same way.
  std::shared_ptr<const TextConditioner> conditioner() const;

  // Plain generation: the prompt and negative encoded by the pipeline's own text encoders.
  // Throws std::invalid_argument for bad parameters (each names the value and what is
  // expected), GenerationCancelled, OutOfMemoryError.
  GenerationOutput generate(const GenerationParams& params, const ProgressCallback& progress = {},
                            const std::atomic<bool>* cancel = nullptr) const;
  // Generation from the FAN engine's conditions: `which` picks the positive condition,
  // conditions.negative is the CFG negative.
  GenerationOutput generate(const PersonalizedConditions& conditions, FanCondition which, const SamplingParams& sampling,
                            const ProgressCallback& progress = {}, const std::atomic<bool>* cancel = nullptr) const;

  // Whether progress reports carry a preview image (default on; off saves a little time).
  void setPreviews(bool on) { previews_ = on; }

  const StableDiffusionPipeline& pipeline() const { return *pipeline_; }

 private:
  std::unique_ptr<StableDiffusionPipeline> pipeline_;
  bool previews_ = true;
};

}  // namespace fan
