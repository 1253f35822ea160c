#include "core/models/TextEncoder.h"

#include "core/io/JsonConfig.h"
#include "core/io/DiffusersWeights.h"
#include "core/models/ClipTextModel.h"
#include "core/models/T5EncoderModel.h"
#include "kernels/Attention.h"

namespace fan {

EncoderOutput TextEncoder::encode(const torch::Tensor& ids, const std::optional<torch::Tensor>& paddingMask,
                                  bool keepAllHiddenStates, LayerKeysValues* cache) const {
  const torch::AutoGradMode gradMode(trainable() && torch::GradMode::is_enabled());
  std::vector<torch::Tensor> states;
  torch::Tensor x = embed(ids);
  const torch::Tensor bias = attentionBias(ids.size(1), paddingMask);
  states.push_back(x);
  for (int64_t layer = 0; layer < numLayers(); ++layer) {
    const Projections qkv = projections(layer, norm1(layer, x));
    if (cache) {
      cache->keys.push_back(qkv.keys);
      cache->values.push_back(qkv.values);
    }
    x = finishLayer(layer, x, kernels::attention(qkv.queries, qkv.keys, qkv.values, attentionScale(), bias));
    if (keepAllHiddenStates) states.push_back(x);
  }
  if (!keepAllHiddenStates) states = {x};
  EncoderOutput out = finishOutput(std::move(states), ids);
  if (!keepAllHiddenStates) out.hiddenStates.clear();
  return out;
}

EncoderOutput TextEncoder::finishOutput(std::vector<torch::Tensor> hiddenStates, const torch::Tensor& poolIds) const {
  const torch::AutoGradMode gradMode(trainable() && torch::GradMode::is_enabled());
  EncoderOutput out;
  out.lastHiddenState = finalNorm(hiddenStates.back());
  out.hiddenStates = std::move(hiddenStates);
  // transformers' T5 reports the final-normed state as its last hidden state.
  if (family() == "t5") out.hiddenStates.back() = out.lastHiddenState;
  out.pooledIndex = poolingPositions(poolIds);
  if (out.pooledIndex.defined()) {
    const torch::Tensor rows =
        torch::arange(poolIds.size(0), torch::TensorOptions().dtype(torch::kLong).device(out.pooledIndex.device()));
    out.pooled = out.lastHiddenState.index({rows, out.pooledIndex});
    out.textEmbeds = project(out.pooled);
  }
  return out;
}

void checkTokenIds(const torch::Tensor& ids, int64_t vocabSize, int64_t maxLength) {
  if (!ids.defined() || ids.dim() != 2 || ids.scalar_type() != torch::kLong)
    throw std::invalid_argument("text encoder: token ids must be an int64 [batch, length] tensor");
  if (ids.size(0) < 1 || ids.size(1) < 1 || ids.size(1) > maxLength)
    throw std::invalid_argument("text encoder: token ids are [" + std::to_string(ids.size(0)) + ", " +
                                std::to_string(ids.size(1)) + "]; expected at least one row and 1.." +
                                std::to_string(maxLength) + " tokens");
  const int64_t lowest = ids.min().item<int64_t>(), highest = ids.max().item<int64_t>();
  if (lowest < 0 || highest >= vocabSize)
    throw std::invalid_argument("text encoder: token id " + std::to_string(lowest < 0 ? lowest : highest) +
                                " outside the vocabulary [0, " + std::to_string(vocabSize) + ")");
}

namespace {

// transformers names the class in "architectures"; a config with only "model_type" names the family.
QString textEncoderClass(const JsonConfig& json, const std::string& declared) {
  if (declared == "clip_text_model") return QStringLiteral("CLIPTextModel");
  if (declared == "t5") return QStringLiteral("T5EncoderModel");
  const QString cls = QString::fromStdString(declared);
  const QStringList supported{QStringLiteral("CLIPTextModel"), QStringLiteral("CLIPTextModelWithProjection"),
                              QStringLiteral("T5EncoderModel")};
  if (!supported.contains(cls))
    throw LoadError(json.file().toStdString() + ": text encoder class '" + declared +
                    "' is not supported; supported: " + supported.join(QStringLiteral(", ")).toStdString());
  return cls;
}

// Parses the config before reading any weights, so a bad config fails fast.
std::unique_ptr<TextEncoder> loadFrom(const DiffusersFolder& folder, const std::string& component,
                                      const std::string& declaredClass, const torch::TensorOptions& options,
                                      WeightVariant variant) {
  const JsonConfig json = folder.componentConfig(component);
  const QString cls = textEncoderClass(json, declaredClass);
  const QString where = folder.componentDir(component);
  auto weights = [&] {
    return loadComponentWeights(folder, component, variant, torch::typeMetaToScalarType(options.dtype()),
                                options.device());
  };
  torch::NoGradGuard noGrad;
  if (cls == QLatin1String("T5EncoderModel")) {
    const T5EncoderConfig config = T5EncoderConfig::fromJson(json);
    return std::make_unique<T5EncoderModel>(config, weights(), where, options);
  }
  const ClipTextConfig config = ClipTextConfig::fromJson(json, cls == QLatin1String("CLIPTextModelWithProjection"));
  return std::make_unique<ClipTextModel>(config, weights(), where, options);
}

}  // namespace

std::unique_ptr<TextEncoder> loadTextEncoder(const DiffusersFolder& folder, const std::string& component,
                                             const torch::TensorOptions& options, WeightVariant variant) {
  return loadFrom(folder, component, folder.component(component).className, options, variant);
}

std::unique_ptr<TextEncoder> loadTextEncoder(const QString& componentDir, const torch::TensorOptions& options,
                                             const QString& className) {
  const DiffusersFolder folder(componentDir);
  if (folder.isPipeline())
    throw LoadError(componentDir.toStdString() + ": a pipeline folder; expected one text encoder's folder");
  const std::string declared = className.isEmpty() ? folder.component("model").className : className.toStdString();
  return loadFrom(folder, "model", declared, options, WeightVariant::PreferFull);
}

torch::Tensor pipelineHiddenState(const TextEncoder& encoder, const EncoderOutput& out, bool penultimateStyle,
                                  int clipSkip) {
  if (encoder.family() == "t5") {
    if (clipSkip != 1)
      throw std::invalid_argument("CLIP skip does not apply to a T5 encoder (got " + std::to_string(clipSkip) + ")");
    return out.lastHiddenState;
  }
  const int64_t layers = encoder.numLayers();
  if (clipSkip < 1 || clipSkip > layers)
    throw std::invalid_argument("CLIP skip " + std::to_string(clipSkip) + " is outside 1.." + std::to_string(layers) +
                                " for this " + std::to_string(layers) + "-layer encoder");
  if (out.hiddenStates.size() != size_t(layers + 1))
    throw std::invalid_argument("pipelineHiddenState: the encoder output lacks its hidden states");
  // hidden_states[-k] is index layers + 1 - k.
  if (penultimateStyle) return out.hiddenStates[size_t(layers - clipSkip)];
  if (clipSkip == 1) return out.lastHiddenState;
  return encoder.finalNorm(out.hiddenStates[size_t(layers + 1 - clipSkip)]);
}

}  // namespace fan
