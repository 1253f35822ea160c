#include "core/text/SpecialTokens.h"

#include "core/io/JsonConfig.h"
#include "core/io/Safetensors.h"
#include "core/text/Utf8.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>

#include <climits>

namespace fan {
namespace {

// SPECIAL_TOKENS_ATTRIBUTES order of transformers (all_special_tokens_extended follows it).
const char* const kAttributes[] = {"bos_token", "eos_token", "unk_token", "sep_token",
                                   "pad_token", "cls_token", "mask_token"};

[[noreturn]] void badToken(const QString& file, const std::string& key) {
  throw LoadError(file.toStdString() + ": '" + key +
                  "' must be a string or an AddedToken object with a string \"content\"");
}

SpecialToken parseToken(const QJsonValue& value, const QString& file, const std::string& key) {
  SpecialToken token;
  if (value.isString()) {
    token.content = value.toString().toStdString();
    return token;
  }
  if (!value.isObject()) badToken(file, key);
  const QJsonObject object = value.toObject();
  if (!object.value(QLatin1String("content")).isString()) badToken(file, key);
  token.content = object.value(QLatin1String("content")).toString().toStdString();
  token.addedToken = true;
  token.lstrip = object.value(QLatin1String("lstrip")).toBool(false);
  token.rstrip = object.value(QLatin1String("rstrip")).toBool(false);
  return token;
}

}  // namespace

SpecialTokens SpecialTokens::fromFolder(const QString& dir, const std::map<std::string, std::string>& defaults) {
  SpecialTokens tokens;
  for (const auto& [attribute, content] : defaults) tokens.named_[attribute] = SpecialToken{content};
  const QDir folder(dir);
  const QString configPath = folder.filePath(QStringLiteral("tokenizer_config.json"));
  if (QFileInfo::exists(configPath)) {
    tokens.tokenizerConfig_ = JsonConfig::fromFile(configPath).object();
    tokens.tokenizerConfigPath_ = configPath;
    tokens.apply(tokens.tokenizerConfig_, configPath);
  }
  const QString mapPath = folder.filePath(QStringLiteral("special_tokens_map.json"));
  if (QFileInfo::exists(mapPath)) tokens.apply(JsonConfig::fromFile(mapPath).object(), mapPath);
  return tokens;
}

void SpecialTokens::apply(const QJsonObject& object, const QString& file) {
  for (const char* attribute : kAttributes) {
    const QJsonValue value = object.value(QLatin1String(attribute));
    if (value.isUndefined()) continue;
    if (value.isNull())
      named_[attribute] = std::nullopt;
    else
      named_[attribute] = parseToken(value, file, attribute);
  }
  const QJsonValue list = object.value(QLatin1String("additional_special_tokens"));
  if (list.isUndefined()) return;
  if (!list.isNull() && !list.isArray())
    throw LoadError(file.toStdString() + ": 'additional_special_tokens' must be a list");
  additional_.clear();
  for (const QJsonValue& item : list.toArray())
    additional_.push_back(parseToken(item, file, "additional_special_tokens"));
}

std::optional<SpecialToken> SpecialTokens::get(const std::string& attribute) const {
  const auto it = named_.find(attribute);
  return it == named_.end() ? std::nullopt : it->second;
}

std::vector<SpecialToken> SpecialTokens::all() const {
  std::vector<SpecialToken> tokens;
  for (const char* attribute : kAttributes)
    if (const auto token = get(attribute)) tokens.push_back(*token);
  tokens.insert(tokens.end(), additional_.begin(), additional_.end());
  return tokens;
}

int SpecialTokens::modelMaxLength(int fallback) const {
  const QJsonValue value = tokenizerConfig_.value(QLatin1String("model_max_length"));
  if (value.isUndefined() || value.isNull()) return fallback;
  const double length = value.toDouble(-1);
  if (length > INT_MAX) return fallback;  // transformers' VERY_LARGE_INTEGER: no limit stored
  if (!value.isDouble() || length < 1 || length != static_cast<int>(length))
    throw LoadError(tokenizerConfigPath_.toStdString() + ": 'model_max_length' must be a positive integer");
  return static_cast<int>(length);
}

SpecialTokenSplitter::SpecialTokenSplitter(const std::vector<SpecialToken>& tokens) {
  for (const SpecialToken& token : tokens) {
    if (token.content.empty()) continue;
    size_t index = 0;
    while (index < contents_.size() && contents_[index] != token.content) ++index;
    if (index == contents_.size()) {
      contents_.push_back(token.content);
      stripLeft_.push_back(true);
      stripRight_.push_back(true);
      firstByte_[static_cast<unsigned char>(token.content[0])] = true;
    }
    if (token.addedToken) {  // the dict {str(t): t} of AddedTokens keeps the last one
      stripLeft_[index] = token.lstrip;
      stripRight_[index] = token.rstrip;
    }
  }
}

std::vector<SpecialTokenSplitter::Chunk> SpecialTokenSplitter::split(std::string_view text) const {
  std::vector<Chunk> chunks;
  size_t textBegin = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (!firstByte_[static_cast<unsigned char>(text[i])]) continue;
    int best = -1;
    for (size_t k = 0; k < contents_.size(); ++k) {
      const std::string& content = contents_[k];
      if (text.compare(i, content.size(), content) == 0 &&
          (best < 0 || content.size() > contents_[static_cast<size_t>(best)].size()))
        best = static_cast<int>(k);
    }
    if (best < 0) continue;
    if (i > textBegin) chunks.push_back({text.substr(textBegin, i - textBegin), -1});
    chunks.push_back({text.substr(i, contents_[static_cast<size_t>(best)].size()), best});
    textBegin = i + contents_[static_cast<size_t>(best)].size();
    i = textBegin - 1;
  }
  if (textBegin < text.size()) chunks.push_back({text.substr(textBegin), -1});

  for (size_t i = 0; i < chunks.size(); ++i) {
    const int special = chunks[i].special;
    if (special < 0) continue;
    if (i > 0 && chunks[i - 1].special < 0 && stripLeft_[static_cast<size_t>(special)])
      chunks[i - 1].text = utf8::rstripPython(chunks[i - 1].text);
    if (i + 1 < chunks.size() && chunks[i + 1].special < 0 && stripRight_[static_cast<size_t>(special)])
      chunks[i + 1].text = utf8::lstripPython(chunks[i + 1].text);
  }
  std::vector<Chunk> kept;
  kept.reserve(chunks.size());
  for (const Chunk& chunk : chunks)
    if (!chunk.text.empty()) kept.push_back(chunk);
  return kept;
}

}  // namespace fan
