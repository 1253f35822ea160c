// Profile export/import (byte-identical round trip, <name>.fanprofile.json naming, several
// exports in one folder, earlier profile.json exports) and CSV import with bad rows.
#include "core/store/CsvImport.h"
#include "core/store/ProfileExchange.h"
#include "tests/common/TestRegistry.h"
#include "tests/store/StoreTestUtil.h"

#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace fan;
using fan::test::entry;
using fan::test::writePng;

namespace {

QByteArray readAll(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(path));
  return f.readAll();
}

void writeText(const QString& path, const QByteArray& text) {
  QDir().mkpath(QFileInfo(path).path());
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(path));
  f.write(text);
}

// Every file under `dir` (relative path -> bytes).
QMap<QString, QByteArray> folderContents(const QString& dir) {
  QMap<QString, QByteArray> files;
  QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
  while (it.hasNext()) {
    const QString path = it.next();
    files.insert(QDir(dir).relativeFilePath(path), readAll(path));
  }
  return files;
}

QDateTime at(const char* iso) { return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs); }

}  // namespace

class ExchangeTest : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  int counter_ = 0;

  QString newDir(const QString& name) {
    const QString dir = tmp_.filePath(QStringLiteral("%1-%2").arg(name).arg(++counter_));
    QDir().mkpath(dir);
    return dir;
  }

  // A user with every kind of field: ratings, awkward weights, tags, images (one shared),
  // sources, unicode, identical creation times.
  qint64 fillAna(HistoryStore& store) {
    Profile p;
    p.kind = ProfileKind::User;
    p.name = QStringLiteral("Ana 🎨");
    p.description = QStringLiteral("watercolour, \"ink\" & folklore\nsecond line");
    p.created = at("2024-01-02T03:04:05.678Z");
    p.updated = at("2024-02-03T04:05:06.789Z");
    const qint64 id = store.createProfile(p).id;
    const QString red = writePng(tmp_.filePath(QStringLiteral("src/red.png")), 20, 10, Qt::red);
    const QString blue = writePng(tmp_.filePath(QStringLiteral("src/blue.png")), 7, 13, Qt::blue);
    std::vector<NewEntry> entries = {
        entry(QStringLiteral("lighthouse at dawn, watercolor"), 5, std::nullopt, {QStringLiteral("coast"), QStringLiteral("watercolor")}),
        entry(QStringLiteral("山の上の古い寺、水彩画 🏯"), std::nullopt, 0.1 + 0.2),
        entry(QStringLiteral("fox in snow"), 2, 0.0, {QStringLiteral("animals")}),
        entry(QStringLiteral("same image again"), 4, 1e-7),
        entry(QStringLiteral("blue square"), 3, 2.5),
    };
    entries[0].negative = QStringLiteral("blurry, text");
    entries[0].imageFile = red;
    entries[1].source = EntrySource::Imported;
    entries[3].imageFile = red;
    entries[3].source = EntrySource::Generated;
    entries[4].imageFile = blue;
    for (size_t i = 0; i < entries.size(); ++i) entries[i].created = at("2024-03-01T10:00:00.001Z").addMSecs(qint64(i / 2) * 1500);
    store.addEntries(id, entries);
    return id;
  }

  void requireRoundTrip(const QString& exported, const QString& reexported) {
    const auto a = folderContents(exported), b = folderContents(reexported);
    QCOMPARE(a.keys(), b.keys());
    for (const QString& file : a.keys()) QVERIFY2(a[file] == b[file], qPrintable(file + QStringLiteral(" differs")));
  }

 private Q_SLOTS:
  void userRoundTripIsByteIdentical() {
    HistoryStore source(newDir(QStringLiteral("a")));
    const qint64 ana = fillAna(source);
    const QString first = tmp_.filePath(QStringLiteral("export-ana-1"));
    QCOMPARE(exportProfile(source, ana, first), first + QStringLiteral("/Ana 🎨.fanprofile.json"));
    const auto files = folderContents(first);
    QCOMPARE(files.size(), 3);  // the document and two distinct images
    QVERIFY(files.contains(QStringLiteral("Ana 🎨.fanprofile.json")));

    HistoryStore target(newDir(QStringLiteral("b")));
    const ProfileImportResult imported = importProfile(target, first);
    QCOMPARE(imported.entries, 5);
    QVERIFY(imported.missingMembers.isEmpty());
    QCOMPARE(imported.profile.name, QStringLiteral("Ana 🎨"));
    QCOMPARE(imported.profile.created, at("2024-01-02T03:04:05.678Z"));
    const auto entries = target.entries(imported.profile.id);
    QCOMPARE(entries[1].weight, std::optional<double>(0.1 + 0.2));  // doubles travel exactly
    QVERIFY(entries[3].source == EntrySource::Generated);
    QVERIFY(QFile::exists(target.imagePath(*entries[4].image)));

    const QString second = tmp_.filePath(QStringLiteral("export-ana-2"));
    exportProfile(target, imported.profile.id, second);
    requireRoundTrip(first, second);
  }

  void libraryRoundTripWithMembers() {
    HistoryStore source(newDir(QStringLiteral("a")));
    const qint64 ana = fillAna(source);
    const qint64 bo = source.createProfile(ProfileKind::User, QStringLiteral("Bo")).id;
    source.addEntry(bo, entry(QStringLiteral("bo's only prompt"), 1));
    const qint64 crew = source.createProfile(ProfileKind::Group, QStringLiteral("Crew"), QStringLiteral("friends")).id;
    source.setMember(crew, ana, 1.0);
    source.setMember(crew, bo, 0.35);
    source.addEntry(crew, entry(QStringLiteral("shared poster"), 4));
    QStringList folders;
    for (qint64 id : {ana, bo, crew}) {
      folders << tmp_.filePath(QStringLiteral("lib-%1").arg(id));
      exportProfile(source, id, folders.last());
    }

    // Imported before its members, a library reports them missing.
    HistoryStore early(newDir(QStringLiteral("early")));
    QCOMPARE(importProfile(early, folders[2]).missingMembers, QStringList({QStringLiteral("Ana 🎨"), QStringLiteral("Bo")}));

    HistoryStore target(newDir(QStringLiteral("b")));
    importProfile(target, folders[0]);
    importProfile(target, folders[1]);
    const ProfileImportResult lib = importProfile(target, folders[2]);
    QVERIFY(lib.missingMembers.isEmpty());
    QCOMPARE(target.members(lib.profile.id)[1].weight, 0.35);
    QCOMPARE(int(target.profilingHistory(lib.profile.id).size()), 6);  // own 1 + Ana's 4 switched on + Bo's 1

    const QString again = tmp_.filePath(QStringLiteral("lib-again"));
    exportProfile(target, lib.profile.id, again);
    requireRoundTrip(folders[2], again);
  }

  void importRejectsBadDocumentsWholly() {
    HistoryStore source(newDir(QStringLiteral("a")));
    const QString good = tmp_.filePath(QStringLiteral("good"));
    const QByteArray json = readAll(exportProfile(source, fillAna(source), good));
    HistoryStore target(newDir(QStringLiteral("b")));

    // The variants use the earlier document name, profile.json, which still imports.
    auto variant = [&](const QByteArray& from, const QByteArray& to) -> QString {
      const QString dir = newDir(QStringLiteral("variant"));
      QDir(dir).mkpath(QStringLiteral("images"));
      for (const QString& f : QDir(QDir(good).filePath(QStringLiteral("images"))).entryList(QDir::Files))
        QFile::copy(QDir(good).filePath(QStringLiteral("images/") + f), QDir(dir).filePath(QStringLiteral("images/") + f));
      QByteArray changed = json;
      if (!changed.contains(from)) qFatal("the export has no %s", from.constData());
      writeText(QDir(dir).filePath(QStringLiteral("profile.json")), changed.replace(from, to));
      return dir;
    };
    FAN_VERIFY_THROWS(std::invalid_argument, importProfile(target, variant("\"rating\": 2", "\"rating\": 7")),
                      "profile.json.entries[2].rating: expected an integer 1-5, got 7");
    FAN_VERIFY_THROWS(std::invalid_argument, importProfile(target, variant("\"weight\": 2.5", "\"weight\": -2.5")),
                      "entries[4].weight: weight -2.5 is invalid");
    FAN_VERIFY_THROWS(std::invalid_argument, importProfile(target, variant("\"source\": \"imported\"", "\"source\": \"pasted\"")),
                      "unknown entry source 'pasted'");
    FAN_VERIFY_THROWS(std::invalid_argument, importProfile(target, variant("\"file\": \"images/", "\"file\": \"../images/")),
                      "a path inside the export folder");
    FAN_VERIFY_THROWS(std::invalid_argument, importProfile(target, variant("\"created\": \"2024-01-02", "\"created\": \"yesterday")),
                      "profile.created: expected an ISO 8601 time");
    FAN_VERIFY_THROWS(std::invalid_argument, importProfile(target, variant("\"entries\": [", "\"entries\": [[],")),
                      "profile.json.entries[0]: expected an object");
    FAN_VERIFY_THROWS(std::invalid_argument, importProfile(target, variant("\"format\": \"fan", "\"format\": \"other")),
                      "profile.json.format");
    FAN_VERIFY_THROWS(std::invalid_argument, importProfile(target, variant("\"entries\"", "\"entries\" oops")), "not valid JSON");

    // A damaged image file is caught by its hash.
    const QString damaged = variant("\"version\"", "\"version\"");
    const QString image = QDir(damaged).filePath(QStringLiteral("images/")) +
                          QDir(QDir(damaged).filePath(QStringLiteral("images"))).entryList(QDir::Files).first();
    writePng(image, 3, 3, Qt::black);
    FAN_VERIFY_THROWS(std::invalid_argument, importProfile(target, damaged), "does not match its sha256");

    QVERIFY(target.isEmpty());  // none of the failures wrote anything
    QCOMPARE(importProfile(target, good).entries, 5);
    FAN_VERIFY_THROWS(std::invalid_argument, importProfile(target, good), "already exists");
    QCOMPARE(importProfile(target, good, QStringLiteral("Ana copy")).profile.name, QStringLiteral("Ana copy"));
    FAN_VERIFY_THROWS(std::runtime_error, exportProfile(target, target.findProfile(QStringLiteral("Ana 🎨"))->id, good),
                      "Ana 🎨.fanprofile.json already exists");
  }

  void exportFileNames() {
    QCOMPARE(profileExportSuffix(), QStringLiteral(".fanprofile.json"));
    QCOMPARE(profileExportFileName(QStringLiteral("Ana 🎨")), QStringLiteral("Ana 🎨.fanprofile.json"));
    QCOMPARE(profileExportFileName(QStringLiteral("a/b\\c:d*e?f\"g<h>i|j\tk")), QStringLiteral("a_b_c_d_e_f_g_h_i_j_k.fanprofile.json"));
    QCOMPARE(profileExportFileName(QStringLiteral("  ..hidden  ")), QStringLiteral("hidden.fanprofile.json"));
    QCOMPARE(profileExportFileName(QStringLiteral("..")), QStringLiteral("profile.fanprofile.json"));
    // Long names are cut to 200 UTF-8 bytes before the suffix, never inside a character.
    QCOMPARE(profileExportFileName(QString(300, QChar(u'x'))), QString(200, QChar(u'x')) + profileExportSuffix());
    const QString syllables(66, QChar(u'가'));  // 198 bytes; the emoji's 4 would pass 200
    QCOMPARE(profileExportFileName(syllables + QStringLiteral("🎨")), syllables + profileExportSuffix());
  }

  // Exports of several profiles may share a folder (and its content-named images); a folder
  // names its document only when it holds one. A document path may be given instead.
  void severalExportsInOneFolder() {
    HistoryStore source(newDir(QStringLiteral("a")));
    const qint64 ana = fillAna(source);
    const qint64 bo = source.createProfile(ProfileKind::User, QStringLiteral("Bo")).id;
    NewEntry shared = entry(QStringLiteral("bo's red square"), 3);
    shared.imageFile = tmp_.filePath(QStringLiteral("src/red.png"));  // the image Ana has too
    source.addEntries(bo, {shared});
    const QString folder = tmp_.filePath(QStringLiteral("shared"));
    exportProfile(source, ana, folder);
    const QString boFile = exportProfile(source, bo, folder);
    QCOMPARE(boFile, folder + QStringLiteral("/Bo.fanprofile.json"));
    QCOMPARE(folderContents(folder).size(), 4);  // two documents, two images

    HistoryStore target(newDir(QStringLiteral("b")));
    FAN_VERIFY_THROWS(std::invalid_argument, importProfile(target, folder),
                      "holds 2 exported profiles (Ana 🎨.fanprofile.json, Bo.fanprofile.json); choose one file");
    QCOMPARE(importProfile(target, boFile).entries, 1);
    QCOMPARE(importProfile(target, folder + QStringLiteral("/Ana 🎨.fanprofile.json")).entries, 5);
    FAN_VERIFY_THROWS(std::invalid_argument, importProfile(target, newDir(QStringLiteral("empty"))), "holds no exported profile");

    // A damaged image left in the folder is replaced by the next export that needs it.
    const QString image = folder + QStringLiteral("/images/") + *QDir(folder + QStringLiteral("/images")).entryList(QDir::Files).begin();
    writePng(image, 3, 3, Qt::black);
    FAN_VERIFY_THROWS(std::runtime_error, exportProfile(source, bo, folder), "Bo.fanprofile.json already exists");
    exportProfile(source, bo, folder, ExistingExport::Replace);
    exportProfile(source, ana, folder, ExistingExport::Replace);
    HistoryStore again(newDir(QStringLiteral("c")));
    QCOMPARE(importProfile(again, folder + QStringLiteral("/Ana 🎨.fanprofile.json")).entries, 5);

    // An explicit document path: images/ goes beside it.
    const QString custom = tmp_.filePath(QStringLiteral("custom/bo-backup.json"));
    QCOMPARE(exportProfile(source, bo, custom), custom);
    QCOMPARE(folderContents(tmp_.filePath(QStringLiteral("custom"))).size(), 2);
    QCOMPARE(importProfile(again, custom).profile.name, QStringLiteral("Bo"));
  }

  void csvParsing() {
    std::vector<CsvRowError> errors;
    const auto records = parseCsv(QStringLiteral("prompt,rating\r\n"
                                                 "plain,5\r\n"
                                                 "\"with, comma\",4\n"
                                                 "\n"
                                                 "\"two\nlines \"\"quoted\"\"\",3,img.png\n"
                                                 "\"closed\"x,1\n"
                                                 "stray\"quote,2\n"
                                                 "last,\n"
                                                 "\"never closed,1\nmore"),
                                  errors);
    QCOMPARE(int(records.size()), 5);
    QCOMPARE(records[0].fields, QStringList({QStringLiteral("prompt"), QStringLiteral("rating")}));
    QCOMPARE(records[1].line, 2);
    QCOMPARE(records[2].fields[0], QStringLiteral("with, comma"));
    QCOMPARE(records[3].line, 5);
    QCOMPARE(records[3].fields, QStringList({QStringLiteral("two\nlines \"quoted\""), QStringLiteral("3"), QStringLiteral("img.png")}));
    QCOMPARE(records[4].line, 9);
    QCOMPARE(records[4].fields, QStringList({QStringLiteral("last"), QString()}));
    QCOMPARE(int(errors.size()), 3);
    QCOMPARE(errors[0].line, 7);
    QVERIFY(errors[0].message.contains(QStringLiteral("after a closing quote")));
    QCOMPARE(errors[1].line, 8);
    QVERIFY(errors[1].message.contains(QStringLiteral("quote inside an unquoted field")));
    QCOMPARE(errors[2].line, 10);
    QVERIFY(errors[2].message.contains(QStringLiteral("not closed")));
  }

  void csvBadRowsSkipOrRollBack() {
    const QString dir = newDir(QStringLiteral("csv"));
    writePng(QDir(dir).filePath(QStringLiteral("pics/cat.png")), 5, 5, Qt::gray);
    const QString csv = QDir(dir).filePath(QStringLiteral("history.csv"));
    writeText(csv, "\xEF\xBB\xBFPrompt,Rating,Image\n"      // 1 header (with a byte order mark)
                   "a cat on a sofa,5,pics/cat.png\n"          // 2 ok
                   "\"misty forest, ink\",4\n"                 // 3 ok
                   "unrated fox,\n"                            // 4 ok
                   "too many stars,7\n"                        // 5 bad rating
                   "words,great\n"                             // 6 bad rating
                   " ,3\n"                                     // 7 empty prompt
                   "a,1,b.png,extra\n"                         // 8 four columns
                   "missing picture,2,pics/none.png\n"         // 9 image missing
                   "only a prompt\n"                           // 10 one column
                   "\"\xE5\xAF\xBA, \xF0\x9F\x8F\xAF\",3\n");  // 11 ok, unicode
    HistoryStore store(newDir(QStringLiteral("store")));
    const qint64 ana = store.createProfile(ProfileKind::User, QStringLiteral("Ana")).id;
    store.addEntry(ana, entry(QStringLiteral("already there")));

    const CsvImportResult rolledBack = importCsv(store, ana, csv, CsvErrorMode::RollBack);
    QVERIFY(rolledBack.rolledBack);
    QCOMPARE(rolledBack.imported, 0);
    QCOMPARE(store.entryCount(ana), 1);  // nothing half-imported
    QList<int> lines;
    for (const auto& e : rolledBack.errors) lines << e.line;
    QCOMPARE(lines, QList<int>({5, 6, 7, 8, 9, 10}));
    QVERIFY(rolledBack.errors[0].message.contains(QStringLiteral("rating '7'")));
    QVERIFY(rolledBack.errors[3].message.contains(QStringLiteral("got 4")));
    QVERIFY(rolledBack.errors[4].message.contains(QStringLiteral("none.png")));

    int lastProgress = 0;
    const CsvImportResult skipped =
        importCsv(store, ana, csv, CsvErrorMode::SkipBadRows, [&](int written, int total) {
          QCOMPARE(total, 4);
          lastProgress = written;
        });
    QVERIFY(!skipped.rolledBack);
    QCOMPARE(skipped.imported, 4);
    QCOMPARE(int(skipped.errors.size()), 6);
    QCOMPARE(lastProgress, 4);
    const auto entries = store.entries(ana);
    QCOMPARE(int(entries.size()), 5);
    QCOMPARE(entries[1].prompt, QStringLiteral("a cat on a sofa"));
    QCOMPARE(entries[1].image->width, 5);
    QVERIFY(entries[1].source == EntrySource::Imported);
    QCOMPARE(entries[2].prompt, QStringLiteral("misty forest, ink"));
    QCOMPARE(entries[3].rating, std::nullopt);
    QCOMPARE(entries[4].prompt, QStringLiteral("寺, 🏯"));

    writeText(csv, "bad \xFF\xFE bytes,3\n");
    FAN_VERIFY_THROWS(std::invalid_argument, importCsv(store, ana, csv, CsvErrorMode::SkipBadRows), "not UTF-8");
  }
};

FAN_REGISTER_TEST(ExchangeTest)
#include "ExchangeTest.moc"
