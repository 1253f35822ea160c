// The text side of a pipeline: its tokenizer(s) and text encoder(s), and how their outputs are
// joined into the condition the generator reads (SD 1.x/2.x: one CLIP; SDXL: CLIP-L + bigG,
// penultimate states concatenated, pooled from encoder 2's projection; plain T5 folders for
// SD3/FLUX-style T5 conditioning). Shared by the generator and the FAN engine, so plain and
// personalized conditions are built the same way.
#pragma once

#include "core/fan/PersonalizedAttention.h"
#include "core/io/DiffusersFolder.h"
#include "core/models/TextEncoder.h"
#include "core/text/Tokenizer.h"

#include <QStringList>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace fan {

class ClassTokenDetector;  // core/fan/ClassTokenDetector.h
// Class-token detectors for the personalized pooled outputs, by branch component (fan-method.md §5).
using DetectorMap = std::map<std::string, std::shared_ptr<const ClassTokenDetector>>;

// What the generator is conditioned on: sequence [B, L, D] and, where the pipeline uses one,
// a pooled embedding [B, P].
struct Condition {
  torch::Tensor sequence;
  torch::Tensor pooled;  // undefined for SD 1.x/2.x
};

class TextConditioner {
 public:
  struct Branch {
    std::string component;                 // "text_encoder", "text_encoder_2", "model"
    std::unique_ptr<Tokenizer> tokenizer;
    std::unique_ptr<TextEncoder> encoder;
    std::string fingerprint;               // encoder + tokenizer identity
    int maxLength = 77;                    // pipeline tokenization length
    bool penultimateStyle = false;         // SDXL: hidden_states[-(N+1)] without final norm
    bool providesPooled = false;           // SDXL encoder 2: text_embeds feed the UNet
  };

  // Builds the branches the folder's pipeline class uses. Throws LoadError for anything missing.
  static std::unique_ptr<TextConditioner> load(const DiffusersFolder& folder,
                                               const torch::TensorOptions& options = {});
  explicit TextConditioner(std::vector<Branch> branches);

  const std::vector<Branch>& branches() const { return branches_; }
  // Sequence width the generator receives (sum over branches), for checking against the UNet.
  int64_t conditionWidth() const;
  // Identity of the conditions (every branch's fingerprint and the CLIP skip): the embedding
  // cache key's encoder part.
  QString fingerprint(int clipSkip) const;

  // Plain conditions of `texts`, batched. clipSkip: 1 = last layer (fan-method.md §3).
  Condition encode(const QStringList& texts, int clipSkip = 1) const;
  // The pipeline's negative condition: the negative prompt plain-encoded; with none given,
  // zeros where the pipeline forces zeros for an empty negative (SDXL's
  // force_zeros_for_empty_prompt), else the empty prompt encoded.
  Condition negative(const std::optional<QString>& negativePrompt, int clipSkip = 1) const;
  void setForceZerosForEmptyPrompt(bool force) { forceZerosForEmptyPrompt_ = force; }
  // Token-averaged conditions c̄ [N, D] (fan-method.md §1): the mean of each branch's condition
  // over the text's own tokens (CLIP: positions 0..first end-of-text; T5: up to </s>), joined.
  torch::Tensor tokenAveraged(const QStringList& texts, int clipSkip = 1) const;
  // The same average for conditions already built: sequence [B, L, width] of `texts` (one each).
  torch::Tensor averageOwnTokens(const torch::Tensor& sequence, const QStringList& texts) const;
  // Throws std::invalid_argument unless `detector` was trained for one of this pipeline's CLIP
  // encoders (same component, width and fingerprint); `file` names it in the message.
  void checkDetector(const ClassTokenDetector& detector, const QString& file) const;

  // One personalization: plain passes of the target and references are run once; conditions
  // for any alpha / weights / options then re-run only the personalized streams.
  class Personalization {
   public:
    // `detectors` (checked with checkDetector) re-pool their branches' personalized streams.
    Condition personalized(const std::vector<double>& weights, const AttentionOptions& options, int clipSkip,
                           const DetectorMap& detectors = {}) const;
    Condition target(int clipSkip) const;
    size_t referenceCount() const { return referenceCount_; }

   private:
    friend class TextConditioner;
    const TextConditioner* owner_ = nullptr;
    std::vector<std::unique_ptr<PersonalizedAttention>> streams_;  // one per branch
    size_t referenceCount_ = 0;
  };
  std::unique_ptr<Personalization> personalize(const QString& target, const QStringList& references) const;

 private:
  TokenizedText tokenize(const Branch& branch, const QString& text) const;
  Condition join(const std::vector<EncoderOutput>& outputs, int clipSkip) const;
  std::vector<Branch> branches_;
  bool forceZerosForEmptyPrompt_ = false;
};

}  // namespace fan
