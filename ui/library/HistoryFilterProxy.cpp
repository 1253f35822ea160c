#include "ui/library/HistoryFilterProxy.h"

#include "ui/library/HistoryTableModel.h"

namespace fan::ui {

HistoryFilterProxy::HistoryFilterProxy(HistoryTableModel* source, QObject* parent)
    : QSortFilterProxyModel(parent), source_(source) {
  setSourceModel(source);
  setSortRole(HistoryTableModel::SortRole);
  setSortCaseSensitivity(Qt::CaseInsensitive);
  setDynamicSortFilter(true);
}

void HistoryFilterProxy::setText(const QString& text) {
  if (text.trimmed() == text_) return;
  text_ = text.trimmed();
  invalidateRowsFilter();
}

void HistoryFilterProxy::setTag(const QString& tag) {
  if (tag == tag_) return;
  tag_ = tag;
  invalidateRowsFilter();
}

void HistoryFilterProxy::setMinRating(int stars) {
  if (stars == minRating_) return;
  minRating_ = stars;
  invalidateRowsFilter();
}

bool HistoryFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex&) const {
  const HistoryEntry& e = source_->rowAt(sourceRow).entry;
  if (minRating_ > 0 && e.rating.value_or(0) < minRating_) return false;
  if (!tag_.isEmpty() && !e.tags.contains(tag_)) return false;
  return text_.isEmpty() || e.prompt.contains(text_, Qt::CaseInsensitive) ||
         e.negative.contains(text_, Qt::CaseInsensitive);
}

}  // namespace fan::ui
