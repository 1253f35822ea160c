// The store API the library panels need: duplicate, snapshot/restore (undo delete), entry
// images, recent prompts, CSV export and importing an export's entries into a profile.
#include "core/store/CsvImport.h"
#include "core/store/HistoryStore.h"
#include "core/store/ImageFiles.h"
#include "core/store/ProfileExchange.h"
#include "core/store/ProfileSnapshot.h"
#include "tests/common/TestRegistry.h"
#include "tests/store/StoreTestUtil.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace fan;
using fan::test::entry;

class LibraryStoreTest : public QObject {
  Q_OBJECT

  static Generation generationOf(qint64 profileId, std::vector<GenerationReference> refs, std::vector<ImageRef> outputs) {
    Generation g;
    g.profileId = profileId;
    g.prompt = QStringLiteral("a lighthouse");
    g.modelFingerprint = QStringLiteral("tiny");
    g.scheduler = QStringLiteral("ddim");
    g.steps = 2;
    g.guidance = 7.5;
    g.width = g.height = 64;
    g.seed = 1;
    g.alpha = 0.5;
    g.sampleSize = 0.5;
    g.references = std::move(refs);
    g.outputs = std::move(outputs);
    return g;
  }

 private Q_SLOTS:
  void duplicateCopiesEntriesAndMembers() {
    QTemporaryDir dir;
    HistoryStore store(dir.path());
    const qint64 ana = store.createProfile(ProfileKind::User, QStringLiteral("Ana")).id;
    const qint64 crew = store.createProfile(ProfileKind::Group, QStringLiteral("Crew"), QStringLiteral("friends")).id;
    store.setMember(crew, ana, 2.5);
    NewEntry withImage = entry(QStringLiteral("red fox"), 4, 0.7, {QStringLiteral("animal")});
    withImage.imageFile = test::writePng(dir.filePath(QStringLiteral("fox.png")), 4, 3, Qt::red);
    withImage.negative = QStringLiteral("blurry");
    store.addEntry(crew, withImage);
    store.addEntry(crew, entry(QStringLiteral("blue sea")));

    const Profile copy = store.duplicateProfile(crew, QStringLiteral("Crew copy"));
    QVERIFY(copy.kind == ProfileKind::Group);
    QCOMPARE(copy.description, QStringLiteral("friends"));
    const auto original = store.entries(crew), copied = store.entries(copy.id);
    QCOMPARE(copied.size(), size_t(2));
    for (size_t i = 0; i < 2; ++i) {
      QVERIFY(copied[i].id != original[i].id);
      QCOMPARE(copied[i].prompt, original[i].prompt);
      QCOMPARE(copied[i].negative, original[i].negative);
      QCOMPARE(copied[i].rating, original[i].rating);
      QCOMPARE(copied[i].weight, original[i].weight);
      QCOMPARE(copied[i].tags, original[i].tags);
      QCOMPARE(copied[i].created, original[i].created);
      QCOMPARE(copied[i].image.has_value(), original[i].image.has_value());
    }
    QCOMPARE(copied[0].image->hash, original[0].image->hash);
    const auto members = store.members(copy.id);
    QCOMPARE(members.size(), size_t(1));
    QCOMPARE(members[0].profile.id, ana);
    QCOMPARE(members[0].weight, 2.5);
    FAN_VERIFY_THROWS(std::invalid_argument, store.duplicateProfile(crew, QStringLiteral("ana")), "already exists");
    QCOMPARE(int(store.profiles().size()), 3);  // the failed copy left nothing behind
  }

  // Deleting and restoring brings back entries, tags, images (files too), memberships both
  // ways, generations, choices and other profiles' links to it.
  void snapshotRestoresEverything() {
    QTemporaryDir dir;
    HistoryStore store(dir.path());
    const qint64 ana = store.createProfile(ProfileKind::User, QStringLiteral("Ana"), QStringLiteral("painter")).id;
    const qint64 bo = store.createProfile(ProfileKind::User, QStringLiteral("Bo")).id;
    const qint64 crew = store.createProfile(ProfileKind::Group, QStringLiteral("Crew")).id;
    store.setMember(crew, ana, 3.0);
    NewEntry fox = entry(QStringLiteral("red fox"), 5, std::nullopt, {QStringLiteral("animal"), QStringLiteral("red")});
    fox.imageFile = test::writePng(dir.filePath(QStringLiteral("fox.png")), 5, 5, Qt::red);
    const qint64 foxId = store.addEntry(ana, fox);
    const qint64 seaId = store.addEntry(ana, entry(QStringLiteral("blue sea"), std::nullopt, 0.25));
    const qint64 boEntry = store.addEntry(bo, entry(QStringLiteral("green hill")));
    const ImageRef out = store.storeImage(readImageFile(test::writePng(dir.filePath(QStringLiteral("o.png")), 6, 6, Qt::blue)));
    const qint64 anaGen = store.addGeneration(generationOf(ana, {{foxId, QStringLiteral("red fox"), 1.0}}, {out}));
    const qint64 boGen = store.addGeneration(generationOf(bo, {{seaId, QStringLiteral("blue sea"), 0.5}}, {}));
    const qint64 boFromAna = store.addEntryFromGeneration(anaGen, 0, bo, 4);
    store.addChoice(ana, {ChoiceItem::Kind::Entry, foxId}, {ChoiceItem::Kind::Generation, anaGen});
    store.addChoice(bo, {ChoiceItem::Kind::Entry, boEntry}, {ChoiceItem::Kind::Entry, seaId});
    const QString foxFile = store.imagePath(*store.entry(foxId).image);

    ProfileSnapshot snapshot;
    store.transaction([&] {
      snapshot = store.snapshotProfile(ana);
      store.deleteProfile(ana);
    });
    QVERIFY(!store.findProfile(QStringLiteral("Ana")));
    QVERIFY(!QFile::exists(foxFile));  // only Ana used it: the file went with her
    QCOMPARE(int(store.choices(bo).size()), 0);
    QCOMPARE(store.entry(boFromAna).generationId, std::nullopt);
    QCOMPARE(snapshot.images.size(), size_t(1));  // the output is also used by Bo's entry

    const Profile back = store.restoreProfile(snapshot);
    QCOMPARE(back.name, QStringLiteral("Ana"));
    QCOMPARE(back.description, QStringLiteral("painter"));
    QCOMPARE(back.created, snapshot.profile.created);
    const auto entries = store.entries(back.id);
    QCOMPARE(entries.size(), size_t(2));
    QCOMPARE(entries[0].prompt, QStringLiteral("red fox"));
    QCOMPARE(entries[0].rating, std::optional<int>(5));
    QCOMPARE(entries[0].tags, (QStringList{QStringLiteral("animal"), QStringLiteral("red")}));
    QVERIFY(entries[0].image.has_value());
    QVERIFY(QFile::exists(store.imagePath(*entries[0].image)));
    QCOMPARE(entries[1].weight, std::optional<double>(0.25));
    QCOMPARE(store.members(crew).size(), size_t(1));
    QCOMPARE(store.members(crew)[0].profile.id, back.id);
    QCOMPARE(store.members(crew)[0].weight, 3.0);

    const auto gens = store.generations(back.id);
    QCOMPARE(gens.size(), size_t(1));
    QCOMPARE(gens[0].references[0].entryId, std::optional<qint64>(entries[0].id));
    QCOMPARE(gens[0].outputs.size(), size_t(1));
    QCOMPARE(store.generation(boGen).references[0].entryId, std::optional<qint64>(entries[1].id));
    QCOMPARE(store.entry(boFromAna).generationId, std::optional<qint64>(gens[0].id));
    const auto anaChoices = store.choices(back.id);
    QCOMPARE(anaChoices.size(), size_t(1));
    QVERIFY((anaChoices[0].winner == ChoiceItem{ChoiceItem::Kind::Entry, entries[0].id}));
    QVERIFY((anaChoices[0].loser == ChoiceItem{ChoiceItem::Kind::Generation, gens[0].id}));
    const auto boChoices = store.choices(bo);
    QCOMPARE(boChoices.size(), size_t(1));
    QVERIFY((boChoices[0].loser == ChoiceItem{ChoiceItem::Kind::Entry, entries[1].id}));
  }

  void restoreFailsCleanlyWhenTheNameIsTaken() {
    QTemporaryDir dir;
    HistoryStore store(dir.path());
    const qint64 ana = store.createProfile(ProfileKind::User, QStringLiteral("Ana")).id;
    store.addEntry(ana, entry(QStringLiteral("x")));
    ProfileSnapshot snapshot = store.snapshotProfile(ana);
    store.deleteProfile(ana);
    store.createProfile(ProfileKind::Brand, QStringLiteral("ANA"));
    FAN_VERIFY_THROWS(std::invalid_argument, store.restoreProfile(snapshot), "already exists");
    QCOMPARE(int(store.profiles().size()), 1);
    QCOMPARE(test::rawScalar(store.databasePath(), QStringLiteral("SELECT count(*) FROM history_entries")).toInt(), 0);
  }

  void setImageAttachesAndDetaches() {
    QTemporaryDir dir;
    HistoryStore store(dir.path());
    const qint64 ana = store.createProfile(ProfileKind::User, QStringLiteral("Ana")).id;
    const qint64 id = store.addEntry(ana, entry(QStringLiteral("x")));
    const ImageRef image = store.storeImage(readImageFile(test::writePng(dir.filePath(QStringLiteral("a.png")), 3, 2, Qt::green)));
    store.setImage(id, image);
    QCOMPARE(store.entry(id).image->hash, image.hash);
    QCOMPARE(store.entry(id).image->width, 3);
    store.setImage(id, std::nullopt);
    QVERIFY(!store.entry(id).image);
    QVERIFY(!QFile::exists(store.imagePath(image)));  // unused now: cleaned up
    ImageRef unknown = image;
    unknown.hash = QString(64, QLatin1Char('0'));
    FAN_VERIFY_THROWS(std::invalid_argument, store.setImage(id, unknown), "not a stored image");
    FAN_VERIFY_THROWS(std::invalid_argument, store.setImage(9999, std::nullopt), "no history entry with id 9999");
  }

  void recentPromptsAreDistinctNewestFirst() {
    QTemporaryDir dir;
    HistoryStore store(dir.path());
    const qint64 ana = store.createProfile(ProfileKind::User, QStringLiteral("Ana")).id;
    const qint64 bo = store.createProfile(ProfileKind::User, QStringLiteral("Bo")).id;
    auto at = [](const QString& prompt, int second) {
      NewEntry e = entry(prompt);
      e.created = QDateTime(QDate(2024, 1, 1), QTime(0, 0, second), Qt::UTC);
      return e;
    };
    store.addEntries(ana, {at(QStringLiteral("old"), 1), at(QStringLiteral("dup"), 2), at(QStringLiteral("new"), 5)});
    store.addEntry(bo, at(QStringLiteral("dup"), 9));
    QCOMPARE(store.recentPrompts(), (QStringList{QStringLiteral("dup"), QStringLiteral("new"), QStringLiteral("old")}));
    QCOMPARE(store.recentPrompts(1), QStringList{QStringLiteral("dup")});
  }

  void csvExportRoundTrip() {
    QTemporaryDir dir;
    HistoryStore store(dir.path());
    const qint64 ana = store.createProfile(ProfileKind::User, QStringLiteral("Ana")).id;
    NewEntry quoted = entry(QStringLiteral("a \"quoted\", comma\nand a line break"), 3);
    quoted.imageFile = test::writePng(dir.filePath(QStringLiteral("q.png")), 2, 2, Qt::yellow);
    store.addEntries(ana, {quoted, entry(QStringLiteral("unrated"))});
    const QString csv = dir.filePath(QStringLiteral("out/ana.csv"));
    QDir().mkpath(dir.filePath(QStringLiteral("out")));
    QCOMPARE(exportCsv(store, ana, csv), 2);
    QVERIFY(QFile::exists(dir.filePath(QStringLiteral("out/ana-images"))));

    const qint64 bo = store.createProfile(ProfileKind::User, QStringLiteral("Bo")).id;
    const CsvImportResult result = importCsv(store, bo, csv, CsvErrorMode::RollBack);
    QCOMPARE(int(result.errors.size()), 0);
    QCOMPARE(result.imported, 2);
    const auto a = store.entries(ana), b = store.entries(bo);
    for (size_t i = 0; i < 2; ++i) {
      QCOMPARE(b[i].prompt, a[i].prompt);
      QCOMPARE(b[i].rating, a[i].rating);
      QCOMPARE(b[i].image ? b[i].image->hash : QString(), a[i].image ? a[i].image->hash : QString());
    }
  }

  void importEntriesOfAnExportIntoAProfile() {
    QTemporaryDir dir;
    HistoryStore store(dir.path());
    const qint64 ana = store.createProfile(ProfileKind::User, QStringLiteral("Ana")).id;
    store.addEntry(ana, entry(QStringLiteral("red fox"), 4, 0.5, {QStringLiteral("animal")}));
    exportProfile(store, ana, dir.filePath(QStringLiteral("export")));
    const qint64 bo = store.createProfile(ProfileKind::User, QStringLiteral("Bo")).id;
    store.addEntry(bo, entry(QStringLiteral("mine")));
    QCOMPARE(importProfileEntries(store, bo, dir.filePath(QStringLiteral("export"))), 1);
    const auto entries = store.entries(bo);
    QCOMPARE(entries.size(), size_t(2));
    QCOMPARE(entries[0].prompt, QStringLiteral("red fox"));  // oldest first: the export's time is kept
    QCOMPARE(entries[0].tags, QStringList{QStringLiteral("animal")});
    QCOMPARE(entries[0].weight, std::optional<double>(0.5));
    FAN_VERIFY_THROWS(std::invalid_argument,
                      importProfileEntries(store, bo, dir.filePath(QStringLiteral("missing"))), "cannot read");
    QCOMPARE(store.entryCount(bo), 2);
  }
};

FAN_REGISTER_TEST(LibraryStoreTest)
#include "LibraryStoreTest.moc"
