#include "core/text/T5Tokenizer.h"

#include "core/io/Safetensors.h"
#include "core/text/SentencePieceLibrary.h"
#include "core/text/SpecialTokens.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <set>

namespace fan {

struct T5Tokenizer::Impl {
  std::unique_ptr<SentencePieceModel> model;
  SpecialTokenSplitter splitter;
  std::vector<int64_t> specialIds;  // per splitter.contents()
  int64_t eos = 0, pad = 0, vocabSize = 0;
};

namespace {

[[noreturn]] void fail(const QString& where, const std::string& message) {
  throw LoadError(where.toStdString() + ": " + message);
}

// T5Tokenizer._convert_token_to_id: <extra_id_N> counts down from the end of the vocabulary;
// anything else is a SentencePiece piece (unknown pieces give unk). -1 for a malformed sentinel.
int64_t tokenId(const SentencePieceModel& model, const std::string& token, int64_t vocabSize, int64_t unk) {
  static const std::string kSentinel = "<extra_id_";
  if (token.compare(0, kSentinel.size(), kSentinel) == 0) {
    size_t end = kSentinel.size();
    while (end < token.size() && token[end] >= '0' && token[end] <= '9') ++end;
    if (end == kSentinel.size() || end == token.size() || token[end] != '>' || end - kSentinel.size() > 9) return -1;
    return vocabSize - std::stoll(token.substr(kSentinel.size(), end - kSentinel.size())) - 1;
  }
  const int id = model.pieceToId(token);
  return id < 0 ? unk : id;
}

// The additional special tokens: <extra_id_0..N-1> unless the folder lists them; a list must
// hold exactly extra_ids distinct sentinels (T5Tokenizer.__init__ raises otherwise).
std::vector<SpecialToken> additionalTokens(const SpecialTokens& specials, int64_t extraIds, const QString& dir) {
  std::vector<SpecialToken> tokens = specials.additional();
  if (extraIds <= 0) return tokens;
  if (tokens.empty()) {
    for (int64_t i = 0; i < extraIds; ++i) tokens.push_back(SpecialToken{"<extra_id_" + std::to_string(i) + ">"});
    return tokens;
  }
  std::set<std::string> sentinels;
  for (const SpecialToken& token : tokens)
    if (token.content.find("extra_id") != std::string::npos) sentinels.insert(token.content);
  if (static_cast<int64_t>(sentinels.size()) != extraIds)
    fail(dir, "extra_ids is " + std::to_string(extraIds) + " but additional_special_tokens holds " +
                  std::to_string(sentinels.size()) + " extra_id tokens (they must agree)");
  return tokens;
}

}  // namespace

std::unique_ptr<T5Tokenizer> T5Tokenizer::fromFolder(const QString& dir) {
  const QString modelPath = QDir(dir).filePath(QStringLiteral("spiece.model"));
  if (!QFileInfo::exists(modelPath)) fail(modelPath, "missing (a T5 tokenizer folder needs spiece.model)");
  auto impl = std::make_unique<Impl>();
  impl->model = std::make_unique<SentencePieceModel>(modelPath);

  SpecialTokens specials =
      SpecialTokens::fromFolder(dir, {{"eos_token", "</s>"}, {"unk_token", "<unk>"}, {"pad_token", "<pad>"}});
  const QJsonObject& config = specials.tokenizerConfig();
  const QString configPath = specials.tokenizerConfigPath();
  const QJsonValue legacy = config.value(QLatin1String("legacy"));
  if (!legacy.isUndefined() && !legacy.isNull() && legacy.toBool(true) != true)
    fail(configPath, "'legacy' = false is not supported (transformers 4.31's default legacy=true is)");
  const QJsonValue extraIdsValue = config.value(QLatin1String("extra_ids"));
  const int64_t extraIds = extraIdsValue.isUndefined() ? 100 : extraIdsValue.toInteger(-1);
  if (extraIds < 0 || extraIds > 1000000) fail(configPath, "'extra_ids' must be a non-negative integer");
  specials.setAdditional(additionalTokens(specials, extraIds, dir));

  const int64_t baseVocab = impl->model->pieceCount() + extraIds;
  const auto unkToken = specials.get("unk_token");
  if (!unkToken) fail(dir, "no unk_token is set (tokenizer_config.json / special_tokens_map.json)");
  const int unk = impl->model->pieceToId(unkToken->content);
  if (unk < 0) fail(modelPath, "unk_token '" + unkToken->content + "' is not a piece of the model");

  // Special tokens the model does not know get new ids after the vocabulary (sanitize_special_tokens).
  impl->splitter = SpecialTokenSplitter(specials.all());
  impl->vocabSize = baseVocab;
  for (const std::string& content : impl->splitter.contents()) {
    int64_t id = tokenId(*impl->model, content, baseVocab, unk);
    if (id < 0) fail(dir, "special token '" + content + "' is not a valid <extra_id_N> sentinel");
    if (id == unk && content != unkToken->content) id = impl->vocabSize++;
    impl->specialIds.push_back(id);
  }
  const auto idOf = [&](const char* attribute) {
    const auto token = specials.get(attribute);
    if (!token) fail(dir, std::string("no ") + attribute + " is set (tokenizer_config.json / special_tokens_map.json)");
    const auto& contents = impl->splitter.contents();
    const auto it = std::find(contents.begin(), contents.end(), token->content);
    if (it == contents.end()) fail(dir, std::string(attribute) + " is empty");
    return impl->specialIds[static_cast<size_t>(it - contents.begin())];
  };
  impl->eos = idOf("eos_token");
  impl->pad = idOf("pad_token");
  const int maxLength = specials.modelMaxLength(512);
  return std::unique_ptr<T5Tokenizer>(new T5Tokenizer(std::move(impl), maxLength));
}

T5Tokenizer::T5Tokenizer(std::unique_ptr<Impl> impl, int modelMaxLength)
    : Tokenizer(modelMaxLength), impl_(std::move(impl)) {}

T5Tokenizer::~T5Tokenizer() = default;

std::vector<int64_t> T5Tokenizer::textIds(const std::string& utf8Text) const {
  std::vector<int64_t> ids;
  for (const SpecialTokenSplitter::Chunk& chunk : impl_->splitter.split(utf8Text)) {
    if (chunk.special >= 0) {
      ids.push_back(impl_->specialIds[static_cast<size_t>(chunk.special)]);
      continue;
    }
    for (const int id : impl_->model->encode(std::string(chunk.text))) ids.push_back(id);
  }
  return ids;
}

std::vector<int64_t> T5Tokenizer::withSpecialTokens(std::vector<int64_t> ids) const {
  // _add_eos_if_not_present: an encoding that already ends with </s> gets no second one.
  if (ids.empty() || ids.back() != impl_->eos) ids.push_back(impl_->eos);
  return ids;
}

int64_t T5Tokenizer::padId() const { return impl_->pad; }
int64_t T5Tokenizer::eosId() const { return impl_->eos; }
int64_t T5Tokenizer::vocabSize() const { return impl_->vocabSize; }

}  // namespace fan
