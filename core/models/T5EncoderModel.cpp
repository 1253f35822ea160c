#include "core/models/T5EncoderModel.h"

#include "core/io/JsonConfig.h"

#include <cmath>
#include <limits>

namespace fan {

namespace {

const char* const kShared = "shared.weight";
const char* const kEmbedTokens = "encoder.embed_tokens.weight";  // the same tied table under another name
const char* const kRelativeBias = "encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight";

std::string blockPrefix(int64_t block) { return "encoder.block." + std::to_string(block) + ".layer."; }

void requirePositive(const JsonConfig& json, const char* key, int64_t value) {
  if (value <= 0)
    throw LoadError(json.file().toStdString() + ": '" + key + "' must be positive, got " + std::to_string(value));
}

// transformers' T5Block clamps float16 activations after attention and after the feed-forward
// block so that an overflow does not turn into inf/NaN in every later layer.
torch::Tensor clampFloat16(const torch::Tensor& x) {
  if (x.scalar_type() != torch::kHalf) return x;
  const double max = 65504.0;  // finfo(float16).max
  const double limit = x.isinf().any().item<bool>() ? max - 1000.0 : max;
  return x.clamp(-limit, limit);
}

// Keeps the canonical shared.weight when the file stores the tied table as encoder.embed_tokens.weight.
WeightMap withCanonicalEmbedding(const WeightMap& weights, const QString& component) {
  WeightMap out = weights;
  const auto alias = out.find(kEmbedTokens);
  if (alias == out.end()) return out;
  const auto shared = out.find(kShared);
  if (shared == out.end()) {
    out[kShared] = alias->second;
  } else if (shared->second.sizes() != alias->second.sizes()) {
    throw LoadError(component.toStdString() + ": tied embeddings '" + kShared + "' and '" + kEmbedTokens +
                    "' have different shapes");
  }
  out.erase(kEmbedTokens);
  return out;
}

}  // namespace

T5EncoderConfig T5EncoderConfig::fromJson(const JsonConfig& json) {
  T5EncoderConfig c;
  c.vocabSize = json.getInt("vocab_size", c.vocabSize);
  c.dModel = json.getInt("d_model", c.dModel);
  c.dKv = json.getInt("d_kv", c.dKv);
  c.dFf = json.getInt("d_ff", c.dFf);
  c.numLayers = json.getInt("num_layers", c.numLayers);
  c.numHeads = json.getInt("num_heads", c.numHeads);
  c.relativeAttentionNumBuckets = json.getInt("relative_attention_num_buckets", c.relativeAttentionNumBuckets);
  c.relativeAttentionMaxDistance = json.getInt("relative_attention_max_distance", c.relativeAttentionMaxDistance);
  c.layerNormEpsilon = json.getDouble("layer_norm_epsilon", c.layerNormEpsilon);
  c.feedForwardProj = json.getString("feed_forward_proj", c.feedForwardProj);
  requirePositive(json, "vocab_size", c.vocabSize);
  requirePositive(json, "d_model", c.dModel);
  requirePositive(json, "d_kv", c.dKv);
  requirePositive(json, "d_ff", c.dFf);
  requirePositive(json, "num_layers", c.numLayers);
  requirePositive(json, "num_heads", c.numHeads);
  // Bidirectional buckets: half per direction, half of those exact; the log-spaced rest needs
  // max_distance above the exact range.
  if (c.relativeAttentionNumBuckets < 4)
    throw LoadError(json.file().toStdString() + ": 'relative_attention_num_buckets' must be at least 4, got " +
                    std::to_string(c.relativeAttentionNumBuckets));
  if (c.relativeAttentionMaxDistance <= c.relativeAttentionNumBuckets / 4)
    throw LoadError(json.file().toStdString() + ": 'relative_attention_max_distance' " +
                    std::to_string(c.relativeAttentionMaxDistance) + " must exceed the exact range " +
                    std::to_string(c.relativeAttentionNumBuckets / 4));
  if (!(c.layerNormEpsilon > 0))
    throw LoadError(json.file().toStdString() + ": 'layer_norm_epsilon' must be positive");
  if (c.feedForwardProj != "relu" && c.feedForwardProj != "gated-gelu")
    json.unsupported("feed_forward_proj", QString::fromStdString(c.feedForwardProj),
                     {QStringLiteral("relu"), QStringLiteral("gated-gelu")});
  return c;
}

std::vector<TensorSpec> T5EncoderModel::expectedTensors(const T5EncoderConfig& c) {
  const int64_t d = c.dModel, inner = c.innerDim(), ff = c.dFf;
  std::vector<TensorSpec> specs{{kShared, {c.vocabSize, d}}};
  for (int64_t i = 0; i < c.numLayers; ++i) {
    const std::string p = blockPrefix(i);
    for (const char* proj : {"q", "k", "v"}) specs.push_back({p + "0.SelfAttention." + proj + ".weight", {inner, d}});
    specs.push_back({p + "0.SelfAttention.o.weight", {d, inner}});
    if (i == 0) specs.push_back({kRelativeBias, {c.relativeAttentionNumBuckets, c.numHeads}});
    specs.push_back({p + "0.layer_norm.weight", {d}});
    if (c.gated()) {
      specs.push_back({p + "1.DenseReluDense.wi_0.weight", {ff, d}});
      specs.push_back({p + "1.DenseReluDense.wi_1.weight", {ff, d}});
    } else {
      specs.push_back({p + "1.DenseReluDense.wi.weight", {ff, d}});
    }
    specs.push_back({p + "1.DenseReluDense.wo.weight", {d, ff}});
    specs.push_back({p + "1.layer_norm.weight", {d}});
  }
  specs.push_back({"encoder.final_layer_norm.weight", {d}});
  return specs;
}

T5EncoderModel::T5EncoderModel(const T5EncoderConfig& config, const WeightMap& weights, const QString& component,
                               const torch::TensorOptions& options)
    : config_(config), options_(options) {
  const WeightMap canonical = withCanonicalEmbedding(weights, component);
  checkWeights(canonical, expectedTensors(config_), component);
  auto take = [&](const std::string& name) {
    const torch::Tensor& t = canonical.at(name);
    if (!t.is_floating_point())
      throw LoadError(component.toStdString() + ": tensor '" + name + "' has dtype " +
                      c10::toString(t.scalar_type()) + ", expected a floating-point type");
    return t.to(options_).contiguous();
  };
  embedding_ = take(kShared);
  relativeAttentionBias_ = take(kRelativeBias);
  for (int64_t i = 0; i < config_.numLayers; ++i) {
    const std::string p = blockPrefix(i);
    auto linear = [&](const std::string& name) { return kernels::PackedLinear(take(p + name + ".weight")); };
    Layer l{take(p + "0.layer_norm.weight"), linear("0.SelfAttention.q"), linear("0.SelfAttention.k"),
            linear("0.SelfAttention.v"), linear("0.SelfAttention.o"), take(p + "1.layer_norm.weight"),
            {}, {}, linear("1.DenseReluDense.wo")};
    if (config_.gated()) {
      l.wi0 = linear("1.DenseReluDense.wi_0");
      l.wi1 = linear("1.DenseReluDense.wi_1");
    } else {
      l.wi0 = linear("1.DenseReluDense.wi");
    }
    layers_.push_back(std::move(l));
  }
  finalNorm_ = take("encoder.final_layer_norm.weight");
}

// T5 has no position limit; 512 is the model_max_length of the published T5 tokenizers.
int64_t T5EncoderModel::maxLength() const { return 512; }

const T5EncoderModel::Layer& T5EncoderModel::layerAt(int64_t layer) const {
  if (layer < 0 || layer >= config_.numLayers)
    throw std::out_of_range("T5 encoder: layer " + std::to_string(layer) + " out of range [0, " +
                            std::to_string(config_.numLayers) + ")");
  return layers_[static_cast<size_t>(layer)];
}

torch::Tensor T5EncoderModel::embed(const torch::Tensor& ids) const {
  checkTokenIds(ids, config_.vocabSize, maxLength());
  return torch::embedding(embedding_, ids.to(options_.device()));
}

torch::Tensor T5EncoderModel::relativePositionBuckets(int64_t length) const {
  // Computed on the CPU in float32 exactly as the reference, so bucket edges never depend on the device.
  const torch::Tensor positions = torch::arange(length, torch::kLong);
  torch::Tensor relative = positions.unsqueeze(0) - positions.unsqueeze(1);  // key - query
  const int64_t perDirection = config_.relativeAttentionNumBuckets / 2;
  const int64_t maxExact = perDirection / 2;
  const torch::Tensor directionOffset = relative.gt(0).to(torch::kLong) * perDirection;
  relative = relative.abs();
  const torch::Tensor logSpaced =
      (torch::log(relative.to(torch::kFloat) / static_cast<double>(maxExact)) /
       std::log(static_cast<double>(config_.relativeAttentionMaxDistance) / static_cast<double>(maxExact)) *
       static_cast<double>(perDirection - maxExact))
          .to(torch::kLong) +
      maxExact;
  const torch::Tensor large = torch::clamp_max(logSpaced, perDirection - 1);
  return directionOffset + torch::where(relative.lt(maxExact), relative, large);
}

torch::Tensor T5EncoderModel::attentionBias(int64_t length, const std::optional<torch::Tensor>& paddingMask) const {
  const torch::Tensor buckets = relativePositionBuckets(length).to(options_.device());
  torch::Tensor bias = torch::embedding(relativeAttentionBias_, buckets).permute({2, 0, 1}).unsqueeze(0);  // [1,H,L,L]
  if (!paddingMask) return bias;
  const torch::Tensor& mask = *paddingMask;
  if (mask.dim() != 2 || mask.size(1) != length)
    throw std::invalid_argument("T5 encoder: padding mask must be [batch, " + std::to_string(length) + "], got " +
                                c10::str(mask.sizes()));
  double lowest = 0;  // finfo(dtype).min, as the reference's extended attention mask
  AT_DISPATCH_FLOATING_TYPES_AND2(torch::kHalf, torch::kBFloat16, bias.scalar_type(), "t5_mask_min",
                                  [&] { lowest = static_cast<double>(std::numeric_limits<scalar_t>::lowest()); });
  const torch::Tensor blocked = (1.0 - mask.to(options_)).mul(lowest);
  return bias + blocked.view({mask.size(0), 1, 1, length});
}

torch::Tensor T5EncoderModel::rmsNorm(const torch::Tensor& x, const torch::Tensor& weight) const {
  // As T5LayerNorm: variance in float32, no mean, no bias; back to the weight's dtype if half.
  const torch::Tensor variance = x.to(torch::kFloat).pow(2).mean(-1, /*keepdim=*/true);
  torch::Tensor normed = x * torch::rsqrt(variance + config_.layerNormEpsilon);
  if (weight.scalar_type() == torch::kHalf || weight.scalar_type() == torch::kBFloat16)
    normed = normed.to(weight.scalar_type());
  return weight * normed;
}

torch::Tensor T5EncoderModel::norm1(int64_t layer, const torch::Tensor& x) const {
  return rmsNorm(x, layerAt(layer).attnNorm);
}

torch::Tensor T5EncoderModel::splitHeads(const torch::Tensor& projected) const {
  return projected.view({projected.size(0), projected.size(1), config_.numHeads, config_.dKv}).transpose(1, 2);
}

torch::Tensor T5EncoderModel::queries(int64_t layer, const torch::Tensor& normed) const {
  return splitHeads(layerAt(layer).q(normed));
}

TextEncoder::Projections T5EncoderModel::projections(int64_t layer, const torch::Tensor& normed) const {
  const Layer& l = layerAt(layer);
  const std::vector<torch::Tensor> qkv = kernels::PackedLinear::applyAll(normed, {&l.q, &l.k, &l.v});
  return {splitHeads(qkv[0]), splitHeads(qkv[1]), splitHeads(qkv[2])};
}

torch::Tensor T5EncoderModel::feedForward(const Layer& l, const torch::Tensor& normed) const {
  if (config_.gated())  // gelu_new: the tanh approximation
    return l.wo(torch::gelu(l.wi0(normed), "tanh") * l.wi1(normed));
  return l.wo(torch::relu(l.wi0(normed)));
}

torch::Tensor T5EncoderModel::finishLayer(int64_t layer, const torch::Tensor& x, const torch::Tensor& attended) const {
  const Layer& l = layerAt(layer);
  const torch::Tensor merged = attended.transpose(1, 2).reshape({x.size(0), x.size(1), config_.innerDim()});
  const torch::Tensor h = clampFloat16(x + l.o(merged));
  return clampFloat16(h + feedForward(l, rmsNorm(h, l.ffNorm)));
}

torch::Tensor T5EncoderModel::finalNorm(const torch::Tensor& x) const { return rmsNorm(x, finalNorm_); }

}  // namespace fan
