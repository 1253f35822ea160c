// A small strict JSON (RFC 8259) parser for untrusted model-file headers. Unlike QJsonDocument
// it rejects duplicate object keys (a safetensors header naming one tensor twice is invalid,
// not "last one wins"), keeps member order and keeps number literals exact (64-bit offsets).
// Torch-free.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fan {

struct StrictJsonValue {
  enum class Type { Null, Bool, Number, String, Array, Object };
  Type type = Type::Null;
  bool boolean = false;
  std::string text;  // the decoded string, or a number's literal as written
  std::vector<StrictJsonValue> items;                              // Array
  std::vector<std::pair<std::string, StrictJsonValue>> members;    // Object, in document order

  const char* typeName() const;
  // The value when this is a number written as a plain non-negative integer ("12", not "-1",
  // "1.0" or "1e3") that fits in 64 bits.
  std::optional<uint64_t> asUnsigned() const;
  const StrictJsonValue* member(std::string_view key) const;  // nullptr when absent
};

// Thrown for malformed text: `offset` is the byte where parsing stopped.
class StrictJsonError : public std::runtime_error {
 public:
  StrictJsonError(size_t offset, const std::string& what);
  size_t offset;
};

// Parses one JSON value; only whitespace may follow it. Nesting deeper than `maxDepth` is an
// error (keeps hostile input from exhausting the stack).
StrictJsonValue parseStrictJson(std::string_view text, int maxDepth = 64);

}  // namespace fan
