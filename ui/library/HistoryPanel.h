// The history of the selected profile: a sortable, filterable table (text, tag, minimum
// rating) with in-place star rating and weight override, add/edit/delete, multi-select
// actions, images by file dialog or drag-and-drop, and CSV/JSON import and export (run off the
// GUI thread). A group's or brand's members' entries can be shown read-only with a "From"
// column. Store errors appear as message boxes.
#pragma once

#include "core/store/HistoryStore.h"
#include "core/store/ProfileExchange.h"

#include <QWidget>

#include <functional>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QProgressDialog;
class QStringListModel;
class QAbstractItemModel;

namespace fan::ui {

class HistoryFilterProxy;
class HistoryTableModel;
class HistoryTableView;
struct EntryDraft;

class HistoryPanel : public QWidget {
  Q_OBJECT
 public:
  explicit HistoryPanel(HistoryStore& store, QWidget* parent = nullptr);

  void setProfile(qint64 profileId);  // -1 clears
  void selectEntry(qint64 entryId);   // selects and scrolls to it (clears filters hiding it)
  QAbstractItemModel* promptCompletionModel() const;  // distinct prompts of the store, for QCompleter
  // Add, Edit, Delete, Set rating, Set weight, Automatic weight, Add tag, Attach image, Remove
  // image, Import CSV, Import JSON, Export JSON, Export CSV (for menus).
  QList<QAction*> actions() const;

  // --- Beyond the agreed interface: state and the actions without their dialogs (tests).
  qint64 profileId() const { return profileId_; }
  bool isBusy() const { return busy_; }  // an import or export runs
  std::vector<qint64> selectedEntryIds() const;  // the selected own entries, in view order
  HistoryTableView* view() const { return view_; }
  HistoryTableModel* tableModel() const { return model_; }
  HistoryFilterProxy* proxy() const { return proxy_; }
  QLineEdit* filterEdit() const { return filter_; }
  QComboBox* tagFilter() const { return tagFilter_; }
  QComboBox* ratingFilter() const { return ratingFilter_; }
  QCheckBox* membersToggle() const { return showMembers_; }

  void setRatingOfSelected(std::optional<int> rating);
  void setWeightOfSelected(std::optional<double> weight);
  void addTagToSelected(const QString& tag);
  void attachImage(qint64 entryId, const QString& imageFile);
  void importCsv(const QString& csvFile);
  void importJson(const QString& exportFolderOrFile);
  // A .json document path, or a folder that gets "<name>.fanprofile.json" (see exportProfile).
  void exportJson(const QString& path, ExistingExport existing = ExistingExport::Refuse);
  void exportCsv(const QString& csvFile);

 Q_SIGNALS:
  void entrySelected(qint64 entryId);
  void historyChanged(qint64 profileId);  // after any edit/import/delete/rating change

 public Q_SLOTS:
  void reload();
  void focusFilter();  // Ctrl+F
  void addEntry();     // opens the entry dialog
  void editEntry();    // the current entry, in the entry dialog
  void deleteSelected();  // asks first

 private:
  QAction* makeAction(const QString& text, const QString& tip, const std::function<void()>& run);
  void buildActions();
  void buildLayout();
  void showProfile();
  void updateActions();
  void updateCounts();
  void refillTags();
  void refreshPrompts();
  void edited(const std::vector<qint64>& ids);  // refresh rows, counts and tell listeners
  void changed();                               // a bigger change: reload and tell listeners
  // Runs `write` in one store transaction; false (with a message) when it threw.
  bool write(const QString& failureTitle, const std::function<void()>& write);
  void writeDraft(qint64 entryId, const EntryDraft& draft);
  void setBusy(bool busy);
  QProgressDialog* startProgress(const QString& label, bool cancellable);
  bool requireProfile();
  void askSetWeight();
  void askAddTag();
  void askAttachImage();
  void askImportCsv();
  void askImportJson();
  void askExportJson();
  void askExportCsv();

  HistoryStore& store_;
  qint64 profileId_ = -1;
  bool busy_ = false;
  HistoryTableModel* model_;
  HistoryFilterProxy* proxy_;
  HistoryTableView* view_;
  QStringListModel* prompts_;
  QLabel* heading_;
  QLabel* counts_;
  QLineEdit* filter_;
  QComboBox* tagFilter_;
  QComboBox* ratingFilter_;
  QCheckBox* showMembers_;
  QMenu* ratingMenu_;
  QList<QAction*> actions_;
  QAction* add_ = nullptr;
  QAction* edit_ = nullptr;
  QAction* delete_ = nullptr;
  QAction* rate_ = nullptr;
  QAction* setWeight_ = nullptr;
  QAction* autoWeight_ = nullptr;
  QAction* addTag_ = nullptr;
  QAction* attachImage_ = nullptr;
  QAction* removeImage_ = nullptr;
  QAction* importCsv_ = nullptr;
  QAction* importJson_ = nullptr;
  QAction* exportJson_ = nullptr;
  QAction* exportCsv_ = nullptr;
};

}  // namespace fan::ui
