// The tokenizer interface the text encoders and the UI share (torch-free).
//
// Implementations reproduce the slow Python tokenizers of transformers 4.31 exactly
// (ClipTokenizer: CLIPTokenizer without ftfy; T5Tokenizer: T5Tokenizer with legacy=True).
// encode() follows `tokenizer(text, max_length=..., padding=..., truncation=...)`:
// text ids, truncation, the model's special tokens, then right padding.
// All methods are const and safe to call from several threads at once.
#pragma once

#include <QString>
#include <QStringList>

#include <cstdint>
#include <string>
#include <vector>

namespace fan {

struct Encoding {
  std::vector<int64_t> ids;
  std::vector<int64_t> attentionMask;  // 1 for real tokens (special tokens included), 0 for padding
};

class Tokenizer {
 public:
  virtual ~Tokenizer() = default;

  // `utf8Text` must be UTF-8; invalid sequences become U+FFFD (as Qt decodes them).
  // truncate: keep the first maxLength - numSpecialTokens() text ids, then add the special
  //   tokens (the reference's truncation=True for one sequence).
  // padToMax: pad on the right with padId() up to maxLength (padding="max_length"); an
  //   untruncated longer encoding stays longer, as in the reference.
  // maxLength is used only by those two options; it must be >= numSpecialTokens() when
  // truncating and >= 1 when padding (std::invalid_argument otherwise).
  Encoding encode(const std::string& utf8Text, int maxLength, bool padToMax, bool truncate) const;
  Encoding encode(const QString& text, int maxLength, bool padToMax, bool truncate) const;
  Encoding encode(const char* utf8Text, int maxLength, bool padToMax, bool truncate) const {
    return encode(std::string(utf8Text), maxLength, padToMax, truncate);
  }

  // Encodes each text as encode() does. The result is always rectangular: without padToMax the
  // encodings are padded to the longest one (the reference's padding=True).
  std::vector<Encoding> encodeBatch(const std::vector<std::string>& utf8Texts, int maxLength, bool padToMax,
                                    bool truncate) const;
  std::vector<Encoding> encodeBatch(const QStringList& texts, int maxLength, bool padToMax, bool truncate) const;

  // The ids of the text alone, without special tokens added, truncation or padding
  // (the reference's convert_tokens_to_ids(tokenize(text))).
  virtual std::vector<int64_t> textIds(const std::string& utf8Text) const = 0;

  virtual int64_t padId() const = 0;
  virtual int64_t eosId() const = 0;
  virtual int64_t vocabSize() const = 0;     // ids are < vocabSize()
  virtual int numSpecialTokens() const = 0;  // added by encode(): CLIP 2 (BOS, EOS), T5 1 (EOS)
  // model_max_length from tokenizer_config.json (the family's default when absent).
  int maxLength() const { return modelMaxLength_; }

  // The key under which an embedding of `text` may be cached, for every tokenizer: the text
  // without the leading and trailing whitespace that both tokenizers drop (Python's str.isspace()
  // characters except U+0085, which SentencePiece keeps). Texts with equal keys get equal ids.
  // Nothing else is folded, on purpose: T5 is case-sensitive, treats some inner whitespace
  // (e.g. U+000B) unlike a space, and is not invariant under NFC either (SentencePiece's
  // normaliser does not reorder combining marks: "a\u0301\u0323" and its NFC differ).
  static QString normalizeForCache(const QString& text);

 protected:
  explicit Tokenizer(int modelMaxLength) : modelMaxLength_(modelMaxLength) {}
  // Adds the model's special tokens around already truncated text ids.
  virtual std::vector<int64_t> withSpecialTokens(std::vector<int64_t> ids) const = 0;

 private:
  Encoding finish(std::vector<int64_t> ids, int maxLength, bool truncate) const;
  int modelMaxLength_;
};

}  // namespace fan
