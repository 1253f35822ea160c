// diffusers 0.21.4 UNet2DConditionModel, the noise predictor of SD 1.x / 2.x / SDXL:
// conv_in → sinusoidal timestep embedding (+ SDXL "text_time" added embedding) → down blocks
// (ResnetBlock2D [+ Transformer2DModel cross-attention]) → cross-attention mid block → up blocks
// with skip connections → GroupNorm, SiLU, conv_out.
// Supported: CrossAttnDownBlock2D, DownBlock2D, UNetMidBlock2DCrossAttn, UpBlock2D,
// CrossAttnUpBlock2D, positional time embedding, addition_embed_type null or "text_time".
#pragma once

#include "core/io/DiffusersFolder.h"
#include "core/io/WeightSpec.h"

#include <torch/types.h>

#include <QString>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace fan {

class JsonConfig;

struct UnetConfig {
  // Defaults are UNet2DConditionModel's (diffusers 0.21.4), used for keys missing from config.json.
  int64_t inChannels = 4;
  int64_t outChannels = 4;
  std::optional<int64_t> sampleSize;  // latent size the model was trained at, if stated
  bool centerInputSample = false;
  bool flipSinToCos = true;
  int64_t freqShift = 0;
  std::vector<std::string> downBlockTypes{"CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D",
                                          "DownBlock2D"};
  std::vector<std::string> upBlockTypes{"UpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D",
                                        "CrossAttnUpBlock2D"};
  std::vector<int64_t> blockOutChannels{320, 640, 1280, 1280};
  // Per down block (up blocks use them reversed; the mid block uses the last entry).
  std::vector<int64_t> layersPerBlock{2, 2, 2, 2};
  std::vector<int64_t> transformerLayersPerBlock{1, 1, 1, 1};
  std::vector<int64_t> numAttentionHeads{8, 8, 8, 8};  // num_attention_heads, else attention_head_dim (0.21 naming)
  int64_t crossAttentionDim = 1280;
  int64_t downsamplePadding = 1;
  double midBlockScaleFactor = 1.0;
  int64_t normNumGroups = 32;
  double normEps = 1e-5;
  bool useLinearProjection = false;
  bool upcastAttention = false;
  std::optional<int64_t> timeEmbeddingDim;  // default blockOutChannels[0] * 4
  int64_t convInKernel = 3;
  int64_t convOutKernel = 3;
  // addition_embed_type "text_time" (SDXL): pooled text embeds + sinusoidal time ids.
  bool textTimeEmbedding = false;
  int64_t additionTimeEmbedDim = 0;
  int64_t projectionClassEmbeddingsInputDim = 0;

  // Reads config.json; throws LoadError naming the file, key and the supported values.
  static UnetConfig fromJson(const JsonConfig& json);
  int64_t timeEmbedDim() const { return timeEmbeddingDim.value_or(blockOutChannels.front() * 4); }
};

// SDXL's added_cond_kwargs.
struct AddedConditions {
  torch::Tensor textEmbeds;  // [B, P] pooled (projected) text embedding
  torch::Tensor timeIds;     // [B, n] (orig_h, orig_w, crop_top, crop_left, target_h, target_w)
};

class Unet2DConditionModel {
 public:
  // Exactly the reference state_dict (names and shapes, in order) for this config.
  static std::vector<TensorSpec> expectedTensors(const UnetConfig& config);

  // Validates `weights` with checkWeights, then converts every tensor once to `options`.
  // `component` names the source in errors.
  Unet2DConditionModel(const UnetConfig& config, const WeightMap& weights, const QString& component,
                       const torch::TensorOptions& options = {});
  ~Unet2DConditionModel();
  Unet2DConditionModel(const Unet2DConditionModel&) = delete;
  Unet2DConditionModel& operator=(const Unet2DConditionModel&) = delete;

  const UnetConfig& config() const;
  torch::TensorOptions options() const;

  // sample [B, C, h, w]; timestep a scalar tensor or [B] (integer or float); encoderHiddenStates
  // [B, L, cross_attention_dim]; added required iff the config uses "text_time". Returns the model
  // output [B, out_channels, h, w] (noise or v prediction) in the weights' dtype. No grad, unless
  // the weights require grad (training) and grad mode is on.
  // Throws std::invalid_argument for inconsistent shapes.
  torch::Tensor forward(const torch::Tensor& sample, const torch::Tensor& timestep,
                        const torch::Tensor& encoderHiddenStates,
                        const std::optional<AddedConditions>& added = std::nullopt) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Loads a UNet2DConditionModel component of a diffusers folder (a pipeline's "unet"; "model" for a
// folder holding just the UNet): its config.json and the weight files resolved for `variant`.
std::unique_ptr<Unet2DConditionModel> loadUnet(const DiffusersFolder& folder, const std::string& component = "unet",
                                               torch::Dtype dtype = torch::kFloat, torch::Device device = torch::kCPU,
                                               WeightVariant variant = WeightVariant::PreferFull);

}  // namespace fan
