#include "core/store/DataDirectory.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>

#include <stdexcept>

namespace fan {

QString resolveDataDirectory(const QString& explicitDir) {
  QString dir = explicitDir;
  if (dir.isEmpty()) dir = qEnvironmentVariable("FAN_STUDIO_DATA_DIR");
  if (dir.isEmpty()) dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
  if (dir.isEmpty()) throw std::runtime_error("no data directory: pass --data-dir or set FAN_STUDIO_DATA_DIR");
  dir = QDir(dir).absolutePath();
  if (!QDir().mkpath(dir)) throw std::runtime_error("cannot create data directory " + dir.toStdString());
  QFile::setPermissions(dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
  return dir;
}

}  // namespace fan
