// Small pixmaps of the store's images for table cells, decoded off the GUI thread (scaled while
// reading where the format allows) and kept in an LRU cache, so scrolling a long history never
// stalls the window. thumbnail() answers from the cache at once; a miss starts a load and
// emits ready(path) when the pixmap is there.
#pragma once

#include <QCache>
#include <QObject>
#include <QPixmap>
#include <QSet>
#include <QString>

namespace fan::ui {

class ThumbnailCache : public QObject {
  Q_OBJECT
 public:
  explicit ThumbnailCache(int size, int maxThumbnails = 400, QObject* parent = nullptr);

  // The thumbnail (at most size x size device-independent pixels, sharp on high-DPI screens),
  // or a null pixmap while it loads or when the file cannot be read.
  QPixmap thumbnail(const QString& path);

  // Reads one thumbnail on the calling thread (any thread): what the loads run.
  static QImage load(const QString& path, int size, qreal devicePixelRatio);

 Q_SIGNALS:
  void ready(const QString& path);

 private:
  int size_;
  qreal dpr_;
  QCache<QString, QPixmap> cache_;
  QSet<QString> loading_;
  QSet<QString> unreadable_;  // store images never change (content-addressed): no retries
};

}  // namespace fan::ui
