#include "ui/workspace/WorkspaceSettings.h"

#include <QSettings>

namespace fan::ui {

namespace {
constexpr int kRecentModels = 10;
}

WorkspaceSettings WorkspaceSettings::load() {
  const QSettings s;
  WorkspaceSettings w;
  w.dataDir = s.value(QStringLiteral("workspace/dataDir")).toString();
  w.model = s.value(QStringLiteral("workspace/model")).toString();
  w.modelFolders = s.value(QStringLiteral("workspace/modelFolders")).toStringList();
  w.device = s.value(QStringLiteral("workspace/device"), w.device).toString();
  w.threads = s.value(QStringLiteral("workspace/threads"), 0).toInt();
  w.language = s.value(QStringLiteral("workspace/language")).toString();
  w.defaultSampler = s.value(QStringLiteral("workspace/defaultSampler")).toString();
  return w;
}

void WorkspaceSettings::save() const {
  QSettings s;
  s.setValue(QStringLiteral("workspace/dataDir"), dataDir);
  s.setValue(QStringLiteral("workspace/model"), model);
  s.setValue(QStringLiteral("workspace/modelFolders"), modelFolders);
  s.setValue(QStringLiteral("workspace/device"), device);
  s.setValue(QStringLiteral("workspace/threads"), threads);
  s.setValue(QStringLiteral("workspace/language"), language);
  s.setValue(QStringLiteral("workspace/defaultSampler"), defaultSampler);
}

void WorkspaceSettings::rememberModel(const QString& folder) {
  model = folder;
  modelFolders.removeAll(folder);
  modelFolders.prepend(folder);
  while (modelFolders.size() > kRecentModels) modelFolders.removeLast();
}

}  // namespace fan::ui
