#include "ui/library/ProfileListModel.h"

#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QPixmap>

#include <algorithm>
#include <cmath>

namespace fan::ui {

namespace {

// A head and shoulders, drawn so the icon needs no theme and scales on high-DPI screens.
void drawPerson(QPainter& p, QPointF at, qreal size, const QColor& color) {
  p.setBrush(color);
  p.drawEllipse(QRectF(at.x() - size * 0.18, at.y(), size * 0.36, size * 0.36));
  QPainterPath body;
  body.addRoundedRect(QRectF(at.x() - size * 0.32, at.y() + size * 0.42, size * 0.64, size * 0.5), size * 0.2,
                      size * 0.2);
  p.drawPath(body);
}

QPixmap paintKind(ProfileKind kind, int size) {
  QPixmap pixmap(size, size);
  pixmap.fill(Qt::transparent);
  QPainter p(&pixmap);
  p.setRenderHint(QPainter::Antialiasing);
  p.setPen(QPen(QColor(255, 255, 255, 200), std::max(1.0, size / 24.0)));  // visible on a selection too
  switch (kind) {
    case ProfileKind::User: drawPerson(p, {size * 0.5, size * 0.06}, size, QColor(0x3b, 0x82, 0xf6)); break;
    case ProfileKind::Group:
      drawPerson(p, {size * 0.32, size * 0.16}, size * 0.8, QColor(0x10, 0xb9, 0x81));
      drawPerson(p, {size * 0.66, size * 0.06}, size * 0.88, QColor(0x05, 0x96, 0x69));
      break;
    case ProfileKind::Brand: {  // a five-pointed star
      QPainterPath star;
      const QPointF c(size * 0.5, size * 0.54);
      for (int i = 0; i < 10; ++i) {
        const qreal r = (i % 2 == 0 ? 0.48 : 0.2) * size;
        const qreal a = -M_PI / 2 + i * M_PI / 5;
        const QPointF point(c.x() + r * std::cos(a), c.y() + r * std::sin(a));
        if (i == 0) star.moveTo(point);
        else star.lineTo(point);
      }
      star.closeSubpath();
      p.setBrush(QColor(0xf5, 0x9e, 0x0b));
      p.drawPath(star);
      break;
    }
  }
  return pixmap;
}

int kindOrder(ProfileKind kind) { return int(kind); }  // users, groups, brands

}  // namespace

QIcon ProfileListModel::kindIcon(ProfileKind kind) {
  QIcon icon;
  for (int size : {16, 24, 32, 48}) icon.addPixmap(paintKind(kind, size));
  return icon;
}

QString ProfileListModel::kindLabel(ProfileKind kind) {
  switch (kind) {
    case ProfileKind::User: return tr("user");
    case ProfileKind::Group: return tr("group");
    case ProfileKind::Brand: return tr("brand");
  }
  return {};
}

ProfileListModel::ProfileListModel(HistoryStore& store, QObject* parent)
    : QAbstractListModel(parent),
      store_(store),
      icons_{kindIcon(ProfileKind::User), kindIcon(ProfileKind::Group), kindIcon(ProfileKind::Brand)} {
  reload();
}

void ProfileListModel::reload() {
  beginResetModel();
  rows_.clear();
  for (Profile& p : store_.profiles()) {
    const int members = p.kind == ProfileKind::User ? 0 : int(store_.members(p.id).size());
    rows_.push_back({std::move(p), 0, members});
    rows_.back().entries = store_.entryCount(rows_.back().profile.id);
  }
  // profiles() is by name already; a stable sort keeps that order inside each kind.
  std::stable_sort(rows_.begin(), rows_.end(), [](const Row& a, const Row& b) {
    return kindOrder(a.profile.kind) < kindOrder(b.profile.kind);
  });
  endResetModel();
}

int ProfileListModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(rows_.size()); }

int ProfileListModel::rowOf(qint64 profileId) const {
  for (size_t i = 0; i < rows_.size(); ++i)
    if (rows_[i].profile.id == profileId) return int(i);
  return -1;
}

QString ProfileListModel::summary(const Row& row) const {
  QString text = tr("%1 · %n entry(s)", nullptr, row.entries).arg(kindLabel(row.profile.kind));
  if (row.profile.kind != ProfileKind::User) text += tr(" · %n member(s)", nullptr, row.members);
  return text;
}

QVariant ProfileListModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= int(rows_.size())) return {};
  const Row& row = rows_[size_t(index.row())];
  switch (role) {
    case Qt::DisplayRole: return row.profile.name;
    case Qt::DecorationRole: return icons_[kindOrder(row.profile.kind)];
    case Qt::ToolTipRole:
      return row.profile.description.isEmpty() ? summary(row) : summary(row) + QLatin1Char('\n') + row.profile.description;
    case SummaryRole: return summary(row);
    case ProfileIdRole: return row.profile.id;
    case KindRole: return toString(row.profile.kind);
    default: return {};
  }
}

}  // namespace fan::ui
