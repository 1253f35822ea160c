// One profile's history as a table: its own entries, or (showMembers) the effective history a
// group or brand is personalized with, including its members' entries and their weights.
// Sort through a QSortFilterProxyModel with sortRole() == SortRole (raw numbers and times).
#pragma once

#include "core/store/HistoryStore.h"

#include <QAbstractTableModel>

namespace fan::ui {

class HistoryTableModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { Prompt, Rating, Weight, EffectiveWeight, Tags, Owner, Source, Image, Created, ColumnCount };
  enum Role { SortRole = Qt::UserRole + 1, EntryIdRole };

  explicit HistoryTableModel(HistoryStore& store, QObject* parent = nullptr);

  // Shows `profileId` (0 = nothing). With showMembers, a group's or brand's members' entries
  // join its own, weighted as in HistoryStore::profilingHistory.
  void setProfile(qint64 profileId, bool showMembers);
  qint64 profileId() const { return profileId_; }

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 public Q_SLOTS:
  void reload();

 private:
  QVariant display(const WeightedEntry& row, int column) const;
  QVariant sortKey(const WeightedEntry& row, int column) const;

  HistoryStore& store_;
  qint64 profileId_ = 0;
  bool showMembers_ = false;
  std::vector<WeightedEntry> rows_;
};

}  // namespace fan::ui
