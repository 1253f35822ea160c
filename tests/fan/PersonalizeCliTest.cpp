// `fan-cli personalize` end to end: the conditions it writes equal the FAN goldens, sweeps write
// one file per alpha, profiles come from the store, and bad input exits with a clear message.
#include "core/io/Safetensors.h"
#include "tests/common/TestRegistry.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kData = QStringLiteral(FAN_TEST_DATA_DIR);

struct Run {
  int exitCode;
  QString out, err;
};

Run cli(const QStringList& args, const QString& dataDir) {
  QProcess p;
  p.start(QStringLiteral(FAN_CLI_PATH), QStringList{"--data-dir", dataDir} + args);
  if (!p.waitForFinished(120000)) qFatal("fan-cli did not finish");
  return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

QString writeRefs(const QTemporaryDir& dir, const QByteArray& json, const QString& name = QStringLiteral("refs.json")) {
  const QString path = dir.filePath(name);
  QFile f(path);
  f.open(QIODevice::WriteOnly);
  f.write(json);
  return path;
}

// (No raw string literals here: CMake's AUTOMOC scanner mis-reads them.)
const QByteArray kGoldenRefs =
    "[{\"prompt\": \"a watercolor painting with vibrant colors\", \"weight\": 1.0},"
    " {\"prompt\": \"neon purple checker background, retro poster\", \"weight\": 2.0},"
    " {\"prompt\": \"pastel outline drawing of a star\", \"weight\": 0.5}]";

double maxDiff(const torch::Tensor& a, const torch::Tensor& b) { return (a - b).abs().max().item<double>(); }

}  // namespace

class PersonalizeCliTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void writesGoldenConditions() {
    QTemporaryDir tmp;
    const QString out = tmp.filePath("cond.safetensors");
    const Run r = cli({"personalize", "--model", kData + "/models/tiny-sd", "--refs", writeRefs(tmp, kGoldenRefs),
                       "--alpha", "0.3", "--sample-size", "0", "--json", "--out", out,
                       "a red circle on a blue background"},
                      tmp.path());
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QJsonObject report = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(report["picks"].toArray(), (QJsonArray{0, 1, 2}));
    QCOMPARE(report["weights"].toArray(), (QJsonArray{1.0, 2.0, 0.5}));
    QVERIFY(report.contains("candidates"));
    const fan::WeightMap cond = fan::loadSafetensors(out);
    const fan::WeightMap golden = fan::loadSafetensors(kData + "/goldens/fan/tiny-sd_clip_alpha0.3.safetensors");
    // SD 1.x feeds final_norm(last layer) = the golden's P_last_hidden_state.
    QVERIFY(maxDiff(cond.at("personalized_prompt_embeds")[0], golden.at("P_last_hidden_state")) < 1e-4);
    const fan::WeightMap alpha0 = fan::loadSafetensors(kData + "/goldens/fan/tiny-sd_clip_alpha0.0.safetensors");
    QVERIFY(maxDiff(cond.at("target_prompt_embeds")[0], alpha0.at("P_last_hidden_state")) < 1e-4);
    QVERIFY(cond.count("negative_prompt_embeds"));
  }

  void sweepWritesOneFilePerAlpha() {
    QTemporaryDir tmp;
    const Run r = cli({"personalize", "--model", kData + "/models/tiny-sdxl", "--refs", writeRefs(tmp, kGoldenRefs),
                       "--sample-size", "0", "--sweep", "0:1:0.5", "--out", tmp.filePath("s.safetensors"), "a red circle"},
                      tmp.path());
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const fan::WeightMap a0 = fan::loadSafetensors(tmp.filePath("s.alpha-0.00.safetensors"));
    const fan::WeightMap a5 = fan::loadSafetensors(tmp.filePath("s.alpha-0.50.safetensors"));
    QVERIFY(QFile::exists(tmp.filePath("s.alpha-1.00.safetensors")));
    QCOMPARE(a0.at("personalized_prompt_embeds").size(2), 64);  // SDXL: 32 + 32 concatenated
    QVERIFY(a0.count("personalized_pooled_prompt_embeds"));
    QVERIFY(maxDiff(a0.at("personalized_prompt_embeds"), a0.at("target_prompt_embeds")) < 1e-5);
    QVERIFY(maxDiff(a5.at("personalized_prompt_embeds"), a5.at("target_prompt_embeds")) > 1e-3);
    // SDXL with no negative prompt: zeros (force_zeros_for_empty_prompt).
    QCOMPARE(a0.at("negative_prompt_embeds").abs().max().item<float>(), 0.0f);
  }

  void profilesFromTheStore() {
    QTemporaryDir tmp;
    QCOMPARE(cli({"profile", "create", "--kind", "user", "--name", "Ada"}, tmp.path()).exitCode, 0);
    for (const char* prompt : {"a red circle", "a blue square on stripes", "a green star", "a pastel triangle"})
      QCOMPARE(cli({"history", "add", "--profile", "Ada", "--prompt", prompt, "--rating", "4"}, tmp.path()).exitCode, 0);
    const Run r = cli({"personalize", "--model", kData + "/models/tiny-sd", "--profile", "Ada", "--sample-size",
                       "0.5", "--json", "a red circle on a blue background"},
                      tmp.path());
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QJsonObject report = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(report["picks"].toArray().size(), 2);
    QCOMPARE(report["candidates"].toArray().size(), 4);
    QVERIFY(report["picks"].toArray()[0].toInteger() > 0);  // entry ids, not indices
  }

  void badInputExitsWithClearMessages() {
    QTemporaryDir tmp;
    const QString model = kData + "/models/tiny-sd";
    const QString refs = writeRefs(tmp, kGoldenRefs);
    Run r = cli({"personalize", "--model", model, "--refs", refs, "--alpha", "1.5", "x"}, tmp.path());
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("alpha"), qPrintable(r.err));
    r = cli({"personalize", "--model", model, "--refs", writeRefs(tmp, "[{\"prompt\": \"a\", \"weight\": -1}]", "negative.json"), "x"},
            tmp.path());
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("weight"), qPrintable(r.err));
    r = cli({"personalize", "--model", model, "--profile", "Nobody", "x"}, tmp.path());
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("Nobody"), qPrintable(r.err));
    r = cli({"personalize", "--model", model, "--refs", refs, "   "}, tmp.path());
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("empty"), qPrintable(r.err));
    r = cli({"personalize", "--model", model, "--refs", refs, "--pa-layers", "first", "x"}, tmp.path());
    QCOMPARE(r.exitCode, 1);
    r = cli({"personalize", "--model", model, "x"}, tmp.path());
    QCOMPARE(r.exitCode, 1);
  }
};

FAN_REGISTER_TEST(PersonalizeCliTest)
#include "PersonalizeCliTest.moc"
