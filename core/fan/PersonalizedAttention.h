// Personalized attention inside a text encoder's own layers (../shared/docs/fan-method.md §3).
//
// Construction runs the plain pass of the target T and the references R_1..R_n once and keeps
// every layer's keys and values; personalize() then runs only the personalized stream P, so a
// new alpha or new weights cost about one single-prompt encode.
//
// Memory: the cache holds (n + 1) x layers x 2 x length x width values. The plain pass runs in
// batches of `Limits::batch` texts and P attends to the conditions in batches of the same size, so
// the peak beyond the cache stays that of one batch; a cache larger than `Limits::memoryBytes` is
// refused up front with an error naming the reference count and the limit.
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

class ClassTokenDetector;

struct PersonalizedAttentionLimits {
  int64_t batch = 16;        // texts per plain-pass batch, conditions per P-attention batch
  uint64_t memoryBytes = 0;  // for the keys/values cache; 0 = half the memory available now (CPU)
};

class PersonalizedAttention {
 public:
  using Limits = PersonalizedAttentionLimits;
  // All texts padded to the same length. `empty` (the empty prompt) is needed for
  // QueryStart::Empty only. Throws std::runtime_error when the cache would exceed the limit.
  PersonalizedAttention(const TextEncoder& encoder, const TokenizedText& target,
                        const std::vector<TokenizedText>& references,
                        const std::optional<TokenizedText>& empty = std::nullopt, const Limits& limits = {});

  const EncoderOutput& target() const { return target_; }
  size_t referenceCount() const { return referenceCount_; }

  // P's hidden states (all layers), final norm, pooled output and projection. weights: one per
  // reference, >= 0 (normalized internally); with no positive weight P equals the target.
  // With a `detector` (CLIP), P pools at the detector's pick among the start text's own tokens.
  EncoderOutput personalize(const std::vector<double>& weights, const AttentionOptions& options,
                            const ClassTokenDetector* detector = nullptr) const;

  // Bytes the keys/values cache takes for `conditions` texts (target + references) of `length` tokens.
  static uint64_t cacheBytes(const TextEncoder& encoder, int64_t conditions, int64_t length);

 private:
  torch::Tensor attendPersonalized(int64_t layer, const torch::Tensor& q, const torch::Tensor& coefficients) const;
  torch::Tensor attendJoint(int64_t layer, const torch::Tensor& q) const;

  const TextEncoder& encoder_;
  Limits limits_;
  size_t referenceCount_;
  EncoderOutput target_;
  TokenizedText targetText_;
  std::optional<TokenizedText> emptyText_;
  LayerKeysValues conditions_;   // rows: T, R_1..R_n
  torch::Tensor conditionBias_;  // attention bias per condition, broadcastable to [n+1, H, L, L]
};

}  // namespace fan
