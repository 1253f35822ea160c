// The profiles of the store: users, groups and brands (icon per kind, users first), a search
// box, and the actions to create, rename, duplicate, delete (asking first; the last delete can
// be undone with everything it removed), edit a group's or brand's members and weights, and
// import exported profiles. Store errors appear as message boxes.
#pragma once

#include "core/store/HistoryStore.h"
#include "core/store/ProfileSnapshot.h"

#include <QWidget>

#include <functional>
#include <optional>

class QAction;
class QLineEdit;
class QListView;
class QSortFilterProxyModel;

namespace fan::ui {

class ProfileListModel;

class ProfilesPanel : public QWidget {
  Q_OBJECT
 public:
  explicit ProfilesPanel(HistoryStore& store, QWidget* parent = nullptr);

  qint64 currentProfileId() const;  // -1 when none
  QString currentProfileName() const;
  void selectProfile(qint64 id);
  // New user/group/brand, Rename, Duplicate, Delete, Undo delete, Edit members, Import (for menus).
  QList<QAction*> actions() const;

  // --- Beyond the agreed interface: state and the actions without their dialogs (tests).
  QListView* view() const { return view_; }
  QLineEdit* searchEdit() const { return search_; }
  ProfileListModel* listModel() const { return model_; }
  bool isBusy() const { return busy_; }
  bool canUndoDelete() const { return lastDeleted_.has_value(); }
  QAction* undoDeleteAction() const { return undo_; }

  std::optional<Profile> createProfile(ProfileKind kind, const QString& name);  // selects it
  bool renameCurrent(const QString& newName);
  std::optional<Profile> duplicateCurrent(const QString& newName);  // selects the copy
  bool deleteCurrent();  // without asking; keeps what undoDelete needs
  // Imports each export (a .fanprofile.json file or its folder) as a new profile, one after
  // the other (files given meanwhile join the queue), selects each, then reports in one message
  // box what was imported, members left out, and every failure with its file.
  void importProfiles(const QStringList& exportFoldersOrFiles);
  QString suggestCopyName(const QString& name) const;  // "<name> copy", "<name> copy 2", ...

 Q_SIGNALS:
  void profileSelected(qint64 id, const QString& name);  // also emitted with -1 when selection cleared
  void profilesChanged();                                // create/rename/delete/members changed

 public Q_SLOTS:
  void reload();
  void newUser() { askCreate(ProfileKind::User); }
  void newGroup() { askCreate(ProfileKind::Group); }
  void newBrand() { askCreate(ProfileKind::Brand); }
  void rename();           // asks for the name
  void duplicate();        // asks for the copy's name
  void deleteProfile();    // asks first
  void undoDelete();
  void editMembers();      // the membership dialog
  void askImportProfile();  // several files may be chosen

 private:
  QAction* makeAction(const QString& text, const QString& tip, const std::function<void()>& run);
  void buildActions();
  void askCreate(ProfileKind kind);
  std::optional<Profile> currentProfile() const;
  void currentChanged();
  void updateActions();
  bool attempt(const QString& failureTitle, const std::function<void()>& work);
  void changed(qint64 selectId);  // reload, select, tell listeners
  void importNext();
  void finishImports();

  HistoryStore& store_;
  ProfileListModel* model_;
  QSortFilterProxyModel* proxy_;
  QListView* view_;
  QLineEdit* search_;
  std::optional<ProfileSnapshot> lastDeleted_;
  bool busy_ = false;  // an import runs
  QStringList importQueue_;
  QStringList importReport_;  // a paragraph per file, shown when the queue is done
  bool importProblems_ = false;
  bool reloading_ = false;
  qint64 announcedId_ = -2;  // what profileSelected last said (id and name)
  QString announcedName_;
  QList<QAction*> actions_;
  QAction* newUser_ = nullptr;
  QAction* newGroup_ = nullptr;
  QAction* newBrand_ = nullptr;
  QAction* rename_ = nullptr;
  QAction* duplicate_ = nullptr;
  QAction* delete_ = nullptr;
  QAction* undo_ = nullptr;
  QAction* members_ = nullptr;
  QAction* import_ = nullptr;
};

}  // namespace fan::ui
