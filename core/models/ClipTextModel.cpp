#include "core/models/ClipTextModel.h"

#include "core/io/JsonConfig.h"
#include "kernels/Attention.h"
#include "kernels/QuickGelu.h"

#include <cmath>

namespace fan {

namespace {

// A non-persistent int64 buffer in transformers 4.31 (never loaded) that older files still carry.
const char* const kPositionIds = "text_model.embeddings.position_ids";

std::string layerPrefix(int64_t layer) { return "text_model.encoder.layers." + std::to_string(layer) + "."; }

void requirePositive(const JsonConfig& json, const char* key, int64_t value) {
  if (value <= 0)
    throw LoadError(json.file().toStdString() + ": '" + key + "' must be positive, got " + std::to_string(value));
}

}  // namespace

ClipTextConfig ClipTextConfig::fromJson(const JsonConfig& json, bool withProjection) {
  ClipTextConfig c;
  c.vocabSize = json.getInt("vocab_size", c.vocabSize);
  c.hiddenSize = json.getInt("hidden_size", c.hiddenSize);
  c.intermediateSize = json.getInt("intermediate_size", c.intermediateSize);
  c.projectionDim = json.getInt("projection_dim", c.projectionDim);
  c.numHiddenLayers = json.getInt("num_hidden_layers", c.numHiddenLayers);
  c.numAttentionHeads = json.getInt("num_attention_heads", c.numAttentionHeads);
  c.maxPositionEmbeddings = json.getInt("max_position_embeddings", c.maxPositionEmbeddings);
  c.hiddenAct = json.getString("hidden_act", c.hiddenAct);
  c.layerNormEps = json.getDouble("layer_norm_eps", c.layerNormEps);
  c.withProjection = withProjection;
  requirePositive(json, "vocab_size", c.vocabSize);
  requirePositive(json, "hidden_size", c.hiddenSize);
  requirePositive(json, "intermediate_size", c.intermediateSize);
  requirePositive(json, "projection_dim", c.projectionDim);
  requirePositive(json, "num_hidden_layers", c.numHiddenLayers);
  requirePositive(json, "num_attention_heads", c.numAttentionHeads);
  requirePositive(json, "max_position_embeddings", c.maxPositionEmbeddings);
  if (c.hiddenSize % c.numAttentionHeads != 0)
    throw LoadError(json.file().toStdString() + ": 'hidden_size' " + std::to_string(c.hiddenSize) +
                    " is not divisible by 'num_attention_heads' " + std::to_string(c.numAttentionHeads));
  if (c.hiddenAct != "quick_gelu" && c.hiddenAct != "gelu")
    json.unsupported("hidden_act", QString::fromStdString(c.hiddenAct),
                     {QStringLiteral("quick_gelu"), QStringLiteral("gelu")});
  if (!(c.layerNormEps > 0))
    throw LoadError(json.file().toStdString() + ": 'layer_norm_eps' must be positive");
  return c;
}

std::vector<TensorSpec> ClipTextModel::expectedTensors(const ClipTextConfig& c) {
  const int64_t d = c.hiddenSize, ff = c.intermediateSize;
  std::vector<TensorSpec> specs{{"text_model.embeddings.token_embedding.weight", {c.vocabSize, d}},
                                {"text_model.embeddings.position_embedding.weight", {c.maxPositionEmbeddings, d}}};
  for (int64_t i = 0; i < c.numHiddenLayers; ++i) {
    const std::string p = layerPrefix(i);
    for (const char* proj : {"k_proj", "v_proj", "q_proj", "out_proj"}) {
      specs.push_back({p + "self_attn." + proj + ".weight", {d, d}});
      specs.push_back({p + "self_attn." + proj + ".bias", {d}});
    }
    specs.push_back({p + "layer_norm1.weight", {d}});
    specs.push_back({p + "layer_norm1.bias", {d}});
    specs.push_back({p + "mlp.fc1.weight", {ff, d}});
    specs.push_back({p + "mlp.fc1.bias", {ff}});
    specs.push_back({p + "mlp.fc2.weight", {d, ff}});
    specs.push_back({p + "mlp.fc2.bias", {d}});
    specs.push_back({p + "layer_norm2.weight", {d}});
    specs.push_back({p + "layer_norm2.bias", {d}});
  }
  specs.push_back({"text_model.final_layer_norm.weight", {d}});
  specs.push_back({"text_model.final_layer_norm.bias", {d}});
  if (c.withProjection) specs.push_back({"text_projection.weight", {c.projectionDim, d}});
  return specs;
}

ClipTextModel::ClipTextModel(const ClipTextConfig& config, const WeightMap& weights, const QString& component,
                             const torch::TensorOptions& options)
    : config_(config), options_(options) {
  checkWeights(weights, expectedTensors(config_), component, {kPositionIds});
  auto take = [&](const std::string& name) {
    const torch::Tensor& t = weights.at(name);
    if (!t.is_floating_point())
      throw LoadError(component.toStdString() + ": tensor '" + name + "' has dtype " +
                      c10::toString(t.scalar_type()) + ", expected a floating-point type");
    return t.to(options_).contiguous();
  };
  tokenEmbedding_ = take("text_model.embeddings.token_embedding.weight");
  positionEmbedding_ = take("text_model.embeddings.position_embedding.weight");
  for (int64_t i = 0; i < config_.numHiddenLayers; ++i) {
    const std::string p = layerPrefix(i);
    auto linear = [&](const std::string& name) {
      return kernels::PackedLinear(take(p + name + ".weight"), take(p + name + ".bias"));
    };
    layers_.push_back(Layer{take(p + "layer_norm1.weight"), take(p + "layer_norm1.bias"),
                            linear("self_attn.q_proj"), linear("self_attn.k_proj"), linear("self_attn.v_proj"),
                            linear("self_attn.out_proj"), take(p + "layer_norm2.weight"),
                            take(p + "layer_norm2.bias"), linear("mlp.fc1"), linear("mlp.fc2")});
  }
  finalNormWeight_ = take("text_model.final_layer_norm.weight");
  finalNormBias_ = take("text_model.final_layer_norm.bias");
  if (config_.withProjection) projection_ = kernels::PackedLinear(take("text_projection.weight"));
  trainable_ = tokenEmbedding_.requires_grad();  // a trainer passes leaf tensors with grad
}

double ClipTextModel::attentionScale() const { return 1.0 / std::sqrt(static_cast<double>(config_.headDim())); }

const ClipTextModel::Layer& ClipTextModel::layerAt(int64_t layer) const {
  if (layer < 0 || layer >= config_.numHiddenLayers)
    throw std::out_of_range("CLIP text model: layer " + std::to_string(layer) + " out of range [0, " +
                            std::to_string(config_.numHiddenLayers) + ")");
  return layers_[static_cast<size_t>(layer)];
}

torch::Tensor ClipTextModel::embed(const torch::Tensor& ids) const {
  checkTokenIds(ids, config_.vocabSize, config_.maxPositionEmbeddings);
  const torch::Tensor onDevice = ids.to(options_.device());
  return torch::embedding(tokenEmbedding_, onDevice) + positionEmbedding_.narrow(0, 0, ids.size(1));
}

torch::Tensor ClipTextModel::attentionBias(int64_t length, const std::optional<torch::Tensor>&) const {
  return kernels::causalMask(length, options_);
}

torch::Tensor ClipTextModel::norm1(int64_t layer, const torch::Tensor& x) const {
  const Layer& l = layerAt(layer);
  return torch::layer_norm(x, {config_.hiddenSize}, l.norm1Weight, l.norm1Bias, config_.layerNormEps);
}

torch::Tensor ClipTextModel::splitHeads(const torch::Tensor& projected) const {
  return projected.view({projected.size(0), projected.size(1), config_.numAttentionHeads, config_.headDim()})
      .transpose(1, 2);
}

torch::Tensor ClipTextModel::queries(int64_t layer, const torch::Tensor& normed) const {
  const Layer& l = layerAt(layer);
  return splitHeads(l.q(normed));
}

TextEncoder::Projections ClipTextModel::projections(int64_t layer, const torch::Tensor& normed) const {
  const Layer& l = layerAt(layer);
  const std::vector<torch::Tensor> qkv = kernels::PackedLinear::applyAll(normed, {&l.q, &l.k, &l.v});
  return {splitHeads(qkv[0]), splitHeads(qkv[1]), splitHeads(qkv[2])};
}

torch::Tensor ClipTextModel::activation(const torch::Tensor& x) const {
  if (config_.hiddenAct == "quick_gelu") return kernels::quickGelu(x);
  return torch::gelu(x);  // "gelu": exact erf form (fromJson admits only these two)
}

torch::Tensor ClipTextModel::finishLayer(int64_t layer, const torch::Tensor& x, const torch::Tensor& attended) const {
  const Layer& l = layerAt(layer);
  const torch::Tensor merged = attended.transpose(1, 2).reshape({x.size(0), x.size(1), config_.hiddenSize});
  const torch::Tensor h = x + l.out(merged);
  torch::Tensor m = torch::layer_norm(h, {config_.hiddenSize}, l.norm2Weight, l.norm2Bias, config_.layerNormEps);
  m = l.fc2(activation(l.fc1(m)));
  return h + m;
}

torch::Tensor ClipTextModel::finalNorm(const torch::Tensor& x) const {
  return torch::layer_norm(x, {config_.hiddenSize}, finalNormWeight_, finalNormBias_, config_.layerNormEps);
}

torch::Tensor ClipTextModel::poolingPositions(const torch::Tensor& ids) const {
  // transformers 4.31 pools at argmax(ids): the first <|endoftext|> (torch.argmax returns the
  // first maximal index), not at the config's eos_token_id.
  return ids.to(options_.device()).argmax(1);
}

torch::Tensor ClipTextModel::project(const torch::Tensor& pooled) const {
  return config_.withProjection ? projection_(pooled) : torch::Tensor();
}

}  // namespace fan
