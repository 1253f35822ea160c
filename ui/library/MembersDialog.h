// Editing a group's or brand's members and their weights (0-10; the weight multiplies the
// member's entry weights in the library's effective history). Changes are written by apply(),
// in one transaction.
#pragma once

#include "core/store/HistoryStore.h"

#include <QDialog>

class QComboBox;
class QPushButton;
class QTableWidget;

namespace fan::ui {

class MembersDialog : public QDialog {
  Q_OBJECT
 public:
  enum Column { NameColumn, KindColumn, WeightColumn };

  // Throws std::invalid_argument when `libraryId` is not a group or brand.
  MembersDialog(HistoryStore& store, qint64 libraryId, QWidget* parent = nullptr);

  // The members as edited: (profile id, weight), by name.
  std::vector<std::pair<qint64, double>> members() const;
  // Adds a member (weight 1) or removes one, as the buttons do.
  void addMember(qint64 profileId);
  void removeMember(qint64 profileId);
  void setWeight(qint64 profileId, double weight);
  // Writes the edited member list to the store (adds, removes, re-weights) in one transaction.
  void apply();

  QTableWidget* table() const { return table_; }
  QComboBox* candidates() const { return candidates_; }
  QPushButton* addButton() const { return add_; }
  QPushButton* removeButton() const { return remove_; }

 private:
  void appendRow(const Profile& profile, double weight);
  int rowOf(qint64 profileId) const;
  void refillCandidates();

  HistoryStore& store_;
  Profile library_;
  std::vector<Profile> profiles_;  // every profile, by name
  QTableWidget* table_;
  QComboBox* candidates_;
  QPushButton* add_;
  QPushButton* remove_;
};

}  // namespace fan::ui
