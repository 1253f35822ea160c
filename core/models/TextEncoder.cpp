#include "core/models/TextEncoder.h"

#include "kernels/Attention.h"

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
        torch::arange(poolIds.size(0), torch::TensorOptions().dtype(torch::kLong).device(poolIds.device()));
    out.pooled = out.lastHiddenState.index({rows, out.pooledIndex});
    out.textEmbeds = project(out.pooled);
  }
  return out;
}

}  // namespace fan
