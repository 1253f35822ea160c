// Reading a component's config.json into a plain struct: typed getters that fall back to the
// reference library's default when a key is missing and name file + key + expectation when a
// value has the wrong type. Torch-free.
#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>
#include <string>
#include <vector>

namespace fan {

class JsonConfig {
 public:
  // Reads and parses `path`; throws LoadError naming the file on I/O or JSON errors.
  static JsonConfig fromFile(const QString& path);
  JsonConfig(QJsonObject object, QString file);

  const QString& file() const { return file_; }
  const QJsonObject& object() const { return object_; }
  bool has(const char* key) const;  // present and not null

  // Required keys throw LoadError("<file>: missing key 'k' (expected ...)") when absent.
  int64_t requiredInt(const char* key) const;
  std::string requiredString(const char* key) const;

  int64_t getInt(const char* key, int64_t fallback) const;
  double getDouble(const char* key, double fallback) const;
  bool getBool(const char* key, bool fallback) const;
  std::string getString(const char* key, const std::string& fallback) const;
  std::optional<std::string> optionalString(const char* key) const;
  std::vector<int64_t> getIntList(const char* key, const std::vector<int64_t>& fallback) const;
  std::vector<std::string> getStringList(const char* key, const std::vector<std::string>& fallback) const;
  // A key that may be an int or a list of ints (e.g. attention_head_dim): a single int is
  // repeated `count` times; a list must have exactly `count` entries.
  std::vector<int64_t> getIntOrList(const char* key, int64_t fallback, size_t count) const;

  // Throws LoadError("<file>: 'key' = value is not supported; supported: a, b, c").
  [[noreturn]] void unsupported(const char* key, const QString& value, const QStringList& supported) const;

 private:
  QJsonValue value(const char* key) const;
  [[noreturn]] void wrongType(const char* key, const char* expected) const;
  QJsonObject object_;
  QString file_;
};

}  // namespace fan
