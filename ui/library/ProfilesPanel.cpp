#include "ui/library/ProfilesPanel.h"

#include "core/store/ProfileExchange.h"
#include "ui/i18n/Translations.h"
#include "ui/library/MembersDialog.h"
#include "ui/library/Messages.h"
#include "ui/library/ProfileFileDialogs.h"
#include "ui/library/ProfileListModel.h"
#include "ui/library/StoreJob.h"

#include <QAction>
#include <QFileInfo>
#include <QInputDialog>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QSortFilterProxyModel>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <memory>

namespace fan::ui {

ProfilesPanel::ProfilesPanel(HistoryStore& store, QWidget* parent)
    : QWidget(parent),
      store_(store),
      model_(new ProfileListModel(store, this)),
      proxy_(new QSortFilterProxyModel(this)),
      view_(new QListView),
      search_(new QLineEdit) {
  proxy_->setSourceModel(model_);
  proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
  proxy_->setFilterRole(Qt::DisplayRole);

  search_->setPlaceholderText(tr("Search profiles"));
  search_->setClearButtonEnabled(true);
  search_->setToolTip(tr("Show only profiles whose name contains this text"));
  connect(search_, &QLineEdit::textChanged, this, [this](const QString& text) {
    proxy_->setFilterFixedString(text.trimmed());
    currentChanged();  // the current profile may have been filtered out
  });

  view_->setModel(proxy_);
  view_->setSelectionMode(QAbstractItemView::SingleSelection);
  view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  view_->setIconSize(QSize(24, 24));
  view_->setSpacing(1);
  view_->setToolTip(tr("Users, groups and brands; a group or brand personalizes with its members' entries too"));
  connect(view_->selectionModel(), &QItemSelectionModel::currentChanged, this, &ProfilesPanel::currentChanged);
  connect(view_, &QAbstractItemView::doubleClicked, this, [this] {
    if (auto p = currentProfile(); p && p->kind != ProfileKind::User) editMembers();
  });

  buildActions();
  auto* toolbar = new QToolBar;
  toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
  auto* newMenu = new QMenu(tr("&New"), this);
  newMenu->addActions({newUser_, newGroup_, newBrand_});
  QAction* newAction = newMenu->menuAction();
  newAction->setToolTip(tr("Create a user, group or brand"));
  toolbar->addAction(newAction);
  if (auto* button = qobject_cast<QToolButton*>(toolbar->widgetForAction(newAction)))
    button->setPopupMode(QToolButton::InstantPopup);
  toolbar->addActions({rename_, duplicate_, delete_, undo_, members_});
  plainToolBarTexts(toolbar);

  view_->setContextMenuPolicy(Qt::ActionsContextMenu);
  view_->addActions(actions_);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(search_);
  layout->addWidget(toolbar);
  layout->addWidget(view_, 1);
  if (proxy_->rowCount() > 0) view_->setCurrentIndex(proxy_->index(0, 0));
  currentChanged();
}

QAction* ProfilesPanel::makeAction(const QString& text, const QString& tip, const std::function<void()>& run) {
  auto* action = new QAction(text, this);
  action->setToolTip(tip);
  action->setStatusTip(tip);
  action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
  connect(action, &QAction::triggered, this, run);
  addAction(action);
  actions_ << action;
  return action;
}

void ProfilesPanel::buildActions() {
  newUser_ = makeAction(tr("New &user..."), tr("Create a user profile: one person's history"), [this] { newUser(); });
  newUser_->setIcon(ProfileListModel::kindIcon(ProfileKind::User));
  newGroup_ = makeAction(tr("New &group..."), tr("Create a group: a library that personalizes with its members' entries"),
                         [this] { newGroup(); });
  newGroup_->setIcon(ProfileListModel::kindIcon(ProfileKind::Group));
  newBrand_ = makeAction(tr("New &brand..."), tr("Create a brand: a preference library shared by a team"),
                         [this] { newBrand(); });
  newBrand_->setIcon(ProfileListModel::kindIcon(ProfileKind::Brand));
  rename_ = makeAction(tr("Re&name..."), tr("Rename the selected profile"), [this] { rename(); });
  rename_->setShortcut(Qt::Key_F2);
  duplicate_ = makeAction(tr("Du&plicate..."), tr("Copy the selected profile with its entries (and members)"),
                          [this] { duplicate(); });
  delete_ = makeAction(tr("De&lete..."), tr("Delete the selected profile with its entries (can be undone)"),
                       [this] { deleteProfile(); });
  delete_->setShortcut(QKeySequence::Delete);
  undo_ = makeAction(tr("Und&o delete"), tr("Bring back the last deleted profile with everything it held"),
                     [this] { undoDelete(); });
  members_ = makeAction(tr("&Members..."), tr("Edit the members of the selected group or brand and their weights"),
                        [this] { editMembers(); });
  import_ = makeAction(tr("Import pro&file..."), tr("Create profiles from exported profile files (.fanprofile.json)"),
                       [this] { askImportProfile(); });
}

// --- Interface ----------------------------------------------------------------------------

QList<QAction*> ProfilesPanel::actions() const { return actions_; }

std::optional<Profile> ProfilesPanel::currentProfile() const {
  const QModelIndex index = view_->currentIndex();
  if (!index.isValid()) return std::nullopt;
  return model_->profileAt(proxy_->mapToSource(index).row());
}

qint64 ProfilesPanel::currentProfileId() const {
  const auto p = currentProfile();
  return p ? p->id : -1;
}

QString ProfilesPanel::currentProfileName() const {
  const auto p = currentProfile();
  return p ? p->name : QString();
}

void ProfilesPanel::selectProfile(qint64 id) {
  int row = model_->rowOf(id);
  if (row < 0) return;
  QModelIndex index = proxy_->mapFromSource(model_->index(row, 0));
  if (!index.isValid()) {  // hidden by the search: show everything
    search_->clear();
    index = proxy_->mapFromSource(model_->index(row, 0));
  }
  view_->setCurrentIndex(index);
  view_->scrollTo(index);
}

void ProfilesPanel::reload() {
  const qint64 current = currentProfileId();
  reloading_ = true;
  try {
    model_->reload();
  } catch (const std::exception& e) {
    showError(this, tr("Could not read the profiles"), QString::fromUtf8(e.what()));
  }
  selectProfile(current);
  if (!view_->currentIndex().isValid() && proxy_->rowCount() > 0) view_->setCurrentIndex(proxy_->index(0, 0));
  reloading_ = false;
  currentChanged();
}

void ProfilesPanel::currentChanged() {
  if (reloading_) return;
  // A filtered-out current row is no selection.
  if (view_->currentIndex().isValid() && !view_->selectionModel()->isSelected(view_->currentIndex()))
    view_->selectionModel()->select(view_->currentIndex(), QItemSelectionModel::ClearAndSelect);
  const qint64 id = currentProfileId();
  const QString name = currentProfileName();
  updateActions();
  if (id == announcedId_ && name == announcedName_) return;
  announcedId_ = id;
  announcedName_ = name;
  Q_EMIT profileSelected(id, name);
}

void ProfilesPanel::updateActions() {
  const auto p = currentProfile();
  for (QAction* a : {newUser_, newGroup_, newBrand_, import_}) a->setEnabled(!busy_);
  for (QAction* a : {rename_, duplicate_, delete_}) a->setEnabled(p && !busy_);
  members_->setEnabled(p && p->kind != ProfileKind::User && !busy_);
  undo_->setEnabled(lastDeleted_.has_value() && !busy_);
  undo_->setText(lastDeleted_ ? tr("Und&o delete of '%1'").arg(lastDeleted_->profile.name) : tr("Und&o delete"));
}

bool ProfilesPanel::attempt(const QString& failureTitle, const std::function<void()>& work) {
  try {
    work();
    return true;
  } catch (const std::exception& e) {
    showError(this, failureTitle, QString::fromUtf8(e.what()));
    return false;
  }
}

void ProfilesPanel::changed(qint64 selectId) {
  reload();
  if (selectId > 0) selectProfile(selectId);
  Q_EMIT profilesChanged();
}

// --- Actions ------------------------------------------------------------------------------

std::optional<Profile> ProfilesPanel::createProfile(ProfileKind kind, const QString& name) {
  std::optional<Profile> created;
  if (!attempt(tr("Could not create the profile"), [&] { created = store_.createProfile(kind, name); })) return {};
  changed(created->id);
  return created;
}

bool ProfilesPanel::renameCurrent(const QString& newName) {
  const auto p = currentProfile();
  if (!p || !attempt(tr("Could not rename the profile"), [&] { store_.renameProfile(p->id, newName); })) return false;
  changed(p->id);
  return true;
}

std::optional<Profile> ProfilesPanel::duplicateCurrent(const QString& newName) {
  const auto p = currentProfile();
  std::optional<Profile> copy;
  if (!p || !attempt(tr("Could not duplicate the profile"), [&] { copy = store_.duplicateProfile(p->id, newName); }))
    return {};
  changed(copy->id);
  return copy;
}

bool ProfilesPanel::deleteCurrent() {
  const auto p = currentProfile();
  if (!p) return false;
  const int row = view_->currentIndex().row();
  ProfileSnapshot snapshot;
  if (!attempt(tr("Could not delete the profile"), [&] {
        store_.transaction([&] {
          snapshot = store_.snapshotProfile(p->id);
          store_.deleteProfile(p->id);
        });
      }))
    return false;
  lastDeleted_ = std::move(snapshot);
  reloading_ = true;
  model_->reload();
  // The neighbour takes the deleted profile's place in the list.
  if (proxy_->rowCount() > 0) view_->setCurrentIndex(proxy_->index(std::min(row, proxy_->rowCount() - 1), 0));
  reloading_ = false;
  currentChanged();
  Q_EMIT profilesChanged();
  return true;
}

void ProfilesPanel::undoDelete() {
  if (!lastDeleted_) return;
  std::optional<Profile> restored;
  if (!attempt(tr("Could not undo the delete"), [&] { restored = store_.restoreProfile(*lastDeleted_); })) return;
  lastDeleted_.reset();
  changed(restored->id);
}

QString ProfilesPanel::suggestCopyName(const QString& name) const {
  QString candidate = tr("%1 copy").arg(name);
  try {
    for (int n = 2; store_.findProfile(candidate); ++n) candidate = tr("%1 copy %2").arg(name).arg(n);
  } catch (const std::exception&) {
    // Only a suggestion: a clash shows when the copy is made.
  }
  return candidate;
}

void ProfilesPanel::askCreate(ProfileKind kind) {
  bool ok = false;
  const QString name = QInputDialog::getText(this, tr("New %1").arg(ProfileListModel::kindLabel(kind)),
                                             tr("Name (unique across users, groups and brands):"), QLineEdit::Normal,
                                             {}, &ok);
  if (ok) createProfile(kind, name);
}

void ProfilesPanel::rename() {
  const auto p = currentProfile();
  if (!p) return;
  bool ok = false;
  const QString name = QInputDialog::getText(this, tr("Rename %1").arg(p->name), tr("New name:"), QLineEdit::Normal,
                                             p->name, &ok);
  if (ok && name != p->name) renameCurrent(name);
}

void ProfilesPanel::duplicate() {
  const auto p = currentProfile();
  if (!p) return;
  bool ok = false;
  const QString name = QInputDialog::getText(this, tr("Duplicate %1").arg(p->name), tr("Name of the copy:"),
                                             QLineEdit::Normal, suggestCopyName(p->name), &ok);
  if (ok) duplicateCurrent(name);
}

void ProfilesPanel::deleteProfile() {
  const auto p = currentProfile();
  if (!p) return;
  int entries = 0;
  if (!attempt(tr("Could not delete the profile"), [&] { entries = store_.entryCount(p->id); })) return;
  const QString question = tr("Delete the %1 '%2' with its %n entry(s), generations and memberships?", nullptr, entries)
                               .arg(ProfileListModel::kindLabel(p->kind), p->name) +
                           QLatin1Char('\n') + tr("\"Undo delete\" brings it back.");
  if (confirm(this, tr("Delete profile"), question)) deleteCurrent();
}

void ProfilesPanel::editMembers() {
  const auto p = currentProfile();
  if (!p || p->kind == ProfileKind::User) return;
  std::unique_ptr<MembersDialog> dialog;
  if (!attempt(tr("Could not edit the members"), [&] { dialog = std::make_unique<MembersDialog>(store_, p->id, this); }))
    return;
  if (dialog->exec() != QDialog::Accepted) return;
  if (attempt(tr("Could not change the members"), [&] { dialog->apply(); })) changed(p->id);
}

void ProfilesPanel::importProfiles(const QStringList& exportFoldersOrFiles) {
  importQueue_ << exportFoldersOrFiles;
  if (!busy_) importNext();
}

// One file at a time, each off the GUI thread; the report comes when the queue is empty.
void ProfilesPanel::importNext() {
  if (importQueue_.isEmpty()) return finishImports();
  busy_ = true;
  updateActions();
  const QString file = importQueue_.takeFirst();
  runStoreJob<ProfileImportResult>(
      this, store_.dataDir(), [=](HistoryStore& store) { return fan::importProfile(store, file); },
      [=](const JobOutcome<ProfileImportResult>& outcome) {
        if (!outcome.value) {
          importProblems_ = true;
          importReport_ << tr("Could not import %1:\n%2").arg(file, outcome.error);
        } else {
          const ProfileImportResult& result = *outcome.value;
          importReport_ << tr("'%1' imported from %2 with %n entry(s).", nullptr, result.entries)
                               .arg(result.profile.name, QFileInfo(file).fileName());
          if (!result.missingMembers.isEmpty()) {
            importProblems_ = true;
            importReport_ << tr("'%1' was imported, but these members are not in this library and were left out: %2")
                                 .arg(result.profile.name, result.missingMembers.join(QStringLiteral(", ")));
          }
          changed(result.profile.id);
        }
        importNext();
      });
}

void ProfilesPanel::finishImports() {
  busy_ = false;
  updateActions();
  if (importReport_.isEmpty()) return;
  const QString report = importReport_.join(QStringLiteral("\n\n"));
  if (importProblems_) showError(this, tr("Import report"), report);
  else showInformation(this, tr("Import report"), report);
  importReport_.clear();
  importProblems_ = false;
}

void ProfilesPanel::askImportProfile() {
  importProfiles(ProfileFileDialogs::askOpen(this, tr("Import exported profiles"), true));
}

}  // namespace fan::ui
