// The history table: image files dropped on a row are attached to that entry, and the keys
// 1-5 rate the selected entries (0 clears the rating).
#pragma once

#include <QTableView>

namespace fan::ui {

class HistoryTableView : public QTableView {
  Q_OBJECT
 public:
  explicit HistoryTableView(QWidget* parent = nullptr);

 Q_SIGNALS:
  void imageDropped(const QModelIndex& index, const QString& path);
  void ratingKeyPressed(int stars);  // 0-5

 protected:
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dragMoveEvent(QDragMoveEvent* event) override;
  void dropEvent(QDropEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;

 private:
  QModelIndex dropTarget(const QDropEvent* event) const;  // invalid when the drop is refused
};

}  // namespace fan::ui
