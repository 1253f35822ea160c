// The workspace's persisted settings (QSettings), in one place so the preferences dialog, the
// main window and app/gui read the same keys.
#pragma once

#include <QString>
#include <QStringList>

namespace fan::ui {

struct WorkspaceSettings {
  QString dataDir;        // empty = the default (FAN_STUDIO_DATA_DIR or the platform's app data folder)
  QString model;          // the model folder last used
  QStringList modelFolders;  // folders offered in the preferences (most recent first)
  QString device = QStringLiteral("cpu");
  int threads = 0;        // 0 = one per core
  QString language;       // a language code; empty = the system's (ui/i18n/Translations.h)
  QString defaultSampler;  // empty = the model's own

  static WorkspaceSettings load();
  void save() const;
  void rememberModel(const QString& folder);  // sets `model` and moves it to the front of modelFolders
};

}  // namespace fan::ui
