// The profiles of the history store as a list model: users, then groups, then brands, each by
// name, with an icon per kind (the sections of the profiles panel).
#pragma once

#include "core/store/HistoryStore.h"

#include <QAbstractListModel>
#include <QIcon>

namespace fan::ui {

class ProfileListModel : public QAbstractListModel {
  Q_OBJECT
 public:
  enum Role { ProfileIdRole = Qt::UserRole + 1, KindRole, SummaryRole };

  explicit ProfileListModel(HistoryStore& store, QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

  const Profile& profileAt(int row) const { return rows_.at(size_t(row)).profile; }
  int rowOf(qint64 profileId) const;  // -1 when absent

  static QIcon kindIcon(ProfileKind kind);
  static QString kindLabel(ProfileKind kind);

 public Q_SLOTS:
  void reload();

 private:
  struct Row {
    Profile profile;
    int entries = 0;
    int members = 0;
  };
  QString summary(const Row& row) const;

  HistoryStore& store_;
  const QIcon icons_[3];  // by kind
  std::vector<Row> rows_;
};

}  // namespace fan::ui
