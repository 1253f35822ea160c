// The profiles panel driven through its actions and real dialogs (answered from a timer while
// they run modally) against a temporary store: create, rename, duplicate, delete + undo,
// membership weights, search, import.
#include "core/store/HistoryStore.h"
#include "core/store/ProfileExchange.h"
#include "tests/common/TestRegistry.h"
#include "tests/ui/UiTestUtil.h"
#include "tests/store/StoreTestUtil.h"
#include "ui/library/MembersDialog.h"
#include "ui/library/ProfileListModel.h"
#include "ui/library/ProfilesPanel.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDeadlineTimer>
#include <QDoubleSpinBox>
#include <QInputDialog>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace fan;
using namespace fan::ui;
using fan::test::entry;
using fan::test::actionNamed;
using fan::test::takeErrorBox;
using fan::test::whenModal;

class LibraryProfilesTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void createRenameDuplicateThroughActions() {
    QTemporaryDir dir;
    HistoryStore store(dir.path());
    ProfilesPanel panel(store);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QSignalSpy selected(&panel, &ProfilesPanel::profileSelected);
    QSignalSpy changed(&panel, &ProfilesPanel::profilesChanged);
    QCOMPARE(panel.currentProfileId(), qint64(-1));

    whenModal<QInputDialog>([](QInputDialog* d) {
      d->setTextValue(QStringLiteral("Ana"));
      d->accept();
    });
    actionNamed(panel.actions(), QStringLiteral("New user"))->trigger();
    const auto ana = store.findProfile(QStringLiteral("Ana"));
    QVERIFY(ana && ana->kind == ProfileKind::User);
    QCOMPARE(panel.currentProfileId(), ana->id);
    QCOMPARE(selected.last().at(0).toLongLong(), ana->id);
    QCOMPARE(selected.last().at(1).toString(), QStringLiteral("Ana"));
    QCOMPARE(changed.count(), 1);
    store.addEntry(ana->id, entry(QStringLiteral("red fox"), 5, std::nullopt, {QStringLiteral("animal")}));

    whenModal<QInputDialog>([](QInputDialog* d) {
      d->setTextValue(QStringLiteral("Crew"));
      d->accept();
    });
    actionNamed(panel.actions(), QStringLiteral("New group"))->trigger();
    QVERIFY(store.findProfile(QStringLiteral("Crew"))->kind == ProfileKind::Group);
    // Users come before groups in the list whatever the names.
    QCOMPARE(panel.listModel()->profileAt(0).name, QStringLiteral("Ana"));
    QCOMPARE(panel.listModel()->profileAt(1).name, QStringLiteral("Crew"));

    // A taken name (ignoring case) is an error message, not a crash, and nothing is created.
    whenModal<QInputDialog>([](QInputDialog* d) {
      d->setTextValue(QStringLiteral("ana"));
      d->accept();
    });
    actionNamed(panel.actions(), QStringLiteral("New brand"))->trigger();
    QVERIFY(takeErrorBox(&panel).contains(QStringLiteral("already exists")));
    QCOMPARE(int(store.profiles().size()), 2);

    panel.selectProfile(ana->id);
    whenModal<QInputDialog>([](QInputDialog* d) {
      QCOMPARE(d->textValue(), QStringLiteral("Ana"));  // the dialog starts from the current name
      d->setTextValue(QStringLiteral("Anna"));
      d->accept();
    });
    actionNamed(panel.actions(), QStringLiteral("Rename"))->trigger();
    QCOMPARE(store.profile(ana->id).name, QStringLiteral("Anna"));
    QCOMPARE(panel.currentProfileName(), QStringLiteral("Anna"));
    QCOMPARE(selected.last().at(1).toString(), QStringLiteral("Anna"));

    whenModal<QInputDialog>([](QInputDialog* d) { d->accept(); });  // take the suggested name
    actionNamed(panel.actions(), QStringLiteral("Duplicate"))->trigger();
    const auto copy = store.findProfile(QStringLiteral("Anna copy"));
    QVERIFY(copy);
    QCOMPARE(panel.currentProfileId(), copy->id);
    const auto copied = store.entries(copy->id);
    QCOMPARE(copied.size(), size_t(1));
    QCOMPARE(copied[0].prompt, QStringLiteral("red fox"));
    QCOMPARE(copied[0].tags, QStringList{QStringLiteral("animal")});
    QCOMPARE(panel.suggestCopyName(QStringLiteral("Anna")), QStringLiteral("Anna copy 2"));
  }

  void deleteAsksAndUndoBringsEverythingBack() {
    QTemporaryDir dir;
    HistoryStore store(dir.path());
    const qint64 ana = store.createProfile(ProfileKind::User, QStringLiteral("Ana")).id;
    const qint64 crew = store.createProfile(ProfileKind::Group, QStringLiteral("Crew")).id;
    store.setMember(crew, ana, 2.0);
    NewEntry fox = entry(QStringLiteral("red fox"), 4, 0.7, {QStringLiteral("animal")});
    fox.imageFile = test::writePng(dir.filePath(QStringLiteral("fox.png")), 8, 8, Qt::red);
    store.addEntries(ana, {fox, entry(QStringLiteral("blue sea"))});
    ProfilesPanel panel(store);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.selectProfile(ana);
    QAction* del = actionNamed(panel.actions(), QStringLiteral("Delete"));
    QVERIFY(!panel.undoDeleteAction()->isEnabled());

    whenModal<QMessageBox>([](QMessageBox* box) {
      QVERIFY(box->text().contains(QStringLiteral("2 entr")));
      box->button(QMessageBox::No)->click();
    });
    del->trigger();
    QVERIFY(store.findProfile(QStringLiteral("Ana")));  // "No" keeps it

    whenModal<QMessageBox>([](QMessageBox* box) { box->button(QMessageBox::Yes)->click(); });
    del->trigger();
    QVERIFY(!store.findProfile(QStringLiteral("Ana")));
    QCOMPARE(store.members(crew).size(), size_t(0));
    QCOMPARE(panel.currentProfileId(), crew);  // the neighbour is selected
    QVERIFY(panel.undoDeleteAction()->isEnabled());
    QVERIFY(panel.undoDeleteAction()->text().contains(QStringLiteral("Ana")));

    panel.undoDeleteAction()->trigger();
    const auto back = store.findProfile(QStringLiteral("Ana"));
    QVERIFY(back);
    QCOMPARE(panel.currentProfileId(), back->id);
    QVERIFY(!panel.canUndoDelete());
    const auto entries = store.entries(back->id);
    QCOMPARE(entries.size(), size_t(2));
    QCOMPARE(entries[0].rating, std::optional<int>(4));
    QCOMPARE(entries[0].weight, std::optional<double>(0.7));
    QCOMPARE(entries[0].tags, QStringList{QStringLiteral("animal")});
    QVERIFY(entries[0].image && QFile::exists(store.imagePath(*entries[0].image)));
    const auto members = store.members(crew);
    QCOMPARE(members.size(), size_t(1));
    QCOMPARE(members[0].profile.id, back->id);
    QCOMPARE(members[0].weight, 2.0);
  }

  void membersDialogEditsWeights() {
    QTemporaryDir dir;
    HistoryStore store(dir.path());
    const qint64 ana = store.createProfile(ProfileKind::User, QStringLiteral("Ana")).id;
    const qint64 bo = store.createProfile(ProfileKind::User, QStringLiteral("Bo")).id;
    const qint64 brand = store.createProfile(ProfileKind::Brand, QStringLiteral("Label")).id;
    store.setMember(brand, ana, 1.0);

    MembersDialog dialog(store, brand);
    QCOMPARE(dialog.table()->rowCount(), 1);
    QCOMPARE(dialog.candidates()->count(), 1);  // Bo (not Ana, already a member; not itself)
    QCOMPARE(dialog.candidates()->currentText(), QStringLiteral("Bo"));
    QTest::mouseClick(dialog.addButton(), Qt::LeftButton);
    QCOMPARE(dialog.table()->rowCount(), 2);
    QVERIFY(!dialog.addButton()->isEnabled());  // nobody left to add
    auto* boWeight = qobject_cast<QDoubleSpinBox*>(dialog.table()->cellWidget(1, MembersDialog::WeightColumn));
    QVERIFY(boWeight);
    QCOMPARE(boWeight->maximum(), 10.0);
    boWeight->setValue(12.0);  // clamped to the 0-10 range
    QCOMPARE(boWeight->value(), 10.0);
    boWeight->setValue(2.5);
    dialog.table()->selectRow(0);  // Ana
    QTest::mouseClick(dialog.removeButton(), Qt::LeftButton);
    QCOMPARE(dialog.table()->rowCount(), 1);
    dialog.apply();
    const auto members = store.members(brand);
    QCOMPARE(members.size(), size_t(1));
    QCOMPARE(members[0].profile.id, bo);
    QCOMPARE(members[0].weight, 2.5);

    // Through the panel: the dialog opens for the current library and its changes are saved.
    ProfilesPanel panel(store);
    QSignalSpy changed(&panel, &ProfilesPanel::profilesChanged);
    panel.selectProfile(ana);
    QVERIFY(!actionNamed(panel.actions(), QStringLiteral("Members"))->isEnabled());  // a user has none
    panel.selectProfile(brand);
    whenModal<MembersDialog>([ana](MembersDialog* d) {
      d->addMember(ana);
      d->setWeight(ana, 7.0);
      d->accept();
    });
    actionNamed(panel.actions(), QStringLiteral("Members"))->trigger();
    QCOMPARE(store.members(brand).size(), size_t(2));
    QCOMPARE(store.members(brand)[0].weight, 7.0);  // Ana (by name)
    QCOMPARE(changed.count(), 1);
    whenModal<MembersDialog>([](MembersDialog* d) { d->reject(); });
    actionNamed(panel.actions(), QStringLiteral("Members"))->trigger();
    QCOMPARE(changed.count(), 1);  // cancelled: nothing written
  }

  void searchIconsAndImport() {
    QTemporaryDir dir;
    HistoryStore store(dir.path());
    store.createProfile(ProfileKind::Brand, QStringLiteral("Acme"));
    const qint64 ana = store.createProfile(ProfileKind::User, QStringLiteral("Ana")).id;
    store.createProfile(ProfileKind::Group, QStringLiteral("Crew"));
    store.addEntry(ana, entry(QStringLiteral("red fox"), 5));
    exportProfile(store, ana, dir.filePath(QStringLiteral("export")));
    ProfilesPanel panel(store);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QCOMPARE(panel.currentProfileName(), QStringLiteral("Ana"));  // users first
    const QModelIndex first = panel.view()->model()->index(0, 0);
    QVERIFY(!first.data(Qt::DecorationRole).value<QIcon>().isNull());
    QVERIFY(first.data(Qt::ToolTipRole).toString().contains(QStringLiteral("1 entr")));
    for (QAction* a : panel.actions()) QVERIFY2(!a->toolTip().isEmpty(), qPrintable(a->text()));

    QTest::keyClicks(panel.searchEdit(), QStringLiteral("c"));  // Acme, Crew
    QCOMPARE(panel.view()->model()->rowCount(), 2);
    QVERIFY(panel.currentProfileName() != QStringLiteral("Ana"));  // hidden: a shown profile is current
    QTest::keyClicks(panel.searchEdit(), QStringLiteral("R"));
    QCOMPARE(panel.view()->model()->rowCount(), 1);
    panel.selectProfile(ana);  // selecting a hidden profile clears the search
    QVERIFY(panel.searchEdit()->text().isEmpty());
    QCOMPARE(panel.currentProfileId(), ana);

    panel.importProfiles({dir.filePath(QStringLiteral("export"))});  // the same name: refused
    QTRY_VERIFY(!panel.isBusy());
    QVERIFY(takeErrorBox(&panel).contains(QStringLiteral("already exists")));
    store.renameProfile(ana, QStringLiteral("Ana old"));
    panel.importProfiles({dir.filePath(QStringLiteral("export"))});
    QTRY_VERIFY(!panel.isBusy());
    QVERIFY(takeErrorBox(&panel).contains(QStringLiteral("'Ana' imported from export with 1 entr")));  // the report
    const auto imported = store.findProfile(QStringLiteral("Ana"));
    QVERIFY(imported);
    QCOMPARE(panel.currentProfileId(), imported->id);
    QCOMPARE(store.entries(imported->id).front().rating, std::optional<int>(5));
  }
};

FAN_REGISTER_TEST(LibraryProfilesTest)
#include "LibraryProfilesTest.moc"
