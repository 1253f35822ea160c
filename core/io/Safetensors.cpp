// Safetensors layout: 8-byte little-endian header length N, N bytes of JSON
// {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__": {str: str}}, then the data
// section; offsets are relative to its start. Everything in the header is treated as hostile.
#include "core/io/Safetensors.h"

#include "core/io/StrictJson.h"

#include <QFile>
#include <QSaveFile>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <optional>
#include <sstream>
#include <unordered_map>

namespace fan {

namespace {

constexpr uint64_t kMaxHeaderBytes = 100ull * 1000 * 1000;  // real headers are < 1 MB

struct Dtype {
  const char* name;
  uint64_t size;
  std::optional<torch::ScalarType> scalar;  // nullopt: valid safetensors dtype LibTorch cannot hold
};

// Every dtype of the safetensors format (sizes are needed to validate any file).
const Dtype kDtypes[] = {
    {"F32", 4, torch::kFloat},   {"F16", 2, torch::kHalf},     {"BF16", 2, torch::kBFloat16},
    {"F64", 8, torch::kDouble},  {"I64", 8, torch::kLong},     {"I32", 4, torch::kInt},
    {"I16", 2, torch::kShort},   {"I8", 1, torch::kChar},      {"U8", 1, torch::kByte},
    {"BOOL", 1, torch::kBool},   {"U16", 2, std::nullopt},     {"U32", 4, std::nullopt},
    {"U64", 8, std::nullopt},    {"F8_E4M3", 1, std::nullopt}, {"F8_E5M2", 1, std::nullopt},
};

const Dtype* findDtype(const std::string& name) {
  for (const Dtype& d : kDtypes)
    if (name == d.name) return &d;
  return nullptr;
}

std::string dtypeList(bool loadableOnly) {
  std::string out;
  for (const Dtype& d : kDtypes) {
    if (loadableOnly && !d.scalar) continue;
    out += (out.empty() ? "" : ", ") + std::string(d.name);
  }
  return out;
}

std::string shapeText(const std::vector<int64_t>& shape) {
  std::ostringstream s;
  s << '[';
  for (size_t i = 0; i < shape.size(); ++i) s << (i ? ", " : "") << shape[i];
  s << ']';
  return s.str();
}

std::string jsonString(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
      out += escaped;
    } else {
      out += c;
    }
  }
  return out + '"';
}

std::string rangeText(uint64_t begin, uint64_t end) {
  return "[" + std::to_string(begin) + ", " + std::to_string(end) + "]";
}

}  // namespace

struct SafetensorsFile::Impl {
  QString path;
  QFile file;             // owns the mapping (unmapped when closed)
  uint8_t* base = nullptr;  // MAP_PRIVATE, read+write: writes through a tensor are copy-on-write
  uint64_t size = 0;
  uint64_t headerLength = 0;
  std::vector<TensorInfo> tensors;
  std::unordered_map<std::string, size_t> byName;
  std::map<std::string, std::string> metadata;

  uint8_t* data() const { return base + 8 + headerLength; }
  uint64_t dataSize() const { return size - 8 - headerLength; }

  [[noreturn]] void fail(const std::string& what) const { throw LoadError(path.toStdString() + ": " + what); }
  [[noreturn]] void failTensor(const std::string& name, const std::string& what) const {
    fail("tensor '" + name + "': " + what);
  }

  void map();
  void readHeaderLength();
  void parseHeader();
  void parseMetadata(const StrictJsonValue& value);
  TensorInfo parseEntry(const std::string& name, const StrictJsonValue& entry) const;
  const StrictJsonValue& field(const std::string& name, const StrictJsonValue& entry, const char* key,
                               StrictJsonValue::Type type, const char* expected) const;
  void checkNoOverlap() const;
};

void SafetensorsFile::Impl::map() {
  file.setFileName(path);
  if (!file.open(QIODevice::ReadOnly)) fail("cannot open (" + file.errorString().toStdString() + ")");
  const qint64 fileSize = file.size();
  if (fileSize == 0) fail("file is empty (0 bytes), not a safetensors file");
  if (fileSize < 8)
    fail("file is " + std::to_string(fileSize) + " bytes, too short for a safetensors header (at least 8)");
  size = static_cast<uint64_t>(fileSize);
  base = file.map(0, fileSize, QFileDevice::MapPrivateOption);
  if (!base) fail("cannot memory-map (" + file.errorString().toStdString() + ")");
}

void SafetensorsFile::Impl::readHeaderLength() {
  for (int i = 7; i >= 0; --i) headerLength = (headerLength << 8) | base[i];  // little-endian
  if (headerLength > size - 8)
    fail("header length " + std::to_string(headerLength) + " bytes runs past the end of the file (" +
         std::to_string(size) + " bytes): truncated or not a safetensors file");
  if (headerLength > kMaxHeaderBytes)
    fail("header length " + std::to_string(headerLength) + " bytes exceeds the limit of " +
         std::to_string(kMaxHeaderBytes) + " bytes");
}

void SafetensorsFile::Impl::parseHeader() {
  StrictJsonValue root;
  try {
    root = parseStrictJson(std::string_view(reinterpret_cast<const char*>(base + 8), headerLength));
  } catch (const StrictJsonError& e) {
    fail(std::string("invalid JSON header: ") + e.what());
  }
  if (root.type != StrictJsonValue::Type::Object)
    fail(std::string("header is ") + root.typeName() + ", expected a JSON object");
  for (const auto& [name, value] : root.members) {
    if (name == "__metadata__") {
      parseMetadata(value);
      continue;
    }
    byName.emplace(name, tensors.size());
    tensors.push_back(parseEntry(name, value));
  }
  checkNoOverlap();
}

void SafetensorsFile::Impl::parseMetadata(const StrictJsonValue& value) {
  if (value.type != StrictJsonValue::Type::Object)
    fail(std::string("'__metadata__' is ") + value.typeName() + ", expected an object of strings");
  for (const auto& [key, item] : value.members) {
    if (item.type != StrictJsonValue::Type::String)
      fail("'__metadata__' entry '" + key + "' is " + item.typeName() + ", expected a string");
    metadata.emplace(key, item.text);
  }
}

const StrictJsonValue& SafetensorsFile::Impl::field(const std::string& name, const StrictJsonValue& entry,
                                                    const char* key, StrictJsonValue::Type type,
                                                    const char* expected) const {
  const StrictJsonValue* v = entry.member(key);
  if (!v) failTensor(name, std::string("missing '") + key + "' (expected " + expected + ")");
  if (v->type != type) failTensor(name, std::string("'") + key + "' is " + v->typeName() + ", expected " + expected);
  return *v;
}

TensorInfo SafetensorsFile::Impl::parseEntry(const std::string& name, const StrictJsonValue& entry) const {
  if (entry.type != StrictJsonValue::Type::Object)
    failTensor(name, std::string("entry is ") + entry.typeName() + ", expected an object with dtype, shape, data_offsets");
  TensorInfo info;
  info.name = name;
  info.dtype = field(name, entry, "dtype", StrictJsonValue::Type::String, "a string").text;
  const Dtype* dtype = findDtype(info.dtype);
  if (!dtype) failTensor(name, "unknown dtype '" + info.dtype + "' (known: " + dtypeList(false) + ")");

  const StrictJsonValue& shape = field(name, entry, "shape", StrictJsonValue::Type::Array, "a list of integers");
  uint64_t numel = 1;
  bool overflow = false;
  for (size_t i = 0; i < shape.items.size(); ++i) {
    const std::optional<uint64_t> dim = shape.items[i].asUnsigned();
    if (!dim || *dim > static_cast<uint64_t>(INT64_MAX))
      failTensor(name, "shape[" + std::to_string(i) + "] = " +
                           (shape.items[i].type == StrictJsonValue::Type::Number ? shape.items[i].text
                                                                                 : shape.items[i].typeName()) +
                           " is not a non-negative integer");
    info.shape.push_back(static_cast<int64_t>(*dim));
    if (*dim != 0 && numel > UINT64_MAX / *dim) overflow = true;
    numel *= *dim;
  }
  const bool hasZeroDim = std::find(info.shape.begin(), info.shape.end(), 0) != info.shape.end();
  if (hasZeroDim) numel = 0, overflow = false;
  if (overflow || numel > static_cast<uint64_t>(INT64_MAX) / dtype->size)
    failTensor(name, "shape " + shapeText(info.shape) + " is absurdly large (element count overflows)");
  const uint64_t bytes = numel * dtype->size;

  const StrictJsonValue& offsets =
      field(name, entry, "data_offsets", StrictJsonValue::Type::Array, "[begin, end]");
  const std::optional<uint64_t> begin = offsets.items.size() == 2 ? offsets.items[0].asUnsigned() : std::nullopt;
  const std::optional<uint64_t> end = offsets.items.size() == 2 ? offsets.items[1].asUnsigned() : std::nullopt;
  if (!begin || !end) failTensor(name, "'data_offsets' must be [begin, end] with two non-negative integers");
  info.begin = *begin;
  info.end = *end;
  if (info.begin > info.end) failTensor(name, "data_offsets " + rangeText(info.begin, info.end) + ": begin is after end");
  if (info.end > dataSize())
    failTensor(name, "data_offsets " + rangeText(info.begin, info.end) + " run past the end of the data section (" +
                         std::to_string(dataSize()) + " bytes): truncated file?");
  if (info.end - info.begin != bytes)
    failTensor(name, "data_offsets " + rangeText(info.begin, info.end) + " hold " +
                         std::to_string(info.end - info.begin) + " bytes but dtype " + info.dtype + " with shape " +
                         shapeText(info.shape) + " needs " + std::to_string(bytes));
  return info;
}

// Tensors must not share bytes (gaps are tolerated; empty tensors occupy nothing).
void SafetensorsFile::Impl::checkNoOverlap() const {
  std::vector<const TensorInfo*> sorted;
  for (const TensorInfo& t : tensors)
    if (t.begin != t.end) sorted.push_back(&t);
  std::sort(sorted.begin(), sorted.end(), [](const TensorInfo* a, const TensorInfo* b) { return a->begin < b->begin; });
  for (size_t i = 1; i < sorted.size(); ++i) {
    const TensorInfo& prev = *sorted[i - 1];
    const TensorInfo& cur = *sorted[i];
    if (cur.begin < prev.end)
      fail("tensors '" + prev.name + "' " + rangeText(prev.begin, prev.end) + " and '" + cur.name + "' " +
           rangeText(cur.begin, cur.end) + " overlap");
  }
}

SafetensorsFile::SafetensorsFile(const QString& path) : impl_(std::make_shared<Impl>()) {
  impl_->path = path;
  impl_->map();
  impl_->readHeaderLength();
  impl_->parseHeader();
}

SafetensorsFile::~SafetensorsFile() = default;

const QString& SafetensorsFile::path() const { return impl_->path; }
const std::vector<TensorInfo>& SafetensorsFile::tensors() const { return impl_->tensors; }
const std::map<std::string, std::string>& SafetensorsFile::metadata() const { return impl_->metadata; }
uint64_t SafetensorsFile::fileSize() const { return impl_->size; }

std::string_view SafetensorsFile::headerJson() const {
  return {reinterpret_cast<const char*>(impl_->base + 8), impl_->headerLength};
}

std::string_view SafetensorsFile::tensorBytes(const TensorInfo& info) const {
  return {reinterpret_cast<const char*>(impl_->data() + info.begin), info.end - info.begin};
}

const TensorInfo* SafetensorsFile::find(const std::string& name) const {
  const auto it = impl_->byName.find(name);
  return it == impl_->byName.end() ? nullptr : &impl_->tensors[it->second];
}

torch::Tensor SafetensorsFile::tensor(const std::string& name) const {
  const TensorInfo* info = find(name);
  if (!info) impl_->fail("no tensor named '" + name + "'");
  const Dtype& dtype = *findDtype(info->dtype);
  if (!dtype.scalar)
    impl_->failTensor(name, "dtype " + info->dtype + " cannot be loaded (supported: " + dtypeList(true) + ")");
  const auto options = torch::TensorOptions().dtype(*dtype.scalar);
  uint8_t* src = impl_->data() + info->begin;
  const uint64_t bytes = info->end - info->begin;
  if (*dtype.scalar == torch::kBool) {
    // Any byte but 0/1 would be undefined behaviour in a bool tensor.
    const auto* bad = std::find_if(src, src + bytes, [](uint8_t b) { return b > 1; });
    if (bad != src + bytes)
      impl_->failTensor(name, "BOOL element " + std::to_string(bad - src) + " has byte value " +
                                  std::to_string(*bad) + ", expected 0 or 1");
  }
  if (bytes == 0) return torch::empty(info->shape, options);
  // The data section often starts at an offset that is no multiple of the element size (some
  // published SD checkpoints): such tensors are copied, aligned ones are views of the mapping.
  if (reinterpret_cast<uintptr_t>(src) % dtype.size != 0) {
    torch::Tensor copy = torch::empty(info->shape, options);
    std::memcpy(copy.data_ptr(), src, bytes);
    return copy;
  }
  std::shared_ptr<Impl> keepMapped = impl_;
  return torch::from_blob(src, info->shape, [keepMapped](void*) {}, options);
}

WeightMap loadSafetensors(const QString& path) {
  const SafetensorsFile file(path);
  WeightMap weights;
  for (const TensorInfo& info : file.tensors()) weights.emplace(info.name, file.tensor(info.name));
  return weights;
}

void saveSafetensors(const QString& path, const WeightMap& weights, const std::map<std::string, std::string>& metadata) {
  std::string header = "{";
  if (!metadata.empty()) {
    header += "\"__metadata__\":{";
    for (const auto& [key, value] : metadata)
      header += (header.back() == '{' ? "" : ",") + jsonString(key) + ":" + jsonString(value);
    header += "}";
  }
  std::vector<torch::Tensor> data;
  uint64_t offset = 0;
  for (const auto& [name, tensor] : weights) {
    const Dtype* dtype = nullptr;
    for (const Dtype& d : kDtypes)
      if (d.scalar && *d.scalar == tensor.scalar_type()) dtype = &d;
    if (!dtype)
      throw std::runtime_error(path.toStdString() + ": tensor '" + name + "' has a dtype safetensors cannot store");
    data.push_back(tensor.contiguous().cpu());
    const uint64_t bytes = static_cast<uint64_t>(data.back().nbytes());
    header += (header.size() > 1 ? "," : "") + jsonString(name) + ":{\"dtype\":\"" + dtype->name +
              "\",\"shape\":" + shapeText(tensor.sizes().vec()) + ",\"data_offsets\":" +
              rangeText(offset, offset + bytes) + "}";
    offset += bytes;
  }
  header += "}";
  while (header.size() % 8) header += ' ';  // 8 + header stays a multiple of 8

  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly))
    throw std::runtime_error(path.toStdString() + ": cannot write (" + file.errorString().toStdString() + ")");
  char length[8];
  for (int i = 0; i < 8; ++i) length[i] = static_cast<char>((header.size() >> (8 * i)) & 0xFF);
  file.write(length, 8);
  file.write(header.data(), static_cast<qint64>(header.size()));
  for (const torch::Tensor& t : data) file.write(static_cast<const char*>(t.data_ptr()), static_cast<qint64>(t.nbytes()));
  if (!file.commit())
    throw std::runtime_error(path.toStdString() + ": cannot write (" + file.errorString().toStdString() + ")");
}

}  // namespace fan
