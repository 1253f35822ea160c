// The history panel driven like a user would against a temporary store: the entry dialog,
// star clicks and rating keys, in-place weight override, filters, multi-select actions, a
// group's read-only member rows, CSV import with bad rows (report), export round trips and an
// image dropped on a row.
#include "core/store/HistoryStore.h"
#include "tests/common/TestRegistry.h"
#include "tests/ui/UiTestUtil.h"
#include "tests/store/StoreTestUtil.h"
#include "ui/library/EntryDialog.h"
#include "ui/library/HistoryDelegates.h"
#include "ui/library/HistoryFilterProxy.h"
#include "ui/library/HistoryPanel.h"
#include "ui/library/HistoryTableModel.h"
#include "ui/library/HistoryTableView.h"
#include "ui/library/ImportReportDialog.h"
#include "ui/library/ProfileFileDialogs.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDeadlineTimer>
#include <QDoubleSpinBox>
#include <QFile>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QProgressDialog>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrl>

using namespace fan;
using namespace fan::ui;
using fan::test::entry;
using fan::test::actionNamed;
using fan::test::takeErrorBox;
using fan::test::whenModal;

namespace {

// A history panel showing one user's profile, on screen (offscreen platform).
struct Fixture {
  QTemporaryDir dir;
  HistoryStore store{dir.path()};
  qint64 ana = store.createProfile(ProfileKind::User, QStringLiteral("Ana")).id;
  HistoryPanel panel{store};

  Fixture() {
    panel.resize(1200, 600);
    panel.show();
    if (!QTest::qWaitForWindowExposed(&panel)) qFatal("the panel was not shown");
  }
  // The view row showing entry `id`.
  int viewRow(qint64 id) const {
    const int source = panel.tableModel()->rowOfEntry(id);
    return panel.proxy()->mapFromSource(panel.tableModel()->index(source, 0)).row();
  }
  QModelIndex cell(qint64 id, int column) const { return panel.proxy()->index(viewRow(id), column); }
  void selectRows(std::initializer_list<qint64> ids) {
    panel.view()->clearSelection();
    for (qint64 id : ids)
      panel.view()->selectionModel()->select(cell(id, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
  }
  QString png(const QString& name, QColor color) { return test::writePng(dir.filePath(name), 12, 8, color); }
};

}  // namespace

class LibraryHistoryTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void addAndEditThroughTheEntryDialog() {
    Fixture f;
    f.panel.setProfile(f.ana);
    QSignalSpy changed(&f.panel, &HistoryPanel::historyChanged);
    const QString image = f.png(QStringLiteral("fox.png"), Qt::red);
    whenModal<EntryDialog>([image](EntryDialog* d) {
      QTest::keyClicks(d->promptEdit(), QStringLiteral("red fox in snow"));
      QTest::keyClicks(d->negativeEdit(), QStringLiteral("blurry"));
      d->ratingBox()->setCurrentIndex(4);  // 4 stars
      QTest::mouseClick(d->weightOverride(), Qt::LeftButton);
      QVERIFY(d->weightOverride()->isChecked());
      d->weightBox()->setValue(0.8);
      QTest::keyClicks(d->tagsEdit(), QStringLiteral("animal, winter"));
      d->setImageFile(image);
      d->accept();
    });
    actionNamed(f.panel.actions(), QStringLiteral("Add entry"))->trigger();
    auto entries = f.store.entries(f.ana);
    QCOMPARE(entries.size(), size_t(1));
    const HistoryEntry& e = entries[0];
    QCOMPARE(e.prompt, QStringLiteral("red fox in snow"));
    QCOMPARE(e.negative, QStringLiteral("blurry"));
    QCOMPARE(e.rating, std::optional<int>(4));
    QCOMPARE(e.weight, std::optional<double>(0.8));
    QCOMPARE(e.tags, (QStringList{QStringLiteral("animal"), QStringLiteral("winter")}));
    QVERIFY(e.image && e.image->width == 12);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(f.panel.tableModel()->rowCount(), 1);
    QCOMPARE(f.panel.view()->currentIndex().data(HistoryTableModel::EntryIdRole).toLongLong(), e.id);  // selected
    // The thumbnail is read in the background, then shown.
    QTRY_VERIFY(!f.cell(e.id, HistoryTableModel::Image).data(Qt::DecorationRole).value<QPixmap>().isNull());
    const QPixmap thumb = f.cell(e.id, HistoryTableModel::Image).data(Qt::DecorationRole).value<QPixmap>();
    QCOMPARE(thumb.toImage().pixelColor(thumb.width() / 2, thumb.height() / 2), QColor(Qt::red));

    whenModal<EntryDialog>([](EntryDialog* d) {
      QCOMPARE(d->promptEdit()->toPlainText(), QStringLiteral("red fox in snow"));  // filled from the entry
      QVERIFY(d->weightOverride()->isChecked());
      d->ratingBox()->setCurrentIndex(2);
      QTest::mouseClick(d->weightOverride(), Qt::LeftButton);  // back to automatic
      QVERIFY(!d->weightOverride()->isChecked());
      d->tagsEdit()->setText(QStringLiteral("animal"));
      d->accept();
    });
    actionNamed(f.panel.actions(), QStringLiteral("Edit entry"))->trigger();
    const HistoryEntry edited = f.store.entry(e.id);
    QCOMPARE(edited.rating, std::optional<int>(2));
    QCOMPARE(edited.weight, std::nullopt);
    QCOMPARE(edited.tags, QStringList{QStringLiteral("animal")});
    QVERIFY(edited.image.has_value());  // untouched
    QCOMPARE(f.cell(e.id, HistoryTableModel::Weight).data().toString(), QStringLiteral("auto (0.40)"));
    QCOMPARE(changed.count(), 2);

    // Cancelling writes nothing.
    whenModal<EntryDialog>([](EntryDialog* d) {
      d->promptEdit()->setPlainText(QStringLiteral("changed"));
      d->reject();
    });
    actionNamed(f.panel.actions(), QStringLiteral("Edit entry"))->trigger();
    QCOMPARE(f.store.entry(e.id).prompt, QStringLiteral("red fox in snow"));
  }

  void starsRateByClickAndKeys() {
    Fixture f;
    const auto ids = f.store.addEntries(f.ana, {entry(QStringLiteral("one")), entry(QStringLiteral("two"), 1)});
    f.panel.setProfile(f.ana);
    QSignalSpy changed(&f.panel, &HistoryPanel::historyChanged);
    QTableView* view = f.panel.view();
    QRect cell = view->visualRect(f.cell(ids[0], HistoryTableModel::Rating));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, StarDelegate::starRect(cell, 4).center());
    QCOMPARE(f.store.entry(ids[0]).rating, std::optional<int>(4));
    QCOMPARE(f.cell(ids[0], HistoryTableModel::Rating).data(HistoryTableModel::RatingRole).toInt(), 4);
    QCOMPARE(changed.count(), 1);
    cell = view->visualRect(f.cell(ids[0], HistoryTableModel::Rating));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, StarDelegate::starRect(cell, 4).center());
    QCOMPARE(f.store.entry(ids[0]).rating, std::nullopt);  // clicking the current rating clears it

    f.selectRows({ids[0], ids[1]});
    view->setFocus();
    QTest::keyClick(view, Qt::Key_3);
    QCOMPARE(f.store.entry(ids[0]).rating, std::optional<int>(3));
    QCOMPARE(f.store.entry(ids[1]).rating, std::optional<int>(3));
    QTest::keyClick(view, Qt::Key_0);
    QCOMPARE(f.store.entry(ids[1]).rating, std::nullopt);
    // The rating menu does the same.
    f.selectRows({ids[1]});
    QAction* rate = actionNamed(f.panel.actions(), QStringLiteral("Set rating"));
    rate->menu()->actions().at(5)->trigger();
    QCOMPARE(f.store.entry(ids[1]).rating, std::optional<int>(5));
  }

  void weightOverrideEditsInPlace() {
    Fixture f;
    const qint64 id = f.store.addEntry(f.ana, entry(QStringLiteral("sea")));
    f.panel.setProfile(f.ana);
    QCOMPARE(f.cell(id, HistoryTableModel::Weight).data().toString(), QStringLiteral("auto (0.60)"));
    QTableView* view = f.panel.view();
    auto editTo = [&](const QString& text) {
      const QModelIndex index = f.cell(id, HistoryTableModel::Weight);
      view->setCurrentIndex(index);
      const QPoint at = view->visualRect(index).center();
      QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);  // a double click starts with a click
      QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, at);
      auto* editor = view->viewport()->findChild<QLineEdit*>();
      QVERIFY(editor);
      editor->selectAll();
      QTest::keyClick(editor, Qt::Key_Backspace);
      QTest::keyClicks(editor, text);
      QTest::keyClick(editor, Qt::Key_Return);
      QTRY_VERIFY(!view->viewport()->findChild<QLineEdit*>());  // Return commits (queued) and closes
    };
    QApplication::setActiveWindow(&f.panel);
    editTo(QStringLiteral("0.35"));
    QCOMPARE(f.store.entry(id).weight, std::optional<double>(0.35));
    QCOMPARE(f.cell(id, HistoryTableModel::Weight).data().toString(), QLocale().toString(0.35, 'f', 2));
    editTo(QString());
    QCOMPARE(f.store.entry(id).weight, std::nullopt);  // empty = automatic
    QCOMPARE(f.cell(id, HistoryTableModel::Weight).data().toString(), QStringLiteral("auto (0.60)"));
    // A bad value through the model is an error message, never a crash.
    QVERIFY(!f.panel.proxy()->setData(f.cell(id, HistoryTableModel::Weight), QStringLiteral("heavy")));
    QVERIFY(takeErrorBox(&f.panel).contains(QStringLiteral("'heavy' is not a weight")));
  }

  void filtersByTextTagAndRating() {
    Fixture f;
    f.store.addEntries(f.ana, {entry(QStringLiteral("Red fox"), 5, std::nullopt, {QStringLiteral("animal")}),
                               entry(QStringLiteral("red car"), 2, std::nullopt, {QStringLiteral("vehicle")}),
                               entry(QStringLiteral("blue whale"), 4, std::nullopt, {QStringLiteral("animal")}),
                               entry(QStringLiteral("green hill"))});
    f.panel.setProfile(f.ana);
    QCOMPARE(f.panel.proxy()->rowCount(), 4);
    f.panel.focusFilter();
    QVERIFY(f.panel.filterEdit()->hasFocus());
    QTest::keyClicks(f.panel.filterEdit(), QStringLiteral("RED"));
    QCOMPARE(f.panel.proxy()->rowCount(), 2);
    f.panel.tagFilter()->setCurrentIndex(f.panel.tagFilter()->findText(QStringLiteral("animal")));
    QCOMPARE(f.panel.proxy()->rowCount(), 1);
    f.panel.filterEdit()->clear();
    QCOMPARE(f.panel.proxy()->rowCount(), 2);  // both animals
    f.panel.ratingFilter()->setCurrentIndex(5);  // 5 stars or more
    QCOMPARE(f.panel.proxy()->rowCount(), 1);
    QCOMPARE(f.panel.proxy()->index(0, HistoryTableModel::Prompt).data().toString(), QStringLiteral("Red fox"));
    f.panel.tagFilter()->setCurrentIndex(0);
    f.panel.ratingFilter()->setCurrentIndex(2);  // 2+: unrated entries drop out
    QCOMPARE(f.panel.proxy()->rowCount(), 3);
    // Sorting by rating puts the highest first when descending.
    f.panel.view()->sortByColumn(HistoryTableModel::Rating, Qt::DescendingOrder);
    QCOMPARE(f.panel.proxy()->index(0, HistoryTableModel::Prompt).data().toString(), QStringLiteral("Red fox"));
  }

  void multiSelectActionsAndDelete() {
    Fixture f;
    const auto ids = f.store.addEntries(
        f.ana, {entry(QStringLiteral("a")), entry(QStringLiteral("b")), entry(QStringLiteral("c"))});
    f.panel.setProfile(f.ana);
    f.selectRows({ids[0], ids[2]});
    QCOMPARE(f.panel.selectedEntryIds().size(), size_t(2));
    whenModal<QInputDialog>([](QInputDialog* d) {
      d->setDoubleValue(1.5);
      d->accept();
    });
    actionNamed(f.panel.actions(), QStringLiteral("Set weight"))->trigger();
    QCOMPARE(f.store.entry(ids[0]).weight, std::optional<double>(1.5));
    QCOMPARE(f.store.entry(ids[1]).weight, std::nullopt);
    QCOMPARE(f.store.entry(ids[2]).weight, std::optional<double>(1.5));
    whenModal<QInputDialog>([](QInputDialog* d) {
      d->setTextValue(QStringLiteral("keep"));
      d->accept();
    });
    actionNamed(f.panel.actions(), QStringLiteral("Add tag"))->trigger();
    QCOMPARE(f.store.entry(ids[2]).tags, QStringList{QStringLiteral("keep")});
    QVERIFY(f.panel.tagFilter()->findText(QStringLiteral("keep")) > 0);  // the tag filter knows it now
    actionNamed(f.panel.actions(), QStringLiteral("Automatic weight"))->trigger();
    QCOMPARE(f.store.entry(ids[0]).weight, std::nullopt);

    whenModal<QMessageBox>([](QMessageBox* box) {
      QVERIFY(box->text().contains(QStringLiteral("2 entr")));
      box->button(QMessageBox::Yes)->click();
    });
    actionNamed(f.panel.actions(), QStringLiteral("Delete entries"))->trigger();
    QCOMPARE(f.store.entryCount(f.ana), 1);
    QCOMPARE(f.store.entries(f.ana)[0].id, ids[1]);
    QCOMPARE(f.panel.tableModel()->rowCount(), 1);
  }

  void groupShowsMembersReadOnly() {
    Fixture f;
    const qint64 crew = f.store.createProfile(ProfileKind::Group, QStringLiteral("Crew")).id;
    f.store.setMember(crew, f.ana, 2.0);
    const qint64 own = f.store.addEntry(crew, entry(QStringLiteral("team logo"), 5));
    const qint64 member = f.store.addEntry(f.ana, entry(QStringLiteral("red fox"), 3));
    f.panel.setProfile(crew);
    QVERIFY(f.panel.membersToggle()->isVisible());
    QCOMPARE(f.panel.tableModel()->rowCount(), 2);
    QVERIFY(!f.panel.view()->isColumnHidden(HistoryTableModel::Owner));
    QCOMPARE(f.cell(member, HistoryTableModel::Owner).data().toString(), QStringLiteral("Ana (x2)"));
    QCOMPARE(f.cell(member, HistoryTableModel::EffectiveWeight).data().toString(), QLocale().toString(1.2, 'f', 2));
    QVERIFY(!(f.cell(member, HistoryTableModel::Rating).flags() & Qt::ItemIsEditable));
    QVERIFY(f.cell(own, HistoryTableModel::Rating).flags() & Qt::ItemIsEditable);
    const QRect cell = f.panel.view()->visualRect(f.cell(member, HistoryTableModel::Rating));
    QTest::mouseClick(f.panel.view()->viewport(), Qt::LeftButton, {}, StarDelegate::starRect(cell, 1).center());
    QCOMPARE(f.store.entry(member).rating, std::optional<int>(3));  // read-only here
    f.selectRows({own, member});
    QCOMPARE(f.panel.selectedEntryIds(), std::vector<qint64>{own});  // actions skip members' rows

    f.panel.membersToggle()->setChecked(false);
    QCOMPARE(f.panel.tableModel()->rowCount(), 1);
    QVERIFY(f.panel.view()->isColumnHidden(HistoryTableModel::Owner));
    // Selecting a member's entry (as the profiling plot does) shows the members again.
    QSignalSpy selected(&f.panel, &HistoryPanel::entrySelected);
    f.panel.selectEntry(member);
    QVERIFY(f.panel.membersToggle()->isChecked());
    QCOMPARE(f.panel.view()->currentIndex().data(HistoryTableModel::EntryIdRole).toLongLong(), member);
    QCOMPARE(selected.last().at(0).toLongLong(), member);
  }

  void csvImportReportsBadRows() {
    Fixture f;
    f.png(QStringLiteral("ok.png"), Qt::blue);
    QFile csv(f.dir.filePath(QStringLiteral("rows.csv")));
    QVERIFY(csv.open(QIODevice::WriteOnly));
    csv.write("prompt,rating,image\n"
              "red fox,5,ok.png\n"
              "too many,1,ok.png,extra\n"
              "\"quoted, with comma\",\n"
              "bad rating,7\n"
              ",3\n"
              "missing image,2,nothere.png\n"
              "plain,4\n");
    csv.close();
    f.panel.setProfile(f.ana);
    QSignalSpy changed(&f.panel, &HistoryPanel::historyChanged);
    f.panel.importCsv(csv.fileName());
    QVERIFY(f.panel.isBusy());
    QVERIFY(!actionNamed(f.panel.actions(), QStringLiteral("Import CSV"))->isEnabled());
    QTRY_VERIFY(!f.panel.isBusy());
    auto* report = f.panel.findChild<ImportReportDialog*>();
    QVERIFY(report && report->isVisible());
    QVERIFY(report->summary()->text().contains(QStringLiteral("imported 3 entr")));
    QTableWidget* skipped = report->skippedRows();
    QCOMPARE(skipped->rowCount(), 4);
    const int lines[] = {3, 5, 6, 7};
    const char* reasons[] = {"expected 2 or 3 columns", "rating '7'", "the prompt is empty", "nothere.png"};
    for (int i = 0; i < 4; ++i) {
      QCOMPARE(skipped->item(i, 0)->data(Qt::DisplayRole).toInt(), lines[i]);
      QVERIFY2(skipped->item(i, 1)->text().contains(QLatin1String(reasons[i])), qPrintable(skipped->item(i, 1)->text()));
    }
    report->close();
    QCOMPARE(f.store.entryCount(f.ana), 3);
    QCOMPARE(f.panel.tableModel()->rowCount(), 3);
    QCOMPARE(changed.count(), 1);
    QVERIFY(f.store.entries(f.ana)[0].image.has_value());
  }

  void cancelledImportWritesNothing() {
    Fixture f;
    QFile csv(f.dir.filePath(QStringLiteral("many.csv")));
    QVERIFY(csv.open(QIODevice::WriteOnly));
    for (int i = 0; i < 6000; ++i) csv.write(QStringLiteral("prompt %1,3\n").arg(i).toUtf8());
    csv.close();
    f.panel.setProfile(f.ana);
    f.panel.importCsv(csv.fileName());
    auto* progress = f.panel.findChild<QProgressDialog*>();
    QVERIFY(progress);
    QVERIFY(progress->findChild<QPushButton*>());
    progress->findChild<QPushButton*>()->click();  // "Cancel", before the first 1000 rows are through
    QTRY_VERIFY(!f.panel.isBusy());
    QCOMPARE(f.store.entryCount(f.ana), 0);
    QVERIFY(!f.panel.findChild<ImportReportDialog*>());
  }

  void exportRoundTrips() {
    Fixture f;
    NewEntry fox = entry(QStringLiteral("red fox, \"quoted\""), 5, 0.9, {QStringLiteral("animal")});
    fox.negative = QStringLiteral("blurry");
    fox.imageFile = f.png(QStringLiteral("fox.png"), Qt::red);
    f.store.addEntries(f.ana, {fox, entry(QStringLiteral("blue sea"))});
    f.panel.setProfile(f.ana);
    const QString folder = f.dir.filePath(QStringLiteral("json-export"));
    const QString csvFile = f.dir.filePath(QStringLiteral("ana.csv"));
    f.panel.exportJson(folder);
    QTRY_VERIFY(!f.panel.isBusy());
    f.panel.exportCsv(csvFile);
    QTRY_VERIFY(!f.panel.isBusy());
    QVERIFY(takeErrorBox(&f.panel).isEmpty());

    const qint64 fromJson = f.store.createProfile(ProfileKind::User, QStringLiteral("From JSON")).id;
    f.panel.setProfile(fromJson);
    f.panel.importJson(folder);
    QTRY_VERIFY(!f.panel.isBusy());
    f.panel.findChild<ImportReportDialog*>()->close();
    const qint64 fromCsv = f.store.createProfile(ProfileKind::User, QStringLiteral("From CSV")).id;
    f.panel.setProfile(fromCsv);
    f.panel.importCsv(csvFile);
    QTRY_VERIFY(!f.panel.isBusy());

    const auto original = f.store.entries(f.ana), json = f.store.entries(fromJson), csv = f.store.entries(fromCsv);
    QCOMPARE(json.size(), original.size());
    QCOMPARE(csv.size(), original.size());
    for (size_t i = 0; i < original.size(); ++i) {
      QCOMPARE(json[i].prompt, original[i].prompt);
      QCOMPARE(json[i].negative, original[i].negative);
      QCOMPARE(json[i].rating, original[i].rating);
      QCOMPARE(json[i].weight, original[i].weight);
      QCOMPARE(json[i].tags, original[i].tags);
      QCOMPARE(json[i].created, original[i].created);
      QCOMPARE(csv[i].prompt, original[i].prompt);
      QCOMPARE(csv[i].rating, original[i].rating);
      QCOMPARE(csv[i].image ? csv[i].image->hash : QString(), original[i].image ? original[i].image->hash : QString());
    }
    // An export document is not replaced unless asked (the save dialog asks the user).
    f.panel.setProfile(f.ana);
    f.panel.exportJson(folder);
    QTRY_VERIFY(!f.panel.isBusy());
    QVERIFY(takeErrorBox(&f.panel).contains(QStringLiteral("Ana.fanprofile.json already exists")));
    f.panel.exportJson(folder + QStringLiteral("/Ana.fanprofile.json"), ExistingExport::Replace);
    QTRY_VERIFY(!f.panel.isBusy());
    QVERIFY(takeErrorBox(&f.panel).isEmpty());
    QCOMPARE(ProfileFileDialogs::withExportSuffix(QStringLiteral("/tmp/ana")), QStringLiteral("/tmp/ana.fanprofile.json"));
    QCOMPARE(ProfileFileDialogs::withExportSuffix(QStringLiteral("/tmp/ana.JSON")), QStringLiteral("/tmp/ana.JSON"));
  }

  void imageDroppedOnARowIsAttached() {
    Fixture f;
    const auto ids = f.store.addEntries(f.ana, {entry(QStringLiteral("a")), entry(QStringLiteral("b"))});
    f.panel.setProfile(f.ana);
    QSignalSpy changed(&f.panel, &HistoryPanel::historyChanged);
    HistoryTableView* view = f.panel.view();
    const QPoint target = view->visualRect(f.cell(ids[1], HistoryTableModel::Prompt)).center();

    QMimeData text;
    QFile notImage(f.dir.filePath(QStringLiteral("notes.txt")));
    QVERIFY(notImage.open(QIODevice::WriteOnly) && notImage.write("hello") == 5);
    notImage.close();
    text.setUrls({QUrl::fromLocalFile(notImage.fileName())});
    QDragMoveEvent refused(target, Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view->viewport(), &refused);
    QVERIFY(!refused.isAccepted());

    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(test::writePng(f.dir.filePath(QStringLiteral("drop.png")), 200, 100, Qt::green))});
    QDragEnterEvent enter(target, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view->viewport(), &enter);
    QVERIFY(enter.isAccepted());
    QDragMoveEvent move(target, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view->viewport(), &move);
    QVERIFY(move.isAccepted());
    QDropEvent drop(target, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view->viewport(), &drop);
    QVERIFY(drop.isAccepted());
    QVERIFY(!f.store.entry(ids[0]).image);
    const auto image = f.store.entry(ids[1]).image;
    QVERIFY(image && image->width == 200 && image->height == 100);
    QCOMPARE(changed.count(), 1);
    QTRY_VERIFY(!f.cell(ids[1], HistoryTableModel::Image).data(Qt::DecorationRole).value<QPixmap>().isNull());
    const QPixmap thumb = f.cell(ids[1], HistoryTableModel::Image).data(Qt::DecorationRole).value<QPixmap>();
    QCOMPARE(thumb.toImage().pixelColor(thumb.width() / 2, thumb.height() / 2), QColor(Qt::green));
    QCOMPARE(thumb.deviceIndependentSize().toSize(), QSize(HistoryTableModel::kThumbnailSize, HistoryTableModel::kThumbnailSize / 2));

    // A file that only looks like an image is an error message, not a crash.
    QFile fake(f.dir.filePath(QStringLiteral("fake.png")));
    QVERIFY(fake.open(QIODevice::WriteOnly) && fake.write("\x89PNG broken") > 0);
    fake.close();
    f.panel.attachImage(ids[0], fake.fileName());
    QVERIFY(takeErrorBox(&f.panel).contains(QStringLiteral("not a readable image")));
    QVERIFY(!f.store.entry(ids[0]).image);
  }

  void completionTooltipsAndNoProfile() {
    Fixture f;
    f.store.addEntry(f.ana, entry(QStringLiteral("a castle at dawn")));
    HistoryPanel panel(f.store);
    QCOMPARE(panel.profileId(), qint64(-1));
    for (QAction* a : panel.actions()) {  // nothing to act on without a profile
      QVERIFY2(!a->toolTip().isEmpty(), qPrintable(a->text()));
      QVERIFY2(!a->isEnabled(), qPrintable(a->text()));
    }
    QVERIFY(panel.promptCompletionModel()->match(panel.promptCompletionModel()->index(0, 0), Qt::DisplayRole,
                                                  QStringLiteral("a castle at dawn"), 1, Qt::MatchExactly)
                .size() == 1);
    panel.setProfile(f.ana);
    QVERIFY(actionNamed(panel.actions(), QStringLiteral("Add entry"))->isEnabled());
    f.store.deleteProfile(f.ana);  // gone behind the panel's back
    panel.reload();
    QCOMPARE(panel.profileId(), qint64(-1));
    QCOMPARE(panel.tableModel()->rowCount(), 0);
  }
};

FAN_REGISTER_TEST(LibraryHistoryTest)
#include "LibraryHistoryTest.moc"
