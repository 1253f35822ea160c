// CLIP's byte-level BPE tokenizer, as transformers 4.31's slow CLIPTokenizer without ftfy
// (the tokenizer of SD 1.x, SD 2.x and both SDXL text encoders). Torch-free.
//
// Per text: special tokens typed in it are split out first (<|startoftext|>, <|endoftext|> and
// the folder's other special tokens, e.g. pad "!" of SD 2.x / SDXL tokenizer_2, which turns
// every "!" into id 0). The rest goes through BERT's BasicTokenizer cleanup (control characters
// dropped, whitespace -> space, spaces around CJK ideographs, NFC, whitespace split, Python
// str.lower(), accents kept), the pre-tokenizer
//   <|startoftext|>|<|endoftext|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+
// (case-insensitive; a hand-written scanner here), the bytes_to_unicode mapping with "</w>"
// after each piece's last symbol, and BPE by merge rank (cached per piece).
// See tests/data/FIXTURES.md "CLIP tokenizer semantics".
#pragma once

#include "core/text/Tokenizer.h"

#include <memory>

namespace fan {

class ClipTokenizer final : public Tokenizer {
 public:
  // Reads vocab.json and merges.txt (required) and tokenizer_config.json /
  // special_tokens_map.json (optional; see SpecialTokens for how they combine, defaults as
  // CLIPTokenizer: bos <|startoftext|>, eos = unk = pad = <|endoftext|>, model_max_length 77).
  // Like CLIPTokenizer, only the first 48894 merges after merges.txt's header line are used.
  // Throws LoadError naming the missing or broken file (and line/offset or key), also when a
  // special token is not in vocab.json (the reference would append it past the text
  // encoder's embedding table).
  static std::unique_ptr<ClipTokenizer> fromFolder(const QString& dir);
  ~ClipTokenizer() override;

  std::vector<int64_t> textIds(const std::string& utf8Text) const override;
  // The reference's tokenize(): BPE strings in the byte-level alphabet, e.g. "photograph</w>".
  std::vector<std::string> tokenize(const std::string& utf8Text) const;

  int64_t padId() const override;
  int64_t eosId() const override;
  int64_t bosId() const;
  int64_t vocabSize() const override;
  int numSpecialTokens() const override { return 2; }

 protected:
  std::vector<int64_t> withSpecialTokens(std::vector<int64_t> ids) const override;

 private:
  struct Impl;
  ClipTokenizer(std::unique_ptr<Impl> impl, int modelMaxLength);
  std::unique_ptr<Impl> impl_;
};

}  // namespace fan
