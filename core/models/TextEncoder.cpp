#include "core/models/TextEncoder.h"

#include "core/io/JsonConfig.h"
#include "core/io/Safetensors.h"
#include "core/models/ClipTextModel.h"
#include "core/models/T5EncoderModel.h"
#include "kernels/Attention.h"

#include <QDir>

namespace fan {

EncoderOutput TextEncoder::encode(const torch::Tensor& ids, const std::optional<torch::Tensor>& paddingMask,
                                  bool keepAllHiddenStates, LayerKeysValues* cache) const {
  torch::NoGradGuard noGrad;
  std::vector<torch::Tensor> states;
  torch::Tensor x = embed(ids);
  const torch::Tensor bias = attentionBias(ids.size(1), paddingMask);
  states.push_back(x);
  for (int64_t layer = 0; layer < numLayers(); ++layer) {
    const torch::Tensor h = norm1(layer, x);
    const torch::Tensor k = keys(layer, h), v = values(layer, h);
    if (cache) {
      cache->keys.push_back(k);
      cache->values.push_back(v);
    }
    x = finishLayer(layer, x, kernels::attention(queries(layer, h), k, v, attentionScale(), bias));
    if (keepAllHiddenStates) states.push_back(x);
  }
  if (!keepAllHiddenStates) states = {x};
  EncoderOutput out = finishOutput(std::move(states), ids);
  if (!keepAllHiddenStates) out.hiddenStates.clear();
  return out;
}

EncoderOutput TextEncoder::finishOutput(std::vector<torch::Tensor> hiddenStates, const torch::Tensor& poolIds) const {
  torch::NoGradGuard noGrad;
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

// The class named by model_index.json, else by config.json ("architectures", then "model_type").
QString resolveClassName(const JsonConfig& json, const QString& className) {
  if (!className.isEmpty()) return className;
  const std::vector<std::string> architectures = json.getStringList("architectures", {});
  if (!architectures.empty()) return QString::fromStdString(architectures.front());
  const std::string modelType = json.getString("model_type", "");
  if (modelType == "clip_text_model") return QStringLiteral("CLIPTextModel");
  if (modelType == "t5") return QStringLiteral("T5EncoderModel");
  throw LoadError(json.file().toStdString() + ": cannot tell the text encoder class (no 'architectures', " +
                  "'model_type' = '" + modelType + "')");
}

}  // namespace

std::unique_ptr<TextEncoder> loadTextEncoder(const QString& componentDir, const torch::TensorOptions& options,
                                             const QString& className) {
  const QDir dir(componentDir);
  const JsonConfig json = JsonConfig::fromFile(dir.filePath(QStringLiteral("config.json")));
  const QString cls = resolveClassName(json, className);
  const QStringList supported{QStringLiteral("CLIPTextModel"), QStringLiteral("CLIPTextModelWithProjection"),
                              QStringLiteral("T5EncoderModel")};
  if (!supported.contains(cls))
    throw LoadError(componentDir.toStdString() + ": text encoder class '" + cls.toStdString() +
                    "' is not supported; supported: " + supported.join(QStringLiteral(", ")).toStdString());
  const WeightMap weights = loadSafetensors(dir.filePath(QStringLiteral("model.safetensors")));
  torch::NoGradGuard noGrad;
  if (cls == QLatin1String("T5EncoderModel"))
    return std::make_unique<T5EncoderModel>(T5EncoderConfig::fromJson(json), weights, componentDir, options);
  const bool withProjection = cls == QLatin1String("CLIPTextModelWithProjection");
  return std::make_unique<ClipTextModel>(ClipTextConfig::fromJson(json, withProjection), weights, componentDir, options);
}

}  // namespace fan
