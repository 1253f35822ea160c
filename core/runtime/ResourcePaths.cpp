#include "core/runtime/ResourcePaths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace fan {
namespace {

QString existingDir(const QString& path) { return QFileInfo(path).isDir() ? QDir::cleanPath(path) : QString(); }

}  // namespace

QString executableDir() {
  if (QCoreApplication::instance()) return QCoreApplication::applicationDirPath();
  return QFileInfo(QFile::symLinkTarget(QStringLiteral("/proc/self/exe"))).absolutePath();
}

QString resourceDir() {
  const QString overridden = qEnvironmentVariable("FAN_STUDIO_RESOURCES");
  if (!overridden.isEmpty()) return existingDir(overridden);
  // Installed layout first, so an installed binary never picks up a stale source tree.
  const QString installed =
      existingDir(QDir(executableDir()).filePath(QStringLiteral(FAN_BIN_TO_DATA_DIR "/fan-studio")));
  if (!installed.isEmpty()) return installed;
  return existingDir(QStringLiteral(FAN_SOURCE_RESOURCES_DIR));
}

QString embeddedModelDir() {
  const QString root = resourceDir();
  if (root.isEmpty()) return {};
  const QDir models(QDir(root).filePath(QStringLiteral("models")));
  for (const QString& name : models.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
    const QString dir = models.filePath(name);
    if (QFileInfo::exists(QDir(dir).filePath(QStringLiteral("model_index.json")))) return dir;
  }
  return {};
}

QString userGuidePath() {
  const QString root = resourceDir();
  const QString path = QDir(root).filePath(QStringLiteral("help/user-guide.md"));
  return !root.isEmpty() && QFileInfo::exists(path) ? path : QString();
}

}  // namespace fan
