#include "ui/library/ProfileFileDialogs.h"

#include "core/store/ProfileExchange.h"

#include <QFileDialog>

namespace fan::ui {

QStringList ProfileFileDialogs::askOpen(QWidget* parent, const QString& title, bool several) {
  const QString filters = tr("FAN Studio profile (*%1)").arg(profileExportSuffix()) + QStringLiteral(";;") +
                          tr("JSON (*.json)");
  if (several) return QFileDialog::getOpenFileNames(parent, title, {}, filters);
  const QString file = QFileDialog::getOpenFileName(parent, title, {}, filters);
  return file.isEmpty() ? QStringList() : QStringList{file};
}

QString ProfileFileDialogs::askSave(QWidget* parent, const QString& profileName) {
  const QString path = QFileDialog::getSaveFileName(parent, tr("Export profile"), profileExportFileName(profileName),
                                                    tr("FAN Studio profile (*%1)").arg(profileExportSuffix()));
  return path.isEmpty() ? path : withExportSuffix(path);
}

QString ProfileFileDialogs::withExportSuffix(const QString& path) {
  return path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive) ? path : path + profileExportSuffix();
}

}  // namespace fan::ui
