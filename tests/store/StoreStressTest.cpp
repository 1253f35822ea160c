// The store under load: a 10,000-entry history (timings printed, correctness asserted), two
// connections writing at once, and an import killed half-way through.
#include "core/store/HistoryStore.h"
#include "tests/common/TestRegistry.h"
#include "tests/store/StoreTestUtil.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <exception>
#include <thread>

using namespace fan;
using fan::test::entry;

class StoreStressTest : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;

  QString newDir(const QString& name) {
    const QString dir = tmp_.filePath(name);
    QDir().mkpath(dir);
    return dir;
  }

 private Q_SLOTS:
  void tenThousandEntries() {
    constexpr int kCount = 10000;
    HistoryStore store(newDir(QStringLiteral("10k")));
    const qint64 id = store.createProfile(ProfileKind::User, QStringLiteral("Prolific")).id;
    std::vector<NewEntry> entries;
    for (int i = 0; i < kCount; ++i) {
      NewEntry e = entry(QStringLiteral("prompt %1: a watercolor landscape with a river, hills and a small village").arg(i),
                         i % 6 == 0 ? std::nullopt : std::optional<int>(i % 6));
      if (i % 10 == 0) e.tags = {QStringLiteral("tenth"), QStringLiteral("tag %1").arg(i % 7)};
      if (i % 97 == 0) e.weight = 0.0;
      e.created = QDateTime::fromMSecsSinceEpoch(1700000000000 + i, Qt::UTC);
      entries.push_back(std::move(e));
    }
    QElapsedTimer timer;
    timer.start();
    store.addEntries(id, entries);
    const qint64 insertMs = timer.restart();
    const auto all = store.entries(id);
    const qint64 queryMs = timer.restart();
    const auto profiling = store.profilingHistory(id);
    const qint64 profilingMs = timer.restart();
    const int count = store.entryCount(id);
    const qint64 countMs = timer.restart();
    for (int i = 0; i < 1000; ++i) store.addEntry(id, entry(QStringLiteral("single %1").arg(i), 3));
    const qint64 singlesMs = timer.elapsed();
    qInfo("10,000 entries: insert %lld ms (one transaction), full query with tags %lld ms, profiling history %lld ms, "
          "count %lld ms; 1,000 single-entry transactions %lld ms",
          insertMs, queryMs, profilingMs, countMs, singlesMs);

    QCOMPARE(count, kCount);
    QCOMPARE(int(all.size()), kCount);
    int tagged = 0;
    for (int i = 0; i < kCount; ++i) {
      const HistoryEntry& e = all[size_t(i)];
      QCOMPARE(e.prompt, entries[size_t(i)].prompt);
      QCOMPARE(e.rating, entries[size_t(i)].rating);
      tagged += e.tags.isEmpty() ? 0 : 1;
    }
    QCOMPARE(tagged, kCount / 10);
    QCOMPARE(int(profiling.size()), kCount - (kCount + 96) / 97);  // weight 0 entries are off
    QCOMPARE(store.entryCount(id), kCount + 1000);
  }

  void twoConnectionsWriteConcurrently() {
    constexpr int kPerWriter = 300;
    const QString dir = newDir(QStringLiteral("concurrent"));
    const qint64 id = HistoryStore(dir).createProfile(ProfileKind::User, QStringLiteral("Shared")).id;
    std::exception_ptr failures[2];
    auto writer = [&](int w) {
      try {
        HistoryStore store(dir);  // its own connection, in its own thread
        for (int i = 0; i < kPerWriter; ++i) {
          const qint64 e = store.addEntry(id, entry(QStringLiteral("writer %1 entry %2").arg(w).arg(i)));
          if (i % 3 == 0) store.setRating(e, 1 + i % 5);
          if (i % 50 == 0) store.addEntries(id, {entry(QStringLiteral("writer %1 batch %2 a").arg(w).arg(i)),
                                                 entry(QStringLiteral("writer %1 batch %2 b").arg(w).arg(i))});
        }
      } catch (...) {
        failures[w] = std::current_exception();
      }
    };
    std::thread first(writer, 0), second(writer, 1);
    first.join();
    second.join();
    for (const auto& failure : failures)
      if (failure) try {
          std::rethrow_exception(failure);
        } catch (const std::exception& e) {
          QFAIL(e.what());
        }
    HistoryStore store(dir);
    const auto all = store.entries(id);
    QSet<QString> prompts;
    for (const auto& e : all) prompts.insert(e.prompt);
    const int batches = 2 * (kPerWriter / 50) * 2;
    QCOMPARE(int(all.size()), 2 * kPerWriter + batches);
    QCOMPARE(int(prompts.size()), int(all.size()));
    for (int w = 0; w < 2; ++w)
      for (int i = 0; i < kPerWriter; ++i) QVERIFY(prompts.contains(QStringLiteral("writer %1 entry %2").arg(w).arg(i)));
  }

  // fan-cli imports a large CSV in one transaction; killing it half-way must leave the
  // database consistent and without a single row of the import.
  void killedImportLeavesNoTrace() {
    constexpr int kRows = 100000;
    const QString dir = newDir(QStringLiteral("killed"));
    {
      HistoryStore store(dir);
      const qint64 id = store.createProfile(ProfileKind::User, QStringLiteral("Ana")).id;
      store.addEntries(id, {entry(QStringLiteral("one"), 5), entry(QStringLiteral("two")), entry(QStringLiteral("three"), 1)});
    }
    const QString csv = tmp_.filePath(QStringLiteral("big.csv"));
    {
      QFile file(csv);
      QVERIFY(file.open(QIODevice::WriteOnly));
      for (int i = 0; i < kRows; ++i)
        file.write(QStringLiteral("\"row %1, a detailed ink drawing of an old harbour town with boats, gulls, "
                                  "fishermen and nets drying in the sun\",%2\n")
                       .arg(i)
                       .arg(1 + i % 5)
                       .toUtf8());
    }
    QProcess cli;
    cli.setReadChannel(QProcess::StandardError);
    cli.start(QStringLiteral(FAN_CLI_PATH), {QStringLiteral("--data-dir"), dir, QStringLiteral("history"), QStringLiteral("import"),
                                             QStringLiteral("--profile"), QStringLiteral("Ana"), QStringLiteral("--csv"), csv});
    QVERIFY(cli.waitForStarted());
    // Kill once a fifth of the rows are written inside the (uncommitted) transaction: enough for
    // SQLite to spill pages into the WAL, with most of the work still ahead.
    bool midway = false;
    while (!midway && cli.waitForReadyRead(60000)) {
      while (cli.canReadLine()) {
        const QString line = QString::fromUtf8(cli.readLine());
        const qsizetype at = line.indexOf(QLatin1String("written "));
        if (at >= 0 && line.mid(at + 8).section(QLatin1Char('/'), 0, 0).toInt() >= kRows / 5) midway = true;
      }
    }
    QVERIFY2(midway, "the import never reported progress");
    cli.kill();
    QVERIFY(cli.waitForFinished(30000));
    QCOMPARE(cli.exitStatus(), QProcess::CrashExit);  // it really died mid-way

    const QString db = QDir(dir).filePath(HistoryStore::databaseFileName());
    QCOMPARE(fan::test::rawScalar(db, QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));
    HistoryStore store(dir);
    const Profile ana = store.profileByName(QStringLiteral("Ana"));
    QCOMPARE(store.entryCount(ana.id), 3);
    store.addEntry(ana.id, entry(QStringLiteral("still writable")));
    QCOMPARE(store.entryCount(ana.id), 4);
  }
};

FAN_REGISTER_TEST(StoreStressTest)
#include "StoreStressTest.moc"
