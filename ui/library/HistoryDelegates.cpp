#include "ui/library/HistoryDelegates.h"

#include "ui/library/HistoryTableModel.h"

#include <QApplication>
#include <QLineEdit>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QRegularExpressionValidator>

#include <cmath>

namespace fan::ui {

namespace {

constexpr int kStarSize = 16;
constexpr int kStarGap = 2;
constexpr int kMargin = 4;

QPainterPath starPath(const QRectF& box) {
  QPainterPath path;
  const QPointF c = box.center();
  const qreal outer = box.width() / 2, inner = outer * 0.42;
  for (int i = 0; i < 10; ++i) {
    const qreal r = i % 2 == 0 ? outer : inner;
    const qreal a = -M_PI / 2 + i * M_PI / 5;
    const QPointF p(c.x() + r * std::cos(a), c.y() + r * std::sin(a));
    if (i == 0) path.moveTo(p);
    else path.lineTo(p);
  }
  path.closeSubpath();
  return path;
}

}  // namespace

QRect StarDelegate::starRect(const QRect& cell, int star) {
  const int top = cell.top() + (cell.height() - kStarSize) / 2;
  return QRect(cell.left() + kMargin + (star - 1) * (kStarSize + kStarGap), top, kStarSize, kStarSize);
}

int StarDelegate::starAt(const QRect& cell, const QPoint& pos) {
  for (int star = 1; star <= 5; ++star) {
    // The gap belongs to the star on its left, so there is no dead spot between stars.
    const QRect hit = starRect(cell, star).adjusted(0, -kMargin, kStarGap, kMargin);
    if (hit.contains(pos)) return star;
  }
  return 0;
}

void StarDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const {
  QStyleOptionViewItem background = option;
  initStyleOption(&background, index);
  background.text.clear();
  const QWidget* widget = option.widget;
  QStyle* style = widget ? widget->style() : QApplication::style();
  style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

  const int rating = index.data(HistoryTableModel::RatingRole).toInt();
  const bool editable = index.flags() & Qt::ItemIsEditable;
  const QPalette& pal = option.palette;
  const QColor filled = editable ? QColor(0xf5, 0xa6, 0x23) : pal.color(QPalette::Disabled, QPalette::Text);
  const QColor outline = (option.state & QStyle::State_Selected) ? pal.color(QPalette::HighlightedText)
                                                                 : pal.color(QPalette::Mid);
  painter->save();
  painter->setRenderHint(QPainter::Antialiasing);
  for (int star = 1; star <= 5; ++star) {
    const QPainterPath path = starPath(starRect(option.rect, star));
    painter->setPen(QPen(star <= rating ? filled.darker(120) : outline, 1));
    painter->setBrush(star <= rating ? QBrush(filled) : Qt::NoBrush);
    painter->drawPath(path);
  }
  painter->restore();
}

QSize StarDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const {
  const QSize base = QStyledItemDelegate::sizeHint(option, index);
  return QSize(2 * kMargin + 5 * kStarSize + 4 * kStarGap, std::max(base.height(), kStarSize + 2 * kMargin));
}

bool StarDelegate::editorEvent(QEvent* event, QAbstractItemModel* model, const QStyleOptionViewItem& option,
                               const QModelIndex& index) {
  if (event->type() != QEvent::MouseButtonRelease || !(index.flags() & Qt::ItemIsEditable)) return false;
  auto* mouse = static_cast<QMouseEvent*>(event);
  if (mouse->button() != Qt::LeftButton) return false;
  const int star = starAt(option.rect, mouse->position().toPoint());
  if (star == 0) return false;
  const int current = index.data(HistoryTableModel::RatingRole).toInt();
  model->setData(index, star == current ? 0 : star, Qt::EditRole);
  return true;
}

QWidget* WeightDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem&, const QModelIndex&) const {
  auto* edit = new QLineEdit(parent);
  edit->setPlaceholderText(tr("auto"));
  edit->setToolTip(tr("A weight >= 0 (0 switches the entry off); leave empty for automatic"));
  // Empty must stay acceptable (automatic), which QDoubleValidator does not allow.
  edit->setValidator(new QRegularExpressionValidator(
      QRegularExpression(QStringLiteral("^\\s*(\\d+([.,]\\d*)?|[.,]\\d+)?\\s*$")), edit));
  return edit;
}

void WeightDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const {
  static_cast<QLineEdit*>(editor)->setText(index.data(Qt::EditRole).toString());
}

void WeightDelegate::setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const {
  model->setData(index, static_cast<QLineEdit*>(editor)->text(), Qt::EditRole);
}

}  // namespace fan::ui
