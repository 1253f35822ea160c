// diffusers 0.21.4 AutoencoderKL, the SD-family VAE: an encoder (DownEncoderBlock2D × n,
// single-head attention mid block) to a diagonal Gaussian over latents, and a decoder
// (mid block, UpDecoderBlock2D × n) back to images in [-1, 1]. All GroupNorms use eps 1e-6.
#pragma once

#include "core/io/DiffusersFolder.h"
#include "core/io/WeightSpec.h"

#include <torch/types.h>

#include <QString>

#include <memory>
#include <string>
#include <vector>

namespace fan {

class JsonConfig;

struct VaeConfig {
  // Defaults are AutoencoderKL's (diffusers 0.21.4), used for keys missing from config.json.
  int64_t inChannels = 3;
  int64_t outChannels = 3;
  std::vector<int64_t> blockOutChannels{64};
  int64_t layersPerBlock = 1;
  int64_t latentChannels = 4;
  int64_t normNumGroups = 32;
  int64_t sampleSize = 32;
  double scalingFactor = 0.18215;
  bool forceUpcast = true;  // the pipeline should run this VAE in float32 even for half-precision runs

  // Reads config.json; throws LoadError naming the file, key and the supported values.
  static VaeConfig fromJson(const JsonConfig& json);
  // Image size / latent size: 2^(number of blocks - 1).
  int64_t scaleFactor() const { return int64_t(1) << (blockOutChannels.size() - 1); }
};

// DiagonalGaussianDistribution's parameters; logvar is already clamped to [-30, 20].
struct LatentDistribution {
  torch::Tensor mean, logvar, std;
};

class AutoencoderKL {
 public:
  // Exactly the reference state_dict (names and shapes, in order) for this config.
  static std::vector<TensorSpec> expectedTensors(const VaeConfig& config);

  // Renames the pre-0.14 mid-block attention names found in published SD 1.x / 2.x VAE files
  // ({encoder,decoder}.mid_block.attentions.0.{query,key,value,proj_attn}) to the current ones
  // (to_q, to_k, to_v, to_out.0); other names are returned unchanged.
  static std::string currentWeightName(const std::string& name);

  // Applies currentWeightName to every name and flattens 1×1-conv-shaped [C, C, 1, 1] attention
  // weights to [C, C], then validates with checkWeights and converts every tensor once to `options`.
  AutoencoderKL(const VaeConfig& config, const WeightMap& weights, const QString& component,
                const torch::TensorOptions& options = {});
  ~AutoencoderKL();
  AutoencoderKL(const AutoencoderKL&) = delete;
  AutoencoderKL& operator=(const AutoencoderKL&) = delete;

  const VaeConfig& config() const;
  torch::TensorOptions options() const;

  // No grad in encode/decode, unless the weights require grad (training) and grad mode is on.
  // image [B, in_channels, H, W] in [-1, 1] -> latent distribution [B, latent, H/f, W/f].
  LatentDistribution encode(const torch::Tensor& image) const;
  // latents already divided by scaling_factor [B, latent, h, w] -> image [B, out_channels, h*f, w*f].
  torch::Tensor decode(const torch::Tensor& latents) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Loads an AutoencoderKL component of a diffusers folder (a pipeline's "vae"; "model" for a folder
// holding just the VAE): its config.json and the weight files resolved for `variant`.
std::unique_ptr<AutoencoderKL> loadVae(const DiffusersFolder& folder, const std::string& component = "vae",
                                       torch::Dtype dtype = torch::kFloat, torch::Device device = torch::kCPU,
                                       WeightVariant variant = WeightVariant::PreferFull);

}  // namespace fan
