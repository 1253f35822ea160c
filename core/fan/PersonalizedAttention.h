// Personalized attention inside a text encoder's own layers (../shared/docs/fan-method.md §3).
//
// Construction runs the plain pass of the target T and the references R_1..R_n once and keeps
// every layer's keys and values; personalize() then runs only the personalized stream P, so a
// new alpha or new weights cost about one single-prompt encode.
#pragma once

#include "core/fan/AttentionOptions.h"
#include "core/models/TextEncoder.h"

#include <optional>
#include <vector>

namespace fan {

struct TokenizedText {
  torch::Tensor ids;                   // [L] int64, padded as the pipeline pads
  std::optional<torch::Tensor> mask;   // [L] 1 = token; only where the pipeline uses a padding mask (T5)
};

class PersonalizedAttention {
 public:
  // All texts padded to the same length. `empty` (the empty prompt) is needed for
  // QueryStart::Empty only.
  PersonalizedAttention(const TextEncoder& encoder, const TokenizedText& target,
                        const std::vector<TokenizedText>& references,
                        const std::optional<TokenizedText>& empty = std::nullopt);

  const EncoderOutput& target() const { return target_; }
  size_t referenceCount() const { return referenceCount_; }

  // P's hidden states (all layers), final norm, pooled output and projection. weights: one per
  // reference, >= 0 (normalized internally); with no positive weight P equals the target.
  EncoderOutput personalize(const std::vector<double>& weights, const AttentionOptions& options) const;

 private:
  torch::Tensor attendPersonalized(int64_t layer, const torch::Tensor& q, const torch::Tensor& coefficients) const;
  torch::Tensor attendJoint(int64_t layer, const torch::Tensor& q) const;

  const TextEncoder& encoder_;
  size_t referenceCount_;
  EncoderOutput target_;
  TokenizedText targetText_;
  std::optional<TokenizedText> emptyText_;
  LayerKeysValues conditions_;   // rows: T, R_1..R_n
  torch::Tensor conditionBias_;  // attention bias per condition, broadcastable to [n+1, H, L, L]
};

}  // namespace fan
