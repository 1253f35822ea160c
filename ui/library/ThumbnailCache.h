// Small pixmaps of the store's images for table cells and dialogs, decoded once (scaled while
// reading, so a large image costs little) and kept in an LRU cache.
#pragma once

#include <QCache>
#include <QPixmap>
#include <QString>

namespace fan::ui {

class ThumbnailCache {
 public:
  explicit ThumbnailCache(int maxThumbnails = 400) : cache_(maxThumbnails) {}

  // A pixmap at most `size` x `size` device-independent pixels (sharp on high-DPI screens);
  // a null pixmap when the file cannot be read.
  QPixmap thumbnail(const QString& path, int size) const;

 private:
  mutable QCache<QString, QPixmap> cache_;
};

}  // namespace fan::ui
