#include "ui/library/ThumbnailCache.h"

#include <QGuiApplication>
#include <QImageReader>

namespace fan::ui {

QPixmap ThumbnailCache::thumbnail(const QString& path, int size) const {
  const QString key = QStringLiteral("%1@%2").arg(size).arg(path);
  if (const QPixmap* cached = cache_.object(key)) return *cached;
  const qreal dpr = qApp ? qApp->devicePixelRatio() : 1.0;
  QImageReader reader(path);
  reader.setAutoTransform(true);
  const QSize full = reader.size();
  if (full.isValid() && !full.isEmpty())
    reader.setScaledSize(full.scaled(QSize(size, size) * dpr, Qt::KeepAspectRatio).expandedTo(QSize(1, 1)));
  QImage image = reader.read();
  if (image.isNull()) return {};  // not cached: the file may appear later
  if (!full.isValid()) image = image.scaled(QSize(size, size) * dpr, Qt::KeepAspectRatio, Qt::SmoothTransformation);
  auto* pixmap = new QPixmap(QPixmap::fromImage(image));
  pixmap->setDevicePixelRatio(dpr);
  const QPixmap result = *pixmap;
  cache_.insert(key, pixmap);
  return result;
}

}  // namespace fan::ui
