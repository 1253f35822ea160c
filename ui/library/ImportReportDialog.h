// What an import did: a summary line and the skipped rows with their reasons.
#pragma once

#include "core/store/CsvImport.h"

#include <QDialog>

class QLabel;
class QTableWidget;

namespace fan::ui {

class ImportReportDialog : public QDialog {
  Q_OBJECT
 public:
  ImportReportDialog(const QString& file, int imported, const std::vector<CsvRowError>& skipped,
                     QWidget* parent = nullptr);

  QLabel* summary() const { return summary_; }
  QTableWidget* skippedRows() const { return table_; }  // columns: line, reason

 private:
  QLabel* summary_;
  QTableWidget* table_;
};

}  // namespace fan::ui
