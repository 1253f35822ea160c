#include "core/pipelines/PngParameters.h"

#include "core/pipelines/Generator.h"

#include <QBuffer>
#include <QImageReader>
#include <QImageWriter>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>
#include <QtEndian>

#include <algorithm>
#include <array>
#include <stdexcept>

namespace fan {
namespace {

const QString kKey = QStringLiteral("parameters");
const QString kNegativePrefix = QStringLiteral("Negative prompt:");

// One "Key: value" pair of the parameter line, as the common tools' readers match it.
const QRegularExpression& fieldPattern() {
  static const QRegularExpression re(QStringLiteral(R"(\s*(\w[\w \-/]+):\s*("(?:\\.|[^\\"])+"|[^,]*)(?:,|$))"),
                                     QRegularExpression::UseUnicodePropertiesOption);
  return re;
}

QString quoted(const QString& value) {
  if (!value.contains(',') && !value.contains('\n') && !value.contains('"')) return value;
  // A JSON string literal: serialize a one-element array and strip the brackets.
  const QByteArray json = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
  return QString::fromUtf8(json.mid(1, json.size() - 2));
}

QString unquoted(const QString& value) {
  if (value.size() < 2 || !value.startsWith('"') || !value.endsWith('"')) return value;
  const QJsonDocument doc = QJsonDocument::fromJson("[" + value.toUtf8() + "]");
  return doc.isArray() ? doc.array().at(0).toString() : value;
}

QString number(double v) { return QString::number(v, 'g', 6); }

uint32_t crc32(const QByteArray& bytes) {
  static const std::array<uint32_t, 256> table = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t n = 0; n < 256; ++n) {
      uint32_t c = n;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[n] = c;
    }
    return t;
  }();
  uint32_t c = 0xFFFFFFFFu;
  for (const char byte : bytes) c = table[(c ^ static_cast<uint8_t>(byte)) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

QByteArray bigEndian(uint32_t v) {
  QByteArray out(4, '\0');
  qToBigEndian(v, out.data());
  return out;
}

// A PNG chunk: length, type, data, CRC over type and data.
QByteArray chunk(const QByteArray& type, const QByteArray& data) {
  const QByteArray body = type + data;
  return bigEndian(static_cast<uint32_t>(data.size())) + body + bigEndian(crc32(body));
}

QByteArray textChunk(const QString& text) {
  const bool latin1 = std::all_of(text.begin(), text.end(), [](QChar c) { return c.unicode() < 256; });
  if (latin1) return chunk("tEXt", kKey.toLatin1() + '\0' + text.toLatin1());
  // iTXt: keyword, no compression (flag 0, method 0), empty language tag and translated keyword.
  return chunk("iTXt", kKey.toLatin1() + QByteArray("\0\0\0\0\0", 5) + text.toUtf8());
}

}  // namespace

bool ImageParameters::has(const QString& key) const {
  for (const auto& f : fields)
    if (f.first == key) return true;
  return false;
}

QString ImageParameters::value(const QString& key) const {
  for (const auto& f : fields)
    if (f.first == key) return f.second;
  return {};
}

void ImageParameters::set(const QString& key, const QString& value) {
  for (auto& f : fields) {
    if (f.first != key) continue;
    f.second = value;
    return;
  }
  fields.append({key, value});
}

ImageParameters imageParameters(const GenerationParams& params, const GenerationOutput& output,
                                const QString& modelName, const QString& modelHash) {
  ImageParameters p;
  p.prompt = params.prompt;
  p.negative = params.negative.value_or(QString());
  p.set(QStringLiteral("Steps"), QString::number(output.steps));
  p.set(QStringLiteral("Sampler"), output.sampler);
  p.set(QStringLiteral("CFG scale"), number(params.sampling.guidanceScale));
  p.set(QStringLiteral("Seed"), QString::number(output.seed));
  p.set(QStringLiteral("Size"), QStringLiteral("%1x%2").arg(output.width).arg(output.height));
  p.set(QStringLiteral("Model hash"), modelHash);
  p.set(QStringLiteral("Model"), modelName);
  if (params.clipSkip != 1) p.set(QStringLiteral("Clip skip"), QString::number(params.clipSkip));
  if (params.sampling.guidanceRescale != 0)
    p.set(QStringLiteral("Guidance rescale"), number(params.sampling.guidanceRescale));
  return p;
}

void addFanParameters(ImageParameters& p, const FanParameters& fan) {
  p.set(QStringLiteral("FAN alpha"), number(fan.alpha));
  p.set(QStringLiteral("FAN sample size"), number(fan.sampleSize));
  p.set(QStringLiteral("FAN references"), fan.references.join(';'));
  p.set(QStringLiteral("FAN options"), fan.options);
}

QString formatParameters(const ImageParameters& p) {
  QStringList pairs;
  for (const auto& f : p.fields) pairs << f.first + QStringLiteral(": ") + quoted(f.second);
  QString text = p.prompt + '\n';
  if (!p.negative.isEmpty()) text += kNegativePrefix + ' ' + p.negative + '\n';
  return text + pairs.join(QStringLiteral(", "));
}

ImageParameters parseParameters(const QString& text) {
  QStringList lines = text.trimmed().split('\n');
  QString last = lines.takeLast();
  // A last line with fewer than 3 pairs is text, not parameters (as the common tools decide).
  int pairs = 0;
  for (auto it = fieldPattern().globalMatch(last); it.hasNext(); it.next()) ++pairs;
  if (pairs < 3) {
    lines.append(last);
    last.clear();
  }
  ImageParameters p;
  bool inNegative = false;
  for (QString line : lines) {
    line = line.trimmed();
    if (line.startsWith(kNegativePrefix)) {
      inNegative = true;
      line = line.mid(kNegativePrefix.size()).trimmed();
    }
    QString& target = inNegative ? p.negative : p.prompt;
    target += (target.isEmpty() ? QString() : QStringLiteral("\n")) + line;
  }
  for (auto it = fieldPattern().globalMatch(last); it.hasNext();) {
    const QRegularExpressionMatch m = it.next();
    p.set(m.captured(1).trimmed(), unquoted(m.captured(2).trimmed()));
  }
  return p;
}

QByteArray encodePng(const QImage& image, const QString& parameters) {
  QByteArray png;
  QBuffer buffer(&png);
  buffer.open(QIODevice::WriteOnly);
  QImageWriter writer(&buffer, "png");
  if (!writer.write(image)) throw std::runtime_error("cannot encode PNG: " + writer.errorString().toStdString());
  // Signature (8 bytes), then IHDR (4 length + 4 type + 13 data + 4 CRC): the text goes after it.
  constexpr int kAfterIhdr = 8 + 25;
  if (png.size() < kAfterIhdr || png.mid(12, 4) != "IHDR") throw std::runtime_error("unexpected PNG encoder output");
  return png.left(kAfterIhdr) + textChunk(parameters) + png.mid(kAfterIhdr);
}

void writePng(const QString& path, const QImage& image, const QString& parameters) {
  QSaveFile file(path);
  const QByteArray bytes = encodePng(image, parameters);
  if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
    throw std::runtime_error(path.toStdString() + ": cannot write (" + file.errorString().toStdString() + ")");
}

std::optional<QString> readPngParameters(const QString& path) {
  QImageReader reader(path);
  const QImage image = reader.read();  // text chunks after the image data are seen only once it is read
  if (image.isNull()) throw std::runtime_error(path.toStdString() + ": not a readable image (" +
                                               reader.errorString().toStdString() + ")");
  const QString text = image.text(kKey);
  if (text.isNull() && !image.textKeys().contains(kKey)) return std::nullopt;
  return text;
}

}  // namespace fan
