#include "ui/library/HistoryTableView.h"

#include "ui/library/EntryDialog.h"

#include <QDragEnterEvent>
#include <QKeyEvent>
#include <QMimeData>

namespace fan::ui {

HistoryTableView::HistoryTableView(QWidget* parent) : QTableView(parent) {
  setAcceptDrops(true);
  viewport()->setAcceptDrops(true);
  setDropIndicatorShown(true);
  setDragDropMode(QAbstractItemView::DropOnly);
}

QModelIndex HistoryTableView::dropTarget(const QDropEvent* event) const {
  if (droppedImageFile(event->mimeData()).isEmpty()) return {};
  const QModelIndex index = indexAt(event->position().toPoint());
  return index.isValid() && (index.flags() & Qt::ItemIsDropEnabled) ? index : QModelIndex();
}

void HistoryTableView::dragEnterEvent(QDragEnterEvent* event) {
  // Accept any image drag here; the row under the cursor decides in dragMoveEvent.
  if (!droppedImageFile(event->mimeData()).isEmpty()) event->acceptProposedAction();
  else event->ignore();
}

void HistoryTableView::dragMoveEvent(QDragMoveEvent* event) {
  if (dropTarget(event).isValid()) event->acceptProposedAction();
  else event->ignore();
}

void HistoryTableView::dropEvent(QDropEvent* event) {
  const QModelIndex index = dropTarget(event);
  if (!index.isValid()) {
    event->ignore();
    return;
  }
  event->acceptProposedAction();
  Q_EMIT imageDropped(index, droppedImageFile(event->mimeData()));
}

void HistoryTableView::keyPressEvent(QKeyEvent* event) {
  const int key = event->key();
  if (key >= Qt::Key_0 && key <= Qt::Key_5 && !(event->modifiers() & (Qt::ControlModifier | Qt::AltModifier)) &&
      state() != EditingState && selectionModel() && selectionModel()->hasSelection()) {
    Q_EMIT ratingKeyPressed(key - Qt::Key_0);
    event->accept();
    return;
  }
  QTableView::keyPressEvent(event);
}

}  // namespace fan::ui
