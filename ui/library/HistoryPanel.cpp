#include "ui/library/HistoryPanel.h"

#include "core/store/CsvImport.h"
#include "core/store/ImageFiles.h"
#include "core/store/ProfileExchange.h"
#include "ui/i18n/Translations.h"
#include "ui/library/EntryDialog.h"
#include "ui/library/HistoryDelegates.h"
#include "ui/library/HistoryFilterProxy.h"
#include "ui/library/HistoryTableModel.h"
#include "ui/library/HistoryTableView.h"
#include "ui/library/ImportReportDialog.h"
#include "ui/library/Messages.h"
#include "ui/library/ProfileFileDialogs.h"
#include "ui/library/ProfileListModel.h"
#include "ui/library/StoreJob.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QProgressDialog>
#include <QStringListModel>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <atomic>
#include <memory>

namespace fan::ui {

namespace {

QString starsText(int stars) { return QString(stars, QChar(0x2605)) + QString(5 - stars, QChar(0x2606)); }

}  // namespace

HistoryPanel::HistoryPanel(HistoryStore& store, QWidget* parent)
    : QWidget(parent),
      store_(store),
      model_(new HistoryTableModel(store, this)),
      proxy_(new HistoryFilterProxy(model_, this)),
      view_(new HistoryTableView),
      prompts_(new QStringListModel(this)),
      heading_(new QLabel),
      counts_(new QLabel),
      filter_(new QLineEdit),
      tagFilter_(new QComboBox),
      ratingFilter_(new QComboBox),
      showMembers_(new QCheckBox(tr("Include members' entries"))),
      ratingMenu_(new QMenu(tr("Set &rating"), this)) {
  buildActions();
  buildLayout();

  connect(model_, &HistoryTableModel::entryEdited, this, [this](qint64 id) { edited({id}); });
  connect(model_, &HistoryTableModel::editFailed, this,
          [this](const QString& message) { showError(this, tr("Could not change the entry"), message); });
  connect(view_, &HistoryTableView::ratingKeyPressed, this,
          [this](int stars) { setRatingOfSelected(stars == 0 ? std::nullopt : std::optional<int>(stars)); });
  connect(view_, &HistoryTableView::imageDropped, this, [this](const QModelIndex& index, const QString& path) {
    attachImage(index.data(HistoryTableModel::EntryIdRole).toLongLong(), path);
  });
  connect(view_, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex& index) {
    if (index.column() != HistoryTableModel::Rating && index.column() != HistoryTableModel::Weight) editEntry();
  });
  connect(view_->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] { updateActions(); });
  connect(view_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
    if (current.isValid()) Q_EMIT entrySelected(current.data(HistoryTableModel::EntryIdRole).toLongLong());
  });
  connect(filter_, &QLineEdit::textChanged, this, [this](const QString& text) {
    proxy_->setText(text);
    updateCounts();
  });
  connect(tagFilter_, &QComboBox::currentIndexChanged, this, [this] {
    proxy_->setTag(tagFilter_->currentData().toString());
    updateCounts();
  });
  connect(ratingFilter_, &QComboBox::currentIndexChanged, this, [this] {
    proxy_->setMinRating(ratingFilter_->currentData().toInt());
    updateCounts();
  });
  connect(showMembers_, &QCheckBox::toggled, this, [this] { showProfile(); });
  refreshPrompts();
  showProfile();
}

// --- Construction -------------------------------------------------------------------------

QAction* HistoryPanel::makeAction(const QString& text, const QString& tip, const std::function<void()>& run) {
  auto* action = new QAction(text, this);
  action->setToolTip(tip);
  action->setStatusTip(tip);
  action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
  connect(action, &QAction::triggered, this, run);
  addAction(action);  // shortcuts work while focus is in the panel
  actions_ << action;
  return action;
}

void HistoryPanel::buildActions() {
  add_ = makeAction(tr("&Add entry..."), tr("Add a prompt to this profile's history"), [this] { addEntry(); });
  add_->setShortcut(Qt::Key_Insert);
  edit_ = makeAction(tr("&Edit entry..."), tr("Edit the current entry"), [this] { editEntry(); });
  edit_->setShortcut(Qt::Key_F2);
  delete_ = makeAction(tr("&Delete entries"), tr("Delete the selected entries"), [this] { deleteSelected(); });
  delete_->setShortcut(QKeySequence::Delete);

  auto* unrated = ratingMenu_->addAction(tr("Unrated"));
  unrated->setToolTip(tr("Clear the rating of the selected entries (key 0)"));
  connect(unrated, &QAction::triggered, this, [this] { setRatingOfSelected(std::nullopt); });
  for (int stars = 1; stars <= 5; ++stars) {
    auto* a = ratingMenu_->addAction(starsText(stars));
    a->setToolTip(tr("Rate the selected entries %n star(s) (key %n)", nullptr, stars));
    connect(a, &QAction::triggered, this, [this, stars] { setRatingOfSelected(stars); });
  }
  rate_ = ratingMenu_->menuAction();
  rate_->setToolTip(tr("Rate the selected entries (or press 0-5 in the table)"));
  actions_ << rate_;

  setWeight_ = makeAction(tr("Set &weight..."), tr("Give the selected entries an explicit weight"),
                          [this] { askSetWeight(); });
  autoWeight_ = makeAction(tr("Automatic weig&ht"), tr("Let the selected entries' weights follow their ratings"),
                           [this] { setWeightOfSelected(std::nullopt); });
  addTag_ = makeAction(tr("Add &tag..."), tr("Add a tag to the selected entries"), [this] { askAddTag(); });
  attachImage_ = makeAction(tr("Attach &image..."), tr("Attach an image file to the current entry (or drop one on a row)"),
                            [this] { askAttachImage(); });
  removeImage_ = makeAction(tr("Remo&ve image"), tr("Detach the images of the selected entries"), [this] {
    const auto ids = selectedEntryIds();
    if (requireProfile() && write(tr("Could not remove the image"), [&] {
          for (qint64 id : ids) store_.setImage(id, std::nullopt);
        }))
      edited(ids);
  });

  importCsv_ = makeAction(tr("Import &CSV..."), tr("Add the rows of a CSV file (prompt,rating[,image]) to this profile"),
                          [this] { askImportCsv(); });
  importJson_ = makeAction(tr("Import &JSON..."), tr("Add the entries of an exported profile (.fanprofile.json) to this profile"),
                           [this] { askImportJson(); });
  exportJson_ = makeAction(tr("E&xport JSON..."),
                           tr("Export this profile with everything it holds: a .fanprofile.json file and its images"),
                           [this] { askExportJson(); });
  exportCsv_ = makeAction(tr("Export C&SV..."), tr("Export this profile's prompts, ratings and images as CSV"),
                          [this] { askExportCsv(); });
}

void HistoryPanel::buildLayout() {
  heading_->setTextFormat(Qt::PlainText);
  heading_->setWordWrap(true);
  QFont headingFont = heading_->font();
  headingFont.setBold(true);
  heading_->setFont(headingFont);

  filter_->setPlaceholderText(tr("Filter prompts (Ctrl+F)"));
  filter_->setClearButtonEnabled(true);
  filter_->setToolTip(tr("Show only entries whose prompt or negative prompt contains this text"));
  tagFilter_->setToolTip(tr("Show only entries with this tag"));
  tagFilter_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  ratingFilter_->setToolTip(tr("Show only entries rated at least this many stars"));
  ratingFilter_->addItem(tr("Any rating"), 0);
  for (int stars = 1; stars <= 5; ++stars) ratingFilter_->addItem(tr("%1 or more").arg(starsText(stars)), stars);
  showMembers_->setChecked(true);
  showMembers_->setToolTip(tr("Also list the members' entries (read-only) with their weights: the history this "
                              "group or brand is personalized with"));
  counts_->setToolTip(tr("Entries shown / entries in the history"));

  auto* filters = new QHBoxLayout;
  filters->addWidget(filter_, 1);
  filters->addWidget(tagFilter_);
  filters->addWidget(ratingFilter_);
  filters->addWidget(showMembers_);

  auto* toolbar = new QToolBar;
  toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
  toolbar->addActions({add_, edit_, delete_});
  toolbar->addSeparator();
  toolbar->addAction(rate_);
  if (auto* button = qobject_cast<QToolButton*>(toolbar->widgetForAction(rate_)))
    button->setPopupMode(QToolButton::InstantPopup);
  toolbar->addActions({setWeight_, addTag_, attachImage_});
  toolbar->addSeparator();
  toolbar->addActions({importCsv_, importJson_, exportJson_, exportCsv_});
  plainToolBarTexts(toolbar);

  view_->setModel(proxy_);
  view_->setSortingEnabled(true);
  view_->sortByColumn(HistoryTableModel::Created, Qt::DescendingOrder);
  view_->setSelectionBehavior(QAbstractItemView::SelectRows);
  view_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  view_->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
  view_->setItemDelegateForColumn(HistoryTableModel::Rating, new StarDelegate(view_));
  view_->setItemDelegateForColumn(HistoryTableModel::Weight, new WeightDelegate(view_));
  view_->setWordWrap(false);
  view_->setIconSize(QSize(HistoryTableModel::kThumbnailSize, HistoryTableModel::kThumbnailSize));
  view_->verticalHeader()->hide();
  view_->verticalHeader()->setDefaultSectionSize(HistoryTableModel::kThumbnailSize + 6);
  view_->horizontalHeader()->setStretchLastSection(true);
  view_->setContextMenuPolicy(Qt::ActionsContextMenu);
  view_->addActions({edit_, delete_, rate_, setWeight_, autoWeight_, addTag_, attachImage_, removeImage_});
  view_->setToolTip(tr("Click the stars to rate; double-click a weight to override it; drop an image file on a row"));
  // A model reset forgets per-section sizes, so they are applied again after each one.
  auto layoutColumns = [this] {
    const std::pair<int, int> widths[] = {{HistoryTableModel::Prompt, 380}, {HistoryTableModel::Rating, 100},
                                          {HistoryTableModel::Weight, 90},  {HistoryTableModel::EffectiveWeight, 110},
                                          {HistoryTableModel::Tags, 140},   {HistoryTableModel::Owner, 120},
                                          {HistoryTableModel::Source, 80},  {HistoryTableModel::Image, 110}};
    for (const auto& [column, width] : widths) view_->setColumnWidth(column, width);
  };
  connect(proxy_, &QAbstractItemModel::modelReset, this, layoutColumns);
  layoutColumns();

  auto* top = new QHBoxLayout;
  top->addWidget(heading_, 1);
  top->addWidget(counts_);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(top);
  layout->addLayout(filters);
  layout->addWidget(toolbar);
  layout->addWidget(view_, 1);
}

// --- Interface ----------------------------------------------------------------------------

QList<QAction*> HistoryPanel::actions() const { return actions_; }

QAbstractItemModel* HistoryPanel::promptCompletionModel() const { return prompts_; }

void HistoryPanel::setProfile(qint64 profileId) {
  profileId_ = profileId > 0 ? profileId : -1;
  showProfile();
}

void HistoryPanel::focusFilter() {
  filter_->setFocus(Qt::ShortcutFocusReason);
  filter_->selectAll();
}

void HistoryPanel::reload() {
  const auto selected = selectedEntryIds();
  showProfile();
  for (qint64 id : selected) {
    const QModelIndex index = proxy_->mapFromSource(model_->index(model_->rowOfEntry(id), 0));
    if (index.isValid())
      view_->selectionModel()->select(index, QItemSelectionModel::Select | QItemSelectionModel::Rows);
  }
  refreshPrompts();
}

void HistoryPanel::selectEntry(qint64 entryId) {
  if (model_->rowOfEntry(entryId) < 0 && model_->profileId() > 0 && !showMembers_->isChecked() &&
      showMembers_->isVisible())
    showMembers_->setChecked(true);  // a member's entry, e.g. picked by profiling
  const int row = model_->rowOfEntry(entryId);
  if (row < 0) return;
  QModelIndex index = proxy_->mapFromSource(model_->index(row, HistoryTableModel::Prompt));
  if (!index.isValid()) {  // filtered out: show everything again
    filter_->clear();
    tagFilter_->setCurrentIndex(0);
    ratingFilter_->setCurrentIndex(0);
    index = proxy_->mapFromSource(model_->index(row, HistoryTableModel::Prompt));
  }
  view_->setCurrentIndex(index);
  view_->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
  view_->scrollTo(index, QAbstractItemView::PositionAtCenter);
}

std::vector<qint64> HistoryPanel::selectedEntryIds() const {
  std::vector<qint64> ids;
  QModelIndexList rows = view_->selectionModel()->selectedRows();
  std::sort(rows.begin(), rows.end(), [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
  for (const QModelIndex& index : rows) {
    const int source = proxy_->mapToSource(index).row();
    if (model_->isOwnRow(source)) ids.push_back(model_->rowAt(source).entry.id);
  }
  return ids;
}

// --- Showing ------------------------------------------------------------------------------

void HistoryPanel::showProfile() {
  std::optional<Profile> profile;
  if (profileId_ > 0) {
    try {
      profile = store_.profile(profileId_);
    } catch (const std::exception&) {  // deleted meanwhile
      profileId_ = -1;
    }
  }
  const bool library = profile && profile->kind != ProfileKind::User;
  const bool members = library && showMembers_->isChecked();
  showMembers_->setVisible(library);
  model_->setProfile(profile ? profile->id : 0, members);
  view_->setColumnHidden(HistoryTableModel::Owner, !members);
  view_->setColumnHidden(HistoryTableModel::EffectiveWeight, !members);
  if (!profile) heading_->setText(tr("No profile selected"));
  else if (profile->description.isEmpty()) heading_->setText(tr("%1 (%2)").arg(profile->name, ProfileListModel::kindLabel(profile->kind)));
  else heading_->setText(tr("%1 (%2): %3").arg(profile->name, ProfileListModel::kindLabel(profile->kind), profile->description));
  refillTags();
  updateCounts();
  updateActions();
}

void HistoryPanel::refillTags() {
  const QString current = tagFilter_->currentData().toString();
  const QSignalBlocker block(tagFilter_);
  tagFilter_->clear();
  tagFilter_->addItem(tr("Any tag"), QString());
  for (const QString& tag : model_->tags()) tagFilter_->addItem(tag, tag);
  const int index = tagFilter_->findData(current);
  tagFilter_->setCurrentIndex(std::max(index, 0));
  proxy_->setTag(tagFilter_->currentData().toString());
}

void HistoryPanel::refreshPrompts() {
  try {
    prompts_->setStringList(store_.recentPrompts());
  } catch (const std::exception&) {
    // Completion is a convenience; a read failure shows up on the next real store call.
  }
}

void HistoryPanel::updateCounts() {
  counts_->setText(proxy_->isFiltering() ? tr("%1 of %n entry(s)", nullptr, model_->rowCount()).arg(proxy_->rowCount())
                                         : tr("%n entry(s)", nullptr, model_->rowCount()));
}

void HistoryPanel::updateActions() {
  const bool profile = profileId_ > 0 && !busy_;
  const bool selection = profile && !selectedEntryIds().empty();
  for (QAction* a : {add_, importCsv_, importJson_, exportJson_, exportCsv_}) a->setEnabled(profile);
  for (QAction* a : {delete_, rate_, setWeight_, autoWeight_, addTag_, removeImage_}) a->setEnabled(selection);
  const QModelIndex current = view_->currentIndex();
  const bool ownCurrent = profile && current.isValid() && model_->isOwnRow(proxy_->mapToSource(current).row());
  edit_->setEnabled(ownCurrent);
  attachImage_->setEnabled(ownCurrent);
}

void HistoryPanel::edited(const std::vector<qint64>& ids) {
  model_->refreshEntries(ids);
  refillTags();
  updateCounts();
  refreshPrompts();
  Q_EMIT historyChanged(profileId_);
}

void HistoryPanel::changed() {
  reload();
  Q_EMIT historyChanged(profileId_);
}

bool HistoryPanel::write(const QString& failureTitle, const std::function<void()>& work) {
  try {
    store_.transaction(work);
    return true;
  } catch (const std::exception& e) {
    showError(this, failureTitle, QString::fromUtf8(e.what()));
    return false;
  }
}

bool HistoryPanel::requireProfile() { return profileId_ > 0 && !busy_; }

// --- Entries ------------------------------------------------------------------------------

void HistoryPanel::writeDraft(qint64 entryId, const EntryDraft& d) {
  store_.setPrompt(entryId, d.prompt, d.negative);
  store_.setRating(entryId, d.rating);
  store_.setWeight(entryId, d.weight);
  store_.setTags(entryId, d.tags);
  if (!d.imageFile.isEmpty()) store_.setImage(entryId, store_.storeImage(readImageFile(d.imageFile)));
  else if (d.removeImage) store_.setImage(entryId, std::nullopt);
}

void HistoryPanel::addEntry() {
  if (!requireProfile()) return;
  EntryDialog dialog(model_->tags(), this);
  if (dialog.exec() != QDialog::Accepted) return;
  const EntryDraft d = dialog.draft();
  qint64 id = 0;
  if (!write(tr("Could not add the entry"), [&] {
        NewEntry entry;
        entry.prompt = d.prompt;
        id = store_.addEntry(profileId_, entry);
        writeDraft(id, d);
      }))
    return;
  changed();
  selectEntry(id);
}

void HistoryPanel::editEntry() {
  const QModelIndex current = view_->currentIndex();
  if (!requireProfile() || !current.isValid()) return;
  const int row = proxy_->mapToSource(current).row();
  if (!model_->isOwnRow(row)) return;
  const HistoryEntry entry = model_->rowAt(row).entry;
  EntryDialog dialog(model_->tags(), this);
  dialog.setEntry(entry, entry.image ? store_.imagePath(*entry.image) : QString());
  if (dialog.exec() != QDialog::Accepted) return;
  if (write(tr("Could not change the entry"), [&] { writeDraft(entry.id, dialog.draft()); })) edited({entry.id});
}

void HistoryPanel::deleteSelected() {
  const auto ids = selectedEntryIds();
  if (!requireProfile() || ids.empty()) return;
  const QString question =
      ids.size() == 1 ? tr("Delete the entry \"%1\"?").arg(model_->rowAt(model_->rowOfEntry(ids.front())).entry.prompt.left(80))
                      : tr("Delete %n entries?", nullptr, int(ids.size()));
  if (!confirm(this, tr("Delete entries"), question + QLatin1Char('\n') + tr("This cannot be undone."))) return;
  if (write(tr("Could not delete the entries"), [&] { store_.removeEntries(ids); })) changed();
}

void HistoryPanel::setRatingOfSelected(std::optional<int> rating) {
  const auto ids = selectedEntryIds();
  if (!requireProfile() || ids.empty()) return;
  if (write(tr("Could not set the rating"), [&] {
        for (qint64 id : ids) store_.setRating(id, rating);
      }))
    edited(ids);
}

void HistoryPanel::setWeightOfSelected(std::optional<double> weight) {
  const auto ids = selectedEntryIds();
  if (!requireProfile() || ids.empty()) return;
  if (write(tr("Could not set the weight"), [&] {
        for (qint64 id : ids) store_.setWeight(id, weight);
      }))
    edited(ids);
}

void HistoryPanel::addTagToSelected(const QString& tag) {
  const auto ids = selectedEntryIds();
  if (!requireProfile() || ids.empty() || tag.trimmed().isEmpty()) return;
  if (write(tr("Could not add the tag"), [&] {
        for (qint64 id : ids) store_.setTags(id, store_.entry(id).tags << tag.trimmed());
      }))
    edited(ids);
}

void HistoryPanel::attachImage(qint64 entryId, const QString& imageFile) {
  if (!requireProfile()) return;
  if (write(tr("Could not attach the image"),
            [&] { store_.setImage(entryId, store_.storeImage(readImageFile(imageFile))); }))
    edited({entryId});
}

void HistoryPanel::askSetWeight() {
  if (selectedEntryIds().empty()) return;
  bool ok = false;
  const double weight = QInputDialog::getDouble(this, tr("Set weight"),
                                                tr("Weight of the selected entries (0 switches them off):"), 1.0, 0.0,
                                                10.0, 2, &ok, Qt::WindowFlags(), 0.05);
  if (ok) setWeightOfSelected(weight);
}

void HistoryPanel::askAddTag() {
  if (selectedEntryIds().empty()) return;
  bool ok = false;
  const QString tag = QInputDialog::getText(this, tr("Add tag"), tr("Tag for the selected entries:"),
                                            QLineEdit::Normal, {}, &ok);
  if (ok) addTagToSelected(tag);
}

void HistoryPanel::askAttachImage() {
  const QModelIndex current = view_->currentIndex();
  if (!current.isValid()) return;
  const QString path = QFileDialog::getOpenFileName(this, tr("Attach an image"), {}, imageFileFilter());
  if (!path.isEmpty()) attachImage(current.data(HistoryTableModel::EntryIdRole).toLongLong(), path);
}

// --- Import and export (off the GUI thread) -------------------------------------------------

void HistoryPanel::setBusy(bool busy) {
  busy_ = busy;
  view_->setEditTriggers(busy ? QAbstractItemView::NoEditTriggers
                              : QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
  updateActions();
}

QProgressDialog* HistoryPanel::startProgress(const QString& label, bool cancellable) {
  auto* progress = new QProgressDialog(label, cancellable ? tr("Cancel") : QString(), 0, 0, this);
  progress->setWindowModality(Qt::WindowModal);
  progress->setMinimumDuration(300);
  progress->setAutoClose(false);
  progress->setAutoReset(false);
  progress->setAttribute(Qt::WA_DeleteOnClose);
  progress->setToolTip(label);
  progress->setValue(0);
  return progress;
}

void HistoryPanel::importCsv(const QString& csvFile) {
  if (!requireProfile()) return;
  setBusy(true);
  QPointer<QProgressDialog> progress = startProgress(tr("Importing %1...").arg(csvFile), true);
  // The worker only touches these atomics; a timer on the GUI thread shows them.
  struct Shared {
    std::atomic<bool> cancelled{false};
    std::atomic<int> written{0}, total{0};
  };
  auto shared = std::make_shared<Shared>();
  connect(progress, &QProgressDialog::canceled, this, [shared] { shared->cancelled = true; });
  auto* poll = new QTimer(progress);
  connect(poll, &QTimer::timeout, progress, [progress, shared] {
    if (shared->total > 0) {
      progress->setMaximum(shared->total);
      progress->setValue(shared->written);
    }
  });
  poll->start(100);
  const qint64 profile = profileId_;
  runStoreJob<CsvImportResult>(
      this, store_.dataDir(),
      [=](HistoryStore& store) {
        return fan::importCsv(store, profile, csvFile, CsvErrorMode::SkipBadRows, [shared](int written, int total) {
          if (shared->cancelled) throw JobCancelled();
          shared->written = written;
          shared->total = total;
        });
      },
      [=](const JobOutcome<CsvImportResult>& outcome) {
        if (progress) progress->close();
        setBusy(false);
        if (outcome.cancelled) return;  // rolled back: nothing to show
        if (!outcome.value) return showError(this, tr("Could not import %1").arg(csvFile), outcome.error);
        changed();
        auto* report = new ImportReportDialog(csvFile, outcome.value->imported, outcome.value->errors, this);
        report->setAttribute(Qt::WA_DeleteOnClose);
        report->open();
      });
}

void HistoryPanel::importJson(const QString& exportFolderOrFile) {
  if (!requireProfile()) return;
  setBusy(true);
  QPointer<QProgressDialog> progress = startProgress(tr("Importing %1...").arg(exportFolderOrFile), false);
  const qint64 profile = profileId_;
  runStoreJob<int>(
      this, store_.dataDir(),
      [=](HistoryStore& store) { return importProfileEntries(store, profile, exportFolderOrFile); },
      [=](const JobOutcome<int>& outcome) {
        if (progress) progress->close();
        setBusy(false);
        if (!outcome.value) return showError(this, tr("Could not import %1").arg(exportFolderOrFile), outcome.error);
        changed();
        auto* report = new ImportReportDialog(exportFolderOrFile, *outcome.value, {}, this);
        report->setAttribute(Qt::WA_DeleteOnClose);
        report->open();
      });
}

void HistoryPanel::exportJson(const QString& path, ExistingExport existing) {
  if (!requireProfile()) return;
  setBusy(true);
  QPointer<QProgressDialog> progress = startProgress(tr("Exporting to %1...").arg(path), false);
  const qint64 profile = profileId_;
  runStoreJob<QString>(
      this, store_.dataDir(), [=](HistoryStore& store) { return exportProfile(store, profile, path, existing); },
      [=](const JobOutcome<QString>& outcome) {
        if (progress) progress->close();
        setBusy(false);
        if (!outcome.value) showError(this, tr("Could not export to %1").arg(path), outcome.error);
      });
}

void HistoryPanel::exportCsv(const QString& csvFile) {
  if (!requireProfile()) return;
  setBusy(true);
  QPointer<QProgressDialog> progress = startProgress(tr("Exporting to %1...").arg(csvFile), false);
  const qint64 profile = profileId_;
  runStoreJob<int>(
      this, store_.dataDir(), [=](HistoryStore& store) { return fan::exportCsv(store, profile, csvFile); },
      [=](const JobOutcome<int>& outcome) {
        if (progress) progress->close();
        setBusy(false);
        if (!outcome.value) showError(this, tr("Could not export to %1").arg(csvFile), outcome.error);
      });
}

void HistoryPanel::askImportCsv() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Import a CSV file"), {},
                                                    tr("CSV files (*.csv);;All files (*)"));
  if (!path.isEmpty()) importCsv(path);
}

void HistoryPanel::askImportJson() {
  const QStringList files = ProfileFileDialogs::askOpen(this, tr("Import the entries of an exported profile"), false);
  if (!files.isEmpty()) importJson(files.front());
}

void HistoryPanel::askExportJson() {
  if (!requireProfile()) return;
  QString name;
  try {
    name = store_.profile(profileId_).name;
  } catch (const std::exception& e) {  // deleted meanwhile
    return showError(this, tr("Could not export the profile"), QString::fromUtf8(e.what()));
  }
  const QString path = ProfileFileDialogs::askSave(this, name);
  if (!path.isEmpty()) exportJson(path, ExistingExport::Replace);
}

void HistoryPanel::askExportCsv() {
  const QString path = QFileDialog::getSaveFileName(this, tr("Export as CSV"), {}, tr("CSV files (*.csv)"));
  if (!path.isEmpty()) exportCsv(path);
}

}  // namespace fan::ui
