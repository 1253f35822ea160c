// One profile's history as a table: its own entries, or (showMembers) the effective history a
// group or brand is personalized with, including its members' entries (read-only here) and
// their weights. Rating and weight override of the profile's own entries are editable
// (setData writes to the store). Sort through a proxy with sortRole() == SortRole.
#pragma once

#include "core/store/HistoryStore.h"
#include "ui/library/ThumbnailCache.h"

#include <QAbstractTableModel>

namespace fan::ui {

class HistoryTableModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { Prompt, Rating, Weight, EffectiveWeight, Tags, Owner, Source, Image, Created, ColumnCount };
  enum Role { SortRole = Qt::UserRole + 1, EntryIdRole, RatingRole };
  static constexpr int kThumbnailSize = 40;

  explicit HistoryTableModel(HistoryStore& store, QObject* parent = nullptr);

  // Shows `profileId` (<= 0: nothing). With showMembers, a group's or brand's members' entries
  // join its own, weighted as in HistoryStore::profilingHistory.
  void setProfile(qint64 profileId, bool showMembers);
  qint64 profileId() const { return profileId_; }
  bool showsMembers() const { return showMembers_; }

  const WeightedEntry& rowAt(int row) const { return rows_.at(size_t(row)); }
  int rowOfEntry(qint64 entryId) const;  // -1 when absent
  bool isOwnRow(int row) const { return rowAt(row).entry.profileId == profileId_; }
  QStringList tags() const;  // every tag of the shown entries, sorted
  // Re-reads the given entries from the store (after an edit made elsewhere).
  void refreshEntries(const std::vector<qint64>& ids);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
  Qt::ItemFlags flags(const QModelIndex& index) const override;
  // Rating: 1-5, or 0 / null for unrated. Weight: a number >= 0, or an empty string / null
  // for automatic. Errors are reported through editFailed, never thrown.
  bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

 public Q_SLOTS:
  void reload();

 Q_SIGNALS:
  void entryEdited(qint64 entryId);
  void editFailed(const QString& message);

 private:
  QVariant display(const WeightedEntry& row, int column) const;
  QVariant sortKey(const WeightedEntry& row, int column) const;
  QVariant toolTip(const WeightedEntry& row, int column) const;
  void writeEdit(const HistoryEntry& entry, int column, const QVariant& value);

  HistoryStore& store_;
  qint64 profileId_ = 0;
  bool showMembers_ = false;
  std::vector<WeightedEntry> rows_;
  ThumbnailCache* thumbnails_;
};

}  // namespace fan::ui
