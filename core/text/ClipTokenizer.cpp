#include "core/text/ClipTokenizer.h"

#include "core/io/Safetensors.h"
#include "core/text/SpecialTokens.h"
#include "core/text/Utf8.h"

#include <QChar>
#include <QDir>
#include <QFile>

#include <algorithm>
#include <array>
#include <climits>
#include <mutex>
#include <string_view>
#include <unordered_map>

namespace fan {
namespace {

// CLIPTokenizer reads merges.txt lines [1, 49152 - 256 - 2 + 1): the header, then 48894 merges.
constexpr size_t kMergeLines = 49152 - 256 - 2 + 1;
// The per-piece BPE cache is cleared when it grows past this (the reference's never shrinks).
constexpr size_t kCacheLimit = 1 << 17;

[[noreturn]] void fail(const QString& path, const std::string& message) {
  throw LoadError(path.toStdString() + ": " + message);
}

QByteArray readFile(const QString& path, const char* role) {
  QFile file(path);
  if (!file.exists()) fail(path, std::string("missing (") + role + ")");
  if (!file.open(QIODevice::ReadOnly)) fail(path, "cannot open (" + file.errorString().toStdString() + ")");
  return file.readAll();
}

// vocab.json: one flat JSON object of token -> id. A small dedicated parser: QJsonDocument
// takes ~150 ms for the 49408 entries; this takes a few.
class VocabParser {
 public:
  VocabParser(const QByteArray& data, const QString& path)
      : begin_(data.constData()), p_(begin_), end_(begin_ + data.size()), path_(path) {}

  // Calls add(key, id) per entry in file order (a repeated key comes again; the last id wins,
  // as in json.load). Returns the number of entries.
  template <typename Add>
  size_t parse(Add add) {
    size_t count = 0;
    std::string key;
    skipSpace();
    expect('{', "'{' (vocab.json must be a JSON object of token -> id)");
    skipSpace();
    if (peek() == '}') {
      ++p_;
    } else {
      for (;; ++count) {
        parseString(key);
        skipSpace();
        expect(':', "':'");
        skipSpace();
        add(std::string_view(key), parseId());
        skipSpace();
        if (peek() == ',') {
          ++p_;
          skipSpace();
          continue;
        }
        expect('}', "',' or '}'");
        ++count;
        break;
      }
    }
    skipSpace();
    if (p_ != end_) error("the end of the file after the object");
    return count;
  }

 private:
  char peek() const { return p_ < end_ ? *p_ : '\0'; }
  [[noreturn]] void error(const char* expected) const {
    fail(path_, "invalid vocabulary JSON at byte " + std::to_string(p_ - begin_) + ": expected " + expected);
  }
  void expect(char c, const char* expected) {
    if (peek() != c) error(expected);
    ++p_;
  }
  void skipSpace() {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }
  unsigned hex4() {
    unsigned value = 0;
    for (int k = 0; k < 4; ++k, ++p_) {
      const char c = peek();
      const int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                                      : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (digit < 0) error("4 hex digits after \\u");
      value = value * 16 + static_cast<unsigned>(digit);
    }
    return value;
  }
  void parseString(std::string& out) {
    expect('"', "a string key");
    out.clear();
    while (peek() != '"') {
      if (p_ >= end_) error("'\"' closing the string");
      const char c = *p_++;
      if (static_cast<unsigned char>(c) < 0x20) error("no raw control characters inside strings");
      if (c != '\\') {
        out += c;
        continue;
      }
      const char escaped = peek();
      ++p_;
      switch (escaped) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          char32_t cp = hex4();
          if (cp >= 0xD800 && cp < 0xDC00 && peek() == '\\' && p_ + 1 < end_ && p_[1] == 'u') {
            const char* save = p_;
            p_ += 2;
            const unsigned low = hex4();
            if (low >= 0xDC00 && low < 0xE000) cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            else p_ = save;
          }
          // A lone surrogate cannot be in UTF-8 text, so such a token can never be produced.
          utf8::append(out, cp >= 0xD800 && cp < 0xE000 ? utf8::kReplacement : cp);
          break;
        }
        default: --p_; error("a valid escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
      }
    }
    ++p_;
  }
  int64_t parseId() {
    const char* start = p_;
    int64_t value = 0;
    while (p_ < end_ && *p_ >= '0' && *p_ <= '9') {
      value = value * 10 + (*p_ - '0');
      if (value > INT32_MAX) error("an id below 2^31");
      ++p_;
    }
    if (p_ == start || (p_ - start > 1 && *start == '0') || peek() == '.' || peek() == 'e' || peek() == 'E')
      error("a non-negative integer id");
    return value;
  }

  const char* begin_;
  const char* p_;
  const char* end_;
  QString path_;
};

// GPT-2's bytes_to_unicode(): printable Latin-1 bytes map to themselves, the others to 256+n.
std::array<char32_t, 256> byteAlphabet() {
  std::array<char32_t, 256> map{};
  char32_t next = 256;
  for (int b = 0; b < 256; ++b) {
    const bool printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
    map[static_cast<size_t>(b)] = printable ? static_cast<char32_t>(b) : next++;
  }
  return map;
}

// Byte-level symbol strings in one arena with an open-addressing index: std::unordered_map
// with std::string keys made loading the 49408 + 48894 entries take ~150 ms.
class SymbolTable {
 public:
  size_t size() const { return offsets_.size() - 1; }
  std::string_view text(int32_t symbol) const {
    const auto i = static_cast<size_t>(symbol);
    return std::string_view(arena_).substr(offsets_[i], offsets_[i + 1] - offsets_[i]);
  }
  // The symbol spelled `head` + `tail`, or -1.
  int32_t find(std::string_view head, std::string_view tail = {}) const {
    if (slots_.empty()) return -1;
    return slots_[slotOf(head, tail, hash(head, tail))];
  }
  // Adds `head` + `tail` unless present; returns its symbol.
  int32_t intern(std::string_view head, std::string_view tail = {}) {
    if (2 * (size() + 1) > slots_.size()) grow();
    const uint32_t h = hash(head, tail);
    const size_t slot = slotOf(head, tail, h);
    if (slots_[slot] >= 0) return slots_[slot];
    arena_.append(head).append(tail);
    offsets_.push_back(static_cast<uint32_t>(arena_.size()));
    hashes_.push_back(h);
    slots_[slot] = static_cast<int32_t>(size() - 1);
    return slots_[slot];
  }

 private:
  static uint32_t hash(std::string_view head, std::string_view tail) {  // FNV-1a
    uint32_t h = 2166136261u;
    for (const char c : head) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
    for (const char c : tail) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
    return h;
  }
  size_t slotOf(std::string_view head, std::string_view tail, uint32_t h) const {
    const size_t mask = slots_.size() - 1;
    for (size_t slot = h & mask;; slot = (slot + 1) & mask) {
      const int32_t symbol = slots_[slot];
      if (symbol < 0) return slot;
      if (hashes_[static_cast<size_t>(symbol)] != h) continue;
      const std::string_view t = text(symbol);
      if (t.size() == head.size() + tail.size() && t.substr(0, head.size()) == head && t.substr(head.size()) == tail)
        return slot;
    }
  }
  void grow() {
    slots_.assign(std::max<size_t>(1024, slots_.size() * 2), -1);
    const size_t mask = slots_.size() - 1;
    for (size_t symbol = 0; symbol < size(); ++symbol) {
      size_t slot = hashes_[symbol] & mask;
      while (slots_[slot] >= 0) slot = (slot + 1) & mask;
      slots_[slot] = static_cast<int32_t>(symbol);
    }
  }

  std::string arena_;
  std::vector<uint32_t> offsets_{0};
  std::vector<uint32_t> hashes_;
  std::vector<int32_t> slots_;  // symbol or -1; at most half full
};

// (left, right) symbol pair -> merge rank and merged symbol, open addressing.
class MergeTable {
 public:
  struct Merge {
    int32_t rank;
    int32_t merged;
  };
  void reserve(size_t count) {
    size_t capacity = 1024;
    while (capacity < 2 * count) capacity *= 2;
    slots_.assign(capacity, Slot{kEmpty, {}});
  }
  // bpe_ranks = dict(zip(merges, range(...))): a repeated pair keeps its last rank.
  void set(int32_t left, int32_t right, Merge merge) {
    if (2 * (count_ + 1) > slots_.size()) rehash();
    Slot& slot = slots_[slotOf(key(left, right))];
    if (slot.key == kEmpty) ++count_;
    slot = Slot{key(left, right), merge};
  }
  const Merge* find(int32_t left, int32_t right) const {
    if (slots_.empty()) return nullptr;
    const Slot& slot = slots_[slotOf(key(left, right))];
    return slot.key == kEmpty ? nullptr : &slot.merge;
  }

 private:
  static constexpr uint64_t kEmpty = ~uint64_t{0};
  struct Slot {
    uint64_t key;
    Merge merge;
  };
  static uint64_t key(int32_t left, int32_t right) {
    return static_cast<uint64_t>(static_cast<uint32_t>(left)) << 32 | static_cast<uint32_t>(right);
  }
  size_t slotOf(uint64_t k) const {
    const size_t mask = slots_.size() - 1;
    size_t slot = static_cast<size_t>((k * 0x9E3779B97F4A7C15ull) >> 20) & mask;
    while (slots_[slot].key != kEmpty && slots_[slot].key != k) slot = (slot + 1) & mask;
    return slot;
  }
  void rehash() {
    std::vector<Slot> old;
    old.swap(slots_);
    reserve(std::max<size_t>(1024, old.size()));
    count_ = 0;
    for (const Slot& slot : old)
      if (slot.key != kEmpty) set(static_cast<int32_t>(slot.key >> 32), static_cast<int32_t>(slot.key), slot.merge);
  }
  std::vector<Slot> slots_;
  size_t count_ = 0;
};

// Python's str.split() on UTF-8 text.
void splitPython(std::string_view line, std::vector<std::string_view>& parts) {
  parts.clear();
  size_t i = 0, start = std::string_view::npos;
  while (i < line.size()) {
    const size_t at = i;
    const char32_t cp = utf8::next(line, i);
    if (utf8::isPythonSpace(cp)) {
      if (start != std::string_view::npos) parts.push_back(line.substr(start, at - start));
      start = std::string_view::npos;
    } else if (start == std::string_view::npos) {
      start = at;
    }
  }
  if (start != std::string_view::npos) parts.push_back(line.substr(start));
}

// BERT's _is_chinese_char: CJK ideographs only (not kana, not Hangul).
bool isCjkIdeograph(char32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2A6DF) ||
         (cp >= 0x2A700 && cp <= 0x2B73F) || (cp >= 0x2B740 && cp <= 0x2B81F) || (cp >= 0x2B820 && cp <= 0x2CEAF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
}

// BasicTokenizer._clean_text, _tokenize_chinese_chars and NFC, into code points in which
// every whitespace is a plain space. (Zl/Zp survive _clean_text but str.split() splits on them,
// so they are spaces here too.) Qt 6.4 and Python 3.11 both use Unicode 14 tables.
void basicClean(std::string_view text, std::u32string& out) {
  out.clear();
  bool needsNfc = false;
  for (size_t i = 0; i < text.size();) {
    const char32_t cp = utf8::next(text, i);
    if (cp < 0x80) {
      if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r') out += U' ';
      else if (cp >= 0x20 && cp != 0x7F) out += cp;  // other ASCII controls (and NUL) are dropped
      continue;
    }
    switch (QChar::category(cp)) {
      case QChar::Other_Control:
      case QChar::Other_Format:
      case QChar::Other_Surrogate:
      case QChar::Other_PrivateUse:
      case QChar::Other_NotAssigned:
        continue;
      case QChar::Separator_Space:
      case QChar::Separator_Line:
      case QChar::Separator_Paragraph:
        out += U' ';
        continue;
      default:
        break;
    }
    if (cp == utf8::kReplacement) continue;
    if (isCjkIdeograph(cp)) {
      out += U' ';
      out += cp;
      out += U' ';
    } else {
      out += cp;
    }
    needsNfc = needsNfc || cp >= 0x300;  // text below U+0300 is always NFC
  }
  if (needsNfc)
    out = QString::fromUcs4(out.data(), static_cast<qsizetype>(out.size()))
              .normalized(QString::NormalizationForm_C)
              .toStdU32String();
}

// Python's Case_Ignorable and Cased properties, as far as str.lower()'s final-sigma rule needs
// them (checked against CPython 3.11 for every code point).
bool isCaseIgnorable(char32_t cp) {
  switch (QChar::category(cp)) {
    case QChar::Mark_NonSpacing:
    case QChar::Mark_Enclosing:
    case QChar::Other_Format:
    case QChar::Letter_Modifier:
    case QChar::Symbol_Modifier:
      return true;
    default:
      break;
  }
  static constexpr char32_t kWordBreakMid[] = {0x27,   0x2E,   0x3A,   0xB7,   0x387,  0x55F,
                                               0x5F4,  0x2018, 0x2019, 0x2024, 0x2027, 0xFE13,
                                               0xFE52, 0xFE55, 0xFF07, 0xFF0E, 0xFF1A};
  for (const char32_t c : kWordBreakMid)
    if (c == cp) return true;
  return false;
}

bool isCased(char32_t cp) {
  const QChar::Category category = QChar::category(cp);
  if (category == QChar::Letter_Uppercase || category == QChar::Letter_Lowercase ||
      category == QChar::Letter_Titlecase)
    return true;
  return cp == 0xAA || cp == 0xBA || (cp >= 0x2160 && cp <= 0x217F) || (cp >= 0x24B6 && cp <= 0x24E9) ||
         (cp >= 0x1F130 && cp <= 0x1F149) || (cp >= 0x1F150 && cp <= 0x1F169) || (cp >= 0x1F170 && cp <= 0x1F189);
}

// CPython's handle_capital_sigma: Σ lowers to ς after a cased letter unless one follows
// (case-ignorable characters skipped both ways).
bool isFinalSigma(const char32_t* word, size_t length, size_t i) {
  size_t j = i;
  while (j > 0 && isCaseIgnorable(word[j - 1])) --j;
  if (j == 0 || !isCased(word[j - 1])) return false;
  for (j = i + 1; j < length && isCaseIgnorable(word[j]); ++j) {
  }
  return j == length || !isCased(word[j]);
}

// Python's str.lower() of one word (full case mapping; U+0130 is its only unconditional
// special case, Σ its only context-dependent one).
void pythonLower(const char32_t* word, size_t length, std::u32string& out) {
  out.clear();
  for (size_t i = 0; i < length; ++i) {
    const char32_t cp = word[i];
    if (cp < 0x80) {
      out += (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    } else if (cp == 0x130) {
      out += U'i';
      out += char32_t{0x307};
    } else if (cp == 0x3A3) {
      out += isFinalSigma(word, length, i) ? char32_t{0x3C2} : char32_t{0x3C3};
    } else {
      out += QChar::toLower(cp);
    }
  }
}

bool isLetter(char32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  return QChar::isLetter(cp);
}

bool isNumber(char32_t cp) {
  if (cp < 0x80) return cp >= '0' && cp <= '9';
  return QChar::isNumber(cp);
}

// The `regex` module under IGNORECASE matches U+0345 (which case-folds to the letter ι) neither
// with [\p{L}] nor with [^\s\p{L}\p{N}], so findall() skips it.
constexpr char32_t kUnmatched = 0x345;

// Case-insensitive match of an ASCII pattern at word[i] (the text is lower-cased already;
// under simple case folding only U+017F "ſ" also folds to one of the pattern letters).
bool matchesAt(const std::u32string& word, size_t i, std::string_view pattern) {
  if (word.size() - i < pattern.size()) return false;
  for (size_t k = 0; k < pattern.size(); ++k) {
    const char32_t c = word[i + k];
    if (c != static_cast<char32_t>(pattern[k]) && !(pattern[k] == 's' && c == 0x17F)) return false;
  }
  return true;
}

// The pre-tokenizer pattern's match length at word[i] (0: nothing matches, skip one char).
size_t pieceLength(const std::u32string& word, size_t i) {
  static constexpr std::string_view kLiterals[] = {"<|startoftext|>", "<|endoftext|>", "'s", "'t", "'re",
                                                   "'ve", "'m", "'ll", "'d"};
  const char32_t c = word[i];
  if (c == '<' || c == '\'')
    for (const std::string_view literal : kLiterals)
      if (matchesAt(word, i, literal)) return literal.size();
  size_t end = i + 1;
  if (isLetter(c)) {
    while (end < word.size() && isLetter(word[end])) ++end;
  } else if (isNumber(c)) {
    // one digit per piece
  } else if (c == kUnmatched) {
    return 0;
  } else {
    while (end < word.size() && !isLetter(word[end]) && !isNumber(word[end]) && word[end] != kUnmatched) ++end;
  }
  return end - i;
}

}  // namespace

struct ClipTokenizer::Impl {
  SymbolTable symbols;            // byte-level strings: vocabulary entries, then other merge parts
  std::vector<int64_t> symbolId;  // vocabulary id; unk for strings the vocabulary lacks
  MergeTable merges;
  std::array<int32_t, 256> byteSymbol{}, byteEndSymbol{};  // one byte; one byte + "</w>"
  int32_t startOfTextSymbol = -1, endOfTextSymbol = -1;    // CLIPTokenizer's pre-seeded cache entries
  SpecialTokenSplitter splitter;
  std::vector<int32_t> specialSymbols;  // per splitter.contents()
  int64_t bos = 0, eos = 0, pad = 0, vocabSize = 0;

  mutable std::mutex cacheMutex;
  mutable std::unordered_map<std::string, std::vector<int32_t>> cache;  // UTF-8 piece -> symbols

  std::vector<int32_t> bpe(const std::string& piece) const;
  void appendPiece(const std::string& piece, std::vector<int32_t>& out) const;
  std::vector<int32_t> symbolize(std::string_view text) const;
};

std::vector<int32_t> ClipTokenizer::Impl::bpe(const std::string& piece) const {
  if (piece == "<|startoftext|>") return {startOfTextSymbol};
  if (piece == "<|endoftext|>") return {endOfTextSymbol};
  std::vector<int32_t> word(piece.size());
  for (size_t i = 0; i < piece.size(); ++i) {
    const auto byte = static_cast<unsigned char>(piece[i]);
    word[i] = i + 1 == piece.size() ? byteEndSymbol[byte] : byteSymbol[byte];
  }
  std::vector<int32_t> merged;
  while (word.size() > 1) {
    const MergeTable::Merge* best = nullptr;
    int32_t first = 0, second = 0;
    for (size_t i = 0; i + 1 < word.size(); ++i) {
      const MergeTable::Merge* merge = merges.find(word[i], word[i + 1]);
      if (merge && (!best || merge->rank < best->rank)) {
        best = merge;
        first = word[i];
        second = word[i + 1];
      }
    }
    if (!best) break;
    // Merge every occurrence of the lowest-ranked pair, left to right.
    merged.clear();
    for (size_t i = 0; i < word.size(); ++i) {
      if (word[i] == first && i + 1 < word.size() && word[i + 1] == second) {
        merged.push_back(best->merged);
        ++i;
      } else {
        merged.push_back(word[i]);
      }
    }
    word.swap(merged);
  }
  return word;
}

void ClipTokenizer::Impl::appendPiece(const std::string& piece, std::vector<int32_t>& out) const {
  {
    std::lock_guard<std::mutex> lock(cacheMutex);
    const auto it = cache.find(piece);
    if (it != cache.end()) {
      out.insert(out.end(), it->second.begin(), it->second.end());
      return;
    }
  }
  std::vector<int32_t> symbols = bpe(piece);
  out.insert(out.end(), symbols.begin(), symbols.end());
  std::lock_guard<std::mutex> lock(cacheMutex);
  if (cache.size() >= kCacheLimit) cache.clear();
  cache.emplace(piece, std::move(symbols));
}

std::vector<int32_t> ClipTokenizer::Impl::symbolize(std::string_view text) const {
  std::vector<int32_t> out;
  std::u32string cleaned, lowered;
  std::string piece;
  for (const SpecialTokenSplitter::Chunk& chunk : splitter.split(text)) {
    if (chunk.special >= 0) {
      out.push_back(specialSymbols[static_cast<size_t>(chunk.special)]);
      continue;
    }
    basicClean(chunk.text, cleaned);
    for (size_t begin = 0; begin < cleaned.size();) {
      size_t end = begin;
      while (end < cleaned.size() && cleaned[end] != U' ') ++end;
      pythonLower(cleaned.data() + begin, end - begin, lowered);
      for (size_t i = 0; i < lowered.size();) {
        const size_t length = pieceLength(lowered, i);
        if (length == 0) {
          ++i;
          continue;
        }
        piece.clear();
        for (size_t k = i; k < i + length; ++k) utf8::append(piece, lowered[k]);
        appendPiece(piece, out);
        i += length;
      }
      begin = end + 1;
    }
  }
  return out;
}

std::unique_ptr<ClipTokenizer> ClipTokenizer::fromFolder(const QString& dir) {
  const QDir folder(dir);
  const QString vocabPath = folder.filePath(QStringLiteral("vocab.json"));
  const QString mergesPath = folder.filePath(QStringLiteral("merges.txt"));
  auto impl = std::make_unique<Impl>();
  SymbolTable& symbols = impl->symbols;
  const auto intern = [&](std::string_view head, std::string_view tail = {}) {
    const int32_t symbol = symbols.intern(head, tail);
    if (static_cast<size_t>(symbol) == impl->symbolId.size()) impl->symbolId.push_back(-1);  // unk, set below
    return symbol;
  };

  // Vocabulary entries become the first symbols.
  const size_t entries =
      VocabParser(readFile(vocabPath, "a CLIP tokenizer folder needs vocab.json"), vocabPath)
          .parse([&](std::string_view token, int64_t id) {
            impl->symbolId[static_cast<size_t>(intern(token))] = id;
            impl->vocabSize = std::max(impl->vocabSize, id + 1);
          });
  if (entries == 0) fail(vocabPath, "the vocabulary is empty");

  const std::array<char32_t, 256> alphabet = byteAlphabet();
  for (size_t b = 0; b < 256; ++b) {
    std::string symbol;
    utf8::append(symbol, alphabet[b]);
    impl->byteSymbol[b] = intern(symbol);
    impl->byteEndSymbol[b] = intern(symbol, "</w>");
  }
  impl->startOfTextSymbol = intern("<|startoftext|>");
  impl->endOfTextSymbol = intern("<|endoftext|>");

  // merges.txt as Python reads it: universal newlines, strip(), split("\n"), skip line 0.
  std::string merges = readFile(mergesPath, "a CLIP tokenizer folder needs merges.txt").toStdString();
  size_t kept = 0;
  for (size_t i = 0; i < merges.size(); ++i) {
    merges[kept++] = merges[i] == '\r' ? '\n' : merges[i];
    if (merges[i] == '\r' && i + 1 < merges.size() && merges[i + 1] == '\n') ++i;
  }
  merges.resize(kept);
  const std::string_view lines = utf8::rstripPython(utf8::lstripPython(merges));
  std::vector<std::string_view> parts;
  impl->merges.reserve(kMergeLines);
  size_t lineBegin = 0;
  for (size_t line = 0; line < kMergeLines && lineBegin <= lines.size(); ++line) {
    size_t lineEnd = lines.find('\n', lineBegin);
    if (lineEnd == std::string_view::npos) lineEnd = lines.size();
    if (line > 0) {
      splitPython(lines.substr(lineBegin, lineEnd - lineBegin), parts);
      if (parts.size() == 2)  // other lines can never match a pair, as in bpe_ranks
        impl->merges.set(intern(parts[0]), intern(parts[1]),
                         {static_cast<int32_t>(line - 1), intern(parts[0], parts[1])});
    }
    lineBegin = lineEnd + 1;
  }

  // Special tokens: every one must be a vocabulary entry.
  const SpecialTokens specials = SpecialTokens::fromFolder(
      dir, {{"bos_token", "<|startoftext|>"}, {"eos_token", "<|endoftext|>"}, {"unk_token", "<|endoftext|>"},
            {"pad_token", "<|endoftext|>"}});
  const auto vocabSymbol = [&](const std::string& content, const std::string& what) {
    const int32_t symbol = symbols.find(content);
    if (symbol < 0 || impl->symbolId[static_cast<size_t>(symbol)] < 0)
      fail(dir, what + " '" + content +
                    "' is not in vocab.json (the reference would give it a new id past the text encoder's "
                    "embedding table)");
    return symbol;
  };
  const auto required = [&](const char* attribute) {
    const auto token = specials.get(attribute);
    if (!token)
      fail(dir, std::string("no ") + attribute + " is set (tokenizer_config.json / special_tokens_map.json)");
    return impl->symbolId[static_cast<size_t>(vocabSymbol(token->content, attribute))];
  };
  impl->bos = required("bos_token");
  impl->eos = required("eos_token");
  impl->pad = required("pad_token");
  const int64_t unk = required("unk_token");
  for (int64_t& id : impl->symbolId)
    if (id < 0) id = unk;

  impl->splitter = SpecialTokenSplitter(specials.all());
  for (const std::string& content : impl->splitter.contents())
    impl->specialSymbols.push_back(vocabSymbol(content, "special token"));
  const int maxLength = specials.modelMaxLength(77);
  return std::unique_ptr<ClipTokenizer>(new ClipTokenizer(std::move(impl), maxLength));
}

ClipTokenizer::ClipTokenizer(std::unique_ptr<Impl> impl, int modelMaxLength)
    : Tokenizer(modelMaxLength), impl_(std::move(impl)) {}

ClipTokenizer::~ClipTokenizer() = default;

std::vector<int64_t> ClipTokenizer::textIds(const std::string& utf8Text) const {
  const std::vector<int32_t> symbols = impl_->symbolize(utf8Text);
  std::vector<int64_t> ids;
  ids.reserve(symbols.size());
  for (const int32_t symbol : symbols) ids.push_back(impl_->symbolId[static_cast<size_t>(symbol)]);
  return ids;
}

std::vector<std::string> ClipTokenizer::tokenize(const std::string& utf8Text) const {
  std::vector<std::string> pieces;
  for (const int32_t symbol : impl_->symbolize(utf8Text)) pieces.emplace_back(impl_->symbols.text(symbol));
  return pieces;
}

std::vector<int64_t> ClipTokenizer::withSpecialTokens(std::vector<int64_t> ids) const {
  ids.insert(ids.begin(), impl_->bos);
  ids.push_back(impl_->eos);
  return ids;
}

int64_t ClipTokenizer::padId() const { return impl_->pad; }
int64_t ClipTokenizer::eosId() const { return impl_->eos; }
int64_t ClipTokenizer::bosId() const { return impl_->bos; }
int64_t ClipTokenizer::vocabSize() const { return impl_->vocabSize; }

}  // namespace fan
