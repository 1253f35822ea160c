// The profiles of the history store as a list model (users, groups and brands by name).
#pragma once

#include "core/store/HistoryStore.h"

#include <QAbstractListModel>

namespace fan::ui {

class ProfileListModel : public QAbstractListModel {
  Q_OBJECT
 public:
  enum Role { ProfileIdRole = Qt::UserRole + 1, KindRole };

  explicit ProfileListModel(HistoryStore& store, QObject* parent = nullptr);

  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

  const Profile& profileAt(int row) const { return rows_.at(size_t(row)).profile; }
  int rowOf(qint64 profileId) const;  // -1 when absent

 public Q_SLOTS:
  void reload();

 private:
  struct Row {
    Profile profile;
    int entries = 0;
    int members = 0;
  };
  HistoryStore& store_;
  std::vector<Row> rows_;
};

}  // namespace fan::ui
