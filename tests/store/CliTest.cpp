// fan-cli's store verbs, run as a user would (QProcess): output, --json, --help and exit codes
// (0 ok, 1 usage, 2 data error).
#include "tests/common/TestRegistry.h"
#include "tests/store/StoreTestUtil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

namespace {

struct CliResult {
  int exitCode = -1;
  QString out;
  QString err;
  QJsonValue json() const {
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(out.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError) qWarning("not JSON: %s", qPrintable(out));
    return doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
  }
};

}  // namespace

class CliTest : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  QString dataDir_;

  QProcess* start(const QStringList& args) {
    auto* p = new QProcess(this);
    p->start(QStringLiteral(FAN_CLI_PATH), QStringList{QStringLiteral("--data-dir"), dataDir_} + args);
    return p;
  }

  static CliResult finish(QProcess* p, const QStringList& args) {
    if (!p->waitForFinished(60000)) qFatal("fan-cli did not finish: %s", qPrintable(args.join(' ')));
    CliResult r;
    r.exitCode = p->exitStatus() == QProcess::NormalExit ? p->exitCode() : -1;
    r.out = QString::fromUtf8(p->readAllStandardOutput());
    r.err = QString::fromUtf8(p->readAllStandardError());
    p->deleteLater();
    if (r.exitCode == -1) qWarning("fan-cli %s crashed: %s", qPrintable(args.join(' ')), qPrintable(r.err));
    return r;
  }

  // Runs fan-cli and checks the exit code, showing the output when it is not the expected one.
  CliResult expect(int code, const QStringList& args) { return expectAll(code, {args}).front(); }

  // Independent commands run a few at a time: loading LibTorch dominates fan-cli's start-up.
  std::vector<CliResult> expectAll(int code, const QList<QStringList>& commands) {
    constexpr int kParallel = 4;
    std::vector<CliResult> results;
    for (qsizetype first = 0; first < commands.size(); first += kParallel) {
      std::vector<QProcess*> running;
      for (qsizetype i = first; i < std::min(first + kParallel, commands.size()); ++i) running.push_back(start(commands[i]));
      for (size_t i = 0; i < running.size(); ++i) results.push_back(finish(running[i], commands[first + qsizetype(i)]));
    }
    for (size_t i = 0; i < results.size(); ++i) {
      const CliResult& r = results[i];
      if (r.exitCode != code)
        qWarning("fan-cli %s -> %d\nstdout: %s\nstderr: %s", qPrintable(commands[qsizetype(i)].join(' ')), r.exitCode,
                 qPrintable(r.out), qPrintable(r.err));
      [&] { QCOMPARE(r.exitCode, code); }();
    }
    return results;
  }

  static QStringList split(const char* args) { return QString::fromUtf8(args).split(QLatin1Char(' ')); }

 private Q_SLOTS:
  void init() { dataDir_ = tmp_.filePath(QStringLiteral("data-%1").arg(QTest::currentTestFunction())); }

  void helpOnEveryVerb() {
    const QStringList commands = {QStringLiteral("profile"), QStringLiteral("history"), QStringLiteral("profile list"),
                                  QStringLiteral("profile create"), QStringLiteral("profile rename"), QStringLiteral("profile delete"),
                                  QStringLiteral("profile members"), QStringLiteral("profile add-member"),
                                  QStringLiteral("profile remove-member"), QStringLiteral("history list"), QStringLiteral("history add"),
                                  QStringLiteral("history rate"), QStringLiteral("history remove"), QStringLiteral("history import"),
                                  QStringLiteral("history export"), QStringLiteral("demo-data")};
    QList<QStringList> runs = {{QStringLiteral("--help")}};
    for (const QString& c : commands) runs << (c.split(QLatin1Char(' ')) << QStringLiteral("--help"));
    const auto results = expectAll(0, runs);
    QVERIFY(results[0].out.contains(QStringLiteral("demo-data")));
    QVERIFY(results[1].out.contains(QStringLiteral("Subcommands")));
    QVERIFY(results[1].out.contains(QStringLiteral("remove-member")));
    for (qsizetype i = 2; i < commands.size(); ++i) {
      const QString& help = results[size_t(i) + 1].out;
      QVERIFY2(help.startsWith(QStringLiteral("Usage: fan-cli ") + commands[i]), qPrintable(help));
      QVERIFY(help.contains(QStringLiteral("--help")));
    }
  }

  void usageErrors() {
    const std::vector<std::pair<const char*, const char*>> cases = {
        {"profile", "missing subcommand"},
        {"profile frobnicate", "unknown subcommand 'frobnicate'"},
        {"frobnicate", "unknown verb"},
        {"profile create", "--name is required"},
        {"profile create --name X --kind team", "unknown profile kind 'team'"},
        {"profile list --bogus", "bogus"},
        {"profile list extra", "unexpected argument 'extra'"},
        {"history add --profile A --prompt p --rating 6", "1-5"},
        {"history add --profile A --prompt p --weight -1", "negative weights are not allowed"},
        {"history rate --id 1", "nothing to change"},
        {"history rate --id x --rating 2", "not an entry id"},
        {"history import --profile A", "exactly one of --csv"},
        {"history import --profile A --csv f --on-error maybe", "skip or rollback"},
    };
    QList<QStringList> runs;
    for (const auto& c : cases) runs << split(c.first);
    const auto results = expectAll(1, runs);
    for (size_t i = 0; i < cases.size(); ++i)
      QVERIFY2(results[i].err.contains(QString::fromUtf8(cases[i].second)), qPrintable(results[i].err));
  }

  void profileVerbs() {
    QCOMPARE(expect(0, split("profile list --json")).json().toArray().size(), 0);
    const QJsonObject ana = expect(0, split("profile create --name Ana --description painter --json")).json().toObject();
    QCOMPARE(ana[QStringLiteral("kind")].toString(), QStringLiteral("user"));
    QCOMPARE(ana[QStringLiteral("name")].toString(), QStringLiteral("Ana"));
    QVERIFY(ana[QStringLiteral("id")].toInteger() > 0);
    expect(0, split("profile create --name Crew --kind group"));
    expect(0, split("profile create --name Bo"));
    QVERIFY(expect(2, split("profile create --name ana --kind brand")).err.contains(QStringLiteral("already exists")));

    expect(0, split("profile add-member --profile Crew --member Ana --weight 0.5"));
    expect(0, split("profile add-member --profile crew --member BO"));
    QVERIFY(expect(2, split("profile add-member --profile Ana --member Bo")).err.contains(QStringLiteral("only groups and brands")));
    const QJsonArray members = expect(0, split("profile members --profile Crew --json")).json().toArray();
    QCOMPARE(members.size(), 2);
    QCOMPARE(members[0].toObject()[QStringLiteral("name")].toString(), QStringLiteral("Ana"));
    QCOMPARE(members[0].toObject()[QStringLiteral("weight")].toDouble(), 0.5);
    expect(0, split("profile remove-member --profile Crew --member Bo"));
    QVERIFY(expect(2, split("profile remove-member --profile Crew --member Bo")).err.contains(QStringLiteral("not a member")));

    const QJsonArray groups = expect(0, split("profile list --kind group --json")).json().toArray();
    QCOMPARE(groups.size(), 1);
    QCOMPARE(groups[0].toObject()[QStringLiteral("members")].toArray().size(), 1);
    QVERIFY(expect(0, split("profile list")).out.contains(QStringLiteral("painter")));

    expect(0, split("profile rename --profile ana --to Anna"));
    QVERIFY(expect(2, split("profile rename --profile Nobody --to X")).err.contains(QStringLiteral("no profile named 'Nobody'")));
    QVERIFY(expect(2, split("profile rename --profile Anna --to crew")).err.contains(QStringLiteral("already exists")));
    const QJsonObject deleted = expect(0, split("profile delete --profile Anna --json")).json().toObject();
    QCOMPARE(deleted[QStringLiteral("name")].toString(), QStringLiteral("Anna"));
    QVERIFY(expect(2, split("profile delete --profile Anna")).err.contains(QStringLiteral("no profile named")));
    QCOMPARE(expect(0, split("profile list --json")).json().toArray().size(), 2);
  }

  void historyVerbs() {
    expect(0, split("profile create --name Ana"));
    const QString png = fan::test::writePng(tmp_.filePath(QStringLiteral("pic.png")), 12, 8, Qt::red);
    const QJsonObject added = expect(0, {QStringLiteral("history"), QStringLiteral("add"), QStringLiteral("--profile"),
                                         QStringLiteral("Ana"), QStringLiteral("--prompt"), QStringLiteral("a fox 🦊, in snow"),
                                         QStringLiteral("--negative"), QStringLiteral("blurry"), QStringLiteral("--rating"),
                                         QStringLiteral("4"), QStringLiteral("--image"), png, QStringLiteral("--tag"),
                                         QStringLiteral("winter"), QStringLiteral("--tag"), QStringLiteral("animals"),
                                         QStringLiteral("--json")})
                                  .json()
                                  .toObject();
    const qint64 id = added[QStringLiteral("id")].toInteger();
    QCOMPARE(added[QStringLiteral("prompt")].toString(), QStringLiteral("a fox 🦊, in snow"));
    QCOMPARE(added[QStringLiteral("rating")].toInt(), 4);
    QVERIFY(added[QStringLiteral("weight")].isNull());
    QCOMPARE(added[QStringLiteral("effective_weight")].toDouble(), 0.8);
    QVERIFY(added[QStringLiteral("image")].toString().startsWith(dataDir_));
    QCOMPARE(added[QStringLiteral("image_info")].toObject()[QStringLiteral("width")].toInt(), 12);
    QCOMPARE(added[QStringLiteral("tags")].toArray().size(), 2);
    expect(0, split("history add --profile ana --prompt second --weight 0"));
    QVERIFY(expect(2, split("history add --profile Nobody --prompt x")).err.contains(QStringLiteral("no profile named")));
    QVERIFY(expect(2, split("history add --profile Ana --prompt x --image /no/such.png")).err.contains(QStringLiteral("/no/such.png")));

    QJsonObject rated = expect(0, QStringList{QStringLiteral("history"), QStringLiteral("rate"), QStringLiteral("--id"),
                                              QString::number(id), QStringLiteral("--rating"), QStringLiteral("2"),
                                              QStringLiteral("--weight"), QStringLiteral("1.5"), QStringLiteral("--json")})
                            .json()
                            .toObject();
    QCOMPARE(rated[QStringLiteral("rating")].toInt(), 2);
    QCOMPARE(rated[QStringLiteral("weight")].toDouble(), 1.5);
    rated = expect(0, QStringList{QStringLiteral("history"), QStringLiteral("rate"), QStringLiteral("--id"), QString::number(id),
                                  QStringLiteral("--no-weight"), QStringLiteral("--json")})
                .json()
                .toObject();
    QVERIFY(rated[QStringLiteral("weight")].isNull());
    QCOMPARE(rated[QStringLiteral("effective_weight")].toDouble(), 0.4);
    QVERIFY(expect(2, split("history rate --id 999 --rating 3")).err.contains(QStringLiteral("no history entry with id 999")));

    QJsonArray list = expect(0, split("history list --profile Ana --json")).json().toArray();
    QCOMPARE(list.size(), 2);
    QCOMPARE(list[1].toObject()[QStringLiteral("weight")].toDouble(), 0.0);
    QVERIFY(expect(0, split("history list --profile Ana")).out.contains(QStringLiteral("a fox 🦊, in snow")));
    QCOMPARE(expect(0, split("history list --profile Ana --effective --json")).json().toArray().size(), 1);  // weight 0 is off

    QVERIFY(expect(2, QStringList{QStringLiteral("history"), QStringLiteral("remove"), QStringLiteral("--id"), QString::number(id),
                                  QStringLiteral("--id"), QStringLiteral("999")})
                .err.contains(QStringLiteral("999")));
    QCOMPARE(expect(0, split("history list --profile Ana --json")).json().toArray().size(), 2);  // all or nothing
    const QJsonObject removed = expect(0, QStringList{QStringLiteral("history"), QStringLiteral("remove"), QStringLiteral("--id"),
                                                      QString::number(id), QStringLiteral("--json")})
                                    .json()
                                    .toObject();
    QCOMPARE(removed[QStringLiteral("removed")].toArray().size(), 1);
    QCOMPARE(expect(0, split("history list --profile Ana --json")).json().toArray().size(), 1);
  }

  void importAndExport() {
    expect(0, split("profile create --name Ana"));
    const QString csv = tmp_.filePath(QStringLiteral("rows.csv"));
    {
      QFile f(csv);
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write("prompt,rating\n\"misty, forest\",5\nbad row,9\nplain,\n");
    }
    const CliResult rolled = expect(2, QStringList{QStringLiteral("history"), QStringLiteral("import"), QStringLiteral("--profile"),
                                                   QStringLiteral("Ana"), QStringLiteral("--csv"), csv});
    QVERIFY2(rolled.err.contains(QStringLiteral("rows.csv:3: rating '9'")), qPrintable(rolled.err));
    QVERIFY(rolled.out.contains(QStringLiteral("nothing imported")));
    QCOMPARE(expect(0, split("history list --profile Ana --json")).json().toArray().size(), 0);
    const QJsonObject skipped = expect(0, QStringList{QStringLiteral("history"), QStringLiteral("import"), QStringLiteral("--profile"),
                                                      QStringLiteral("Ana"), QStringLiteral("--csv"), csv, QStringLiteral("--on-error"),
                                                      QStringLiteral("skip"), QStringLiteral("--json")})
                                    .json()
                                    .toObject();
    QCOMPARE(skipped[QStringLiteral("imported")].toInt(), 2);
    QCOMPARE(skipped[QStringLiteral("errors")].toArray()[0].toObject()[QStringLiteral("line")].toInt(), 3);

    const QString folder = tmp_.filePath(QStringLiteral("ana-export"));
    expect(0, QStringList{QStringLiteral("history"), QStringLiteral("export"), QStringLiteral("--profile"), QStringLiteral("Ana"),
                          QStringLiteral("--to"), folder});
    QVERIFY(QFile::exists(folder + QStringLiteral("/Ana.fanprofile.json")));
    QVERIFY(expect(2, QStringList{QStringLiteral("history"), QStringLiteral("export"), QStringLiteral("--profile"), QStringLiteral("Ana"),
                                  QStringLiteral("--to"), folder})
                .err.contains(QStringLiteral("Ana.fanprofile.json already exists")));
    QVERIFY(expect(2, QStringList{QStringLiteral("history"), QStringLiteral("import"), QStringLiteral("--from"), folder})
                .err.contains(QStringLiteral("already exists")));
    const QJsonObject copy = expect(0, QStringList{QStringLiteral("history"), QStringLiteral("import"), QStringLiteral("--from"), folder,
                                                   QStringLiteral("--profile"), QStringLiteral("Ana copy"), QStringLiteral("--json")})
                                 .json()
                                 .toObject();
    QCOMPARE(copy[QStringLiteral("name")].toString(), QStringLiteral("Ana copy"));
    QCOMPARE(copy[QStringLiteral("entries")].toInt(), 2);
    const QString document = tmp_.filePath(QStringLiteral("backup/ana.json"));  // a document path, not a folder
    QCOMPARE(expect(0, QStringList{QStringLiteral("history"), QStringLiteral("export"), QStringLiteral("--profile"), QStringLiteral("Ana"),
                                   QStringLiteral("--to"), document, QStringLiteral("--json")})
                 .json()
                 .toObject()[QStringLiteral("file")]
                 .toString(),
             document);
    QVERIFY(expect(0, QStringList{QStringLiteral("history"), QStringLiteral("import"), QStringLiteral("--from"), document,
                                  QStringLiteral("--profile"), QStringLiteral("Ana 2")})
                .out.contains(QStringLiteral("with 2 entries")));
    const QJsonArray entries = expect(0, {QStringLiteral("history"), QStringLiteral("list"), QStringLiteral("--profile"),
                                          QStringLiteral("ANA COPY"), QStringLiteral("--json")})
                                   .json()
                                   .toArray();
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries[0].toObject()[QStringLiteral("prompt")].toString(), QStringLiteral("misty, forest"));
    QCOMPARE(entries[0].toObject()[QStringLiteral("source")].toString(), QStringLiteral("imported"));
  }

  void demoData() {
    const QJsonObject first = expect(0, split("demo-data --json")).json().toObject();
    QCOMPARE(first[QStringLiteral("created")].toArray().size(), 3);
    const QJsonArray profiles = expect(0, split("profile list --json")).json().toArray();
    QCOMPARE(profiles.size(), 3);
    for (const auto& p : profiles) QVERIFY(p.toObject()[QStringLiteral("entries")].toInt() >= 24);
    const QJsonObject again = expect(0, split("demo-data --json")).json().toObject();
    QCOMPARE(again[QStringLiteral("created")].toArray().size(), 0);
    QCOMPARE(again[QStringLiteral("already_present")].toArray().size(), 3);
    QVERIFY(expect(0, split("demo-data")).out.contains(QStringLiteral("already present")));
    // Friends' effective history includes the demo artist's entries.
    const QJsonArray friends = expect(0, {QStringLiteral("history"), QStringLiteral("list"), QStringLiteral("--profile"),
                                          QStringLiteral("Friends"), QStringLiteral("--effective"), QStringLiteral("--json")})
                                   .json()
                                   .toArray();
    QStringList owners;
    for (const auto& e : friends) owners << e.toObject()[QStringLiteral("owner")].toString();
    QVERIFY(owners.contains(QStringLiteral("Friends")));
    QVERIFY(owners.contains(QStringLiteral("Demo artist")));
  }
};

FAN_REGISTER_TEST(CliTest)
#include "CliTest.moc"
