// `fan-cli generate --batch-count N` (issue 5): N runs with seeds S, S+1, ..., each numbered after
// the previous, each equal to a single run with its seed; personalized runs share one
// personalization and record one generation per run.
#include "core/pipelines/Generator.h"
#include "core/pipelines/PngParameters.h"
#include "tests/common/CliRunner.h"
#include "tests/common/TestRegistry.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace fan::test;

namespace {

const QString kData = QStringLiteral(FAN_TEST_DATA_DIR);
const QString kPrompt = QStringLiteral("a red circle on a blue background");




}  // namespace

class GenerateBatchCountTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void runsWithConsecutiveSeeds() {
    QTemporaryDir tmp;
    const QString out = tmp.filePath("out");
    const CliRun r = runCli({"generate", "--model", kData + "/models/tiny-sd", "--steps", "2", "--seed", "7", "--sampler",
                       "Euler a", "--batch-count", "3", "--out", out, kPrompt},
                      tmp.path());
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(pngFiles(out), (QStringList{"00001-7.png", "00002-8.png", "00003-9.png"}));
    QCOMPARE(fan::parseParameters(*fan::readPngParameters(out + "/00002-8.png")).value("Seed"), QStringLiteral("8"));
    // Each run is the single run with its seed.
    fan::GenerationParams params;
    params.prompt = kPrompt;
    params.sampling.steps = 2;
    params.sampling.sampler = QStringLiteral("Euler a");
    params.sampling.seed = 9;
    const auto generator = fan::Generator::load(kData + "/models/tiny-sd");
    QCOMPARE(readRgbImage(out + "/00003-9.png"), generator->generate(params).images[0]);
    QVERIFY(readRgbImage(out + "/00001-7.png") != readRgbImage(out + "/00002-8.png"));
  }

  void personalizedRunsShareOnePersonalization() {
    QTemporaryDir tmp;
    QFile refs(tmp.filePath("refs.json"));
    QVERIFY(refs.open(QIODevice::WriteOnly));
    refs.write("[{\"prompt\": \"neon purple checker background\", \"weight\": 2}, {\"prompt\": \"a pastel star\"}]");
    refs.close();
    const CliRun r = runCli({"generate", "--model", kData + "/models/tiny-sd", "--steps", "2", "--seed", "4", "--refs",
                       refs.fileName(), "--sample-size", "0", "--alpha", "0.7", "--batch-count", "2", "--out",
                       tmp.filePath("out"), kPrompt},
                      tmp.path());
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(pngFiles(tmp.filePath("out")),
             (QStringList{"00001-4-personalized.png", "00001-4-side-by-side.png", "00001-4-target.png",
                          "00002-5-personalized.png", "00002-5-side-by-side.png", "00002-5-target.png"}));
    QCOMPARE(int(r.out.count("recorded generation")), 2);
    QVERIFY(readRgbImage(tmp.filePath("out/00001-4-target.png")) != readRgbImage(tmp.filePath("out/00002-5-target.png")));
  }

  void badBatchCount() {
    QTemporaryDir tmp;
    for (const char* count : {"0", "-2", "two"}) {
      const CliRun r = runCli({"generate", "--model", kData + "/models/tiny-sd", "--batch-count", count, kPrompt}, tmp.path());
      QCOMPARE(r.exitCode, 1);
      QVERIFY2(r.err.contains("--batch-count"), qPrintable(r.err));
    }
  }
};

FAN_REGISTER_TEST(GenerateBatchCountTest)
#include "GenerateBatchCountTest.moc"
