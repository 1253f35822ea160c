// transformers' T5EncoderModel (4.31), as the TextEncoder pieces: unscaled token embeddings,
// pre-norm blocks with T5's RMS norm (no mean, no bias, variance in float32), unscaled
// multi-head attention whose relative position bias is computed once (layer 0's table,
// bidirectional buckets) and shared by every layer, a "relu" or "gated-gelu" feed-forward
// block, and a final RMS norm.
#pragma once

#include "core/io/WeightSpec.h"
#include "core/models/TextEncoder.h"
#include "kernels/PackedLinear.h"

#include <string>
#include <vector>

namespace fan {

class JsonConfig;

struct T5EncoderConfig {
  // Defaults are T5Config's, used for keys missing from config.json.
  int64_t vocabSize = 32128;
  int64_t dModel = 512;
  int64_t dKv = 64;
  int64_t dFf = 2048;
  int64_t numLayers = 6;
  int64_t numHeads = 8;
  int64_t relativeAttentionNumBuckets = 32;
  int64_t relativeAttentionMaxDistance = 128;
  double layerNormEpsilon = 1e-6;
  // "relu" (original T5: wo(relu(wi x))) or "gated-gelu" (v1.1: wo(gelu_tanh(wi_0 x) * wi_1 x)).
  std::string feedForwardProj = "relu";

  // Reads config.json; throws LoadError naming the file and key for invalid or unsupported values.
  static T5EncoderConfig fromJson(const JsonConfig& json);
  bool gated() const { return feedForwardProj == "gated-gelu"; }
  int64_t innerDim() const { return numHeads * dKv; }
};

class T5EncoderModel final : public TextEncoder {
 public:
  // Exactly the reference state_dict as saved (the tied embedding once, as shared.weight).
  static std::vector<TensorSpec> expectedTensors(const T5EncoderConfig& config);

  // The tied embedding may be stored as shared.weight, encoder.embed_tokens.weight or both
  // (then their shapes must agree; shared.weight is used). Everything else is validated with
  // checkWeights, then converted once to `options`.
  T5EncoderModel(const T5EncoderConfig& config, const WeightMap& weights, const QString& component,
                 const torch::TensorOptions& options = {});

  const T5EncoderConfig& config() const { return config_; }

  std::string family() const override { return "t5"; }
  int64_t numLayers() const override { return config_.numLayers; }
  int64_t hiddenSize() const override { return config_.dModel; }
  int64_t numHeads() const override { return config_.numHeads; }
  int64_t maxLength() const override;
  double attentionScale() const override { return 1.0; }  // T5 folds the scale into its init
  torch::TensorOptions options() const override { return options_; }

  torch::Tensor embed(const torch::Tensor& ids) const override;
  torch::Tensor attentionBias(int64_t length, const std::optional<torch::Tensor>& paddingMask) const override;
  torch::Tensor norm1(int64_t layer, const torch::Tensor& x) const override;
  torch::Tensor queries(int64_t layer, const torch::Tensor& normed) const override;
  Projections projections(int64_t layer, const torch::Tensor& normed) const override;
  torch::Tensor finishLayer(int64_t layer, const torch::Tensor& x, const torch::Tensor& attended) const override;
  torch::Tensor finalNorm(const torch::Tensor& x) const override;
  torch::Tensor poolingPositions(const torch::Tensor&) const override { return {}; }
  torch::Tensor project(const torch::Tensor&) const override { return {}; }

  // Bucket index [L, L] of every (query, key) pair, as T5's _relative_position_bucket (bidirectional).
  torch::Tensor relativePositionBuckets(int64_t length) const;

 private:
  struct Layer {
    torch::Tensor attnNorm;
    kernels::PackedLinear q, k, v, o;
    torch::Tensor ffNorm;
    kernels::PackedLinear wi0, wi1, wo;  // "relu": wi0 holds wi, wi1 stays empty
  };
  const Layer& layerAt(int64_t layer) const;
  torch::Tensor splitHeads(const torch::Tensor& projected) const;  // [B,L,H*Dkv] -> [B,H,L,Dkv]
  torch::Tensor rmsNorm(const torch::Tensor& x, const torch::Tensor& weight) const;
  torch::Tensor feedForward(const Layer& layer, const torch::Tensor& normed) const;

  T5EncoderConfig config_;
  torch::TensorOptions options_;
  torch::Tensor embedding_, relativeAttentionBias_, finalNorm_;
  std::vector<Layer> layers_;
};

}  // namespace fan
