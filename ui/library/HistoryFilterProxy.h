// Filters and sorts the history table: text (prompt or negative, ignoring case), one tag, and
// a minimum rating (unrated entries are left out once a minimum is set).
#pragma once

#include <QSortFilterProxyModel>

namespace fan::ui {

class HistoryTableModel;

class HistoryFilterProxy : public QSortFilterProxyModel {
  Q_OBJECT
 public:
  explicit HistoryFilterProxy(HistoryTableModel* source, QObject* parent = nullptr);

  void setText(const QString& text);
  void setTag(const QString& tag);  // empty: any tag
  void setMinRating(int stars);     // 0: any
  const QString& text() const { return text_; }
  const QString& tag() const { return tag_; }
  int minRating() const { return minRating_; }
  bool isFiltering() const { return !text_.isEmpty() || !tag_.isEmpty() || minRating_ > 0; }

 protected:
  bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

 private:
  HistoryTableModel* source_;
  QString text_;
  QString tag_;
  int minRating_ = 0;
};

}  // namespace fan::ui
