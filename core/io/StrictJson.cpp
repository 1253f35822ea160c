#include "core/io/StrictJson.h"

#include "core/text/Utf8.h"

#include <unordered_set>

namespace fan {

StrictJsonError::StrictJsonError(size_t at, const std::string& what)
    : std::runtime_error("at byte " + std::to_string(at) + ": " + what), offset(at) {}

const char* StrictJsonValue::typeName() const {
  switch (type) {
    case Type::Null: return "null";
    case Type::Bool: return "a boolean";
    case Type::Number: return "a number";
    case Type::String: return "a string";
    case Type::Array: return "an array";
    case Type::Object: return "an object";
  }
  return "?";
}

std::optional<uint64_t> StrictJsonValue::asUnsigned() const {
  if (type != Type::Number || text.empty() || text.size() > 20) return std::nullopt;
  uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    const uint64_t digit = static_cast<uint64_t>(c - '0');
    if (value > (UINT64_MAX - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  return value;
}

const StrictJsonValue* StrictJsonValue::member(std::string_view key) const {
  for (const auto& [name, value] : members)
    if (name == key) return &value;
  return nullptr;
}

namespace {

class Parser {
 public:
  Parser(std::string_view text, int maxDepth) : s_(text), maxDepth_(maxDepth) {}

  StrictJsonValue document() {
    StrictJsonValue v = value(0);
    skipSpace();
    if (pos_ != s_.size()) fail("unexpected data after the JSON value");
    return v;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const { throw StrictJsonError(pos_, what); }

  void skipSpace() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) ++pos_;
  }

  char peek() {
    if (pos_ >= s_.size()) fail("unexpected end of text");
    return s_[pos_];
  }

  void expect(char c) {
    if (peek() != c) fail(std::string("expected '") + c + "'");
    ++pos_;
  }

  StrictJsonValue value(int depth) {
    if (depth > maxDepth_) fail("nesting deeper than " + std::to_string(maxDepth_) + " levels");
    skipSpace();
    StrictJsonValue v;
    switch (peek()) {
      case '{': object(v, depth); break;
      case '[': array(v, depth); break;
      case '"': v.type = StrictJsonValue::Type::String; v.text = string(); break;
      case 't': literal("true"); v.type = StrictJsonValue::Type::Bool; v.boolean = true; break;
      case 'f': literal("false"); v.type = StrictJsonValue::Type::Bool; break;
      case 'n': literal("null"); break;
      default: v.type = StrictJsonValue::Type::Number; v.text = number(); break;
    }
    return v;
  }

  void literal(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word) fail("invalid literal");
    pos_ += word.size();
  }

  void object(StrictJsonValue& v, int depth) {
    v.type = StrictJsonValue::Type::Object;
    expect('{');
    skipSpace();
    if (peek() == '}') { ++pos_; return; }
    std::unordered_set<std::string> seen;
    for (;;) {
      skipSpace();
      const size_t keyAt = pos_;
      if (peek() != '"') fail("expected a string key");
      std::string key = string();
      if (!seen.insert(key).second) throw StrictJsonError(keyAt, "duplicate key '" + key + "'");
      skipSpace();
      expect(':');
      StrictJsonValue member = value(depth + 1);
      v.members.emplace_back(std::move(key), std::move(member));
      skipSpace();
      if (peek() == ',') { ++pos_; continue; }
      expect('}');
      return;
    }
  }

  void array(StrictJsonValue& v, int depth) {
    v.type = StrictJsonValue::Type::Array;
    expect('[');
    skipSpace();
    if (peek() == ']') { ++pos_; return; }
    for (;;) {
      v.items.push_back(value(depth + 1));
      skipSpace();
      if (peek() == ',') { ++pos_; continue; }
      expect(']');
      return;
    }
  }

  // JSON number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?  (kept as text)
  std::string number() {
    const size_t start = pos_;
    auto digits = [&] {
      const size_t from = pos_;
      while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') ++pos_;
      if (pos_ == from) fail("invalid number");
    };
    if (pos_ < s_.size() && s_[pos_] == '-') ++pos_;
    if (pos_ < s_.size() && s_[pos_] == '0') ++pos_;
    else digits();
    if (pos_ < s_.size() && s_[pos_] == '.') { ++pos_; digits(); }
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
      digits();
    }
    return std::string(s_.substr(start, pos_ - start));
  }

  unsigned hex4() {
    if (pos_ + 4 > s_.size()) fail("truncated \\u escape");
    unsigned code = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = s_[pos_++];
      code <<= 4;
      if (c >= '0' && c <= '9') code |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f') code |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') code |= static_cast<unsigned>(c - 'A' + 10);
      else fail("invalid \\u escape");
    }
    return code;
  }

  void escape(std::string& out) {
    const char c = peek();
    ++pos_;
    switch (c) {
      case '"': out += '"'; return;
      case '\\': out += '\\'; return;
      case '/': out += '/'; return;
      case 'b': out += '\b'; return;
      case 'f': out += '\f'; return;
      case 'n': out += '\n'; return;
      case 'r': out += '\r'; return;
      case 't': out += '\t'; return;
      case 'u': break;
      default: --pos_; fail("invalid escape sequence");
    }
    unsigned cp = hex4();
    if (cp >= 0xDC00 && cp <= 0xDFFF) fail("unpaired UTF-16 surrogate in \\u escape");
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      if (s_.substr(pos_, 2) != "\\u") fail("unpaired UTF-16 surrogate in \\u escape");
      pos_ += 2;
      const unsigned low = hex4();
      if (low < 0xDC00 || low > 0xDFFF) fail("unpaired UTF-16 surrogate in \\u escape");
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    utf8::append(out, static_cast<char32_t>(cp));
  }

  // Copies one well-formed UTF-8 sequence (no overlongs, surrogates or code points > U+10FFFF).
  void utf8(std::string& out) {
    const auto b0 = static_cast<unsigned char>(s_[pos_]);
    size_t len = 0;
    unsigned cp = 0, min = 0;
    if (b0 >= 0xC2 && b0 <= 0xDF) { len = 2; cp = b0 & 0x1F; min = 0x80; }
    else if (b0 >= 0xE0 && b0 <= 0xEF) { len = 3; cp = b0 & 0x0F; min = 0x800; }
    else if (b0 >= 0xF0 && b0 <= 0xF4) { len = 4; cp = b0 & 0x07; min = 0x10000; }
    else fail("invalid UTF-8 in string");
    if (pos_ + len > s_.size()) fail("truncated UTF-8 sequence in string");
    for (size_t i = 1; i < len; ++i) {
      const auto b = static_cast<unsigned char>(s_[pos_ + i]);
      if ((b & 0xC0) != 0x80) fail("invalid UTF-8 in string");
      cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) fail("invalid UTF-8 in string");
    out.append(s_.substr(pos_, len));
    pos_ += len;
  }

  std::string string() {
    expect('"');
    std::string out;
    for (;;) {
      const auto c = static_cast<unsigned char>(peek());
      if (c == '"') { ++pos_; return out; }
      if (c < 0x20) fail("control character in string");
      if (c == '\\') { ++pos_; escape(out); }
      else if (c < 0x80) { out += static_cast<char>(c); ++pos_; }
      else utf8(out);
    }
  }

  std::string_view s_;
  size_t pos_ = 0;
  int maxDepth_;
};

}  // namespace

StrictJsonValue parseStrictJson(std::string_view text, int maxDepth) { return Parser(text, maxDepth).document(); }

}  // namespace fan
