// The store's API: every table's create/read/update/delete, cascades, the weight mapping,
// membership unions, images, generations, the embedding cache and pairwise choices.
#include "core/store/HistoryStore.h"
#include "core/store/ImageFiles.h"
#include "tests/common/TestRegistry.h"
#include "tests/store/StoreTestUtil.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace fan;
using fan::test::entry;
using fan::test::rawScalar;
using fan::test::writePng;

namespace {

int rawCount(const HistoryStore& store, const char* table) {
  return rawScalar(store.databasePath(), QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(table))).toInt();
}

Generation sampleGeneration(qint64 profileId, std::vector<GenerationReference> refs, std::vector<ImageRef> outputs) {
  Generation g;
  g.profileId = profileId;
  g.prompt = QStringLiteral("a lighthouse at dawn");
  g.negative = QStringLiteral("blurry");
  g.modelFingerprint = QStringLiteral("sd15:3f2a");
  g.scheduler = QStringLiteral("ddim");
  g.steps = 30;
  g.guidance = 7.5;
  g.width = 512;
  g.height = 768;
  g.seed = 1234567890123LL;
  g.alpha = 0.4;
  g.sampleSize = 0.1;
  g.references = std::move(refs);
  g.outputs = std::move(outputs);
  g.durationMs = 8125;
  return g;
}

}  // namespace

class HistoryStoreTest : public QObject {
  Q_OBJECT

  QTemporaryDir tmp_;
  std::unique_ptr<HistoryStore> store_;
  int dirCounter_ = 0;

  HistoryStore& freshStore() {
    store_.reset();
    const QString dir = tmp_.filePath(QString::number(++dirCounter_));
    QDir().mkpath(dir);
    store_ = std::make_unique<HistoryStore>(dir);
    return *store_;
  }

 private Q_SLOTS:
  void effectiveWeightFollowsMethodSection0() {
    QCOMPARE(effectiveWeight(std::nullopt, std::nullopt), 0.6);  // unrated counts as three stars
    QCOMPARE(effectiveWeight(4, std::nullopt), 0.8);
    QCOMPARE(effectiveWeight(1, std::nullopt), 0.2);
    QCOMPARE(effectiveWeight(5, 0.3), 0.3);  // an explicit weight wins over the rating
    QCOMPARE(effectiveWeight(std::nullopt, 2.5), 2.5);
    QCOMPARE(effectiveWeight(5, 0.0), 0.0);  // 0 switches the entry off
    FAN_VERIFY_THROWS(std::invalid_argument, effectiveWeight(3, -0.1), "expected a finite number >= 0");
    FAN_VERIFY_THROWS(std::invalid_argument, effectiveWeight(std::nullopt, std::nan("")), "weight");
    FAN_VERIFY_THROWS(std::invalid_argument, effectiveWeight(6, std::nullopt), "rating 6");
    FAN_VERIFY_THROWS(std::invalid_argument, effectiveWeight(0, std::nullopt), "expected 1-5");
  }

  void openCreatesPrivateWalDatabaseAtLatestVersion() {
    HistoryStore& store = freshStore();
    QCOMPARE(store.schemaVersion(), 2);
    const QFileInfo db(store.databasePath());
    QVERIFY(db.exists());
    QCOMPARE(db.permissions() & (QFile::ReadGroup | QFile::WriteGroup | QFile::ReadOther | QFile::WriteOther), 0);
    QVERIFY(db.permissions() & QFile::ReadOwner);
    QCOMPARE(rawScalar(store.databasePath(), QStringLiteral("PRAGMA journal_mode")).toString(), QStringLiteral("wal"));
    // A second instance in the same thread gets its own connection and sees the same data.
    store.createProfile(ProfileKind::User, QStringLiteral("Ana"));
    HistoryStore second(store.dataDir());
    QVERIFY(second.findProfile(QStringLiteral("ana")).has_value());
  }

  void newerSchemaIsRefused() {
    const QString dir = freshStore().dataDir();
    store_.reset();
    rawScalar(QDir(dir).filePath(HistoryStore::databaseFileName()), QStringLiteral("PRAGMA user_version = 99"));
    FAN_VERIFY_THROWS(std::runtime_error, HistoryStore{dir}, "schema version 99 is newer");
  }

  void profileCrudAndUniqueNames() {
    HistoryStore& store = freshStore();
    QVERIFY(store.isEmpty());
    const Profile ana = store.createProfile(ProfileKind::User, QStringLiteral("  Ana  "), QStringLiteral("painter"));
    QCOMPARE(ana.name, QStringLiteral("Ana"));  // trimmed
    QVERIFY(ana.kind == ProfileKind::User);
    QCOMPARE(ana.description, QStringLiteral("painter"));
    QVERIFY(ana.created.isValid());
    QCOMPARE(ana.updated, ana.created);
    const Profile emile = store.createProfile(ProfileKind::Brand, QStringLiteral("Émile"));
    QVERIFY(!store.isEmpty());

    // Unique across kinds and case, including non-ASCII letters.
    FAN_VERIFY_THROWS(std::invalid_argument, store.createProfile(ProfileKind::Group, QStringLiteral("ANA")),
                      "a user named 'Ana' already exists");
    FAN_VERIFY_THROWS(std::invalid_argument, store.createProfile(ProfileKind::User, QStringLiteral("éMILE")),
                      "a brand named 'Émile'");
    FAN_VERIFY_THROWS(std::invalid_argument, store.createProfile(ProfileKind::User, QStringLiteral("   ")), "empty");
    QCOMPARE(store.profileByName(QStringLiteral("ÉMILE")).id, emile.id);
    QCOMPARE(store.findProfile(QStringLiteral("nobody")), std::nullopt);
    FAN_VERIFY_THROWS(std::invalid_argument, store.profileByName(QStringLiteral("nobody")), "no profile named 'nobody'");

    QTest::qWait(5);  // so "updated" moves
    store.renameProfile(ana.id, QStringLiteral("ANA"));  // a profile may change its own name's case
    store.setDescription(ana.id, QStringLiteral("watercolours"));
    const Profile renamed = store.profile(ana.id);
    QCOMPARE(renamed.name, QStringLiteral("ANA"));
    QCOMPARE(renamed.description, QStringLiteral("watercolours"));
    QVERIFY(renamed.updated > renamed.created);
    FAN_VERIFY_THROWS(std::invalid_argument, store.renameProfile(ana.id, QStringLiteral("émile")), "already exists");

    const auto all = store.profiles();
    QCOMPARE(int(all.size()), 2);
    QCOMPARE(all[0].name, QStringLiteral("ANA"));  // by name
    store.deleteProfile(ana.id);
    QCOMPARE(int(store.profiles().size()), 1);
    FAN_VERIFY_THROWS(std::invalid_argument, store.profile(ana.id), "no profile with id");
    FAN_VERIFY_THROWS(std::invalid_argument, store.deleteProfile(ana.id), "no profile with id");
  }

  void membershipRules() {
    HistoryStore& store = freshStore();
    const qint64 ana = store.createProfile(ProfileKind::User, QStringLiteral("Ana")).id;
    const qint64 bo = store.createProfile(ProfileKind::User, QStringLiteral("Bo")).id;
    const qint64 crew = store.createProfile(ProfileKind::Group, QStringLiteral("Crew")).id;
    const qint64 label = store.createProfile(ProfileKind::Brand, QStringLiteral("Label")).id;
    store.setMember(crew, ana);
    store.setMember(crew, bo, 0.5);
    store.setMember(label, crew, 2.0);  // a library may be a member
    store.setMember(crew, bo, 0.25);    // updates the weight
    const auto members = store.members(crew);
    QCOMPARE(int(members.size()), 2);
    QCOMPARE(members[0].profile.name, QStringLiteral("Ana"));
    QCOMPARE(members[0].weight, 1.0);
    QCOMPARE(members[1].weight, 0.25);
    QCOMPARE(int(store.librariesOf(crew).size()), 1);
    QCOMPARE(store.librariesOf(bo).front().name, QStringLiteral("Crew"));

    FAN_VERIFY_THROWS(std::invalid_argument, store.setMember(ana, bo), "only groups and brands have members");
    FAN_VERIFY_THROWS(std::invalid_argument, store.setMember(crew, crew), "member of itself");
    FAN_VERIFY_THROWS(std::invalid_argument, store.setMember(crew, ana, -1), "member weight -1");
    FAN_VERIFY_THROWS(std::invalid_argument, store.setMember(crew, 999), "no profile with id 999");
    store.removeMember(crew, ana);
    QCOMPARE(int(store.members(crew).size()), 1);
    FAN_VERIFY_THROWS(std::invalid_argument, store.removeMember(crew, ana), "'Ana' is not a member of 'Crew'");
  }

  void entryCrud() {
    HistoryStore& store = freshStore();
    const qint64 ana = store.createProfile(ProfileKind::User, QStringLiteral("Ana")).id;
    NewEntry e = entry(QStringLiteral("a heron in reeds"), 4, std::nullopt, {QStringLiteral("water"), QStringLiteral(" birds "), QStringLiteral("water"), QString()});
    e.negative = QStringLiteral("blurry");
    e.created = QDateTime::fromString(QStringLiteral("2024-05-01T12:00:00.123Z"), Qt::ISODateWithMs);
    const qint64 id = store.addEntry(ana, e);
    HistoryEntry got = store.entry(id);
    QCOMPARE(got.profileId, ana);
    QCOMPARE(got.prompt, e.prompt);
    QCOMPARE(got.negative, QStringLiteral("blurry"));
    QCOMPARE(got.rating, std::optional<int>(4));
    QCOMPARE(got.weight, std::nullopt);
    QCOMPARE(got.effectiveWeight(), 0.8);
    QCOMPARE(got.tags, QStringList({QStringLiteral("birds"), QStringLiteral("water")}));  // a sorted set
    QVERIFY(got.source == EntrySource::Typed);
    QCOMPARE(got.created, e.created);
    QVERIFY(!got.image.has_value());

    store.setPrompt(id, QStringLiteral("a heron at dusk"), QString());
    store.setRating(id, std::nullopt);
    store.setWeight(id, 1.5);
    store.setTags(id, {QStringLiteral("dusk")});
    got = store.entry(id);
    QCOMPARE(got.prompt, QStringLiteral("a heron at dusk"));
    QCOMPARE(got.negative, QString());
    QCOMPARE(got.rating, std::nullopt);
    QCOMPARE(got.weight, std::optional<double>(1.5));
    QCOMPARE(got.tags, QStringList{QStringLiteral("dusk")});

    FAN_VERIFY_THROWS(std::invalid_argument, store.setRating(id, 9), "rating 9");
    FAN_VERIFY_THROWS(std::invalid_argument, store.setWeight(id, -2), "weight -2");
    FAN_VERIFY_THROWS(std::invalid_argument, store.setPrompt(id, QStringLiteral(" "), QString()), "non-empty prompt");
    FAN_VERIFY_THROWS(std::invalid_argument, store.addEntry(ana, entry(QStringLiteral("x"), 0)), "rating 0");
    FAN_VERIFY_THROWS(std::invalid_argument, store.addEntry(999, entry(QStringLiteral("x"))), "no profile with id 999");
    FAN_VERIFY_THROWS(std::invalid_argument, store.setRating(999, 3), "no history entry with id 999");
    QCOMPARE(store.entry(id).weight, std::optional<double>(1.5));  // failed updates changed nothing

    // A batch is all or nothing.
    FAN_VERIFY_THROWS(std::invalid_argument,
                      store.addEntries(ana, {entry(QStringLiteral("ok")), entry(QStringLiteral("bad"), 7)}), "rating 7");
    QCOMPARE(store.entryCount(ana), 1);
    const auto ids = store.addEntries(ana, {entry(QStringLiteral("two")), entry(QStringLiteral("three"))});
    QCOMPARE(store.entryCount(ana), 3);
    FAN_VERIFY_THROWS(std::invalid_argument, store.removeEntries({ids[0], 12345}), "no history entry with id 12345");
    QCOMPARE(store.entryCount(ana), 3);
    store.removeEntries({ids[0], ids[1]});
    QCOMPARE(store.entryCount(ana), 1);
    QCOMPARE(rawCount(store, "entry_tags"), 1);
  }

  void transactionRollsBackEverything() {
    HistoryStore& store = freshStore();
    const qint64 ana = store.createProfile(ProfileKind::User, QStringLiteral("Ana")).id;
    try {
      store.transaction([&] {
        store.addEntry(ana, entry(QStringLiteral("one")));
        store.createProfile(ProfileKind::User, QStringLiteral("Bo"));
        throw std::runtime_error("stop");
      });
      QFAIL("the transaction should have thrown");
    } catch (const std::runtime_error&) {
    }
    QCOMPARE(store.entryCount(ana), 0);
    QVERIFY(!store.findProfile(QStringLiteral("Bo")));
  }

  void imagesAreContentAddressedAndCollected() {
    HistoryStore& store = freshStore();
    const qint64 ana = store.createProfile(ProfileKind::User, QStringLiteral("Ana")).id;
    const QString png = writePng(tmp_.filePath(QStringLiteral("in/red.png")), 16, 9, Qt::red);
    NewEntry withImage = entry(QStringLiteral("red"));
    withImage.imageFile = png;
    const qint64 a = store.addEntry(ana, withImage);
    const qint64 b = store.addEntry(ana, withImage);
    const ImageRef image = *store.entry(a).image;
    QCOMPARE(image.format, QStringLiteral("png"));
    QCOMPARE(image.width, 16);
    QCOMPARE(image.height, 9);
    QCOMPARE(image.hash, readImageFile(png).ref.hash);
    QCOMPARE(store.entry(b).image->hash, image.hash);
    const QString stored = store.imagePath(image);
    QVERIFY(stored.startsWith(store.dataDir() + QStringLiteral("/images/")));
    QVERIFY(QFile::exists(stored));
    QFile::remove(png);  // the user's own file may vanish: the store keeps its copy
    QCOMPARE(rawCount(store, "images"), 1);

    store.removeEntries({a});
    QVERIFY(QFile::exists(stored));  // still used by b
    store.removeEntries({b});
    QVERIFY(!QFile::exists(stored));
    QCOMPARE(rawCount(store, "images"), 0);

    QFile notImage(tmp_.filePath(QStringLiteral("in/notes.png")));
    QVERIFY(notImage.open(QIODevice::WriteOnly));
    notImage.write("not a picture");
    notImage.close();
    NewEntry bad = entry(QStringLiteral("bad"));
    bad.imageFile = notImage.fileName();
    FAN_VERIFY_THROWS(std::invalid_argument, store.addEntry(ana, bad), "notes.png: not a readable image");
    bad.imageFile = tmp_.filePath(QStringLiteral("in/missing.png"));
    FAN_VERIFY_THROWS(std::invalid_argument, store.addEntry(ana, bad), "missing.png");
    QCOMPARE(store.entryCount(ana), 0);
  }

  void generationsCrud() {
    HistoryStore& store = freshStore();
    const qint64 ana = store.createProfile(ProfileKind::User, QStringLiteral("Ana")).id;
    const qint64 ref = store.addEntry(ana, entry(QStringLiteral("a heron"), 5));
    const ImageRef out0 = store.storeImage(readImageFile(writePng(tmp_.filePath(QStringLiteral("g/0.png")), 8, 12, Qt::blue)));
    const ImageRef out1 = store.storeImage(readImageFile(writePng(tmp_.filePath(QStringLiteral("g/1.png")), 8, 12, Qt::green)));
    const Generation g = sampleGeneration(ana, {{ref, QStringLiteral("a heron"), 1.0}, {std::nullopt, QStringLiteral("typed ref"), 0.5}},
                                          {out0, out1});
    const qint64 id = store.addGeneration(g);
    const Generation got = store.generation(id);
    QCOMPARE(got.profileId, g.profileId);
    QCOMPARE(got.prompt, g.prompt);
    QCOMPARE(got.negative, g.negative);
    QCOMPARE(got.modelFingerprint, g.modelFingerprint);
    QCOMPARE(got.scheduler, g.scheduler);
    QCOMPARE(got.steps, 30);
    QCOMPARE(got.guidance, 7.5);
    QCOMPARE(got.width, 512);
    QCOMPARE(got.height, 768);
    QCOMPARE(got.seed, 1234567890123LL);
    QCOMPARE(got.alpha, 0.4);
    QCOMPARE(got.sampleSize, 0.1);
    QCOMPARE(got.durationMs, 8125);
    QCOMPARE(int(got.references.size()), 2);
    QCOMPARE(got.references[0].entryId, std::optional<qint64>(ref));
    QCOMPARE(got.references[1].prompt, QStringLiteral("typed ref"));
    QCOMPARE(got.references[1].weight, 0.5);
    QCOMPARE(int(got.outputs.size()), 2);
    QCOMPARE(got.outputs[1].hash, out1.hash);
    QCOMPARE(int(store.generations(ana).size()), 1);

    // A rated output becomes a "generated" history entry linked to its generation.
    const qint64 fromGen = store.addEntryFromGeneration(id, 1, ana, 5);
    const HistoryEntry e = store.entry(fromGen);
    QVERIFY(e.source == EntrySource::Generated);
    QCOMPARE(e.generationId, std::optional<qint64>(id));
    QCOMPARE(e.image->hash, out1.hash);
    QCOMPARE(e.prompt, g.prompt);
    FAN_VERIFY_THROWS(std::invalid_argument, store.addEntryFromGeneration(id, 2, ana, 5), "has 2 output(s); no output 2");

    Generation bad = g;
    bad.alpha = 1.5;
    FAN_VERIFY_THROWS(std::invalid_argument, store.addGeneration(bad), "alpha");
    bad = g;
    bad.outputs = {ImageRef{QStringLiteral("ab"), QStringLiteral("png"), 1, 1}};
    FAN_VERIFY_THROWS(std::invalid_argument, store.addGeneration(bad), "not a stored image");
    bad = g;
    bad.references = {{qint64(4242), QStringLiteral("gone"), 1.0}};
    FAN_VERIFY_THROWS(std::invalid_argument, store.addGeneration(bad), "no history entry with id 4242");
    QCOMPARE(int(store.generations(ana).size()), 1);  // nothing half-written

    // Deleting the generation keeps the entry (its link cleared) and the image it uses.
    store.removeGeneration(id);
    QCOMPARE(store.entry(fromGen).generationId, std::nullopt);
    QVERIFY(QFile::exists(store.imagePath(out1)));
    QVERIFY(!QFile::exists(store.imagePath(out0)));
    QCOMPARE(rawCount(store, "generation_references"), 0);
    QCOMPARE(rawCount(store, "generation_outputs"), 0);
    FAN_VERIFY_THROWS(std::invalid_argument, store.generation(id), "no generation with id");
  }

  void embeddingCache() {
    HistoryStore& store = freshStore();
    const std::vector<float> v1{0.25f, -1.5f, 3.0e-8f, 1234.5f}, v2{1.0f, 2.0f};
    // Keys are Tokenizer::normalizeForCache texts: outer whitespace only, since anything more
    // (inner spaces, NFC) can change a tokenizer's ids and so the embedding.
    store.storeEmbeddings(QStringLiteral("clip-l:ab12"), {{QStringLiteral("  a red fox\t"), v1}, {QStringLiteral("b"), v2}});
    QCOMPARE(*store.cachedEmbedding(QStringLiteral("clip-l:ab12"), QStringLiteral("a red fox")), v1);
    QCOMPARE(store.cachedEmbedding(QStringLiteral("clip-l:ab12"), QStringLiteral("a  red fox")), std::nullopt);
    QCOMPARE(*store.cachedEmbedding(QStringLiteral("clip-l:ab12"), QStringLiteral("b")), v2);
    QCOMPARE(store.cachedEmbedding(QStringLiteral("t5:99"), QStringLiteral("b")), std::nullopt);  // per encoder
    // Composed and decomposed forms are different texts (T5's ids differ for them).
    store.storeEmbeddings(QStringLiteral("t5:99"), {{QStringLiteral("caf\u00e9"), v2}});
    QCOMPARE(*store.cachedEmbedding(QStringLiteral("t5:99"), QStringLiteral("caf\u00e9")), v2);
    QCOMPARE(store.cachedEmbedding(QStringLiteral("t5:99"), QStringLiteral("cafe\u0301")), std::nullopt);
    store.storeEmbeddings(QStringLiteral("clip-l:ab12"), {{QStringLiteral("b"), v1}});  // replaces
    QCOMPARE(*store.cachedEmbedding(QStringLiteral("clip-l:ab12"), QStringLiteral("b")), v1);
    QCOMPARE(store.embeddingCacheSize(), 3);
    QCOMPARE(store.clearEmbeddingCache(QStringLiteral("t5:99")), 1);
    QCOMPARE(store.embeddingCacheSize(), 2);
    FAN_VERIFY_THROWS(std::invalid_argument, store.storeEmbeddings(QStringLiteral("x"), {{QStringLiteral("e"), {}}}), "empty vector");
    QCOMPARE(store.clearEmbeddingCache(), 2);
    QCOMPARE(store.cachedEmbedding(QStringLiteral("clip-l:ab12"), QStringLiteral("b")), std::nullopt);
  }

  // The batched lookup returns what one lookup per text returns, in order, with misses,
  // duplicates, unnormalized texts, damaged rows and more texts than one query chunk.
  void batchedEmbeddingLookup() {
    HistoryStore& store = freshStore();
    const QString key = QStringLiteral("clip-l:ab12");
    std::vector<std::pair<QString, std::vector<float>>> rows;
    for (int i = 0; i < 1200; i += 2) rows.emplace_back(QStringLiteral("prompt %1").arg(i), std::vector<float>{float(i), -0.5f, float(i) / 7});
    store.storeEmbeddings(key, rows);
    store.storeEmbeddings(QStringLiteral("t5:99"), {{QStringLiteral("prompt 1"), {9.0f}}});  // another encoder
    rawScalar(store.databasePath(), QStringLiteral("UPDATE embedding_cache SET dim = 4 WHERE text = 'prompt 4'"));
    QStringList texts;
    for (int i = 1199; i >= 0; --i) texts << QStringLiteral("prompt %1").arg(i);  // every other one is a miss
    texts << QStringLiteral("  prompt 10\t") << QStringLiteral("prompt 10") << QString() << QStringLiteral("prompt 4");
    const auto batched = store.cachedEmbeddings(key, texts);
    QCOMPARE(batched.size(), size_t(texts.size()));
    int hits = 0;
    for (qsizetype i = 0; i < texts.size(); ++i) {
      QCOMPARE(batched[static_cast<size_t>(i)], store.cachedEmbedding(key, texts[i]));
      hits += batched[static_cast<size_t>(i)].has_value();
    }
    QCOMPARE(hits, 599 + 2);  // 600 stored, 'prompt 4' damaged; 'prompt 10' twice more
    QCOMPARE(*batched[static_cast<size_t>(texts.size() - 3)], (std::vector<float>{10.0f, -0.5f, 10.0f / 7}));
    QVERIFY(!batched[static_cast<size_t>(texts.size() - 1)]);  // damaged: a miss, never a wrong vector
    QVERIFY(!store.cachedEmbeddings(QStringLiteral("t5:99"), {QStringLiteral("prompt 0")}).front());
    QCOMPARE(*store.cachedEmbeddings(QStringLiteral("t5:99"), {QStringLiteral("prompt 1")}).front(), std::vector<float>{9.0f});
    QVERIFY(store.cachedEmbeddings(key, {}).empty());
  }

  void pairwiseChoices() {
    HistoryStore& store = freshStore();
    const qint64 ana = store.createProfile(ProfileKind::User, QStringLiteral("Ana")).id;
    const qint64 e1 = store.addEntry(ana, entry(QStringLiteral("one")));
    const qint64 e2 = store.addEntry(ana, entry(QStringLiteral("two")));
    const qint64 gen = store.addGeneration(sampleGeneration(ana, {}, {}));
    const ChoiceItem first{ChoiceItem::Kind::Entry, e1}, second{ChoiceItem::Kind::Entry, e2};
    const ChoiceItem generated{ChoiceItem::Kind::Generation, gen};
    const qint64 c1 = store.addChoice(ana, first, second);
    store.addChoice(ana, generated, first);
    const auto all = store.choices(ana);
    QCOMPARE(int(all.size()), 2);
    QVERIFY(all[0].winner == first);
    QVERIFY(all[0].loser == second);
    QVERIFY(all[1].winner == generated);
    FAN_VERIFY_THROWS(std::invalid_argument, store.addChoice(ana, first, first), "two different items");
    FAN_VERIFY_THROWS(std::invalid_argument, store.addChoice(ana, first, ChoiceItem{ChoiceItem::Kind::Generation, 77}),
                      "no generation with id 77");
    store.removeChoice(c1);
    QCOMPARE(int(store.choices(ana).size()), 1);
    FAN_VERIFY_THROWS(std::invalid_argument, store.removeChoice(c1), "no pairwise choice");
  }

  void cascadeRules() {
    HistoryStore& store = freshStore();
    const qint64 ana = store.createProfile(ProfileKind::User, QStringLiteral("Ana")).id;
    const qint64 bo = store.createProfile(ProfileKind::User, QStringLiteral("Bo")).id;
    const qint64 crew = store.createProfile(ProfileKind::Group, QStringLiteral("Crew")).id;
    store.setMember(crew, ana);
    store.setMember(crew, bo);
    NewEntry e = entry(QStringLiteral("tagged"), 3, std::nullopt, {QStringLiteral("t")});
    e.imageFile = writePng(tmp_.filePath(QStringLiteral("c/x.png")), 4, 4, Qt::yellow);
    const qint64 anaEntry = store.addEntry(ana, e);
    const qint64 boEntry = store.addEntry(bo, entry(QStringLiteral("bo's")));
    const qint64 gen = store.addGeneration(sampleGeneration(ana, {{anaEntry, QStringLiteral("tagged"), 1}}, {}));
    const qint64 boGen = store.addGeneration(sampleGeneration(bo, {{anaEntry, QStringLiteral("tagged"), 1}}, {}));
    store.addChoice(ana, {ChoiceItem::Kind::Entry, anaEntry}, {ChoiceItem::Kind::Generation, gen});
    store.addChoice(bo, {ChoiceItem::Kind::Entry, boEntry}, {ChoiceItem::Kind::Entry, anaEntry});
    const QString image = store.imagePath(*store.entry(anaEntry).image);

    store.deleteProfile(ana);
    // Ana's entries, tags, image, generations, choices and memberships are gone...
    QCOMPARE(rawCount(store, "history_entries"), 1);
    QCOMPARE(rawCount(store, "entry_tags"), 0);
    QCOMPARE(rawCount(store, "images"), 0);
    QVERIFY(!QFile::exists(image));
    QCOMPARE(rawCount(store, "generations"), 1);
    QCOMPARE(rawCount(store, "profile_members"), 1);
    QCOMPARE(int(store.members(crew).size()), 1);
    // ...Bo's choice that named Ana's entry went with it; Bo's generation keeps the reference
    // text but loses the link.
    QCOMPARE(int(store.choices(bo).size()), 0);
    const Generation kept = store.generation(boGen);
    QCOMPARE(kept.references.front().entryId, std::nullopt);
    QCOMPARE(kept.references.front().prompt, QStringLiteral("tagged"));

    store.deleteProfile(crew);  // a library's deletion leaves its members alone
    QCOMPARE(store.entryCount(bo), 1);
    QCOMPARE(rawCount(store, "profile_members"), 0);
  }

  void membershipUnionQuery() {
    HistoryStore& store = freshStore();
    const qint64 ana = store.createProfile(ProfileKind::User, QStringLiteral("Ana")).id;
    const qint64 bo = store.createProfile(ProfileKind::User, QStringLiteral("Bo")).id;
    const qint64 outsider = store.createProfile(ProfileKind::User, QStringLiteral("Outsider")).id;
    const qint64 crew = store.createProfile(ProfileKind::Group, QStringLiteral("Crew")).id;
    const qint64 label = store.createProfile(ProfileKind::Brand, QStringLiteral("Label")).id;
    store.addEntries(ana, {entry(QStringLiteral("ana 5 stars"), 5), entry(QStringLiteral("ana off"), 5, 0.0)});
    store.addEntries(bo, {entry(QStringLiteral("bo unrated")), entry(QStringLiteral("bo weight 2"), 1, 2.0)});
    store.addEntry(outsider, entry(QStringLiteral("outsider")));
    store.addEntry(crew, entry(QStringLiteral("crew own"), 4));
    store.setMember(crew, ana, 1.0);
    store.setMember(crew, bo, 0.5);
    store.setMember(label, crew, 1.0);

    const auto history = store.profilingHistory(crew);
    QStringList prompts;
    for (const auto& w : history) prompts << w.entry.prompt;
    // Own entries first, then members by name; switched-off entries and non-members never appear.
    QCOMPARE(prompts, QStringList({QStringLiteral("crew own"), QStringLiteral("ana 5 stars"), QStringLiteral("bo unrated"),
                                   QStringLiteral("bo weight 2")}));
    QCOMPARE(history[0].weight, 0.8);
    QCOMPARE(history[0].ownerName, QStringLiteral("Crew"));
    QCOMPARE(history[1].weight, 1.0);
    QCOMPARE(history[2].weight, 0.6 * 0.5);
    QCOMPARE(history[2].memberWeight, 0.5);
    QCOMPARE(history[3].weight, 2.0 * 0.5);
    QCOMPARE(history[3].ownerName, QStringLiteral("Bo"));

    // A user sees only their own entries, even as a member of a group.
    const auto own = store.profilingHistory(ana);
    QCOMPARE(int(own.size()), 1);
    QCOMPARE(own[0].entry.prompt, QStringLiteral("ana 5 stars"));
    // One level: the brand gets the group's own library, not the group's members.
    const auto brand = store.profilingHistory(label);
    QCOMPARE(int(brand.size()), 1);
    QCOMPARE(brand[0].entry.prompt, QStringLiteral("crew own"));
    // A member at weight 0 is switched off.
    store.setMember(crew, bo, 0.0);
    QCOMPARE(int(store.profilingHistory(crew).size()), 2);
  }

  void unicodePrompts() {
    HistoryStore& store = freshStore();
    const qint64 id = store.createProfile(ProfileKind::User, QStringLiteral("Ünïcødé 🎨")).id;
    const QStringList prompts = {QStringLiteral("山の上の古い寺、水彩画"), QStringLiteral("🦊 fox in a 🌲 forest"),
                                 QStringLiteral("مدينة قديمة عند الغروب"), QStringLiteral("cafe\u0301 au lait (decomposed)"),
                                 QStringLiteral("quotes \"double\" and 'single', commas, new\nline")};
    for (const QString& p : prompts) store.addEntry(id, entry(p, 5, std::nullopt, {QStringLiteral("タグ")}));
    const auto entries = store.entries(id);
    QCOMPARE(int(entries.size()), prompts.size());
    for (int i = 0; i < prompts.size(); ++i) {
      QCOMPARE(entries[size_t(i)].prompt, prompts[i]);  // byte-exact, no normalization
      QCOMPARE(entries[size_t(i)].tags, QStringList{QStringLiteral("タグ")});
    }
    QCOMPARE(store.profileByName(QStringLiteral("ÜNÏCØDÉ 🎨")).id, id);
  }
};

FAN_REGISTER_TEST(HistoryStoreTest)
#include "HistoryStoreTest.moc"
