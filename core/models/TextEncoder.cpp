#include "core/models/TextEncoder.h"

#include "kernels/Attention.h"

namespace fan {

EncoderOutput TextEncoder::encode(const torch::Tensor& ids, const std::optional<torch::Tensor>& paddingMask,
                                  bool keepAllHiddenStates) const {
  torch::NoGradGuard noGrad;
  EncoderOutput out;
  torch::Tensor x = embed(ids);
  const torch::Tensor bias = attentionBias(ids.size(1), paddingMask);
  if (keepAllHiddenStates) out.hiddenStates.push_back(x);
  for (int64_t layer = 0; layer < numLayers(); ++layer) {
    const torch::Tensor h = norm1(layer, x);
    const torch::Tensor attended =
        kernels::attention(queries(layer, h), keys(layer, h), values(layer, h), attentionScale(), bias);
    x = finishLayer(layer, x, attended);
    if (keepAllHiddenStates) out.hiddenStates.push_back(x);
  }
  out.lastHiddenState = finalNorm(x);
  if (family() == "t5" && keepAllHiddenStates) out.hiddenStates.back() = out.lastHiddenState;
  out.pooledIndex = poolingPositions(ids);
  if (out.pooledIndex.defined()) {
    const torch::Tensor rows = torch::arange(ids.size(0), torch::TensorOptions().dtype(torch::kLong).device(ids.device()));
    out.pooled = out.lastHiddenState.index({rows, out.pooledIndex});
    out.textEmbeds = project(out.pooled);
  }
  return out;
}

}  // namespace fan
