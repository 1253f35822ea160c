#include "core/store/ImageFiles.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QFile>
#include <QImage>
#include <QImageReader>

#include <stdexcept>

namespace fan {

ImageBlob readImageData(QByteArray bytes, const QString& origin) {
  QBuffer buffer(&bytes);
  buffer.open(QIODevice::ReadOnly);
  QImageReader reader(&buffer);
  const QString format = QString::fromLatin1(reader.format()).toLower();
  const QImage image = reader.read();
  if (image.isNull())
    throw std::invalid_argument(QStringLiteral("%1: not a readable image (%2; expected PNG, JPEG, GIF, BMP, ...)")
                                    .arg(origin, reader.errorString())
                                    .toStdString());
  ImageBlob blob;
  blob.ref.hash = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
  blob.ref.format = format;
  blob.ref.width = image.width();
  blob.ref.height = image.height();
  blob.bytes = std::move(bytes);
  return blob;
}

ImageBlob readImageFile(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly))
    throw std::invalid_argument(
        QStringLiteral("cannot read image file %1: %2").arg(path, file.errorString()).toStdString());
  return readImageData(file.readAll(), path);
}

QString imageFileName(const ImageRef& image) { return image.hash + QLatin1Char('.') + image.format; }

}  // namespace fan
