#include "core/io/JsonConfig.h"

#include "core/io/Safetensors.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>
#include <limits>

namespace fan {
namespace {

// Python's json module writes float('inf') and float('nan') as the bare words Infinity,
// -Infinity and NaN (diffusers saves lambda_min_clipped = -Infinity this way), which strict JSON
// parsers reject. Outside strings they become marked strings that getDouble() turns back into
// numbers (no real config value starts with U+0001).
constexpr char16_t kNonFiniteMarker = 0x0001;

QByteArray quotePythonNonFinite(const QByteArray& text) {
  QByteArray out;
  out.reserve(text.size());
  bool inString = false;
  for (qsizetype i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (inString) {
      out += c;
      if (c == '\\' && i + 1 < text.size()) out += text[++i];
      else if (c == '"') inString = false;
      continue;
    }
    if (c == '"') inString = true;
    bool replaced = false;
    for (const char* word : {"-Infinity", "Infinity", "NaN"}) {
      const qsizetype n = qstrlen(word);
      if (text.mid(i, n) != word) continue;
      out += "\"\\u0001";
      out += word;
      out += '"';
      i += n - 1;
      replaced = true;
      break;
    }
    if (!replaced) out += c;
  }
  return out;
}

}  // namespace

JsonConfig JsonConfig::fromFile(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly))
    throw LoadError(path.toStdString() + ": cannot open (" + file.errorString().toStdString() + ")");
  QJsonParseError error{};
  const QJsonDocument doc = QJsonDocument::fromJson(quotePythonNonFinite(file.readAll()), &error);
  if (error.error != QJsonParseError::NoError)
    throw LoadError(path.toStdString() + ": invalid JSON at offset " + std::to_string(error.offset) + " (" +
                    error.errorString().toStdString() + ")");
  if (!doc.isObject()) throw LoadError(path.toStdString() + ": expected a JSON object at top level");
  return JsonConfig(doc.object(), path);
}

JsonConfig::JsonConfig(QJsonObject object, QString file) : object_(std::move(object)), file_(std::move(file)) {}

QJsonValue JsonConfig::value(const char* key) const { return object_.value(QLatin1String(key)); }

bool JsonConfig::has(const char* key) const {
  const QJsonValue v = value(key);
  return !v.isUndefined() && !v.isNull();
}

void JsonConfig::wrongType(const char* key, const char* expected) const {
  throw LoadError(file_.toStdString() + ": key '" + key + "' must be " + expected);
}

void JsonConfig::unsupported(const char* key, const QString& value, const QStringList& supported) const {
  throw LoadError(file_.toStdString() + ": '" + key + "' = " + value.toStdString() +
                  " is not supported; supported: " + supported.join(QStringLiteral(", ")).toStdString());
}

static bool isInteger(const QJsonValue& v) {
  return v.isDouble() && std::floor(v.toDouble()) == v.toDouble() && std::abs(v.toDouble()) < 9.0e15;
}

int64_t JsonConfig::requiredInt(const char* key) const {
  if (!has(key)) throw LoadError(file_.toStdString() + ": missing key '" + key + "' (expected an integer)");
  return getInt(key, 0);
}

std::string JsonConfig::requiredString(const char* key) const {
  if (!has(key)) throw LoadError(file_.toStdString() + ": missing key '" + key + "' (expected a string)");
  return getString(key, {});
}

int64_t JsonConfig::getInt(const char* key, int64_t fallback) const {
  if (!has(key)) return fallback;
  const QJsonValue v = value(key);
  if (!isInteger(v)) wrongType(key, "an integer");
  return static_cast<int64_t>(v.toDouble());
}

double JsonConfig::getDouble(const char* key, double fallback) const {
  if (!has(key)) return fallback;
  const QJsonValue v = value(key);
  if (v.isString() && v.toString().startsWith(QChar(kNonFiniteMarker))) {
    const QString word = v.toString().mid(1);
    if (word == QLatin1String("NaN")) return std::numeric_limits<double>::quiet_NaN();
    return word.startsWith('-') ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
  }
  if (!v.isDouble()) wrongType(key, "a number");
  return v.toDouble();
}

bool JsonConfig::getBool(const char* key, bool fallback) const {
  if (!has(key)) return fallback;
  const QJsonValue v = value(key);
  if (!v.isBool()) wrongType(key, "true or false");
  return v.toBool();
}

std::string JsonConfig::getString(const char* key, const std::string& fallback) const {
  if (!has(key)) return fallback;
  const QJsonValue v = value(key);
  if (!v.isString()) wrongType(key, "a string");
  return v.toString().toStdString();
}

std::optional<std::string> JsonConfig::optionalString(const char* key) const {
  if (!has(key)) return std::nullopt;
  return getString(key, {});
}

std::vector<int64_t> JsonConfig::getIntList(const char* key, const std::vector<int64_t>& fallback) const {
  if (!has(key)) return fallback;
  const QJsonValue v = value(key);
  if (!v.isArray()) wrongType(key, "a list of integers");
  std::vector<int64_t> out;
  for (const QJsonValue& item : v.toArray()) {
    if (!isInteger(item)) wrongType(key, "a list of integers");
    out.push_back(static_cast<int64_t>(item.toDouble()));
  }
  return out;
}

std::vector<std::string> JsonConfig::getStringList(const char* key, const std::vector<std::string>& fallback) const {
  if (!has(key)) return fallback;
  const QJsonValue v = value(key);
  if (!v.isArray()) wrongType(key, "a list of strings");
  std::vector<std::string> out;
  for (const QJsonValue& item : v.toArray()) {
    if (!item.isString()) wrongType(key, "a list of strings");
    out.push_back(item.toString().toStdString());
  }
  return out;
}

std::vector<int64_t> JsonConfig::getIntOrList(const char* key, int64_t fallback, size_t count) const {
  if (!has(key)) return std::vector<int64_t>(count, fallback);
  if (isInteger(value(key))) return std::vector<int64_t>(count, getInt(key, fallback));
  std::vector<int64_t> list = getIntList(key, {});
  if (list.size() != count)
    throw LoadError(file_.toStdString() + ": key '" + key + "' has " + std::to_string(list.size()) +
                    " entries, expected " + std::to_string(count));
  return list;
}

}  // namespace fan
