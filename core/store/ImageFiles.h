// Reading and content-addressing image files for the store (torch-free).
#pragma once

#include "core/store/StoreTypes.h"

#include <QByteArray>

namespace fan {

// An image's bytes with what the store records about it.
struct ImageBlob {
  ImageRef ref;
  QByteArray bytes;
};

// Decodes the bytes fully (a truncated or non-image file is rejected, not stored) and hashes
// them. `origin` names the file in errors. Throws std::invalid_argument.
ImageBlob readImageData(QByteArray bytes, const QString& origin);
ImageBlob readImageFile(const QString& path);

// "<hash>.<format>": the file name an image has in the store and in exports.
QString imageFileName(const ImageRef& image);

}  // namespace fan
