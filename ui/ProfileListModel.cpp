#include "ui/ProfileListModel.h"

namespace fan::ui {

namespace {

QString kindLabel(ProfileKind kind) {
  switch (kind) {
    case ProfileKind::User: return ProfileListModel::tr("user");
    case ProfileKind::Group: return ProfileListModel::tr("group");
    case ProfileKind::Brand: return ProfileListModel::tr("brand");
  }
  return {};
}

}  // namespace

ProfileListModel::ProfileListModel(HistoryStore& store, QObject* parent) : QAbstractListModel(parent), store_(store) {
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
  endResetModel();
}

int ProfileListModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(rows_.size()); }

int ProfileListModel::rowOf(qint64 profileId) const {
  for (size_t i = 0; i < rows_.size(); ++i)
    if (rows_[i].profile.id == profileId) return int(i);
  return -1;
}

QVariant ProfileListModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= int(rows_.size())) return {};
  const Row& row = rows_[size_t(index.row())];
  switch (role) {
    case Qt::DisplayRole: {
      QString text = tr("%1\n%2 · %n entry(s)", nullptr, row.entries).arg(row.profile.name, kindLabel(row.profile.kind));
      if (row.profile.kind != ProfileKind::User) text += tr(" · %n member(s)", nullptr, row.members);
      return text;
    }
    case Qt::ToolTipRole: return row.profile.description;
    case ProfileIdRole: return row.profile.id;
    case KindRole: return toString(row.profile.kind);
    default: return {};
  }
}

}  // namespace fan::ui
