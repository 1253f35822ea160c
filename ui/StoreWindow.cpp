#include "ui/StoreWindow.h"

#include "ui/HistoryTableModel.h"
#include "ui/ProfileListModel.h"

#include <QCheckBox>
#include <QHeaderView>
#include <QLabel>
#include <QListView>
#include <QMenuBar>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QVBoxLayout>

namespace fan::ui {

StoreWindow::StoreWindow(HistoryStore& store, QWidget* parent)
    : QMainWindow(parent),
      store_(store),
      profiles_(new ProfileListModel(store, this)),
      history_(new HistoryTableModel(store, this)),
      sorted_(new QSortFilterProxyModel(this)),
      profileView_(new QListView),
      historyView_(new QTableView),
      showMembers_(new QCheckBox(tr("Include members' entries (the history used for personalization)"))),
      heading_(new QLabel) {
  setWindowTitle(tr("FAN Studio"));
  profileView_->setModel(profiles_);
  profileView_->setSelectionMode(QAbstractItemView::SingleSelection);
  profileView_->setSpacing(2);

  sorted_->setSourceModel(history_);
  sorted_->setSortRole(HistoryTableModel::SortRole);
  sorted_->setSortCaseSensitivity(Qt::CaseInsensitive);
  historyView_->setModel(sorted_);
  historyView_->setSortingEnabled(true);
  historyView_->sortByColumn(HistoryTableModel::Created, Qt::DescendingOrder);
  historyView_->setSelectionBehavior(QAbstractItemView::SelectRows);
  historyView_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  historyView_->setWordWrap(false);
  historyView_->verticalHeader()->hide();
  historyView_->horizontalHeader()->setStretchLastSection(true);
  // A model reset forgets per-section sizes, so they are applied again after each one.
  auto layoutColumns = [this] {
    const std::pair<int, int> widths[] = {{HistoryTableModel::Prompt, 420}, {HistoryTableModel::Rating, 90},
                                          {HistoryTableModel::Weight, 70},  {HistoryTableModel::EffectiveWeight, 110},
                                          {HistoryTableModel::Tags, 160},   {HistoryTableModel::Owner, 130},
                                          {HistoryTableModel::Source, 80},  {HistoryTableModel::Image, 110}};
    for (const auto& [column, width] : widths) historyView_->setColumnWidth(column, width);
  };
  connect(sorted_, &QAbstractItemModel::modelReset, this, layoutColumns);
  layoutColumns();

  auto* right = new QWidget;
  auto* layout = new QVBoxLayout(right);
  layout->setContentsMargins(0, 0, 0, 0);
  heading_->setTextFormat(Qt::PlainText);
  heading_->setWordWrap(true);
  layout->addWidget(heading_);
  layout->addWidget(showMembers_);
  layout->addWidget(historyView_, 1);

  auto* splitter = new QSplitter;
  splitter->addWidget(profileView_);
  splitter->addWidget(right);
  splitter->setStretchFactor(1, 3);
  setCentralWidget(splitter);

  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addAction(tr("&Reload"), QKeySequence::Refresh, this, &StoreWindow::reload);
  file->addSeparator();
  file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

  connect(profileView_->selectionModel(), &QItemSelectionModel::currentChanged, this,
          [this] { showSelectedProfile(); });
  connect(showMembers_, &QCheckBox::toggled, this, [this] { showSelectedProfile(); });
  if (profiles_->rowCount() > 0) profileView_->setCurrentIndex(profiles_->index(0));
  showSelectedProfile();
  resize(1200, 720);
}

void StoreWindow::selectProfile(qint64 profileId) {
  const int row = profiles_->rowOf(profileId);
  if (row >= 0) profileView_->setCurrentIndex(profiles_->index(row));
}

void StoreWindow::reload() {
  const qint64 current = history_->profileId();
  profiles_->reload();
  selectProfile(current);
  if (profiles_->rowOf(current) < 0 && profiles_->rowCount() > 0) profileView_->setCurrentIndex(profiles_->index(0));
  showSelectedProfile();
}

void StoreWindow::showSelectedProfile() {
  const QModelIndex index = profileView_->currentIndex();
  if (!index.isValid()) {
    history_->setProfile(0, false);
    historyView_->setColumnHidden(HistoryTableModel::Owner, true);
    heading_->setText(tr("No profile selected."));
    showMembers_->setEnabled(false);
    updateStatus();
    return;
  }
  const Profile& p = profiles_->profileAt(index.row());
  const bool library = p.kind != ProfileKind::User;
  showMembers_->setEnabled(library);
  history_->setProfile(p.id, library && showMembers_->isChecked());
  historyView_->setColumnHidden(HistoryTableModel::Owner, !(library && showMembers_->isChecked()));
  heading_->setText(p.description.isEmpty() ? p.name : tr("%1: %2").arg(p.name, p.description));
  updateStatus();
}

void StoreWindow::updateStatus() {
  statusBar()->showMessage(tr("%n entries shown", nullptr, history_->rowCount()) + QStringLiteral("  ·  ") +
                           tr("Data: %1").arg(store_.dataDir()));
}

}  // namespace fan::ui
