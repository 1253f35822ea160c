#include "ui/library/ImportReportDialog.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace fan::ui {

ImportReportDialog::ImportReportDialog(const QString& file, int imported, const std::vector<CsvRowError>& skipped,
                                       QWidget* parent)
    : QDialog(parent), summary_(new QLabel), table_(new QTableWidget(int(skipped.size()), 2)) {
  setWindowTitle(tr("Import report"));
  summary_->setWordWrap(true);
  summary_->setTextFormat(Qt::PlainText);
  summary_->setText(tr("%1: imported %n entry(s).", nullptr, imported).arg(QFileInfo(file).fileName()) +
                    (skipped.empty() ? QString() : QLatin1Char(' ') + tr("Skipped %n row(s):", nullptr, int(skipped.size()))));
  summary_->setToolTip(file);

  table_->setHorizontalHeaderLabels({tr("Line"), tr("Reason")});
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->verticalHeader()->hide();
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->setWordWrap(true);
  table_->setToolTip(tr("Rows that were not imported, by line of the file"));
  for (int i = 0; i < int(skipped.size()); ++i) {
    auto* line = new QTableWidgetItem;
    line->setData(Qt::DisplayRole, skipped[size_t(i)].line);
    table_->setItem(i, 0, line);
    auto* reason = new QTableWidgetItem(skipped[size_t(i)].message);
    reason->setToolTip(skipped[size_t(i)].message);
    table_->setItem(i, 1, reason);
  }
  table_->resizeColumnToContents(0);
  table_->setVisible(!skipped.empty());

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
  buttons->button(QDialogButtonBox::Close)->setToolTip(tr("Close the report"));
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(summary_);
  layout->addWidget(table_, 1);
  layout->addWidget(buttons);
  resize(560, skipped.empty() ? 120 : 360);
}

}  // namespace fan::ui
