// Special tokens of a slow transformers tokenizer: which they are (resolved from a tokenizer
// folder's JSON files) and how typed occurrences are split out of a text. Torch-free.
#pragma once

#include <QJsonObject>
#include <QString>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fan {

struct SpecialToken {
  std::string content;
  // Given as an AddedToken object ({"content": ..., "lstrip": ...}) rather than a plain string:
  // then only lstrip/rstrip decide which neighbouring whitespace it eats; a plain string eats both.
  bool addedToken = false;
  bool lstrip = false;
  bool rstrip = false;
};

// Resolution as PreTrainedTokenizerBase.from_pretrained (transformers 4.31), key by key:
// the tokenizer class's defaults < tokenizer_config.json < special_tokens_map.json (the map is
// applied last with setattr, so where the files disagree, e.g. SD 2.x's pad token
// "<|endoftext|>" vs "!", special_tokens_map.json wins). Both files are optional; a JSON null
// unsets a token.
class SpecialTokens {
 public:
  // Attribute names as transformers': bos_token, eos_token, unk_token, sep_token, pad_token,
  // cls_token, mask_token; additional_special_tokens is a list. Throws LoadError naming the
  // file and key for unreadable JSON or values that are neither strings nor AddedToken objects.
  static SpecialTokens fromFolder(const QString& dir, const std::map<std::string, std::string>& defaults);

  std::optional<SpecialToken> get(const std::string& attribute) const;
  const std::vector<SpecialToken>& additional() const { return additional_; }
  void setAdditional(std::vector<SpecialToken> tokens) { additional_ = std::move(tokens); }
  // all_special_tokens_extended: the named tokens in transformers' attribute order, then the
  // additional ones (duplicates kept; the splitter resolves them).
  std::vector<SpecialToken> all() const;

  // tokenizer_config.json's object (empty when the file is absent) and its path, for other keys.
  const QJsonObject& tokenizerConfig() const { return tokenizerConfig_; }
  const QString& tokenizerConfigPath() const { return tokenizerConfigPath_; }
  // model_max_length, or `fallback` when absent or the "unlimited" sentinel (e.g. 1e30).
  int modelMaxLength(int fallback) const;

 private:
  void apply(const QJsonObject& object, const QString& file);
  std::map<std::string, std::optional<SpecialToken>> named_;
  std::vector<SpecialToken> additional_;
  QJsonObject tokenizerConfig_;
  QString tokenizerConfigPath_;
};

// Splits a text at typed special tokens like the slow tokenizer's tokens_trie.split (leftmost,
// then longest match) and strips the whitespace around them as PreTrainedTokenizer.tokenize does.
class SpecialTokenSplitter {
 public:
  // `tokens` in all_special_tokens_extended order; the last AddedToken with a given content
  // decides its stripping.
  explicit SpecialTokenSplitter(const std::vector<SpecialToken>& tokens);
  SpecialTokenSplitter() = default;  // splits nothing out

  struct Chunk {
    std::string_view text;  // a view into the split text; never empty
    int special = -1;       // index into contents(), or -1 for ordinary text
  };
  std::vector<Chunk> split(std::string_view text) const;
  const std::vector<std::string>& contents() const { return contents_; }

 private:
  std::vector<std::string> contents_;
  std::vector<bool> stripLeft_, stripRight_;  // eats whitespace on its left / right
  bool firstByte_[256] = {};
};

}  // namespace fan
