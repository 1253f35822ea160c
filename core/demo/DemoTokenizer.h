// A CLIP-format tokenizer (vocab.json, merges.txt, tokenizer_config.json,
// special_tokens_map.json) for the demo world's captions: CLIP's byte-level alphabet (the 256
// byte symbols and their "</w>" forms, in CLIPTokenizer's order), merges built so that every
// caption word is one token, and <|startoftext|> / <|endoftext|> last (pooling takes the
// argmax id, so the end token must have the highest id). transformers' CLIPTokenizer and
// fan::ClipTokenizer load it unchanged. Torch-free.
#pragma once

#include <QString>
#include <QStringList>

namespace fan::demo {

// Writes the four files into `dir` (created if needed). Throws std::runtime_error naming the
// file on I/O errors.
void writeDemoTokenizer(const QString& dir, const QStringList& words, int modelMaxLength);

}  // namespace fan::demo
