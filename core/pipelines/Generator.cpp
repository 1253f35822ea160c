#include "core/pipelines/Generator.h"

#include "core/fan/PersonalizedConditions.h"
#include "core/pipelines/StableDiffusionPipeline.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>

#include <cstring>

namespace fan {
namespace {

// A fixed linear map from the 4 latent channels to RGB in [-1, 1]: the "cheap approximation"
// coefficients the common SD tools use for live previews (fitted by their authors by least
// squares against decoded images). No VAE call, so a preview costs one tiny matmul per step.
const float kSdLatentRgb[4][3] = {
    {0.298f, 0.207f, 0.208f}, {0.187f, 0.286f, 0.173f}, {-0.158f, 0.189f, 0.264f}, {-0.184f, -0.271f, -0.473f}};
const float kSdxlLatentRgb[4][3] = {
    {0.3920f, 0.4054f, 0.4549f}, {-0.2634f, -0.0196f, 0.0653f}, {0.0568f, 0.1687f, -0.0755f}, {-0.3112f, -0.2359f, -0.2076f}};

// [H, W, 3] float in [0, 1] -> RGB888, rounded as diffusers' numpy_to_pil.
QImage toImage(const torch::Tensor& rgb) {
  const torch::Tensor bytes = (rgb * 255).round().clamp(0, 255).to(torch::kUInt8).contiguous();
  const int h = static_cast<int>(bytes.size(0)), w = static_cast<int>(bytes.size(1));
  QImage image(w, h, QImage::Format_RGB888);
  for (int y = 0; y < h; ++y) std::memcpy(image.scanLine(y), bytes[y].data_ptr<uint8_t>(), size_t(w) * 3);
  return image;
}

// The first image of the batch at latent resolution; grey channel mean for non-4-channel latents.
QImage latentPreview(const torch::Tensor& latents, bool xl) {
  const torch::Tensor x = latents[0].to(torch::kCPU, torch::kFloat);  // [C, h, w]
  torch::Tensor rgb;
  if (x.size(0) == 4) {
    const torch::Tensor factors = torch::from_blob(const_cast<float*>(&(xl ? kSdxlLatentRgb : kSdLatentRgb)[0][0]), {4, 3});
    rgb = torch::einsum("chw,cr->hwr", {x, factors});
  } else {
    rgb = x.mean(0).unsqueeze(-1).expand({-1, -1, 3});
  }
  return toImage((rgb + 1) / 2);
}

torch::Dtype dtypeOf(Precision p) {
  switch (p) {
    case Precision::Float16: return torch::kHalf;
    case Precision::BFloat16: return torch::kBFloat16;
    case Precision::Float32: break;
  }
  return torch::kFloat;
}

std::optional<std::array<int64_t, 2>> heightWidth(const QSize& size) {
  if (!size.isValid()) return std::nullopt;
  return std::array<int64_t, 2>{size.height(), size.width()};
}

GenerationOutput sample(const StableDiffusionPipeline& pipeline, const Condition& positive, const Condition& negative,
                        const SamplingParams& s, const ProgressCallback& progress, const std::atomic<bool>* cancel,
                        bool previews) {
  PipelineParams p;
  p.steps = s.steps;
  p.guidanceScale = s.guidanceScale;
  p.guidanceRescale = s.guidanceRescale;
  p.width = s.width;
  p.height = s.height;
  p.seed = s.seed;
  p.sampler = s.sampler.toStdString();
  p.imagesPerPrompt = s.imagesPerPrompt;
  p.originalSize = heightWidth(s.originalSize);
  p.targetSize = heightWidth(s.targetSize);
  p.cropTopLeft = {s.cropTopLeft.y(), s.cropTopLeft.x()};

  QElapsedTimer timer;
  timer.start();
  PipelineHooks hooks;
  hooks.cancel = cancel;
  if (progress) {
    hooks.onStep = [&](int step, int total, const torch::Tensor& latents) {
      progress({step, total, timer.nsecsElapsed() / 1e9, previews ? latentPreview(latents, pipeline.isXL()) : QImage()});
    };
  }
  const PipelineResult result = pipeline.generate(positive, negative, p, hooks);
  GenerationOutput out;
  for (int64_t i = 0; i < result.images.size(0); ++i) out.images.push_back(toImage(result.images[i]));
  out.sampler = QString::fromStdString(result.sampler);
  out.steps = s.steps;
  out.height = static_cast<int>(result.images.size(1));
  out.width = static_cast<int>(result.images.size(2));
  out.seed = s.seed;
  out.seconds = timer.nsecsElapsed() / 1e9;
  return out;
}

}  // namespace

std::unique_ptr<Generator> Generator::load(const QString& folder, const LoadOptions& options) {
  torch::Device device(torch::kCPU);
  try {
    device = torch::Device(options.device.toStdString());
  } catch (const c10::Error&) {
    throw std::invalid_argument("unknown device '" + options.device.toStdString() + "'; expected cpu, cuda or cuda:N");
  }
  return std::make_unique<Generator>(StableDiffusionPipeline::load(folder, dtypeOf(options.precision), device));
}

Generator::Generator(std::unique_ptr<StableDiffusionPipeline> pipeline) : pipeline_(std::move(pipeline)) {}

Generator::~Generator() = default;

QString Generator::modelDir() const { return pipeline_->folder().dir(); }

QString Generator::modelName() const { return QFileInfo(QDir::cleanPath(modelDir())).fileName(); }

QString Generator::modelHash() const { return QString::fromStdString(pipeline_->unetFingerprint()); }

bool Generator::isXL() const { return pipeline_->isXL(); }

QString Generator::defaultSampler() const { return QString::fromStdString(pipeline_->defaultSampler()); }

QSize Generator::defaultSize() const {
  const int size = static_cast<int>(pipeline_->defaultSize());
  return {size, size};
}

int Generator::sizeMultiple() const { return static_cast<int>(pipeline_->vaeScaleFactor()); }

double Generator::defaultGuidance() const { return isXL() ? 5.0 : 7.5; }

std::shared_ptr<const TextConditioner> Generator::conditioner() const { return pipeline_->sharedConditioner(); }

GenerationOutput Generator::generate(const GenerationParams& params, const ProgressCallback& progress,
                                     const std::atomic<bool>* cancel) const {
  const auto conditions = pipeline_->encodePrompt(params.prompt, params.negative, params.clipSkip);
  return sample(*pipeline_, conditions.positive, conditions.negative, params.sampling, progress, cancel, previews_);
}

GenerationOutput Generator::generate(const PersonalizedConditions& conditions, FanCondition which,
                                     const SamplingParams& sampling, const ProgressCallback& progress,
                                     const std::atomic<bool>* cancel) const {
  const Condition& positive = which == FanCondition::Personalized ? conditions.personalized : conditions.target;
  return sample(*pipeline_, positive, conditions.negative, sampling, progress, cancel, previews_);
}

}  // namespace fan
