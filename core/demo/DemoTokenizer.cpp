#include "core/demo/DemoTokenizer.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace fan::demo {

namespace {

// GPT-2/CLIP bytes_to_unicode: printable Latin-1 bytes stand for themselves, the others are
// shifted to U+0100 upwards; the vocabulary lists them in this order.
std::vector<QString> byteSymbols() {
  std::vector<int> bytes;
  for (int b = '!'; b <= '~'; ++b) bytes.push_back(b);
  for (int b = 0xA1; b <= 0xAC; ++b) bytes.push_back(b);
  for (int b = 0xAE; b <= 0xFF; ++b) bytes.push_back(b);
  std::vector<int> codes = bytes;
  int shifted = 0;
  for (int b = 0; b < 256; ++b)
    if (std::find(bytes.begin(), bytes.end(), b) == bytes.end()) codes.push_back(256 + shifted++);
  std::vector<QString> symbols;
  for (int c : codes) symbols.push_back(QString(QChar(c)));
  return symbols;
}

using Merges = std::vector<std::pair<QString, QString>>;

// BPE as CLIPTokenizer runs it: repeatedly merge every occurrence of the lowest-ranked pair.
std::vector<QString> applyBpe(std::vector<QString> symbols, const std::map<std::pair<QString, QString>, size_t>& ranks) {
  while (symbols.size() > 1) {
    size_t best = SIZE_MAX;
    std::pair<QString, QString> bestPair;
    for (size_t i = 0; i + 1 < symbols.size(); ++i) {
      const auto it = ranks.find({symbols[i], symbols[i + 1]});
      if (it != ranks.end() && it->second < best) {
        best = it->second;
        bestPair = it->first;
      }
    }
    if (best == SIZE_MAX) break;
    std::vector<QString> merged;
    for (size_t i = 0; i < symbols.size(); ++i) {
      if (i + 1 < symbols.size() && symbols[i] == bestPair.first && symbols[i + 1] == bestPair.second) {
        merged.push_back(symbols[i] + symbols[i + 1]);
        ++i;
      } else {
        merged.push_back(symbols[i]);
      }
    }
    symbols = std::move(merged);
  }
  return symbols;
}

// Merges that turn each word into one token. A merge appended after all others cannot change how
// earlier words are split, so each word is fixed up in turn.
Merges wordMerges(const QStringList& words) {
  Merges merges;
  std::map<std::pair<QString, QString>, size_t> ranks;
  for (const QString& word : words) {
    std::vector<QString> symbols;
    for (int i = 0; i < word.size(); ++i) symbols.push_back(word.mid(i, 1));
    symbols.back() += QStringLiteral("</w>");
    for (symbols = applyBpe(symbols, ranks); symbols.size() > 1; symbols = applyBpe(symbols, ranks)) {
      ranks[{symbols[0], symbols[1]}] = merges.size();
      merges.emplace_back(symbols[0], symbols[1]);
    }
  }
  return merges;
}

void writeFile(const QString& path, const QByteArray& bytes) {
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
    throw std::runtime_error(path.toStdString() + ": cannot write: " + file.errorString().toStdString());
}

QJsonObject addedToken(const char* content) {
  return {{"__type", "AddedToken"}, {"content", content}, {"lstrip", false}, {"normalized", true},
          {"rstrip", false},        {"single_word", false}};
}

}  // namespace

void writeDemoTokenizer(const QString& dir, const QStringList& words, int modelMaxLength) {
  if (!QDir().mkpath(dir)) throw std::runtime_error(dir.toStdString() + ": cannot create the folder");
  for (const QString& w : words)
    for (QChar c : w)
      if (c < QLatin1Char('a') || c > QLatin1Char('z'))
        throw std::invalid_argument("demo tokenizer: word '" + w.toStdString() + "' is not lower-case ASCII");
  const Merges merges = wordMerges(words);
  QJsonObject vocab;
  int next = 0;
  const std::vector<QString> symbols = byteSymbols();
  for (const QString& s : symbols) vocab.insert(s, next++);
  for (const QString& s : symbols) vocab.insert(s + QStringLiteral("</w>"), next++);
  QByteArray mergesText = "#version: 0.2\n";
  for (const auto& [a, b] : merges) {
    vocab.insert(a + b, next++);
    mergesText += (a + QLatin1Char(' ') + b + QLatin1Char('\n')).toUtf8();
  }
  vocab.insert(QStringLiteral("<|startoftext|>"), next++);
  vocab.insert(QStringLiteral("<|endoftext|>"), next++);
  writeFile(dir + QStringLiteral("/vocab.json"), QJsonDocument(vocab).toJson(QJsonDocument::Compact));
  writeFile(dir + QStringLiteral("/merges.txt"), mergesText);

  const QJsonObject config{{"add_prefix_space", false},
                           {"bos_token", addedToken("<|startoftext|>")},
                           {"do_lower_case", true},
                           {"eos_token", addedToken("<|endoftext|>")},
                           {"errors", "replace"},
                           {"model_max_length", modelMaxLength},
                           {"pad_token", "<|endoftext|>"},
                           {"tokenizer_class", "CLIPTokenizer"},
                           {"unk_token", addedToken("<|endoftext|>")}};
  writeFile(dir + QStringLiteral("/tokenizer_config.json"), QJsonDocument(config).toJson());
  const QJsonObject special{{"bos_token", "<|startoftext|>"},
                            {"eos_token", "<|endoftext|>"},
                            {"pad_token", "<|endoftext|>"},
                            {"unk_token", "<|endoftext|>"}};
  writeFile(dir + QStringLiteral("/special_tokens_map.json"), QJsonDocument(special).toJson());
}

}  // namespace fan::demo
