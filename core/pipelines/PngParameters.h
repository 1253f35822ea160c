// Generation parameters in PNG files, in the "parameters" text format the common SD tools
// write and read (AUTOMATIC1111 style), so other tools show FAN Studio's settings and FAN
// Studio fills its prompt area from their images. Torch-free.
//
//   <prompt>
//   Negative prompt: <negative>                      (left out when empty)
//   Steps: 20, Sampler: Euler a, CFG scale: 7.5, Seed: 42, Size: 512x512, Model hash: ..., Model: ...,
//   FAN alpha: 0.4, FAN sample size: 0.1, FAN references: 12;15;3, FAN options: pa=skip:1 ...
//
// The last line is "Key: value" pairs joined by ", " (one line; wrapped above for reading).
// Values holding a comma, a newline or a double quote are written as JSON strings.
#pragma once

#include <QImage>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace fan {

struct GenerationParams;
struct GenerationOutput;

struct ImageParameters {
  QString prompt;
  QString negative;
  QList<QPair<QString, QString>> fields;  // in order: {"Steps", "20"}, {"Sampler", "Euler a"}, ...

  bool has(const QString& key) const;
  QString value(const QString& key) const;           // empty when missing
  void set(const QString& key, const QString& value);  // replaces the value or appends the field
};

// What a FAN run adds to an image's parameters.
struct FanParameters {
  double alpha = 0;
  double sampleSize = 0;
  QStringList references;  // store entry ids ("12"), or "#k" for the k-th explicit reference
  QString options;         // e.g. "pa=skip:1 skip=self query=target cfg_negative=default"
};

// The standard fields of one generated image (Steps, Sampler, CFG scale, Seed, Size, Model
// hash, Model; Clip skip and Guidance rescale when not the defaults).
ImageParameters imageParameters(const GenerationParams& params, const GenerationOutput& output,
                                const QString& modelName, const QString& modelHash);
void addFanParameters(ImageParameters& parameters, const FanParameters& fan);

QString formatParameters(const ImageParameters& parameters);
// Parses text in the format above (also other tools' files: unknown keys are kept, a text
// without a parameter line is all prompt).
ImageParameters parseParameters(const QString& text);

// PNG bytes of `image` with a "parameters" chunk right after IHDR: tEXt when the text is
// Latin-1, else iTXt (UTF-8), as the common tools write it.
QByteArray encodePng(const QImage& image, const QString& parameters);
// Writes encodePng's bytes atomically (a temporary file renamed into place). Throws
// std::runtime_error naming the file.
void writePng(const QString& path, const QImage& image, const QString& parameters);
// The "parameters" text of a PNG file (tEXt, zTXt or iTXt), or none. Throws
// std::runtime_error naming the file when it is not a readable image.
std::optional<QString> readPngParameters(const QString& path);

}  // namespace fan
