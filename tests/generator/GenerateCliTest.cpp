// `fan-cli generate` end to end (QProcess on FAN_CLI_PATH): PNGs with parameters equal to the
// library's images, SDXL folders without flags, personalized pairs and sweeps recorded in the
// store, Ctrl+C, and bad input.
#include "core/io/DiffusersFolder.h"
#include "core/pipelines/Generator.h"
#include "core/pipelines/PngParameters.h"
#include "core/store/HistoryStore.h"
#include "tests/common/CliRunner.h"
#include "tests/common/TestRegistry.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace fan::test;

namespace {

const QString kData = QStringLiteral(FAN_TEST_DATA_DIR);
const QString kPrompt = QStringLiteral("a red circle on a blue background");

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes) {
  QFile f(dir.filePath(name));
  f.open(QIODevice::WriteOnly);
  f.write(bytes);
  return f.fileName();
}

const QByteArray kRefs =
    "[{\"prompt\": \"a watercolor painting with vibrant colors\", \"weight\": 1.0},"
    " {\"prompt\": \"neon purple checker background, retro poster\", \"weight\": 2.0},"
    " {\"prompt\": \"pastel outline drawing of a star\", \"weight\": 0.5}]";



}  // namespace

class GenerateCliTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void writesPngsWithParameters() {
    QTemporaryDir tmp;
    const QString out = tmp.filePath("out");
    const CliRun r = runCli({"generate", "--model", kData + "/models/tiny-sd", "--steps", "3", "--seed", "7", "--cfg", "6",
                       "--negative", "blurry", "--out", out, kPrompt},
                      tmp.path());
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(pngFiles(out), QStringList{"00001-7.png"});
    const fan::ImageParameters p = fan::parseParameters(*fan::readPngParameters(out + "/00001-7.png"));
    QCOMPARE(p.prompt, kPrompt);
    QCOMPARE(p.negative, QStringLiteral("blurry"));
    QCOMPARE(p.value("Steps"), QStringLiteral("3"));
    QCOMPARE(p.value("Sampler"), QStringLiteral("PNDM"));  // the folder's scheduler
    QCOMPARE(p.value("CFG scale"), QStringLiteral("6"));
    QCOMPARE(p.value("Seed"), QStringLiteral("7"));
    QCOMPARE(p.value("Size"), QStringLiteral("32x32"));
    QCOMPARE(p.value("Model"), QStringLiteral("tiny-sd"));
    QCOMPARE(p.value("Model hash"),
             QString::fromStdString(fan::DiffusersFolder(kData + "/models/tiny-sd").fingerprint("unet")));

    // The file holds exactly what the library generates for these settings.
    fan::GenerationParams params;
    params.prompt = kPrompt;
    params.negative = QStringLiteral("blurry");
    params.sampling.steps = 3;
    params.sampling.seed = 7;
    params.sampling.guidanceScale = 6;
    QCOMPARE(readRgbImage(out + "/00001-7.png"), fan::Generator::load(kData + "/models/tiny-sd")->generate(params).images[0]);

    // A second run numbers its file after the first, never overwriting.
    QCOMPARE(runCli({"generate", "--model", kData + "/models/tiny-sd", "--steps", "1", "--seed", "7", "--sampler", "Euler a",
                  "--size", "16x24", "--out", out, kPrompt},
                 tmp.path())
                 .exitCode,
             0);
    QCOMPARE(pngFiles(out), (QStringList{"00001-7.png", "00002-7.png"}));
    QCOMPARE(readRgbImage(out + "/00002-7.png").size(), QSize(16, 24));
    QCOMPARE(fan::parseParameters(*fan::readPngParameters(out + "/00002-7.png")).value("Sampler"), QStringLiteral("Euler a"));
  }

  void sdxlNeedsNoFlags() {
    QTemporaryDir tmp;
    const CliRun r = runCli({"generate", "--model", kData + "/models/tiny-sdxl", "--steps", "2", "--seed", "3", "--out",
                       tmp.path(), kPrompt},
                      tmp.path());
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const fan::ImageParameters p = fan::parseParameters(*fan::readPngParameters(tmp.filePath("00001-3.png")));
    QCOMPARE(p.value("Sampler"), QStringLiteral("Euler"));
    QCOMPARE(p.value("CFG scale"), QStringLiteral("5"));  // SDXL's default guidance
  }

  void personalizedPairIsRecorded() {
    QTemporaryDir tmp;
    const QString refs = writeFile(tmp, "refs.json", kRefs);
    const CliRun r = runCli({"generate", "--model", kData + "/models/tiny-sd", "--steps", "3", "--seed", "11", "--refs", refs,
                       "--alpha", "0.6", "--sample-size", "0", "--out", tmp.filePath("out"), kPrompt},
                      tmp.path());
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QString stem = tmp.filePath("out/00001-11");
    const QImage target = readRgbImage(stem + "-target.png"), personalized = readRgbImage(stem + "-personalized.png");
    QVERIFY(target != personalized);
    const QImage pair = readRgbImage(stem + "-side-by-side.png");
    QCOMPARE(pair.size(), QSize(32 + 8 + 32, 32));
    QCOMPARE(pair.copy(0, 0, 32, 32), target);
    QCOMPARE(pair.copy(40, 0, 32, 32), personalized);
    const fan::ImageParameters p = fan::parseParameters(*fan::readPngParameters(stem + "-personalized.png"));
    QCOMPARE(p.value("FAN alpha"), QStringLiteral("0.6"));
    QCOMPARE(p.value("FAN sample size"), QStringLiteral("0"));
    QCOMPARE(p.value("FAN references"), QStringLiteral("#1;#2;#3"));
    QCOMPARE(p.value("FAN options"), QStringLiteral("pa=skip:1 skip=self query=target cfg_negative=default"));
    QVERIFY(!fan::parseParameters(*fan::readPngParameters(stem + "-target.png")).has("FAN alpha"));

    const QRegularExpressionMatch m = QRegularExpression("recorded generation (\\d+)").match(r.out);
    QVERIFY2(m.hasMatch(), qPrintable(r.out));
    fan::HistoryStore store(tmp.path());
    const fan::Generation g = store.generation(m.captured(1).toLongLong());
    QCOMPARE(g.prompt, kPrompt);
    QCOMPARE(g.seed, qint64(11));
    QCOMPARE(g.alpha, 0.6);
    QCOMPARE(int(g.references.size()), 3);
    QCOMPARE(int(g.outputs.size()), 2);  // personalized, target
    QCOMPARE(readRgbImage(store.imagePath(g.outputs[0])), personalized);
    QCOMPARE(readRgbImage(store.imagePath(g.outputs[1])), target);
  }

  void profileRunsRecordEntryIds() {
    QTemporaryDir tmp;
    QCOMPARE(runCli({"profile", "create", "--kind", "user", "--name", "Ada"}, tmp.path()).exitCode, 0);
    for (const char* prompt : {"a red circle", "a blue square on stripes", "a green star", "a pastel triangle"})
      QCOMPARE(runCli({"history", "add", "--profile", "Ada", "--prompt", prompt, "--rating", "4"}, tmp.path()).exitCode, 0);
    const CliRun r = runCli({"generate", "--model", kData + "/models/tiny-sd", "--steps", "2", "--seed", "2", "--profile",
                       "Ada", "--sample-size", "0.5", "--cfg-negative", "target", "--out", tmp.path(), kPrompt},
                      tmp.path());
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    fan::HistoryStore store(tmp.path());
    const fan::Profile ada = store.profileByName(QStringLiteral("Ada"));
    const std::vector<fan::Generation> generations = store.generations(ada.id);
    QCOMPARE(int(generations.size()), 1);
    const fan::Generation& g = generations[0];
    QCOMPARE(int(g.references.size()), 2);
    QStringList ids;
    for (const fan::GenerationReference& ref : g.references) ids << QString::number(ref.entryId.value_or(-1));
    const fan::ImageParameters p = fan::parseParameters(*fan::readPngParameters(tmp.filePath("00001-2-personalized.png")));
    QCOMPARE(p.value("FAN references"), ids.join(';'));
    QCOMPARE(p.value("FAN options"), QStringLiteral("pa=skip:1 skip=self query=target cfg_negative=target"));
    QCOMPARE(runCli({"generate", "--model", kData + "/models/tiny-sd", "--profile", "Nobody", kPrompt}, tmp.path()).exitCode, 2);
  }

  void sweepWritesEveryAlphaAndAStrip() {
    QTemporaryDir tmp;
    const QString refs = writeFile(tmp, "refs.json", kRefs);
    const CliRun r = runCli({"generate", "--model", kData + "/models/tiny-sd", "--steps", "2", "--seed", "5", "--refs", refs,
                       "--sample-size", "0", "--sweep", "0:1:0.5", "--sampler", "DDIM", "--out", tmp.filePath("out"),
                       kPrompt},
                      tmp.path());
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QString stem = tmp.filePath("out/00001-5");
    QCOMPARE(pngFiles(tmp.filePath("out")),
             (QStringList{"00001-5-alpha-0.00.png", "00001-5-alpha-0.50.png", "00001-5-alpha-1.00.png",
                          "00001-5-sweep.png", "00001-5-target.png"}));
    const QImage target = readRgbImage(stem + "-target.png");
    QCOMPARE(readRgbImage(stem + "-alpha-0.00.png"), target);  // alpha 0: P = T, the same image
    QVERIFY(readRgbImage(stem + "-alpha-0.50.png") != target);
    QCOMPARE(readRgbImage(stem + "-sweep.png").size(), QSize(3 * 32 + 2 * 8, 32));
    QCOMPARE(fan::parseParameters(*fan::readPngParameters(stem + "-sweep.png")).value("FAN sweep"),
             QStringLiteral("0:1:0.5"));
    QCOMPARE(int(r.out.count("recorded generation")), 3);
  }

  void ctrlCCancelsWithoutFiles() {
    QTemporaryDir tmp;
    QProcess p;
    p.setReadChannel(QProcess::StandardError);  // waitForReadyRead watches the progress messages
    p.start(QStringLiteral(FAN_CLI_PATH), {"--threads", "1", "--data-dir", tmp.path(), "generate", "--model", kData + "/models/tiny-sd",
                                           "--steps", "1000", "--size", "64x64", "--sampler", "DDIM", "--out",
                                           tmp.filePath("out"), kPrompt});
    QString err;
    while (!err.contains("generating with")) {
      QVERIFY2(p.waitForReadyRead(60000), "fan-cli did not start generating");
      err += QString::fromUtf8(p.readAllStandardError());
    }
    ::kill(static_cast<pid_t>(p.processId()), SIGINT);
    QVERIFY(p.waitForFinished(60000));
    err += QString::fromUtf8(p.readAllStandardError());
    QCOMPARE(p.exitCode(), 130);
    QVERIFY2(err.contains("cancelled"), qPrintable(err));
    QVERIFY(pngFiles(tmp.filePath("out")).isEmpty());
  }

  void badInputExitsWithClearMessages() {
    QTemporaryDir tmp;
    const QString model = kData + "/models/tiny-sd";
    CliRun r = runCli({"generate", "--model", model, "--size", "33x32", kPrompt}, tmp.path());
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("width 33 is not a positive multiple of 2"), qPrintable(r.err));
    r = runCli({"generate", "--model", model, "--sampler", "Heun", kPrompt}, tmp.path());
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("unknown scheduler 'Heun'"), qPrintable(r.err));
    r = runCli({"generate", "--model", model, "--steps", "0", kPrompt}, tmp.path());
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("steps must be at least 1"), qPrintable(r.err));
    r = runCli({"generate", "--model", model, "--cfg", "-2", kPrompt}, tmp.path());
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("guidance scale"), qPrintable(r.err));
    r = runCli({"generate", "--model", model, "--sweep", "0:1:0.5", kPrompt}, tmp.path());
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("--refs"), qPrintable(r.err));
    r = runCli({"generate", "--model", kData + "/models/tiny-t5", kPrompt}, tmp.path());
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("StableDiffusionPipeline"), qPrintable(r.err));
    QVERIFY(pngFiles(tmp.path()).isEmpty());
  }
};

FAN_REGISTER_TEST(GenerateCliTest)
#include "GenerateCliTest.moc"
