#include "core/models/AutoencoderKL.h"

#include "core/io/DiffusersWeights.h"
#include "core/io/JsonConfig.h"
#include "core/models/DiffusionLayers.h"

#include <stdexcept>

namespace fan {

namespace {

constexpr double kNormEps = 1e-6;  // every VAE GroupNorm (resnets, attention, conv_norm_out)

void requireAll(const JsonConfig& json, const char* key, const std::vector<std::string>& values, const char* only) {
  for (const std::string& v : values)
    if (v != only) json.unsupported(key, QString::fromStdString(v), {QString::fromLatin1(only)});
}

}  // namespace

VaeConfig VaeConfig::fromJson(const JsonConfig& json) {
  VaeConfig c;
  const std::string file = json.file().toStdString();
  c.inChannels = json.getInt("in_channels", c.inChannels);
  c.outChannels = json.getInt("out_channels", c.outChannels);
  c.blockOutChannels = json.getIntList("block_out_channels", c.blockOutChannels);
  const std::vector<std::string> down = json.getStringList("down_block_types", {"DownEncoderBlock2D"});
  const std::vector<std::string> up = json.getStringList("up_block_types", {"UpDecoderBlock2D"});
  requireAll(json, "down_block_types", down, "DownEncoderBlock2D");
  requireAll(json, "up_block_types", up, "UpDecoderBlock2D");
  if (c.blockOutChannels.empty() || down.size() != c.blockOutChannels.size() || up.size() != c.blockOutChannels.size())
    throw LoadError(file + ": 'block_out_channels', 'down_block_types' and 'up_block_types' must be non-empty and " +
                    "of equal length (" + std::to_string(c.blockOutChannels.size()) + ", " +
                    std::to_string(down.size()) + ", " + std::to_string(up.size()) + ")");
  c.layersPerBlock = json.getInt("layers_per_block", c.layersPerBlock);
  c.latentChannels = json.getInt("latent_channels", c.latentChannels);
  c.normNumGroups = json.getInt("norm_num_groups", c.normNumGroups);
  c.sampleSize = json.getInt("sample_size", c.sampleSize);
  c.scalingFactor = json.getDouble("scaling_factor", c.scalingFactor);
  c.forceUpcast = json.getBool("force_upcast", c.forceUpcast);
  requireSiluActivation(json, "act_fn");
  if (c.layersPerBlock <= 0 || c.latentChannels <= 0 || c.normNumGroups <= 0)
    throw LoadError(file + ": 'layers_per_block', 'latent_channels' and 'norm_num_groups' must be positive");
  for (int64_t channels : c.blockOutChannels)
    if (channels <= 0 || channels % c.normNumGroups != 0)
      throw LoadError(file + ": block_out_channels " + std::to_string(channels) +
                      " is not a positive multiple of norm_num_groups " + std::to_string(c.normNumGroups));
  return c;
}

namespace {

// The mid block's Attention: GroupNorm, then one head over all channels (q/k/v with bias),
// output projection, residual. diffusers upcasts its softmax, so half inputs run in float32.
struct SpatialSelfAttention {
  SpatialSelfAttention(const WeightBinder& w, int64_t channels, int64_t groups)
      : groupNorm(w.scope("group_norm"), groups, channels, kNormEps),
        toQ(w.scope("to_q"), channels, channels),
        toK(w.scope("to_k"), channels, channels),
        toV(w.scope("to_v"), channels, channels),
        toOut(w.scope("to_out.0"), channels, channels) {}
  torch::Tensor operator()(const torch::Tensor& x) const {
    const torch::Tensor tokens = toTokens(groupNorm(x));
    const torch::Tensor attended = multiHeadAttention(toQ(tokens), toK(tokens), toV(tokens), 1, true);
    return fromTokens(toOut(attended), x.size(2), x.size(3)) + x;
  }
  GroupNorm groupNorm;
  Linear toQ, toK, toV, toOut;
};

// UNetMidBlock2D without time embedding: resnet → attention → resnet.
struct MidBlock {
  MidBlock(const WeightBinder& w, int64_t channels, int64_t groups)
      : attention(w.scope("attentions.0"), channels, groups) {
    for (size_t i = 0; i < 2; ++i)
      resnets.emplace_back(w.scope(childName("resnets", i)), channels, channels, std::nullopt, groups, kNormEps);
  }
  torch::Tensor operator()(const torch::Tensor& x) const { return resnets[1](attention(resnets[0](x))); }
  SpatialSelfAttention attention;  // registered before the resnets
  std::vector<ResnetBlock2D> resnets;
};

// DownEncoderBlock2D (resnets, then an asymmetric-pad downsample) or UpDecoderBlock2D (resnets,
// then a 2× upsample): resnets without time embedding and an optional resampler.
template <typename Resampler>
struct ResnetStack {
  ResnetStack(const WeightBinder& w, int64_t in, int64_t out, int64_t layers, int64_t groups) {
    for (int64_t i = 0; i < layers; ++i)
      resnets.emplace_back(w.scope(childName("resnets", i)), i == 0 ? in : out, out, std::nullopt, groups, kNormEps);
  }
  torch::Tensor operator()(torch::Tensor x) const {
    for (const ResnetBlock2D& resnet : resnets) x = resnet(x);
    return resampler ? (*resampler)(x) : x;
  }
  std::vector<ResnetBlock2D> resnets;
  std::optional<Resampler> resampler;
};

struct Encoder {
  Encoder(const WeightBinder& w, const VaeConfig& c)
      : convIn(w.scope("conv_in"), c.inChannels, c.blockOutChannels.front(), 3) {
    const size_t n = c.blockOutChannels.size();
    for (size_t i = 0; i < n; ++i) {
      const int64_t in = c.blockOutChannels[i == 0 ? 0 : i - 1], out = c.blockOutChannels[i];
      const WeightBinder block = w.scope(childName("down_blocks", i));
      down.emplace_back(block, in, out, c.layersPerBlock, c.normNumGroups);
      if (i + 1 < n) down.back().resampler.emplace(block.scope("downsamplers.0"), out, 0);
    }
    mid.emplace(w.scope("mid_block"), c.blockOutChannels.back(), c.normNumGroups);
    normOut = GroupNorm(w.scope("conv_norm_out"), c.normNumGroups, c.blockOutChannels.back(), kNormEps);
    convOut = Conv2d(w.scope("conv_out"), c.blockOutChannels.back(), 2 * c.latentChannels, 3);  // mean and logvar
  }
  torch::Tensor operator()(torch::Tensor x) const {
    x = convIn(x);
    for (const auto& block : down) x = block(x);
    return convOut(torch::silu(normOut((*mid)(x))));
  }
  Conv2d convIn;
  std::vector<ResnetStack<Downsample2D>> down;
  std::optional<MidBlock> mid;
  GroupNorm normOut;
  Conv2d convOut;
};

struct Decoder {
  // Up blocks are registered before the mid block in diffusers, so they are bound first.
  Decoder(const WeightBinder& w, const VaeConfig& c)
      : convIn(w.scope("conv_in"), c.latentChannels, c.blockOutChannels.back(), 3) {
    const size_t n = c.blockOutChannels.size();
    for (size_t i = 0; i < n; ++i) {
      const int64_t in = c.blockOutChannels[n - (i == 0 ? 1 : i)], out = c.blockOutChannels[n - 1 - i];
      const WeightBinder block = w.scope(childName("up_blocks", i));
      up.emplace_back(block, in, out, c.layersPerBlock + 1, c.normNumGroups);
      if (i + 1 < n) up.back().resampler.emplace(block.scope("upsamplers.0"), out);
    }
    mid.emplace(w.scope("mid_block"), c.blockOutChannels.back(), c.normNumGroups);
    normOut = GroupNorm(w.scope("conv_norm_out"), c.normNumGroups, c.blockOutChannels.front(), kNormEps);
    convOut = Conv2d(w.scope("conv_out"), c.blockOutChannels.front(), c.outChannels, 3);
  }
  torch::Tensor operator()(const torch::Tensor& z) const {
    torch::Tensor x = (*mid)(convIn(z));
    for (const auto& block : up) x = block(x);
    return convOut(torch::silu(normOut(x)));
  }
  Conv2d convIn;
  std::vector<ResnetStack<Upsample2D>> up;
  std::optional<MidBlock> mid;
  GroupNorm normOut;
  Conv2d convOut;
};

const char* const kLegacyAttentionPrefixes[] = {"encoder.mid_block.attentions.0.", "decoder.mid_block.attentions.0."};
const std::pair<const char*, const char*> kLegacyAttentionNames[] = {
    {"query", "to_q"}, {"key", "to_k"}, {"value", "to_v"}, {"proj_attn", "to_out.0"}};

bool startsWith(const std::string& s, const std::string& prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

// Current names with the legacy spellings applied; [C, C, 1, 1] attention weights flattened to [C, C].
WeightMap withCurrentNames(const WeightMap& weights, const QString& component) {
  WeightMap out;
  for (const auto& [name, tensor] : weights) {
    const std::string current = AutoencoderKL::currentWeightName(name);
    if (current != name && weights.count(current))
      throw LoadError(component.toStdString() + ": holds both '" + name + "' and its current name '" + current + "'");
    const bool attentionWeight = startsWith(current, kLegacyAttentionPrefixes[0]) ||
                                 startsWith(current, kLegacyAttentionPrefixes[1]);
    const bool convShaped = tensor.dim() == 4 && tensor.size(2) == 1 && tensor.size(3) == 1;
    out[current] = attentionWeight && convShaped ? tensor.flatten(1) : tensor;
  }
  return out;
}

}  // namespace

std::string AutoencoderKL::currentWeightName(const std::string& name) {
  for (const char* prefix : kLegacyAttentionPrefixes) {
    if (!startsWith(name, prefix)) continue;
    for (const auto& [legacy, current] : kLegacyAttentionNames)
      for (const char* suffix : {".weight", ".bias"})
        if (name == prefix + std::string(legacy) + suffix) return prefix + std::string(current) + suffix;
  }
  return name;
}

struct AutoencoderKL::Impl {
  Impl(const VaeConfig& c, const WeightBinder& w, const torch::TensorOptions& options_)
      : config(c),
        options(options_),
        encoder(w.scope("encoder"), c),
        decoder(w.scope("decoder"), c),
        quantConv(w.scope("quant_conv"), 2 * c.latentChannels, 2 * c.latentChannels, 1),
        postQuantConv(w.scope("post_quant_conv"), c.latentChannels, c.latentChannels, 1) {}
  VaeConfig config;
  torch::TensorOptions options;
  Encoder encoder;
  Decoder decoder;
  Conv2d quantConv, postQuantConv;
  bool trainable = false;  // see requiresGrad()
};

std::vector<TensorSpec> AutoencoderKL::expectedTensors(const VaeConfig& config) {
  const WeightBinder lister = WeightBinder::lister();
  const Impl listing(config, lister, torch::TensorOptions());  // building it lists every tensor
  static_cast<void>(listing);
  return lister.specs();
}

AutoencoderKL::AutoencoderKL(const VaeConfig& config, const WeightMap& weights, const QString& component,
                             const torch::TensorOptions& options) {
  const WeightMap current = withCurrentNames(weights, component);
  checkWeights(current, expectedTensors(config), component);
  torch::NoGradGuard noGrad;
  impl_ = std::make_unique<Impl>(config, WeightBinder(current, options), options);
  impl_->trainable = requiresGrad(current);
}

AutoencoderKL::~AutoencoderKL() = default;

const VaeConfig& AutoencoderKL::config() const { return impl_->config; }

torch::TensorOptions AutoencoderKL::options() const { return impl_->options; }

namespace {

void checkImageLike(const torch::Tensor& t, int64_t channels, const char* what) {
  if (!t.defined() || t.dim() != 4 || t.size(1) != channels || t.size(2) == 0 || t.size(3) == 0)
    throw std::invalid_argument(std::string("VAE: ") + what + " must be [B, " + std::to_string(channels) +
                                ", H, W], got " + shapeText(t));
}

}  // namespace

LatentDistribution AutoencoderKL::encode(const torch::Tensor& image) const {
  checkImageLike(image, impl_->config.inChannels, "image");
  const torch::AutoGradMode gradMode(impl_->trainable && torch::GradMode::is_enabled());
  const torch::Tensor moments = impl_->quantConv(impl_->encoder(image.to(impl_->options)));
  const std::vector<torch::Tensor> parts = moments.chunk(2, 1);
  LatentDistribution dist;
  dist.mean = parts[0];
  dist.logvar = torch::clamp(parts[1], -30.0, 20.0);
  dist.std = torch::exp(0.5 * dist.logvar);
  return dist;
}

torch::Tensor AutoencoderKL::decode(const torch::Tensor& latents) const {
  checkImageLike(latents, impl_->config.latentChannels, "latents");
  const torch::AutoGradMode gradMode(impl_->trainable && torch::GradMode::is_enabled());
  return impl_->decoder(impl_->postQuantConv(latents.to(impl_->options)));
}

std::unique_ptr<AutoencoderKL> loadVae(const DiffusersFolder& folder, const std::string& component, torch::Dtype dtype,
                                       torch::Device device, WeightVariant variant) {
  requireComponentClass(folder, component, "AutoencoderKL");
  const VaeConfig config = VaeConfig::fromJson(folder.componentConfig(component));
  const WeightMap weights = loadComponentWeights(folder, component, variant, dtype, device);
  return std::make_unique<AutoencoderKL>(config, weights, folder.componentDir(component),
                                         torch::TensorOptions().dtype(dtype).device(device));
}

}  // namespace fan
