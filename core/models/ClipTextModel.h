// transformers' CLIPTextModel / CLIPTextModelWithProjection (4.31), as the TextEncoder pieces:
// token + position embeddings, pre-LN layers with causal multi-head attention (scale
// head_dim^-0.5) and an MLP (quick_gelu or erf gelu), final LayerNorm, pooled output at the
// first argmax of the ids, and for WithProjection a bias-free text_projection.
#pragma once

#include "core/io/WeightSpec.h"
#include "core/models/TextEncoder.h"
#include "kernels/PackedLinear.h"

#include <string>
#include <vector>

namespace fan {

class JsonConfig;

struct ClipTextConfig {
  // Defaults are CLIPTextConfig's, used for keys missing from config.json.
  int64_t vocabSize = 49408;
  int64_t hiddenSize = 512;
  int64_t intermediateSize = 2048;
  int64_t projectionDim = 512;
  int64_t numHiddenLayers = 12;
  int64_t numAttentionHeads = 8;
  int64_t maxPositionEmbeddings = 77;
  std::string hiddenAct = "quick_gelu";  // "quick_gelu" or "gelu" (erf)
  double layerNormEps = 1e-5;
  bool withProjection = false;           // CLIPTextModelWithProjection: adds text_projection

  // Reads config.json; throws LoadError naming the file and key for invalid or unsupported values.
  static ClipTextConfig fromJson(const JsonConfig& json, bool withProjection);
  int64_t headDim() const { return hiddenSize / numAttentionHeads; }
};

class ClipTextModel final : public TextEncoder {
 public:
  // Exactly the reference state_dict (names and shapes) for this config.
  static std::vector<TensorSpec> expectedTensors(const ClipTextConfig& config);

  // Validates `weights` with checkWeights (an int64 text_model.embeddings.position_ids, present in
  // older files, is ignored), then converts every tensor once to `options`. `component` names the
  // source in errors.
  ClipTextModel(const ClipTextConfig& config, const WeightMap& weights, const QString& component,
                const torch::TensorOptions& options = {});

  const ClipTextConfig& config() const { return config_; }

  std::string family() const override { return "clip"; }
  int64_t numLayers() const override { return config_.numHiddenLayers; }
  int64_t hiddenSize() const override { return config_.hiddenSize; }
  int64_t numHeads() const override { return config_.numAttentionHeads; }
  int64_t maxLength() const override { return config_.maxPositionEmbeddings; }
  double attentionScale() const override;
  torch::TensorOptions options() const override { return options_; }
  bool trainable() const override { return trainable_; }

  torch::Tensor embed(const torch::Tensor& ids) const override;
  torch::Tensor attentionBias(int64_t length, const std::optional<torch::Tensor>& paddingMask) const override;
  torch::Tensor norm1(int64_t layer, const torch::Tensor& x) const override;
  torch::Tensor queries(int64_t layer, const torch::Tensor& normed) const override;
  Projections projections(int64_t layer, const torch::Tensor& normed) const override;
  torch::Tensor finishLayer(int64_t layer, const torch::Tensor& x, const torch::Tensor& attended) const override;
  torch::Tensor finalNorm(const torch::Tensor& x) const override;
  torch::Tensor poolingPositions(const torch::Tensor& ids) const override;
  torch::Tensor project(const torch::Tensor& pooled) const override;

 private:
  struct Layer {
    torch::Tensor norm1Weight, norm1Bias;
    kernels::PackedLinear q, k, v, out;
    torch::Tensor norm2Weight, norm2Bias;
    kernels::PackedLinear fc1, fc2;
  };
  const Layer& layerAt(int64_t layer) const;
  torch::Tensor splitHeads(const torch::Tensor& projected) const;  // [B,L,D] -> [B,H,L,Dh]
  torch::Tensor activation(const torch::Tensor& x) const;

  ClipTextConfig config_;
  torch::TensorOptions options_;
  bool trainable_ = false;
  torch::Tensor tokenEmbedding_, positionEmbedding_, finalNormWeight_, finalNormBias_;
  kernels::PackedLinear projection_;  // only withProjection
  std::vector<Layer> layers_;
};

}  // namespace fan
