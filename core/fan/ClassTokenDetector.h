// Class-token detector (../shared/docs/fan-method.md §5): a two-layer MLP over a CLIP encoder's
// final hidden states (after the final norm) that scores every candidate position of a sequence
// jointly; the personalized stream's pooled output is taken at the highest-scoring valid position
// (the start text's own tokens, 0..its first end-of-text) instead of the fixed position e of §3.
//
// Joint scoring: position i is scored from [h_i, h_i - mean of h over the sequence's candidate
// positions, h_{i+1}] (zeros after the last position), so a score sees the token in its sequence
// (how it stands out from the text's other tokens, and what follows it); training is a softmax
// over each sequence's candidate positions (cross-entropy with the true pooling position as
// target) and the pick is the argmax. Scoring states alone reached 87.5% held-out on tiny-sdxl's
// bigG-style encoder; the joint features reach the 95% floor on every fixture encoder.
//
// The project trains detectors itself (trainClassTokenDetector; `fan-cli train-detector`):
// labels are the pooling positions of plain encodings, inputs the personalized stream's states
// at random alpha >= 0.3 with random references from the same prompt list. A detector is a small
// safetensors file (format "fan-class-token-detector-2"): fc1.weight [H, 3D], fc1.bias [H],
// fc2.weight [1, H], fc2.bias [1] (ReLU between), plus metadata naming the encoder it was
// trained for. Files of the earlier per-token format (-1) are rejected with a clear error.
#pragma once

#include "core/models/TextEncoder.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <string>

namespace fan {

class Tokenizer;

// The encoder a detector belongs to, recorded in its file.
struct DetectorInfo {
  std::string component;    // the pipeline component, e.g. "text_encoder_2"
  std::string fingerprint;  // TextConditioner::Branch::fingerprint of that encoder and tokenizer
  double heldOutAccuracy = 0;
};

class ClassTokenDetector {
 public:
  ClassTokenDetector(torch::Tensor fc1Weight, torch::Tensor fc1Bias, torch::Tensor fc2Weight, torch::Tensor fc2Bias,
                     DetectorInfo info);
  // Throws LoadError naming the file and the missing/mis-shaped tensor or metadata field.
  static std::shared_ptr<const ClassTokenDetector> load(const QString& path);
  void save(const QString& path) const;

  int64_t width() const { return fc1Weight_.size(1) / kFeatureBlocks; }  // the encoder's hidden size D
  const DetectorInfo& info() const { return info_; }

  static constexpr int64_t kFeatureBlocks = 3;  // [h_i, h_i - candidates' mean, h_{i+1}]
  // The joint features of states [B, L, D] with candidate positions valid [B, L] -> [B, L, 3D].
  static torch::Tensor features(const torch::Tensor& states, const torch::Tensor& valid);

  // states [B, L, D], valid [B, L] bool -> scores [B, L] (valid positions' scores are meaningful).
  torch::Tensor scores(const torch::Tensor& states, const torch::Tensor& valid) const;
  // The highest-scoring valid position of each row, [B] int64 (ties: the lower position).
  // valid [B, L] bool with at least one true per row.
  torch::Tensor pick(const torch::Tensor& states, const torch::Tensor& valid) const;

 private:
  torch::Tensor fc1Weight_, fc1Bias_, fc2Weight_, fc2Bias_;
  DetectorInfo info_;
};

// The positions a detector may pick for CLIP token ids [B, L]: 0..the pooling position.
torch::Tensor detectorValidPositions(const TextEncoder& encoder, const torch::Tensor& ids);

struct DetectorTrainingOptions {
  uint64_t seed = 0;             // data sampling and initialization: equal seeds, equal detectors
  double heldOutFraction = 0.2;  // prompts kept out of training for the accuracy report
  int samplesPerPrompt = 2;      // personalized streams per prompt
  int maxReferences = 3;         // references drawn per prompt; each stream uses a random subset
  double minAlpha = 0.3;         // alpha uniform in [minAlpha, 1]
  int hiddenWidth = 64;
  int steps = 300;               // full-batch Adam steps
  double learningRate = 1e-2;
  double weightDecay = 0;
};

struct DetectorTrainingResult {
  std::shared_ptr<const ClassTokenDetector> detector;
  double trainAccuracy = 0;
  double heldOutAccuracy = 0;  // share of held-out streams whose pick equals the label
  int trainSamples = 0, heldOutSamples = 0;
};

// Trains a detector for `encoder` (a CLIP encoder) on `prompts` (at least 10 distinct non-empty
// prompts), tokenized as the pipeline does (`tokenizer`, padded to `maxLength`). Throws
// std::invalid_argument for a T5 encoder or too few prompts.
DetectorTrainingResult trainClassTokenDetector(const TextEncoder& encoder, const Tokenizer& tokenizer, int maxLength,
                                               const QStringList& prompts, DetectorInfo info,
                                               const DetectorTrainingOptions& options = {});

}  // namespace fan
