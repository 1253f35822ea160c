#include "ui/library/MembersDialog.h"

#include "ui/library/ProfileListModel.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include <set>
#include <stdexcept>

namespace fan::ui {

namespace {
constexpr int kIdRole = Qt::UserRole + 1;
}

MembersDialog::MembersDialog(HistoryStore& store, qint64 libraryId, QWidget* parent)
    : QDialog(parent),
      store_(store),
      library_(store.profile(libraryId)),
      profiles_(store.profiles()),
      table_(new QTableWidget(0, 3)),
      candidates_(new QComboBox),
      add_(new QPushButton(tr("&Add"))),
      remove_(new QPushButton(tr("&Remove"))) {
  if (library_.kind == ProfileKind::User)
    throw std::invalid_argument(tr("'%1' is a user; only groups and brands have members").arg(library_.name).toStdString());
  setWindowTitle(tr("Members of %1").arg(library_.name));

  table_->setHorizontalHeaderLabels({tr("Member"), tr("Kind"), tr("Weight")});
  table_->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
  table_->verticalHeader()->hide();
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->setToolTip(tr("The profiles whose entries this %1 is personalized with").arg(ProfileListModel::kindLabel(library_.kind)));
  for (const Member& m : store.members(libraryId)) appendRow(m.profile, m.weight);

  candidates_->setToolTip(tr("A profile to add as a member"));
  add_->setToolTip(tr("Add the chosen profile as a member (weight 1)"));
  remove_->setToolTip(tr("Remove the selected members"));
  connect(add_, &QPushButton::clicked, this, [this] {
    if (candidates_->currentIndex() >= 0) addMember(candidates_->currentData().toLongLong());
  });
  connect(remove_, &QPushButton::clicked, this, [this] {
    std::set<qint64> selected;
    for (const QModelIndex& index : table_->selectionModel()->selectedRows())
      selected.insert(table_->item(index.row(), NameColumn)->data(kIdRole).toLongLong());
    for (qint64 id : selected) removeMember(id);
  });
  connect(table_, &QTableWidget::itemSelectionChanged, this,
          [this] { remove_->setEnabled(!table_->selectedItems().isEmpty()); });
  remove_->setEnabled(false);

  auto* addRow = new QHBoxLayout;
  addRow->addWidget(candidates_, 1);
  addRow->addWidget(add_);
  addRow->addWidget(remove_);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
  buttons->button(QDialogButtonBox::Ok)->setToolTip(tr("Save the members and weights"));
  buttons->button(QDialogButtonBox::Cancel)->setToolTip(tr("Close without changing anything"));
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* hint = new QLabel(tr("A member's weight multiplies its entries' weights (0 switches the member off)."));
  hint->setWordWrap(true);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(hint);
  layout->addWidget(table_, 1);
  layout->addLayout(addRow);
  layout->addWidget(buttons);
  refillCandidates();
  resize(480, 360);
}

void MembersDialog::appendRow(const Profile& profile, double weight) {
  // Kept sorted by name like the store lists them; rows are few, so a linear scan is fine.
  int row = 0;
  while (row < table_->rowCount() &&
         QString::localeAwareCompare(table_->item(row, NameColumn)->text(), profile.name) < 0)
    ++row;
  table_->insertRow(row);
  auto* name = new QTableWidgetItem(ProfileListModel::kindIcon(profile.kind), profile.name);
  name->setData(kIdRole, profile.id);
  table_->setItem(row, NameColumn, name);
  table_->setItem(row, KindColumn, new QTableWidgetItem(ProfileListModel::kindLabel(profile.kind)));
  auto* spin = new QDoubleSpinBox;
  spin->setRange(0, 10);
  spin->setDecimals(2);
  spin->setSingleStep(0.1);
  spin->setValue(weight);
  spin->setToolTip(tr("Weight of %1's entries in %2 (0-10)").arg(profile.name, library_.name));
  table_->setCellWidget(row, WeightColumn, spin);
}

int MembersDialog::rowOf(qint64 profileId) const {
  for (int row = 0; row < table_->rowCount(); ++row)
    if (table_->item(row, NameColumn)->data(kIdRole).toLongLong() == profileId) return row;
  return -1;
}

void MembersDialog::refillCandidates() {
  candidates_->clear();
  for (const Profile& p : profiles_)
    if (p.id != library_.id && rowOf(p.id) < 0) candidates_->addItem(ProfileListModel::kindIcon(p.kind), p.name, p.id);
  add_->setEnabled(candidates_->count() > 0);
}

void MembersDialog::addMember(qint64 profileId) {
  if (rowOf(profileId) >= 0 || profileId == library_.id) return;
  for (const Profile& p : profiles_)
    if (p.id == profileId) appendRow(p, 1.0);
  refillCandidates();
}

void MembersDialog::removeMember(qint64 profileId) {
  const int row = rowOf(profileId);
  if (row >= 0) table_->removeRow(row);
  refillCandidates();
}

void MembersDialog::setWeight(qint64 profileId, double weight) {
  const int row = rowOf(profileId);
  if (row >= 0) static_cast<QDoubleSpinBox*>(table_->cellWidget(row, WeightColumn))->setValue(weight);
}

std::vector<std::pair<qint64, double>> MembersDialog::members() const {
  std::vector<std::pair<qint64, double>> result;
  for (int row = 0; row < table_->rowCount(); ++row)
    result.emplace_back(table_->item(row, NameColumn)->data(kIdRole).toLongLong(),
                        static_cast<QDoubleSpinBox*>(table_->cellWidget(row, WeightColumn))->value());
  return result;
}

void MembersDialog::apply() {
  const auto edited = members();
  store_.transaction([&] {
    for (const Member& old : store_.members(library_.id)) {
      const bool kept = std::any_of(edited.begin(), edited.end(), [&](const auto& m) { return m.first == old.profile.id; });
      if (!kept) store_.removeMember(library_.id, old.profile.id);
    }
    for (const auto& [id, weight] : edited) store_.setMember(library_.id, id, weight);
  });
}

}  // namespace fan::ui
