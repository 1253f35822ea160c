// The file dialogs for exported profiles (*.fanprofile.json with images/ beside it): one
// place for their filters, the default file name and the suffix.
#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

class QWidget;

namespace fan::ui {

class ProfileFileDialogs {
  Q_DECLARE_TR_FUNCTIONS(fan::ui::ProfileFileDialogs)
 public:
  // Exported profiles to import (profile.json of earlier versions too); empty when cancelled.
  static QStringList askOpen(QWidget* parent, const QString& title, bool several);
  // Where to export `profileName`: "<name>.fanprofile.json" by default; the suffix is added when
  // the name typed lacks ".json". Empty when cancelled. The dialog asked before replacing a file.
  static QString askSave(QWidget* parent, const QString& profileName);
  static QString withExportSuffix(const QString& path);
};

}  // namespace fan::ui
