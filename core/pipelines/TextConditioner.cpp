#include "core/pipelines/TextConditioner.h"

#include "core/fan/ClassTokenDetector.h"
#include "core/io/Safetensors.h"
#include "core/text/ClipTokenizer.h"
#include "core/text/T5Tokenizer.h"

#include <QCryptographicHash>

#include <stdexcept>

namespace fan {
namespace {

TextConditioner::Branch clipBranch(const DiffusersFolder& folder, const std::string& encoder,
                                   const std::string& tokenizer, const torch::TensorOptions& options,
                                   bool penultimateStyle, bool providesPooled) {
  TextConditioner::Branch b;
  b.component = encoder;
  b.tokenizer = ClipTokenizer::fromFolder(folder.componentDir(tokenizer));
  b.encoder = loadTextEncoder(folder, encoder, options);
  b.fingerprint = folder.fingerprint(encoder) + "+" + folder.fingerprint(tokenizer);
  b.maxLength = b.tokenizer->maxLength();
  b.penultimateStyle = penultimateStyle;
  b.providesPooled = providesPooled;
  return b;
}

// Positions 0..last of the text's own tokens: CLIP's pooling position (first end-of-text),
// T5's first </s>.
torch::Tensor lastOwnToken(const TextConditioner::Branch& branch, const torch::Tensor& ids) {
  const torch::Tensor pooled = branch.encoder->poolingPositions(ids);
  if (pooled.defined()) return pooled;
  const torch::Tensor isEos = ids.eq(branch.tokenizer->eosId()).to(torch::kLong);
  // argmax of a 0/1 row is its first 1; rows without </s> (cannot happen with encode()) use all.
  const torch::Tensor first = isEos.argmax(1);
  return torch::where(isEos.sum(1) > 0, first, torch::full_like(first, ids.size(1) - 1));
}

}  // namespace

std::unique_ptr<TextConditioner> TextConditioner::load(const DiffusersFolder& folder,
                                                       const torch::TensorOptions& options) {
  std::vector<Branch> branches;
  const std::string& cls = folder.pipelineClass();
  if (cls == "StableDiffusionPipeline") {
    branches.push_back(clipBranch(folder, "text_encoder", "tokenizer", options, false, false));
  } else if (cls == "StableDiffusionXLPipeline") {
    branches.push_back(clipBranch(folder, "text_encoder", "tokenizer", options, true, false));
    branches.push_back(clipBranch(folder, "text_encoder_2", "tokenizer_2", options, true, true));
    auto conditioner = std::make_unique<TextConditioner>(std::move(branches));
    conditioner->setForceZerosForEmptyPrompt(folder.modelIndex().getBool("force_zeros_for_empty_prompt", true));
    return conditioner;
  } else if (!folder.isPipeline()) {  // a plain T5 encoder folder
    Branch b;
    b.component = "model";
    b.tokenizer = T5Tokenizer::fromFolder(folder.dir());
    b.encoder = loadTextEncoder(folder, "model", options);
    b.fingerprint = folder.fingerprint("model");
    b.maxLength = std::min(b.tokenizer->maxLength(), 512);
    branches.push_back(std::move(b));
  } else {
    throw LoadError(folder.dir().toStdString() + ": no text conditioning for pipeline class " + cls);
  }
  return std::make_unique<TextConditioner>(std::move(branches));
}

TextConditioner::TextConditioner(std::vector<Branch> branches) : branches_(std::move(branches)) {
  if (branches_.empty()) throw std::invalid_argument("TextConditioner needs at least one encoder");
}

int64_t TextConditioner::conditionWidth() const {
  int64_t width = 0;
  for (const auto& b : branches_) width += b.encoder->hiddenSize();
  return width;
}

QString TextConditioner::fingerprint(int clipSkip) const {
  QCryptographicHash hash(QCryptographicHash::Sha256);
  for (const auto& b : branches_) hash.addData(QByteArray::fromStdString(b.component + "=" + b.fingerprint + ";"));
  hash.addData(QByteArray::number(clipSkip));
  return QString::fromLatin1(hash.result().toHex().left(16));
}

TokenizedText TextConditioner::tokenize(const Branch& branch, const QString& text) const {
  const Encoding e = branch.tokenizer->encode(text, branch.maxLength, true, true);
  return {torch::tensor(e.ids, torch::kLong), std::nullopt};  // the SD pipelines pass no padding mask
}

Condition TextConditioner::join(const std::vector<EncoderOutput>& outputs, int clipSkip) const {
  std::vector<torch::Tensor> parts;
  Condition c;
  for (size_t i = 0; i < branches_.size(); ++i) {
    const Branch& b = branches_[i];
    parts.push_back(pipelineHiddenState(*b.encoder, outputs[i], b.penultimateStyle, clipSkip));
    if (b.providesPooled) c.pooled = outputs[i].textEmbeds.defined() ? outputs[i].textEmbeds : outputs[i].pooled;
  }
  c.sequence = parts.size() == 1 ? parts.front() : torch::cat(parts, -1);
  return c;
}

Condition TextConditioner::encode(const QStringList& texts, int clipSkip) const {
  std::vector<EncoderOutput> outputs;
  for (const Branch& b : branches_) {
    std::vector<torch::Tensor> rows;
    for (const QString& t : texts) rows.push_back(tokenize(b, t).ids);
    outputs.push_back(b.encoder->encode(torch::stack(rows)));
  }
  return join(outputs, clipSkip);
}

Condition TextConditioner::negative(const std::optional<QString>& negativePrompt, int clipSkip) const {
  Condition c = encode({negativePrompt.value_or(QString())}, clipSkip);
  if (!negativePrompt && forceZerosForEmptyPrompt_) {
    c.sequence = torch::zeros_like(c.sequence);
    if (c.pooled.defined()) c.pooled = torch::zeros_like(c.pooled);
  }
  return c;
}

torch::Tensor TextConditioner::tokenAveraged(const QStringList& texts, int clipSkip) const {
  return averageOwnTokens(encode(texts, clipSkip).sequence, texts);
}

torch::Tensor TextConditioner::averageOwnTokens(const torch::Tensor& sequence, const QStringList& texts) const {
  if (sequence.dim() != 3 || sequence.size(0) != texts.size() || sequence.size(2) != conditionWidth())
    throw std::invalid_argument("averageOwnTokens: expected one [L, " + std::to_string(conditionWidth()) +
                                "] condition per text");
  std::vector<torch::Tensor> means;
  int64_t offset = 0;
  for (const Branch& b : branches_) {
    std::vector<torch::Tensor> rows;
    for (const QString& t : texts) rows.push_back(tokenize(b, t).ids);
    const torch::Tensor ids = torch::stack(rows);
    const torch::Tensor states = sequence.narrow(2, offset, b.encoder->hiddenSize());
    offset += b.encoder->hiddenSize();
    const torch::Tensor positions = torch::arange(ids.size(1), torch::kLong).unsqueeze(0);
    const torch::Tensor own = positions.le(lastOwnToken(b, ids).unsqueeze(1)).to(states.dtype()).unsqueeze(-1);  // [N, L, 1]
    means.push_back((states * own).sum(1) / own.sum(1));
  }
  return means.size() == 1 ? means.front() : torch::cat(means, -1);
}

void TextConditioner::checkDetector(const ClassTokenDetector& detector, const QString& file) const {
  const std::string where = "class-token detector " + file.toStdString();
  for (const Branch& b : branches_) {
    if (b.component != detector.info().component) continue;
    if (b.encoder->family() != "clip") throw std::invalid_argument(where + ": " + b.component + " is not a CLIP encoder");
    if (b.encoder->hiddenSize() != detector.width())
      throw std::invalid_argument(where + " is for width " + std::to_string(detector.width()) + "; " + b.component +
                                  " has width " + std::to_string(b.encoder->hiddenSize()));
    if (b.fingerprint != detector.info().fingerprint)
      throw std::invalid_argument(where + " was trained for another " + b.component + " (fingerprint " +
                                  detector.info().fingerprint + ", this model's is " + b.fingerprint + ")");
    return;
  }
  std::string components;
  for (const Branch& b : branches_) components += (components.empty() ? "" : ", ") + b.component;
  throw std::invalid_argument(where + " is for " + detector.info().component + "; this pipeline's encoders are " +
                              components);
}

std::unique_ptr<TextConditioner::Personalization> TextConditioner::personalize(const QString& target,
                                                                               const QStringList& references) const {
  auto p = std::make_unique<Personalization>();
  p->owner_ = this;
  p->referenceCount_ = static_cast<size_t>(references.size());
  for (const Branch& b : branches_) {
    std::vector<TokenizedText> refs;
    for (const QString& r : references) refs.push_back(tokenize(b, r));
    p->streams_.push_back(
        std::make_unique<PersonalizedAttention>(*b.encoder, tokenize(b, target), refs, tokenize(b, QString())));
  }
  return p;
}

Condition TextConditioner::Personalization::personalized(const std::vector<double>& weights,
                                                         const AttentionOptions& options, int clipSkip,
                                                         const DetectorMap& detectors) const {
  std::vector<EncoderOutput> outputs;
  for (size_t i = 0; i < streams_.size(); ++i) {
    const auto detector = detectors.find(owner_->branches_[i].component);
    outputs.push_back(streams_[i]->personalize(weights, options,
                                               detector == detectors.end() ? nullptr : detector->second.get()));
  }
  return owner_->join(outputs, clipSkip);
}

Condition TextConditioner::Personalization::target(int clipSkip) const {
  std::vector<EncoderOutput> outputs;
  for (const auto& s : streams_) outputs.push_back(s->target());
  return owner_->join(outputs, clipSkip);
}

}  // namespace fan
