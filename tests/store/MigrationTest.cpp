// Schema versioning: a database written by schema v1 (tests/data/store/history-v1.sqlite, built
// from history-v1.sql) opens, migrates to the latest version and keeps every row.
#include "core/store/HistoryStore.h"
#include "core/store/StoreSchema.h"
#include "tests/common/TestRegistry.h"
#include "tests/store/StoreTestUtil.h"

#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace fan;

namespace {

const QString kFixture = QStringLiteral(FAN_TEST_DATA_DIR "/store/history-v1.sqlite");

// "type name: sql" for every schema object, to compare two databases' schemas.
QStringList schemaOf(const QString& path, int migrateTo = 0) {
  QStringList objects;
  {
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("schema-of"));
    db.setDatabaseName(path);
    if (!db.open()) qFatal("cannot open %s", qPrintable(path));
    if (migrateTo > 0) store::migrate(db, migrateTo);
    QSqlQuery q(QStringLiteral("SELECT type, name, sql FROM sqlite_master ORDER BY name"), db);
    while (q.next()) objects << q.value(0).toString() + QLatin1Char(' ') + q.value(1).toString() + QStringLiteral(": ") + q.value(2).toString();
  }
  QSqlDatabase::removeDatabase(QStringLiteral("schema-of"));
  return objects;
}

}  // namespace

class MigrationTest : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;

 private Q_SLOTS:
  // The fixture must stay what version 1 really created, or the migration test proves nothing.
  void fixtureIsTheCodesVersion1() {
    const QStringList fixture = schemaOf(kFixture);
    QVERIFY(fixture.size() > 20);
    QCOMPARE(schemaOf(tmp_.filePath(QStringLiteral("v1.sqlite")), 1), fixture);
    QCOMPARE(fan::test::rawScalar(kFixture, QStringLiteral("PRAGMA user_version")).toInt(), 1);
  }

  void migratesVersion1Data() {
    const QString dir = tmp_.filePath(QStringLiteral("data"));
    QDir().mkpath(dir);
    const QString db = QDir(dir).filePath(HistoryStore::databaseFileName());
    QVERIFY(QFile::copy(kFixture, db));
    {
      HistoryStore store(dir);
      QCOMPARE(store.schemaVersion(), store::kLatestSchemaVersion);
      // The copy came in world-readable; opening makes it private.
      QCOMPARE(QFileInfo(db).permissions() & (QFile::ReadGroup | QFile::ReadOther), 0);

      // v1 allowed 'Émile' and 'émile' side by side; v2 keeps both, renaming the later one.
      QCOMPARE(store.profileByName(QStringLiteral("ÉMILE")).id, 2);
      QCOMPARE(store.profile(3).name, QStringLiteral("émile (3)"));
      QCOMPARE(store.profile(3).description, QStringLiteral("the other one"));
      QCOMPARE(store.profileByName(QStringLiteral("ana")).id, 1);
      FAN_VERIFY_THROWS(std::invalid_argument, store.createProfile(ProfileKind::User, QStringLiteral("éMILE")), "already exists");

      const auto ana = store.entries(1);
      QCOMPARE(int(ana.size()), 2);
      QCOMPARE(ana[0].prompt, QStringLiteral("watercolor lighthouse at dawn"));
      QCOMPARE(ana[0].negative, QStringLiteral("blurry"));
      QCOMPARE(ana[0].rating, std::optional<int>(5));
      QCOMPARE(ana[0].tags, QStringList({QStringLiteral("coast"), QStringLiteral("watercolor")}));
      QCOMPARE(ana[0].created, QDateTime::fromMSecsSinceEpoch(1714564810000, Qt::UTC));
      QCOMPARE(ana[1].weight, std::optional<double>(0.75));
      QVERIFY(ana[1].source == EntrySource::Imported);
      QCOMPARE(store.entries(3).front().prompt, QStringLiteral("山の上の古い寺、水彩画"));

      const auto crew = store.profilingHistory(4);  // own entry is switched off (weight 0)
      QCOMPARE(int(crew.size()), 3);
      QCOMPARE(crew[0].entry.prompt, QStringLiteral("watercolor lighthouse at dawn"));
      QCOMPARE(crew[2].weight, 0.4 * 0.5);

      const Generation g = store.generation(1);
      QCOMPARE(int(g.references.size()), 2);
      QCOMPARE(g.references[1].weight, 0.75);
      QCOMPARE(int(store.choices(1).size()), 2);
      QCOMPARE(*store.cachedEmbedding(QStringLiteral("clip-l:ab12"), QStringLiteral("ink forest in fog")),
               (std::vector<float>{1.0f, -2.0f}));
    }
    QCOMPARE(fan::test::rawScalar(db, QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
    QVERIFY(fan::test::rawScalar(db, QStringLiteral("PRAGMA foreign_key_check")).isNull());
    QCOMPARE(fan::test::rawScalar(db, QStringLiteral("PRAGMA user_version")).toInt(), store::kLatestSchemaVersion);
    // Opening again does not migrate twice.
    HistoryStore again(dir);
    QCOMPARE(again.profile(3).name, QStringLiteral("émile (3)"));
  }

  void migrationsAreAllOrNothing() {
    // A database whose v2 step cannot complete must stay at v1, untouched.
    const QString path = tmp_.filePath(QStringLiteral("half.sqlite"));
    QVERIFY(QFile::copy(kFixture, path));
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
    fan::test::rawScalar(path, QStringLiteral("CREATE TABLE blocker (x)"));
    fan::test::rawScalar(path, QStringLiteral("CREATE INDEX profiles_name_key ON blocker(x)"));  // v2's index name
    {
      QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("half"));
      db.setDatabaseName(path);
      QVERIFY(db.open());
      FAN_VERIFY_THROWS(std::runtime_error, store::migrate(db), "profiles_name_key");
      QCOMPARE(store::schemaVersion(db), 1);
      QSqlQuery q(QStringLiteral("SELECT count(*) FROM pragma_table_info('profiles') WHERE name = 'name_key'"), db);
      QVERIFY(q.next());
      QCOMPARE(q.value(0).toInt(), 0);
    }
    QSqlDatabase::removeDatabase(QStringLiteral("half"));
  }
};

FAN_REGISTER_TEST(MigrationTest)
#include "MigrationTest.moc"
