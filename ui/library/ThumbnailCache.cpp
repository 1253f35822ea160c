#include "ui/library/ThumbnailCache.h"

#include <QFutureWatcher>
#include <QGuiApplication>
#include <QImageReader>
#include <QtConcurrent>

namespace fan::ui {

ThumbnailCache::ThumbnailCache(int size, int maxThumbnails, QObject* parent)
    : QObject(parent), size_(size), dpr_(qApp ? qApp->devicePixelRatio() : 1.0), cache_(maxThumbnails) {}

QImage ThumbnailCache::load(const QString& path, int size, qreal devicePixelRatio) {
  QImageReader reader(path);
  reader.setAutoTransform(true);
  const QSize box = QSize(size, size) * devicePixelRatio;
  const QSize full = reader.size();
  if (full.isValid() && (full.width() > box.width() || full.height() > box.height()))  // never enlarged
    reader.setScaledSize(full.scaled(box, Qt::KeepAspectRatio).expandedTo({1, 1}));
  QImage image = reader.read();
  if (!image.isNull() && (image.width() > box.width() || image.height() > box.height()))
    image = image.scaled(box, Qt::KeepAspectRatio, Qt::SmoothTransformation);
  image.setDevicePixelRatio(devicePixelRatio);
  return image;
}

QPixmap ThumbnailCache::thumbnail(const QString& path) {
  if (const QPixmap* cached = cache_.object(path)) return *cached;
  if (loading_.contains(path) || unreadable_.contains(path)) return {};
  loading_.insert(path);
  auto* watcher = new QFutureWatcher<QImage>(this);
  connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, path] {
    const QImage image = watcher->result();
    watcher->deleteLater();
    loading_.remove(path);
    if (image.isNull()) {
      unreadable_.insert(path);
      return;
    }
    cache_.insert(path, new QPixmap(QPixmap::fromImage(image)));  // QPixmap: GUI thread only
    Q_EMIT ready(path);
  });
  const int size = size_;
  const qreal dpr = dpr_;
  watcher->setFuture(QtConcurrent::run([path, size, dpr] { return load(path, size, dpr); }));
  return {};
}

}  // namespace fan::ui
