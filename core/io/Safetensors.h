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

}  // namespace fan
