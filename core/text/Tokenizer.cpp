#include "core/text/Tokenizer.h"

#include "core/text/Utf8.h"

#include <algorithm>
#include <stdexcept>

namespace fan {
namespace {

void padTo(Encoding& encoding, size_t length, int64_t padId) {
  if (encoding.ids.size() >= length) return;
  encoding.ids.resize(length, padId);
  encoding.attentionMask.resize(length, 0);
}

}  // namespace

Encoding Tokenizer::encode(const std::string& utf8Text, int maxLength, bool padToMax, bool truncate) const {
  if (truncate && maxLength < numSpecialTokens())
    throw std::invalid_argument("Tokenizer::encode: maxLength " + std::to_string(maxLength) +
                                " leaves no room for the " + std::to_string(numSpecialTokens()) +
                                " special token(s) when truncating");
  if (padToMax && maxLength < 1)
    throw std::invalid_argument("Tokenizer::encode: maxLength " + std::to_string(maxLength) +
                                " must be positive when padding");
  Encoding encoding = finish(textIds(utf8Text), maxLength, truncate);
  if (padToMax) padTo(encoding, static_cast<size_t>(maxLength), padId());
  return encoding;
}

Encoding Tokenizer::encode(const QString& text, int maxLength, bool padToMax, bool truncate) const {
  return encode(text.toStdString(), maxLength, padToMax, truncate);
}

Encoding Tokenizer::finish(std::vector<int64_t> ids, int maxLength, bool truncate) const {
  // As prepare_for_model: truncate only when text + special tokens exceed maxLength.
  const size_t room = truncate ? static_cast<size_t>(maxLength - numSpecialTokens()) : ids.size();
  if (ids.size() > room) ids.resize(room);
  Encoding encoding;
  encoding.ids = withSpecialTokens(std::move(ids));
  encoding.attentionMask.assign(encoding.ids.size(), 1);
  return encoding;
}

std::vector<Encoding> Tokenizer::encodeBatch(const std::vector<std::string>& utf8Texts, int maxLength,
                                             bool padToMax, bool truncate) const {
  std::vector<Encoding> encodings;
  encodings.reserve(utf8Texts.size());
  size_t longest = 0;
  for (const std::string& text : utf8Texts) {
    encodings.push_back(encode(text, maxLength, padToMax, truncate));
    longest = std::max(longest, encodings.back().ids.size());
  }
  for (Encoding& encoding : encodings) padTo(encoding, longest, padId());
  return encodings;
}

std::vector<Encoding> Tokenizer::encodeBatch(const QStringList& texts, int maxLength, bool padToMax,
                                             bool truncate) const {
  std::vector<std::string> utf8;
  utf8.reserve(static_cast<size_t>(texts.size()));
  for (const QString& text : texts) utf8.push_back(text.toStdString());
  return encodeBatch(utf8, maxLength, padToMax, truncate);
}

QString Tokenizer::normalizeForCache(const QString& text) {
  // Python whitespace but U+0085, which SentencePiece keeps; all are BMP characters.
  const auto ignorable = [](QChar c) { return c.unicode() != 0x85 && utf8::isPythonSpace(c.unicode()); };
  qsizetype begin = 0, end = text.size();
  while (begin < end && ignorable(text[begin])) ++begin;
  while (end > begin && ignorable(text[end - 1])) --end;
  return text.mid(begin, end - begin);
}

}  // namespace fan
