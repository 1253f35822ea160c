// `fan-cli personalize` end to end: the conditions it writes equal the FAN goldens, sweeps write
// one file per alpha, profiles come from the store, and bad input exits with a clear message.
#include "core/fan/ClassTokenDetector.h"
#include "core/fan/FanEngine.h"
#include "core/fan/PersonalizedConditions.h"
#include "core/io/DiffusersFolder.h"
#include "core/io/Safetensors.h"
#include "core/store/HistoryStore.h"
#include "tests/common/CliRunner.h"
#include "tests/common/TestRegistry.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace fan::test;

namespace {

const QString kData = QStringLiteral(FAN_TEST_DATA_DIR);


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
    const CliRun r = runCli({"personalize", "--model", kData + "/models/tiny-sd", "--refs", writeRefs(tmp, kGoldenRefs),
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
    const CliRun r = runCli({"personalize", "--model", kData + "/models/tiny-sdxl", "--refs", writeRefs(tmp, kGoldenRefs),
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
    QCOMPARE(runCli({"profile", "create", "--kind", "user", "--name", "Ada"}, tmp.path()).exitCode, 0);
    for (const char* prompt : {"a red circle", "a blue square on stripes", "a green star", "a pastel triangle"})
      QCOMPARE(runCli({"history", "add", "--profile", "Ada", "--prompt", prompt, "--rating", "4"}, tmp.path()).exitCode, 0);
    const CliRun r = runCli({"personalize", "--model", kData + "/models/tiny-sd", "--profile", "Ada", "--sample-size",
                       "0.5", "--json", "a red circle on a blue background"},
                      tmp.path());
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QJsonObject report = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(report["picks"].toArray().size(), 2);
    QCOMPARE(report["candidates"].toArray().size(), 4);
    QVERIFY(report["picks"].toArray()[0].toInteger() > 0);  // entry ids, not indices
  }

  void pinAndExclude() {
    QTemporaryDir tmp;
    QCOMPARE(runCli({"profile", "create", "--kind", "user", "--name", "Ada"}, tmp.path()).exitCode, 0);
    for (const char* prompt : {"a red circle", "a blue square on stripes", "a green star", "a pastel triangle", "ink fog"})
      QCOMPARE(runCli({"history", "add", "--profile", "Ada", "--prompt", prompt, "--rating", "4"}, tmp.path()).exitCode, 0);
    std::vector<qint64> ids;
    {
      fan::HistoryStore store(tmp.path());
      for (const fan::HistoryEntry& e : store.entries(store.profileByName(QStringLiteral("Ada")).id)) ids.push_back(e.id);
    }
    const QString model = kData + "/models/tiny-sd";
    const CliRun r = runCli({"personalize", "--model", model, "--profile", "Ada", "--sample-size", "0.5", "--pin",
                       QString::number(ids[3]), "--exclude", QStringLiteral("%1,%2").arg(ids[0]).arg(ids[4]), "--json",
                       "a red circle on a blue background"},
                      tmp.path());
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QJsonObject report = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(report["history_size"].toInt(), 3);
    const QJsonArray picks = report["picks"].toArray();
    QCOMPARE(picks.size(), 2);  // round(0.5 * 3)
    QCOMPARE(picks[0].toInteger(), ids[3]);
    QCOMPARE(report["pinned"].toArray(), (QJsonArray{ids[3]}));
    for (const QJsonValue& p : picks) QVERIFY(p.toInteger() != ids[0] && p.toInteger() != ids[4]);

    CliRun bad = runCli({"personalize", "--model", model, "--profile", "Ada", "--pin", "999999", "x"}, tmp.path());
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains("999999"), qPrintable(bad.err));
    bad = runCli({"personalize", "--model", model, "--refs", writeRefs(tmp, kGoldenRefs), "--pin", "1", "x"}, tmp.path());
    QCOMPARE(bad.exitCode, 1);
    QVERIFY2(bad.err.contains("--profile"), qPrintable(bad.err));
    bad = runCli({"personalize", "--model", model, "--profile", "Ada", "--exclude", "two", "x"}, tmp.path());
    QCOMPARE(bad.exitCode, 1);
  }

  void trainDetectorAndPersonalizeWithIt() {
    QTemporaryDir tmp;
    QFile list(kData + "/detector/prompts-500.txt");
    QVERIFY(list.open(QIODevice::ReadOnly));
    QStringList lines = QString::fromUtf8(list.readAll()).split('\n').mid(0, 42);  // 2 comment lines + 40 prompts
    const QString prompts = writeRefs(tmp, lines.join('\n').toUtf8(), QStringLiteral("prompts.txt"));
    const QString detector = tmp.filePath("d.safetensors");
    const QString xl = kData + "/models/tiny-sdxl";
    // One compute thread: many tiny ops; OpenMP's spinning threads on a busy machine cost 10x.
    const CliRun r = runCli({"--threads", "1", "train-detector", "--model", xl, "--encoder", "text_encoder_2", "--prompts", prompts, "--steps",
                       "40", "--out", detector, "--json"},
                      tmp.path());
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QJsonObject report = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(report["held_out_samples"].toInt(), 16);  // 8 held-out prompts x 2 streams
    QVERIFY(report["held_out_accuracy"].toDouble() >= 0 && report["held_out_accuracy"].toDouble() <= 1);
    QCOMPARE(fan::ClassTokenDetector::load(detector)->info().component, std::string("text_encoder_2"));

    // personalize --detector: the pooled output is the engine's with that detector.
    const QString out = tmp.filePath("cond.safetensors");
    const CliRun p = runCli({"personalize", "--model", xl, "--refs", writeRefs(tmp, kGoldenRefs), "--sample-size", "0",
                       "--alpha", "0.8", "--detector", detector, "--out", out, "a red circle"},
                      tmp.path());
    QVERIFY2(p.exitCode == 0, qPrintable(p.err));
    fan::FanEngine engine(fan::TextConditioner::load(fan::DiffusersFolder(xl)), nullptr);
    fan::PersonalizationRequest request;
    request.target = QStringLiteral("a red circle");
    request.references = {{QStringLiteral("a watercolor painting with vibrant colors"), 1.0, -1},
                          {QStringLiteral("neon purple checker background, retro poster"), 2.0, -1},
                          {QStringLiteral("pastel outline drawing of a star"), 0.5, -1}};
    request.sampleSize = 0;
    request.attention.alpha = 0.8;
    request.detectors = {detector};
    QVERIFY(maxDiff(fan::loadSafetensors(out).at("personalized_pooled_prompt_embeds"),
                    engine.personalize(request).conditions->personalized.pooled) < 1e-6);

    CliRun bad = runCli({"personalize", "--model", kData + "/models/tiny-sd", "--refs", writeRefs(tmp, kGoldenRefs),
                   "--detector", detector, "x"},
                  tmp.path());
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains("text_encoder_2"), qPrintable(bad.err));
    bad = runCli({"train-detector", "--model", xl, "--encoder", "text_encoder_3", "--prompts", prompts}, tmp.path());
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains("text_encoder, text_encoder_2"), qPrintable(bad.err));
    bad = runCli({"train-detector", "--model", xl, "--encoder", "text_encoder"}, tmp.path());
    QCOMPARE(bad.exitCode, 1);
  }

  void badInputExitsWithClearMessages() {
    QTemporaryDir tmp;
    const QString model = kData + "/models/tiny-sd";
    const QString refs = writeRefs(tmp, kGoldenRefs);
    CliRun r = runCli({"personalize", "--model", model, "--refs", refs, "--alpha", "1.5", "x"}, tmp.path());
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("alpha"), qPrintable(r.err));
    r = runCli({"personalize", "--model", model, "--refs", writeRefs(tmp, "[{\"prompt\": \"a\", \"weight\": -1}]", "negative.json"), "x"},
            tmp.path());
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("weight"), qPrintable(r.err));
    r = runCli({"personalize", "--model", model, "--profile", "Nobody", "x"}, tmp.path());
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("Nobody"), qPrintable(r.err));
    r = runCli({"personalize", "--model", model, "--refs", refs, "   "}, tmp.path());
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("empty"), qPrintable(r.err));
    r = runCli({"personalize", "--model", model, "--refs", refs, "--pa-layers", "first", "x"}, tmp.path());
    QCOMPARE(r.exitCode, 1);
    r = runCli({"personalize", "--model", model, "x"}, tmp.path());
    QCOMPARE(r.exitCode, 1);
  }
};

FAN_REGISTER_TEST(PersonalizeCliTest)
#include "PersonalizeCliTest.moc"
