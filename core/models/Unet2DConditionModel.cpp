#include "core/models/Unet2DConditionModel.h"

#include "core/io/DiffusersWeights.h"
#include "core/io/JsonConfig.h"
#include "core/models/DiffusionLayers.h"
#include "kernels/Geglu.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>
#include <stdexcept>

namespace fan {

// ---------------------------------------------------------------------------------------------
// Config
// ---------------------------------------------------------------------------------------------

namespace {

QString jsonText(const QJsonValue& v) {
  if (v.isString()) return v.toString();
  if (v.isBool()) return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
  if (v.isDouble()) return QString::number(v.toDouble());
  if (v.isNull() || v.isUndefined()) return QStringLiteral("null");
  QJsonArray wrapped{v};  // arrays/objects: compact JSON
  const QByteArray text = QJsonDocument(wrapped).toJson(QJsonDocument::Compact);
  return QString::fromUtf8(text.mid(1, text.size() - 2));
}

// Keys whose non-default values change the architecture in ways this port does not implement.
void requireNull(const JsonConfig& json, const char* key) {
  if (json.has(key)) json.unsupported(key, jsonText(json.object().value(QLatin1String(key))), {QStringLiteral("null")});
}

void requireString(const JsonConfig& json, const char* key, const char* only) {
  const std::string value = json.getString(key, only);
  if (value != only) json.unsupported(key, QString::fromStdString(value), {QString::fromLatin1(only)});
}

// A key that is false or a list of falses (only_cross_attention).
void requireAllFalse(const JsonConfig& json, const char* key) {
  const QJsonValue v = json.object().value(QLatin1String(key));
  const QJsonArray items = v.isArray() ? v.toArray() : QJsonArray{v};
  for (const QJsonValue& item : items)
    if (!(item.isBool() && !item.toBool()) && !item.isNull() && !item.isUndefined())
      json.unsupported(key, jsonText(v), {QStringLiteral("false")});
}

// Keys where an explicit null would mean a different architecture (no mid block, no norms).
void rejectExplicitNull(const JsonConfig& json, const char* key, const char* expected) {
  if (json.object().contains(QLatin1String(key)) && !json.has(key))
    json.unsupported(key, QStringLiteral("null"), {QString::fromLatin1(expected)});
}

void requireOneOf(const JsonConfig& json, const char* key, const std::vector<std::string>& values,
                  const QStringList& supported) {
  for (const std::string& v : values)
    if (!supported.contains(QString::fromStdString(v))) json.unsupported(key, QString::fromStdString(v), supported);
}

const QStringList kDownBlockTypes{QStringLiteral("CrossAttnDownBlock2D"), QStringLiteral("DownBlock2D")};
const QStringList kUpBlockTypes{QStringLiteral("UpBlock2D"), QStringLiteral("CrossAttnUpBlock2D")};

}  // namespace

UnetConfig UnetConfig::fromJson(const JsonConfig& json) {
  UnetConfig c;
  const std::string file = json.file().toStdString();
  c.inChannels = json.getInt("in_channels", c.inChannels);
  c.outChannels = json.getInt("out_channels", c.outChannels);
  if (json.has("sample_size")) c.sampleSize = json.getInt("sample_size", 0);
  c.centerInputSample = json.getBool("center_input_sample", c.centerInputSample);
  c.flipSinToCos = json.getBool("flip_sin_to_cos", c.flipSinToCos);
  c.freqShift = json.getInt("freq_shift", c.freqShift);
  c.downBlockTypes = json.getStringList("down_block_types", c.downBlockTypes);
  c.upBlockTypes = json.getStringList("up_block_types", c.upBlockTypes);
  c.blockOutChannels = json.getIntList("block_out_channels", c.blockOutChannels);
  const size_t n = c.downBlockTypes.size();
  if (n == 0) throw LoadError(file + ": 'down_block_types' is empty");
  if (c.upBlockTypes.size() != n || c.blockOutChannels.size() != n)
    throw LoadError(file + ": 'down_block_types', 'up_block_types' and 'block_out_channels' must have the same " +
                    "length (" +
                    std::to_string(n) + ", " + std::to_string(c.upBlockTypes.size()) + ", " +
                    std::to_string(c.blockOutChannels.size()) + ")");
  requireOneOf(json, "down_block_types", c.downBlockTypes, kDownBlockTypes);
  requireOneOf(json, "up_block_types", c.upBlockTypes, kUpBlockTypes);
  rejectExplicitNull(json, "mid_block_type", "UNetMidBlock2DCrossAttn");
  requireString(json, "mid_block_type", "UNetMidBlock2DCrossAttn");

  c.layersPerBlock = json.getIntOrList("layers_per_block", 2, n);
  c.transformerLayersPerBlock = json.getIntOrList("transformer_layers_per_block", 1, n);
  // diffusers 0.21 naming: attention_head_dim holds the number of heads unless num_attention_heads is set.
  c.numAttentionHeads = json.has("num_attention_heads") ? json.getIntOrList("num_attention_heads", 8, n)
                                                        : json.getIntOrList("attention_head_dim", 8, n);
  const std::vector<int64_t> crossDims = json.getIntOrList("cross_attention_dim", c.crossAttentionDim, n);
  for (int64_t d : crossDims)
    if (d != crossDims.front())
      json.unsupported("cross_attention_dim", jsonText(json.object().value(QStringLiteral("cross_attention_dim"))),
                       {QStringLiteral("one value for every block")});
  c.crossAttentionDim = crossDims.front();
  c.downsamplePadding = json.getInt("downsample_padding", c.downsamplePadding);
  c.midBlockScaleFactor = json.getDouble("mid_block_scale_factor", c.midBlockScaleFactor);
  rejectExplicitNull(json, "norm_num_groups", "an integer");
  c.normNumGroups = json.getInt("norm_num_groups", c.normNumGroups);
  c.normEps = json.getDouble("norm_eps", c.normEps);
  c.useLinearProjection = json.getBool("use_linear_projection", c.useLinearProjection);
  c.upcastAttention = json.getBool("upcast_attention", c.upcastAttention);
  if (json.has("time_embedding_dim")) c.timeEmbeddingDim = json.getInt("time_embedding_dim", 0);
  c.convInKernel = json.getInt("conv_in_kernel", c.convInKernel);
  c.convOutKernel = json.getInt("conv_out_kernel", c.convOutKernel);

  const std::optional<std::string> addition = json.optionalString("addition_embed_type");
  if (addition && *addition != "text_time")
    json.unsupported("addition_embed_type", QString::fromStdString(*addition),
                     {QStringLiteral("null"), QStringLiteral("text_time")});
  c.textTimeEmbedding = addition.has_value();
  if (c.textTimeEmbedding) {
    c.additionTimeEmbedDim = json.requiredInt("addition_time_embed_dim");
    c.projectionClassEmbeddingsInputDim = json.requiredInt("projection_class_embeddings_input_dim");
  }

  requireSiluActivation(json, "act_fn");
  requireString(json, "time_embedding_type", "positional");
  requireString(json, "resnet_time_scale_shift", "default");
  requireString(json, "attention_type", "default");
  requireAllFalse(json, "only_cross_attention");
  requireAllFalse(json, "dual_cross_attention");
  requireAllFalse(json, "class_embeddings_concat");
  for (const char* key : {"class_embed_type", "num_class_embeds", "encoder_hid_dim", "encoder_hid_dim_type",
                          "time_embedding_act_fn", "timestep_post_act", "time_cond_proj_dim"})
    requireNull(json, key);

  auto positive = [&](const char* key, int64_t v) {
    if (v <= 0) throw LoadError(file + ": '" + key + "' must be positive, got " + std::to_string(v));
  };
  for (size_t i = 0; i < n; ++i) {
    const int64_t channels = c.blockOutChannels[i], heads = c.numAttentionHeads[i];
    positive("block_out_channels", channels);
    positive("attention_head_dim / num_attention_heads", heads);
    positive("layers_per_block", c.layersPerBlock[i]);
    positive("transformer_layers_per_block", c.transformerLayersPerBlock[i]);
    if (channels % heads != 0)
      throw LoadError(file + ": block " + std::to_string(i) + " has " + std::to_string(channels) +
                      " channels, not divisible into " + std::to_string(heads) + " attention heads");
    if (channels % c.normNumGroups != 0)
      throw LoadError(file + ": block_out_channels " + std::to_string(channels) +
                      " is not divisible by norm_num_groups " + std::to_string(c.normNumGroups));
  }
  for (const auto& [key, k] : {std::pair<const char*, int64_t>{"conv_in_kernel", c.convInKernel},
                               std::pair<const char*, int64_t>{"conv_out_kernel", c.convOutKernel}})
    if (k <= 0 || k % 2 == 0) throw LoadError(file + ": '" + key + "' must be a positive odd number");
  return c;
}

// ---------------------------------------------------------------------------------------------
// Transformer2DModel (continuous input) with BasicTransformerBlocks
// ---------------------------------------------------------------------------------------------

namespace {

// diffusers Attention without bias on q/k/v; self-attention when no context is given.
struct CrossAttention {
  CrossAttention(const WeightBinder& w, int64_t dim, int64_t contextDim, int64_t heads_, bool upcast_)
      : toQ(w.scope("to_q"), dim, dim, false),
        toK(w.scope("to_k"), contextDim, dim, false),
        toV(w.scope("to_v"), contextDim, dim, false),
        toOut(w.scope("to_out.0"), dim, dim),
        heads(heads_),
        upcast(upcast_) {}
  torch::Tensor operator()(const torch::Tensor& x, const torch::Tensor& context) const {
    const torch::Tensor& kv = context.defined() ? context : x;
    return toOut(multiHeadAttention(toQ(x), toK(kv), toV(kv), heads, upcast));
  }
  Linear toQ, toK, toV, toOut;
  int64_t heads;
  bool upcast;
};

// Self-attention, cross-attention and a GEGLU feed-forward, each pre-LayerNorm with a residual.
struct BasicTransformerBlock {
  BasicTransformerBlock(const WeightBinder& w, int64_t dim, int64_t contextDim, int64_t heads, bool upcast)
      : norm1(w.scope("norm1"), dim),
        attn1(w.scope("attn1"), dim, dim, heads, upcast),
        norm2(w.scope("norm2"), dim),
        attn2(w.scope("attn2"), dim, contextDim, heads, upcast),
        norm3(w.scope("norm3"), dim),
        ffIn(w.scope("ff.net.0.proj"), dim, dim * 8),
        ffOut(w.scope("ff.net.2"), dim * 4, dim) {}
  torch::Tensor operator()(torch::Tensor x, const torch::Tensor& context) const {
    x = attn1(norm1(x), {}) + x;
    x = attn2(norm2(x), context) + x;
    return feedForward(norm3(x)) + x;
  }
  // GEGLU: the projection's first half is gated by the erf GELU of its second half. Token rows
  // are independent, so large inputs run in row chunks: at 512 px the whole projection
  // ([2, 4096, 8 x 320] floats, 80 MiB, plus its GELU and product) was the step's largest transient.
  torch::Tensor feedForward(const torch::Tensor& normed) const {
    const int64_t rows = normed.size(0) * normed.size(1);
    const int64_t chunkRows = std::max<int64_t>(1, kFeedForwardChunkElements / ffIn.weight.size(0));
    if (rows <= chunkRows) return geglu(normed);
    const torch::Tensor flat = normed.reshape({rows, normed.size(2)});
    std::vector<torch::Tensor> parts;
    for (int64_t start = 0; start < rows; start += chunkRows)
      parts.push_back(geglu(flat.narrow(0, start, std::min(chunkRows, rows - start))));
    return torch::cat(parts).view({normed.size(0), normed.size(1), -1});
  }
  torch::Tensor geglu(const torch::Tensor& normed) const { return ffOut(kernels::geglu(ffIn(normed))); }
  static constexpr int64_t kFeedForwardChunkElements = int64_t(8) << 20;  // 32 MiB of float32 projection
  LayerNorm norm1;
  CrossAttention attn1;
  LayerNorm norm2;
  CrossAttention attn2;
  LayerNorm norm3;
  Linear ffIn, ffOut;
};

// proj_in / proj_out: a Linear on tokens (use_linear_projection) or a 1×1 conv on the feature map.
struct Projection {
  Projection(const WeightBinder& w, int64_t channels, bool linear_) {
    if (linear_) linear = Linear(w, channels, channels);
    else conv = Conv2d(w, channels, channels, 1);
  }
  std::optional<Linear> linear;
  std::optional<Conv2d> conv;
};

struct Transformer2DModel {
  Transformer2DModel(const WeightBinder& w, int64_t channels, int64_t heads, int64_t layers, const UnetConfig& c)
      : norm(w.scope("norm"), c.normNumGroups, channels, 1e-6),  // fixed eps 1e-6, unlike the resnets
        projIn(w.scope("proj_in"), channels, c.useLinearProjection) {
    for (int64_t i = 0; i < layers; ++i)
      blocks.emplace_back(w.scope(childName("transformer_blocks", i)), channels, c.crossAttentionDim, heads,
                          c.upcastAttention);
    projOut.emplace(w.scope("proj_out"), channels, c.useLinearProjection);
  }
  torch::Tensor operator()(const torch::Tensor& x, const torch::Tensor& context) const {
    const int64_t height = x.size(2), width = x.size(3);
    torch::Tensor h = norm(x);
    h = projIn.conv ? toTokens((*projIn.conv)(h)) : (*projIn.linear)(toTokens(h));
    for (const BasicTransformerBlock& block : blocks) h = block(h, context);
    h = projOut->conv ? (*projOut->conv)(fromTokens(h, height, width))
                      : fromTokens((*projOut->linear)(h), height, width);
    return h + x;
  }
  GroupNorm norm;
  Projection projIn;
  std::vector<BasicTransformerBlock> blocks;
  std::optional<Projection> projOut;  // registered after the blocks
};

// ---------------------------------------------------------------------------------------------
// Down, mid and up blocks
// ---------------------------------------------------------------------------------------------

// CrossAttnDownBlock2D / DownBlock2D: (resnet [→ transformer]) × layers [→ downsample]; every
// intermediate output is kept as a skip connection.
struct DownBlock {
  DownBlock(const WeightBinder& w, const UnetConfig& c, size_t index) {
    const int64_t in = index == 0 ? c.blockOutChannels[0] : c.blockOutChannels[index - 1];
    const int64_t out = c.blockOutChannels[index];
    const int64_t layers = c.layersPerBlock[index];
    if (c.downBlockTypes[index] == "CrossAttnDownBlock2D")
      for (int64_t i = 0; i < layers; ++i)
        attentions.emplace_back(w.scope(childName("attentions", i)), out, c.numAttentionHeads[index],
                                c.transformerLayersPerBlock[index], c);
    for (int64_t i = 0; i < layers; ++i)
      resnets.emplace_back(w.scope(childName("resnets", i)), i == 0 ? in : out, out, c.timeEmbedDim(), c.normNumGroups,
                           c.normEps);
    if (index + 1 < c.blockOutChannels.size())
      downsampler.emplace(w.scope("downsamplers.0"), out, c.downsamplePadding);
  }
  torch::Tensor operator()(torch::Tensor x, const torch::Tensor& temb, const torch::Tensor& context,
                           std::vector<torch::Tensor>& skips) const {
    for (size_t i = 0; i < resnets.size(); ++i) {
      x = resnets[i](x, temb);
      if (!attentions.empty()) x = attentions[i](x, context);
      skips.push_back(x);
    }
    if (downsampler) {
      x = (*downsampler)(x);
      skips.push_back(x);
    }
    return x;
  }
  std::vector<Transformer2DModel> attentions;
  std::vector<ResnetBlock2D> resnets;
  std::optional<Downsample2D> downsampler;
};

// UNetMidBlock2DCrossAttn: resnet, then (transformer → resnet) once.
struct MidBlock {
  MidBlock(const WeightBinder& w, const UnetConfig& c) {
    const int64_t channels = c.blockOutChannels.back();
    attentions.emplace_back(w.scope("attentions.0"), channels, c.numAttentionHeads.back(),
                            c.transformerLayersPerBlock.back(), c);
    for (int64_t i = 0; i < 2; ++i)
      resnets.emplace_back(w.scope(childName("resnets", i)), channels, channels, c.timeEmbedDim(), c.normNumGroups,
                           c.normEps, c.midBlockScaleFactor);
  }
  torch::Tensor operator()(torch::Tensor x, const torch::Tensor& temb, const torch::Tensor& context) const {
    x = resnets[0](x, temb);
    return resnets[1](attentions[0](x, context), temb);
  }
  std::vector<Transformer2DModel> attentions;
  std::vector<ResnetBlock2D> resnets;
};

// UpBlock2D / CrossAttnUpBlock2D at position `index` of the up path (resolution order reversed):
// each resnet takes the running state concatenated with the most recent skip connection.
struct UpBlock {
  UpBlock(const WeightBinder& w, const UnetConfig& c, size_t index) {
    const size_t n = c.blockOutChannels.size(), down = n - 1 - index;  // the mirrored down block
    const int64_t out = c.blockOutChannels[down];
    const int64_t prevOut = c.blockOutChannels[std::min(down + 1, n - 1)];  // channels arriving from below
    const int64_t skipIn = c.blockOutChannels[down == 0 ? 0 : down - 1];    // the mirrored block's input
    const int64_t layers = c.layersPerBlock[down] + 1;
    if (c.upBlockTypes[index] == "CrossAttnUpBlock2D")
      for (int64_t i = 0; i < layers; ++i)
        attentions.emplace_back(w.scope(childName("attentions", i)), out, c.numAttentionHeads[down],
                                c.transformerLayersPerBlock[down], c);
    for (int64_t i = 0; i < layers; ++i) {
      const int64_t skip = i == layers - 1 ? skipIn : out;
      resnets.emplace_back(w.scope(childName("resnets", i)), (i == 0 ? prevOut : out) + skip, out, c.timeEmbedDim(),
                           c.normNumGroups, c.normEps);
    }
    if (index + 1 < n) upsampler.emplace(w.scope("upsamplers.0"), out);
  }
  torch::Tensor operator()(torch::Tensor x, const torch::Tensor& temb, const torch::Tensor& context,
                           std::vector<torch::Tensor>& skips) const {
    for (size_t i = 0; i < resnets.size(); ++i) {
      x = resnets[i](torch::cat({x, skips.back()}, 1), temb);
      skips.pop_back();
      if (!attentions.empty()) x = attentions[i](x, context);
    }
    // Upsample to the next skip's size: 2× normally, and exact for sizes not divisible by 2^k
    // (diffusers' forward_upsample_size).
    if (upsampler) x = (*upsampler)(x, skips.back().sizes().slice(2).vec());
    return x;
  }
  std::vector<Transformer2DModel> attentions;
  std::vector<ResnetBlock2D> resnets;
  std::optional<Upsample2D> upsampler;
};

// diffusers get_timestep_embedding (max_period 10000, scale 1), computed in float32 as the reference.
torch::Tensor sinusoidalEmbedding(const torch::Tensor& timesteps, int64_t dim, bool flipSinToCos, int64_t freqShift) {
  const int64_t half = dim / 2;
  const auto options = torch::TensorOptions().dtype(torch::kFloat).device(timesteps.device());
  const torch::Tensor exponent = torch::arange(0, half, options) * (-std::log(10000.0)) / double(half - freqShift);
  const torch::Tensor args = timesteps.unsqueeze(1).to(torch::kFloat) * torch::exp(exponent).unsqueeze(0);
  torch::Tensor emb = flipSinToCos ? torch::cat({torch::cos(args), torch::sin(args)}, -1)
                                   : torch::cat({torch::sin(args), torch::cos(args)}, -1);
  if (dim % 2 == 1) emb = torch::constant_pad_nd(emb, {0, 1, 0, 0}, 0);
  return emb;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// The model
// ---------------------------------------------------------------------------------------------

struct Unet2DConditionModel::Impl {
  // Members are bound in diffusers' registration order (up blocks precede the mid block there).
  Impl(const UnetConfig& c, const WeightBinder& w, const torch::TensorOptions& options_)
      : config(c),
        options(options_),
        convIn(w.scope("conv_in"), c.inChannels, c.blockOutChannels[0], c.convInKernel),
        timeLinear1(w.scope("time_embedding.linear_1"), c.blockOutChannels[0], c.timeEmbedDim()),
        timeLinear2(w.scope("time_embedding.linear_2"), c.timeEmbedDim(), c.timeEmbedDim()) {
    if (c.textTimeEmbedding) {
      addLinear1 = Linear(w.scope("add_embedding.linear_1"), c.projectionClassEmbeddingsInputDim, c.timeEmbedDim());
      addLinear2 = Linear(w.scope("add_embedding.linear_2"), c.timeEmbedDim(), c.timeEmbedDim());
    }
    const size_t n = c.blockOutChannels.size();
    for (size_t i = 0; i < n; ++i) down.emplace_back(w.scope(childName("down_blocks", i)), c, i);
    for (size_t i = 0; i < n; ++i) up.emplace_back(w.scope(childName("up_blocks", i)), c, i);
    mid.emplace(w.scope("mid_block"), c);
    normOut = GroupNorm(w.scope("conv_norm_out"), c.normNumGroups, c.blockOutChannels[0], c.normEps);
    convOut = Conv2d(w.scope("conv_out"), c.blockOutChannels[0], c.outChannels, c.convOutKernel);
  }

  torch::Tensor timeEmbedding(const torch::Tensor& timesteps, const std::optional<AddedConditions>& added) const {
    const torch::Tensor tEmb =
        sinusoidalEmbedding(timesteps, config.blockOutChannels[0], config.flipSinToCos, config.freqShift);
    torch::Tensor emb = timeLinear2(torch::silu(timeLinear1(tEmb.to(options.dtype()))));
    if (!config.textTimeEmbedding) return emb;
    // SDXL: every time id gets its own sinusoidal embedding; all are appended to the pooled text.
    const int64_t batch = added->textEmbeds.size(0);
    const torch::Tensor timeIds = added->timeIds.to(options.device()).flatten();
    const torch::Tensor timeEmbeds =
        sinusoidalEmbedding(timeIds, config.additionTimeEmbedDim, config.flipSinToCos, config.freqShift)
            .reshape({batch, -1});
    const torch::Tensor text = added->textEmbeds.to(options.device()).to(torch::kFloat);
    const torch::Tensor addEmbeds = torch::cat({text, timeEmbeds}, -1).to(options.dtype());
    return emb + (*addLinear2)(torch::silu((*addLinear1)(addEmbeds)));
  }

  UnetConfig config;
  torch::TensorOptions options;
  Conv2d convIn;
  Linear timeLinear1, timeLinear2;
  std::optional<Linear> addLinear1, addLinear2;
  std::vector<DownBlock> down;
  std::vector<UpBlock> up;
  std::optional<MidBlock> mid;
  GroupNorm normOut;
  Conv2d convOut;
  bool trainable = false;  // see requiresGrad()
};

std::vector<TensorSpec> Unet2DConditionModel::expectedTensors(const UnetConfig& config) {
  const WeightBinder lister = WeightBinder::lister();
  const Impl listing(config, lister, torch::TensorOptions());  // building it lists every tensor
  static_cast<void>(listing);
  return lister.specs();
}

Unet2DConditionModel::Unet2DConditionModel(const UnetConfig& config, const WeightMap& weights,
                                           const QString& component, const torch::TensorOptions& options) {
  checkWeights(weights, expectedTensors(config), component);
  torch::NoGradGuard noGrad;
  impl_ = std::make_unique<Impl>(config, WeightBinder(weights, options), options);
  impl_->trainable = requiresGrad(weights);
}

Unet2DConditionModel::~Unet2DConditionModel() = default;

const UnetConfig& Unet2DConditionModel::config() const { return impl_->config; }

torch::TensorOptions Unet2DConditionModel::options() const { return impl_->options; }

namespace {

void checkInputs(const UnetConfig& c, const torch::Tensor& sample, const torch::Tensor& timestep,
                 const torch::Tensor& context, const std::optional<AddedConditions>& added) {
  auto fail = [](const std::string& message) { throw std::invalid_argument("UNet forward: " + message); };
  if (!sample.defined() || sample.dim() != 4 || sample.size(1) != c.inChannels)
    fail("sample must be [B, " + std::to_string(c.inChannels) + ", h, w], got " + shapeText(sample));
  const int64_t batch = sample.size(0);
  const bool broadcastable = timestep.defined() && (timestep.numel() == 1 || timestep.numel() == batch);
  if (!broadcastable || timestep.dim() > 1)
    fail("timestep must be a scalar or have one entry per batch row (" + std::to_string(batch) + "), got " +
         shapeText(timestep));
  if (!context.defined() || context.dim() != 3 || context.size(0) != batch || context.size(2) != c.crossAttentionDim)
    fail("encoder_hidden_states must be [" + std::to_string(batch) + ", L, " + std::to_string(c.crossAttentionDim) +
         "], got " + shapeText(context));
  if (!c.textTimeEmbedding) {
    if (added) fail("added conditions were given but the config has no addition_embed_type");
    return;
  }
  if (!added || !added->textEmbeds.defined() || !added->timeIds.defined())
    fail("this UNet (addition_embed_type \"text_time\") needs text_embeds and time_ids");
  const torch::Tensor& text = added->textEmbeds;
  const torch::Tensor& ids = added->timeIds;
  if (text.dim() != 2 || ids.dim() != 2 || text.size(0) != batch || ids.size(0) != batch ||
      text.size(1) + ids.size(1) * c.additionTimeEmbedDim != c.projectionClassEmbeddingsInputDim)
    fail("text_embeds " + shapeText(text) + " and time_ids " + shapeText(ids) + " must be [" + std::to_string(batch) +
         ", P] and [" + std::to_string(batch) + ", n] with P + n*" + std::to_string(c.additionTimeEmbedDim) + " = " +
         std::to_string(c.projectionClassEmbeddingsInputDim));
}

}  // namespace

torch::Tensor Unet2DConditionModel::forward(const torch::Tensor& sample, const torch::Tensor& timestep,
                                            const torch::Tensor& encoderHiddenStates,
                                            const std::optional<AddedConditions>& added) const {
  const Impl& m = *impl_;
  checkInputs(m.config, sample, timestep, encoderHiddenStates, added);
  const torch::AutoGradMode gradMode(m.trainable && torch::GradMode::is_enabled());
  const int64_t batch = sample.size(0);
  const torch::Tensor timesteps = timestep.to(m.options.device()).reshape({-1}).expand({batch});
  const torch::Tensor temb = m.timeEmbedding(timesteps, added);
  const torch::Tensor context = encoderHiddenStates.to(m.options);

  torch::Tensor x = sample.to(m.options);
  if (m.config.centerInputSample) x = 2 * x - 1.0;
  x = m.convIn(x);
  std::vector<torch::Tensor> skips{x};
  for (const DownBlock& block : m.down) x = block(x, temb, context, skips);
  x = (*m.mid)(x, temb, context);
  for (const UpBlock& block : m.up) x = block(x, temb, context, skips);
  return m.convOut(torch::silu(m.normOut(x)));
}

std::unique_ptr<Unet2DConditionModel> loadUnet(const DiffusersFolder& folder, const std::string& component,
                                               torch::Dtype dtype, torch::Device device, WeightVariant variant) {
  requireComponentClass(folder, component, "UNet2DConditionModel");
  const UnetConfig config = UnetConfig::fromJson(folder.componentConfig(component));
  const WeightMap weights = loadComponentWeights(folder, component, variant, dtype, device);
  return std::make_unique<Unet2DConditionModel>(config, weights, folder.componentDir(component),
                                                torch::TensorOptions().dtype(dtype).device(device));
}

}  // namespace fan
