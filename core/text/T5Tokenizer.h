// T5's SentencePiece tokenizer, as transformers 4.31's slow T5Tokenizer with legacy=True.
// Torch-free.
//
// Special tokens typed in the text (</s>, <pad>, <unk>, <extra_id_N>, ...) are split out first,
// with the whitespace around them stripped; every remaining chunk is encoded by SentencePiece
// on its own, i.e. as if it started a sentence (the legacy behaviour). </s> is appended unless
// the ids already end with it. <extra_id_N> = pieces + extra_ids - 1 - N (32099 ... 32000).
#pragma once

#include "core/text/Tokenizer.h"

#include <memory>

namespace fan {

class T5Tokenizer final : public Tokenizer {
 public:
  // Reads spiece.model (required) and tokenizer_config.json / special_tokens_map.json
  // (optional; defaults as T5Tokenizer: eos </s>, unk <unk>, pad <pad>, extra_ids 100,
  // model_max_length 512 when absent). Throws LoadError naming the file and key for a missing
  // or broken file, a mismatch between extra_ids and additional_special_tokens (as the reference),
  // or legacy=false (not supported).
  static std::unique_ptr<T5Tokenizer> fromFolder(const QString& dir);
  ~T5Tokenizer() override;

  std::vector<int64_t> textIds(const std::string& utf8Text) const override;

  int64_t padId() const override;
  int64_t eosId() const override;
  int64_t vocabSize() const override;
  int numSpecialTokens() const override { return 1; }

 protected:
  std::vector<int64_t> withSpecialTokens(std::vector<int64_t> ids) const override;

 private:
  struct Impl;
  T5Tokenizer(std::unique_ptr<Impl> impl, int modelMaxLength);
  std::unique_ptr<Impl> impl_;
};

}  // namespace fan
