// The first FAN Studio window: the store's profiles on the left, the selected profile's history
// in a sortable table on the right.
#pragma once

#include "core/store/HistoryStore.h"

#include <QMainWindow>

class QCheckBox;
class QLabel;
class QListView;
class QSortFilterProxyModel;
class QTableView;

namespace fan::ui {

class HistoryTableModel;
class ProfileListModel;

class StoreWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit StoreWindow(HistoryStore& store, QWidget* parent = nullptr);

  ProfileListModel* profiles() const { return profiles_; }
  HistoryTableModel* history() const { return history_; }
  void selectProfile(qint64 profileId);

 public Q_SLOTS:
  void reload();

 private:
  void showSelectedProfile();
  void updateStatus();

  HistoryStore& store_;
  ProfileListModel* profiles_;
  HistoryTableModel* history_;
  QSortFilterProxyModel* sorted_;
  QListView* profileView_;
  QTableView* historyView_;
  QCheckBox* showMembers_;
  QLabel* heading_;
};

}  // namespace fan::ui
