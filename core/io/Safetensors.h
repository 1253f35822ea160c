// Memory-mapped safetensors reading with full header validation. Never executes anything
// from the file. Every error names the file (and tensor, where there is one).
#pragma once

#include <QString>

#include <torch/types.h>

#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace fan {

// Thrown for any unreadable or invalid model file/folder; what() names file and field.
class LoadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct TensorInfo {
  std::string name;
  std::string dtype;              // "F32", "F16", "BF16", "I64", "I32", "BOOL", ...
  std::vector<int64_t> shape;
  uint64_t begin = 0, end = 0;    // byte range inside the data section
};

class SafetensorsFile {
 public:
  explicit SafetensorsFile(const QString& path);  // maps and validates; throws LoadError
  ~SafetensorsFile();
  SafetensorsFile(const SafetensorsFile&) = delete;
  SafetensorsFile& operator=(const SafetensorsFile&) = delete;

  const QString& path() const;
  const std::vector<TensorInfo>& tensors() const;  // in header order
  const TensorInfo* find(const std::string& name) const;
  const std::map<std::string, std::string>& metadata() const;  // "__metadata__"
  std::string_view headerJson() const;  // the raw JSON header bytes (valid while this object lives)
  // A tensor's raw little-endian bytes inside the mapping (valid while this object lives).
  std::string_view tensorBytes(const TensorInfo& info) const;
  uint64_t fileSize() const;

  // A CPU tensor over the mapping when dtype and alignment allow (it keeps the mapping
  // alive), else a copy. Throws LoadError for unknown names or unsupported dtypes.
  torch::Tensor tensor(const std::string& name) const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

// name -> tensor, as a model's loader consumes it.
using WeightMap = std::map<std::string, torch::Tensor>;

// Loads every tensor of one file.
WeightMap loadSafetensors(const QString& path);

// Writes `weights` as a safetensors file (names in map order, contiguous data, header padded
// so the data section is 8-byte aligned), atomically: a temporary file renamed into place.
// Throws std::runtime_error naming the file on I/O errors or an unsupported dtype.
void saveSafetensors(const QString& path, const WeightMap& weights,
                     const std::map<std::string, std::string>& metadata = {});

}  // namespace fan
