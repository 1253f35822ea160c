#include "core/fan/PersonalizedAttention.h"

#include "kernels/Attention.h"

#include <numeric>
#include <stdexcept>

namespace fan {
namespace {

torch::Tensor stackIds(const TokenizedText& target, const std::vector<TokenizedText>& refs) {
  std::vector<torch::Tensor> rows{target.ids};
  for (const auto& r : refs) {
    if (r.ids.size(0) != target.ids.size(0))
      throw std::invalid_argument("personalized attention needs target and references padded to one length");
    rows.push_back(r.ids);
  }
  return torch::stack(rows);
}

std::optional<torch::Tensor> stackMasks(const TokenizedText& target, const std::vector<TokenizedText>& refs) {
  if (!target.mask) return std::nullopt;
  std::vector<torch::Tensor> rows{*target.mask};
  for (const auto& r : refs) {
    if (!r.mask) throw std::invalid_argument("personalized attention: every text needs a padding mask, or none");
    rows.push_back(*r.mask);
  }
  return torch::stack(rows);
}

std::optional<torch::Tensor> batchMask(const TokenizedText& text) {
  if (!text.mask) return std::nullopt;
  return text.mask->unsqueeze(0);
}

}  // namespace

PersonalizedAttention::PersonalizedAttention(const TextEncoder& encoder, const TokenizedText& target,
                                             const std::vector<TokenizedText>& references,
                                             const std::optional<TokenizedText>& empty)
    : encoder_(encoder), referenceCount_(references.size()), targetText_(target), emptyText_(empty) {
  torch::NoGradGuard noGrad;
  const torch::Tensor ids = stackIds(target, references);
  const std::optional<torch::Tensor> masks = stackMasks(target, references);
  EncoderOutput plain = encoder.encode(ids, masks, true, &conditions_);
  target_.lastHiddenState = plain.lastHiddenState.narrow(0, 0, 1);
  for (const auto& h : plain.hiddenStates) target_.hiddenStates.push_back(h.narrow(0, 0, 1));
  if (plain.pooled.defined()) {
    target_.pooled = plain.pooled.narrow(0, 0, 1);
    target_.pooledIndex = plain.pooledIndex.narrow(0, 0, 1);
    if (plain.textEmbeds.defined()) target_.textEmbeds = plain.textEmbeds.narrow(0, 0, 1);
  }
  conditionBias_ = encoder.attentionBias(ids.size(1), masks);
}

// H = sum_c coefficient_c * softmax(q K_c^T s + M_c) V_c, one softmax per condition.
torch::Tensor PersonalizedAttention::attendPersonalized(int64_t layer, const torch::Tensor& q,
                                                        const torch::Tensor& coefficients) const {
  const torch::Tensor& k = conditions_.keys[layer];
  const torch::Tensor& v = conditions_.values[layer];
  const torch::Tensor perCondition =
      kernels::attention(q.expand({k.size(0), -1, -1, -1}), k, v, encoder_.attentionScale(), conditionBias_);
  return (perCondition * coefficients.view({-1, 1, 1, 1})).sum(0, true);
}

// One softmax over the keys of T and every R_i concatenated along the sequence.
torch::Tensor PersonalizedAttention::attendJoint(int64_t layer, const torch::Tensor& q) const {
  const torch::Tensor& k = conditions_.keys[layer];
  const torch::Tensor& v = conditions_.values[layer];
  const int64_t n = k.size(0), H = k.size(1), L = k.size(2), D = k.size(3);
  auto join = [&](const torch::Tensor& t) { return t.permute({1, 0, 2, 3}).reshape({1, H, n * L, D}); };
  const torch::Tensor bias = conditionBias_.expand({n, H, L, L}).permute({1, 2, 0, 3}).reshape({1, H, L, n * L});
  return kernels::attention(q, join(k), join(v), encoder_.attentionScale(), bias);
}

EncoderOutput PersonalizedAttention::personalize(const std::vector<double>& weights,
                                                 const AttentionOptions& options) const {
  if (weights.size() != referenceCount_)
    throw std::invalid_argument("personalize: " + std::to_string(weights.size()) + " weights for " +
                                std::to_string(referenceCount_) + " references");
  if (!(options.alpha >= 0.0 && options.alpha <= 1.0))
    throw std::invalid_argument("alpha must be in [0, 1], got " + std::to_string(options.alpha));
  double total = 0;
  for (double w : weights) {
    if (!(w >= 0.0) || !std::isfinite(w))
      throw std::invalid_argument("reference weight " + std::to_string(w) + " is invalid; weights must be >= 0");
    total += w;
  }
  if (total <= 0.0) return target_;  // no references: the personalized condition is the target's

  torch::NoGradGuard noGrad;
  const bool emptyStart = options.queryStart == QueryStart::Empty;
  if (emptyStart && !emptyText_)
    throw std::invalid_argument("query start 'empty' needs the empty prompt's tokens");
  const TokenizedText& start = emptyStart ? *emptyText_ : targetText_;
  const torch::Tensor startIds = start.ids.unsqueeze(0);

  std::vector<double> coefficients{1.0 - options.alpha};
  for (double w : weights) coefficients.push_back(options.alpha * w / total);
  const torch::Tensor coef = torch::tensor(coefficients, torch::kDouble).to(encoder_.options().dtype());

  const std::vector<bool> paLayers = options.layers.resolve(static_cast<int>(encoder_.numLayers()));
  const torch::Tensor selfBias = encoder_.attentionBias(startIds.size(1), batchMask(start));
  torch::Tensor p = encoder_.embed(startIds);
  std::vector<torch::Tensor> states{p};
  for (int64_t layer = 0; layer < encoder_.numLayers(); ++layer) {
    const torch::Tensor h = encoder_.norm1(layer, p);
    const torch::Tensor q = encoder_.queries(layer, h);
    torch::Tensor attended;
    if (paLayers[static_cast<size_t>(layer)])
      attended = attendPersonalized(layer, q, coef);
    else if (options.skipMode == SkipMode::Joint)
      attended = attendJoint(layer, q);
    else
      attended = kernels::attention(q, encoder_.keys(layer, h), encoder_.values(layer, h),
                                    encoder_.attentionScale(), selfBias);
    p = encoder_.finishLayer(layer, p, attended);
    states.push_back(p);
  }
  return encoder_.finishOutput(std::move(states), startIds);
}

}  // namespace fan
