#include "core/fan/ClassTokenDetector.h"

#include "core/fan/PersonalizedAttention.h"
#include "core/io/Safetensors.h"
#include "core/io/WeightSpec.h"
#include "core/text/Tokenizer.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>

namespace fan {
namespace {

constexpr const char* kFormat = "fan-class-token-detector-2";

std::string metadataField(const std::map<std::string, std::string>& metadata, const std::string& key,
                          const QString& path) {
  const auto it = metadata.find(key);
  if (it == metadata.end() || it->second.empty())
    throw LoadError(path.toStdString() + ": class-token detector metadata lacks \"" + key + "\"");
  return it->second;
}

// One personalized stream's final states up to label + 1; the detector may pick positions 0..label.
struct Sample {
  torch::Tensor states;  // [L, D]
  int64_t label;         // the plain encoding's pooling position
};

TokenizedText tokenize(const Tokenizer& tokenizer, int maxLength, const QString& text) {
  return {torch::tensor(tokenizer.encode(text, maxLength, true, true).ids, torch::kLong), std::nullopt};
}

// Streams for `targets`: per target one plain pass with maxReferences random references from
// `pool`; each stream then uses a random non-empty subset of them (the others at weight 0) with
// random weights and alpha in [minAlpha, 1].
std::vector<Sample> personalizedSamples(const TextEncoder& encoder, const Tokenizer& tokenizer, int maxLength,
                                        const QStringList& targets, const QStringList& pool,
                                        const DetectorTrainingOptions& o, std::mt19937_64& rng) {
  torch::NoGradGuard noGrad;
  const int refCount = std::max(1, o.maxReferences);
  std::uniform_int_distribution<qsizetype> anyPrompt(0, pool.size() - 1);
  std::uniform_int_distribution<int> anyRef(0, refCount - 1);
  std::uniform_real_distribution<double> alpha(o.minAlpha, 1.0), weight(0.2, 1.0), coin(0.0, 1.0);
  std::vector<Sample> samples;
  for (const QString& target : targets) {
    const TokenizedText t = tokenize(tokenizer, maxLength, target);
    const int64_t label = encoder.poolingPositions(t.ids.unsqueeze(0))[0].item<int64_t>();
    std::vector<TokenizedText> refs;
    for (int r = 0; r < refCount; ++r) refs.push_back(tokenize(tokenizer, maxLength, pool[anyPrompt(rng)]));
    const PersonalizedAttention streams(encoder, t, refs);
    for (int s = 0; s < o.samplesPerPrompt; ++s) {
      std::vector<double> weights(static_cast<size_t>(refCount));
      for (double& w : weights) w = coin(rng) < 0.5 ? weight(rng) : 0.0;
      weights[static_cast<size_t>(anyRef(rng))] = weight(rng);  // at least one reference
      AttentionOptions options;
      options.alpha = alpha(rng);
      const EncoderOutput p = streams.personalize(weights, options);
      // The features of positions 0..label need the states up to label + 1 (h_{i+1}).
      const int64_t kept = std::min(p.lastHiddenState.size(1), label + 2);
      samples.push_back({p.lastHiddenState[0].narrow(0, 0, kept).to(torch::kFloat), label});
    }
  }
  return samples;
}

// Samples padded into one batch: states [S, L, D], valid [S, L], labels [S].
struct Batch {
  torch::Tensor states, valid, labels;
};

Batch batch(const std::vector<Sample>& samples) {
  int64_t length = 0;
  for (const Sample& s : samples) length = std::max(length, s.states.size(0));
  const int64_t width = samples.front().states.size(1);
  Batch b{torch::zeros({static_cast<int64_t>(samples.size()), length, width}),
          torch::zeros({static_cast<int64_t>(samples.size()), length}, torch::kBool),
          torch::empty({static_cast<int64_t>(samples.size())}, torch::kLong)};
  for (size_t i = 0; i < samples.size(); ++i) {
    const int64_t n = samples[i].states.size(0);
    b.states[static_cast<int64_t>(i)].narrow(0, 0, n).copy_(samples[i].states);
    b.valid[static_cast<int64_t>(i)].narrow(0, 0, samples[i].label + 1).fill_(true);
    b.labels[static_cast<int64_t>(i)] = samples[i].label;
  }
  return b;
}

double accuracy(const ClassTokenDetector& detector, const Batch& b) {
  torch::NoGradGuard noGrad;
  return detector.pick(b.states, b.valid).eq(b.labels).to(torch::kDouble).mean().item<double>();
}

}  // namespace

ClassTokenDetector::ClassTokenDetector(torch::Tensor fc1Weight, torch::Tensor fc1Bias, torch::Tensor fc2Weight,
                                       torch::Tensor fc2Bias, DetectorInfo info)
    : fc1Weight_(std::move(fc1Weight)),
      fc1Bias_(std::move(fc1Bias)),
      fc2Weight_(std::move(fc2Weight)),
      fc2Bias_(std::move(fc2Bias)),
      info_(std::move(info)) {
  const int64_t hidden = fc1Weight_.size(0);
  if (fc1Weight_.dim() != 2 || fc1Weight_.size(1) % kFeatureBlocks != 0 || fc1Bias_.sizes() != torch::IntArrayRef{hidden} ||
      fc2Weight_.sizes() != torch::IntArrayRef{1, hidden} || fc2Bias_.sizes() != torch::IntArrayRef{1})
    throw std::invalid_argument("class-token detector: expected fc1 [H, 3D] + [H] and fc2 [1, H] + [1]");
}

std::shared_ptr<const ClassTokenDetector> ClassTokenDetector::load(const QString& path) {
  const SafetensorsFile file(path);
  const std::string format = metadataField(file.metadata(), "format", path);
  if (format == "fan-class-token-detector-1")
    throw LoadError(path.toStdString() + ": class-token detector format " + format +
                    " (per-token scoring) is no longer supported; expected " + kFormat +
                    " (joint scoring): retrain it with fan-cli train-detector");
  if (format != kFormat)
    throw LoadError(path.toStdString() + ": not a class-token detector (metadata \"format\" is \"" + format +
                    "\", expected " + kFormat + ")");
  const TensorInfo* fc1 = file.find("fc1.weight");
  if (!fc1 || fc1->shape.size() != 2 || fc1->shape[1] % kFeatureBlocks != 0)
    throw LoadError(path.toStdString() + ": needs a 2-D tensor fc1.weight [H, 3D]");
  const int64_t hidden = fc1->shape[0], width = fc1->shape[1];
  WeightMap weights;
  for (const TensorInfo& t : file.tensors()) weights[t.name] = file.tensor(t.name).to(torch::kFloat);
  checkWeights(weights,
               {{"fc1.weight", {hidden, width}}, {"fc1.bias", {hidden}}, {"fc2.weight", {1, hidden}}, {"fc2.bias", {1}}},
               path);
  DetectorInfo info;
  info.component = metadataField(file.metadata(), "component", path);
  info.fingerprint = metadataField(file.metadata(), "encoder_fingerprint", path);
  const auto accuracy = file.metadata().find("held_out_accuracy");
  if (accuracy != file.metadata().end()) info.heldOutAccuracy = std::atof(accuracy->second.c_str());
  return std::make_shared<const ClassTokenDetector>(weights.at("fc1.weight"), weights.at("fc1.bias"),
                                                    weights.at("fc2.weight"), weights.at("fc2.bias"), info);
}

void ClassTokenDetector::save(const QString& path) const {
  saveSafetensors(path,
                  {{"fc1.weight", fc1Weight_.detach().contiguous()},
                   {"fc1.bias", fc1Bias_.detach().contiguous()},
                   {"fc2.weight", fc2Weight_.detach().contiguous()},
                   {"fc2.bias", fc2Bias_.detach().contiguous()}},
                  {{"format", kFormat},
                   {"component", info_.component},
                   {"encoder_fingerprint", info_.fingerprint},
                   {"held_out_accuracy", std::to_string(info_.heldOutAccuracy)}});
}

torch::Tensor ClassTokenDetector::features(const torch::Tensor& states, const torch::Tensor& valid) {
  const torch::Tensor mask = valid.to(states.device()).unsqueeze(-1).to(states.dtype());
  const torch::Tensor mean = (states * mask).sum(1, true) / mask.sum(1, true).clamp_min(1);
  const torch::Tensor next = torch::constant_pad_nd(states.narrow(1, 1, states.size(1) - 1), {0, 0, 0, 1});
  return torch::cat({states, states - mean, next}, -1);
}

torch::Tensor ClassTokenDetector::scores(const torch::Tensor& states, const torch::Tensor& valid) const {
  if (states.dim() != 3 || states.size(2) != width() || valid.sizes() != states.sizes().slice(0, 2))
    throw std::invalid_argument("class-token detector for width " + std::to_string(width()) + " got states of shape " +
                                c10::str(states.sizes()) + " and candidates of shape " + c10::str(valid.sizes()));
  const torch::Tensor x = features(states.to(fc1Weight_.dtype()), valid);
  return torch::linear(torch::relu(torch::linear(x, fc1Weight_, fc1Bias_)), fc2Weight_, fc2Bias_).squeeze(-1);
}

torch::Tensor ClassTokenDetector::pick(const torch::Tensor& states, const torch::Tensor& valid) const {
  const torch::Tensor s = scores(states, valid).masked_fill(valid.logical_not().to(states.device()),
                                                            -std::numeric_limits<float>::infinity());
  return s.argmax(1);
}

torch::Tensor detectorValidPositions(const TextEncoder& encoder, const torch::Tensor& ids) {
  const torch::Tensor pooled = encoder.poolingPositions(ids);
  if (!pooled.defined()) throw std::invalid_argument("class-token detectors are for CLIP encoders (T5 has no pooled token)");
  return torch::arange(ids.size(1), ids.options()).unsqueeze(0).le(pooled.unsqueeze(1));
}

DetectorTrainingResult trainClassTokenDetector(const TextEncoder& encoder, const Tokenizer& tokenizer, int maxLength,
                                               const QStringList& prompts, DetectorInfo info,
                                               const DetectorTrainingOptions& o) {
  if (encoder.family() != "clip")
    throw std::invalid_argument("class-token detectors are for CLIP encoders; this one is " + encoder.family());
  QStringList pool;
  for (const QString& p : prompts)
    if (!p.trimmed().isEmpty() && !pool.contains(p)) pool << p;
  if (pool.size() < 10)
    throw std::invalid_argument("training a class-token detector needs at least 10 distinct prompts, got " +
                                std::to_string(pool.size()));
  if (!(o.minAlpha >= 0 && o.minAlpha <= 1) || o.samplesPerPrompt < 1 || o.hiddenWidth < 1 || o.steps < 1 ||
      !(o.heldOutFraction > 0 && o.heldOutFraction < 1))
    throw std::invalid_argument("class-token detector training: invalid options");

  std::mt19937_64 rng(o.seed);
  std::shuffle(pool.begin(), pool.end(), rng);
  const qsizetype heldOut = std::max<qsizetype>(1, std::llround(o.heldOutFraction * static_cast<double>(pool.size())));
  const Batch train = batch(personalizedSamples(encoder, tokenizer, maxLength, pool.mid(heldOut), pool, o, rng));
  const Batch test = batch(personalizedSamples(encoder, tokenizer, maxLength, pool.mid(0, heldOut), pool, o, rng));

  // Standardize the joint features (folded into fc1 afterwards), then full-batch Adam on the
  // cross-entropy of a softmax over each stream's candidate positions, the label as target.
  const torch::Tensor features = ClassTokenDetector::features(train.states, train.valid);
  const torch::Tensor validRows = features.index({train.valid});
  const torch::Tensor mean = validRows.mean(0), scale = validRows.std(0).clamp_min(1e-6);
  const torch::Tensor x = (features - mean) / scale;
  torch::manual_seed(o.seed);
  const int64_t width = features.size(-1), hidden = o.hiddenWidth;
  const double b1 = 1.0 / std::sqrt(static_cast<double>(width)), b2 = 1.0 / std::sqrt(static_cast<double>(hidden));
  torch::Tensor w1 = torch::empty({hidden, width}).uniform_(-b1, b1).requires_grad_();
  torch::Tensor c1 = torch::empty({hidden}).uniform_(-b1, b1).requires_grad_();
  torch::Tensor w2 = torch::empty({1, hidden}).uniform_(-b2, b2).requires_grad_();
  torch::Tensor c2 = torch::zeros({1}).requires_grad_();
  {
    const torch::AutoGradMode grad(true);
    torch::optim::Adam optimizer({w1, c1, w2, c2}, torch::optim::AdamOptions(o.learningRate).weight_decay(o.weightDecay));
    const torch::Tensor invalid = train.valid.logical_not();
    for (int step = 0; step < o.steps; ++step) {
      const torch::Tensor logits =
          torch::linear(torch::relu(torch::linear(x, w1, c1)), w2, c2).squeeze(-1).masked_fill(invalid, -1e9);
      const torch::Tensor loss = torch::nll_loss(torch::log_softmax(logits, 1), train.labels);
      optimizer.zero_grad();
      loss.backward();
      optimizer.step();
    }
  }
  torch::NoGradGuard noGrad;
  const torch::Tensor foldedW1 = w1.detach() / scale.unsqueeze(0);
  const torch::Tensor foldedC1 = c1.detach() - (foldedW1 * mean.unsqueeze(0)).sum(1);
  const ClassTokenDetector trained(foldedW1, foldedC1, w2.detach(), c2.detach(), info);
  DetectorTrainingResult result;
  result.trainAccuracy = accuracy(trained, train);
  result.heldOutAccuracy = accuracy(trained, test);
  result.trainSamples = static_cast<int>(train.labels.size(0));
  result.heldOutSamples = static_cast<int>(test.labels.size(0));
  info.heldOutAccuracy = result.heldOutAccuracy;
  result.detector = std::make_shared<const ClassTokenDetector>(foldedW1, foldedC1, w2.detach(), c2.detach(), info);
  return result;
}

}  // namespace fan
