// `fan-cli encode` end to end (tokenizer + text encoder + CLIP skip + safetensors output)
// against the transformers goldens of the tiny models: the file it writes must hold the ids and
// the conditioning the reference pipelines compute for the same prompts.
#include "core/io/JsonConfig.h"
#include "core/io/Safetensors.h"
#include "tests/common/TestRegistry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kData = QStringLiteral(FAN_TEST_DATA_DIR);

struct Run {
  int exitCode = -1;
  QString out, err;
};

Run fanCli(const QStringList& args) {
  QProcess process;
  process.start(QStringLiteral(FAN_CLI_PATH), QStringList{QStringLiteral("--threads"), QStringLiteral("1")} + args);
  Run run;
  if (!process.waitForFinished(120000)) return run;
  run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
  run.out = QString::fromUtf8(process.readAllStandardOutput());
  run.err = QString::fromUtf8(process.readAllStandardError());
  return run;
}

QStringList goldenPrompts(const QString& golden) {
  const fan::JsonConfig manifest = fan::JsonConfig::fromFile(kData + "/goldens/text_encoders/" + golden + ".json");
  QStringList prompts;
  for (const std::string& p : manifest.getStringList("prompts", {})) prompts << QString::fromStdString(p);
  return prompts;
}

double maxAbsDiff(const torch::Tensor& a, const torch::Tensor& b) {
  return (a.to(torch::kDouble) - b.to(torch::kDouble)).abs().max().item<double>();
}

}  // namespace

class EncodeVerbTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void writesPipelineConditioning_data() {
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("encoder");
    QTest::addColumn<QString>("golden");
    QTest::addColumn<QString>("embeds");  // the golden tensor the pipeline feeds the UNet
    QTest::addColumn<QString>("pooled");
    QTest::newRow("sd") << "tiny-sd" << "text_encoder" << "tiny-sd_text_encoder" << "last_hidden_state"
                        << "pooler_output";
    QTest::newRow("sd2 (pad !)") << "tiny-sd2v" << "text_encoder" << "tiny-sd2v_text_encoder" << "last_hidden_state"
                                 << "pooler_output";
    QTest::newRow("sdxl 2") << "tiny-sdxl" << "text_encoder_2" << "tiny-sdxl_text_encoder_2" << "hidden_states.3"
                            << "text_embeds";
  }

  void writesPipelineConditioning() {
    QFETCH(QString, model);
    QFETCH(QString, encoder);
    QFETCH(QString, golden);
    QFETCH(QString, embeds);
    QFETCH(QString, pooled);
    QTemporaryDir dir;
    const QString file = dir.filePath("out.safetensors");
    const Run run = fanCli(QStringList{"encode", "--model", kData + "/models/" + model, "--encoder", encoder, "--out",
                                       file, "--"} + goldenPrompts(golden));
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const fan::WeightMap written = fan::loadSafetensors(file);
    const fan::WeightMap g = fan::loadSafetensors(kData + "/goldens/text_encoders/" + golden + ".safetensors");
    QVERIFY(written.at("input_ids").equal(g.at("input_ids")));
    const double embedError = maxAbsDiff(written.at("prompt_embeds"), g.at(embeds.toStdString()));
    const double pooledError = maxAbsDiff(written.at("pooled_prompt_embeds"), g.at(pooled.toStdString()));
    QVERIFY2(embedError < 1e-4, qPrintable(QString::number(embedError)));
    QVERIFY2(pooledError < 1e-4, qPrintable(QString::number(pooledError)));
    QVERIFY(!written.count("attention_mask"));
    qInfo("%s/%s via fan-cli: prompt_embeds max abs error %.3g, pooled %.3g", qPrintable(model), qPrintable(encoder),
          embedError, pooledError);
  }

  void encodesT5FolderWithMask() {
    QTemporaryDir dir;
    const QString file = dir.filePath("t5.safetensors");
    const QString prompt = goldenPrompts("tiny-t5_encoder").first();
    const Run run = fanCli({"encode", "--model", kData + "/models/tiny-t5", "--out", file, prompt});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const fan::WeightMap written = fan::loadSafetensors(file);
    const fan::WeightMap g = fan::loadSafetensors(kData + "/goldens/text_encoders/tiny-t5_encoder.safetensors");
    QVERIFY(written.at("input_ids").equal(g.at("single_input_ids")));
    QVERIFY(written.at("attention_mask").equal(torch::ones_like(g.at("single_input_ids"))));
    QVERIFY(maxAbsDiff(written.at("prompt_embeds"), g.at("single_last_hidden_state")) < 1e-4);
    QVERIFY(!written.count("pooled_prompt_embeds"));
  }

  void printsJson() {
    const QStringList prompts = goldenPrompts("tiny-sdxl_text_encoder");
    const Run run = fanCli({"encode", "--model", kData + "/models/tiny-sdxl", "--json", prompts.at(1)});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QJsonObject doc = QJsonDocument::fromJson(run.out.toUtf8()).object();
    QCOMPARE(doc.value("layer").toString(), QStringLiteral("hidden_states[-2]"));
    const QJsonObject row = doc.value("prompts").toArray().at(0).toObject();
    QCOMPARE(row.value("prompt").toString(), prompts.at(1));
    const QJsonArray rows = row.value("prompt_embeds").toArray();
    QCOMPARE(rows.size(), 77);
    const fan::WeightMap g = fan::loadSafetensors(kData + "/goldens/text_encoders/tiny-sdxl_text_encoder.safetensors");
    const torch::Tensor expected = g.at("hidden_states.4")[1];
    double worst = 0;
    for (int i = 0; i < 77; ++i)
      for (int j = 0; j < 32; ++j)
        worst = std::max(worst, std::abs(rows.at(i).toArray().at(j).toDouble() - expected[i][j].item<double>()));
    QVERIFY2(worst < 1e-4, qPrintable(QString::number(worst)));
    QCOMPARE(row.value("pool_position").toInteger(), qint64(g.at("pooled_token_index")[1].item<int64_t>()));
  }

  void reportsBadRequests() {
    const QString sd = kData + "/models/tiny-sd";
    QCOMPARE(fanCli({"encode", "--model", sd}).exitCode, 1);                                  // no prompt
    QCOMPARE(fanCli({"encode", "--model", sd, "--clip-skip", "6", "a cat"}).exitCode, 1);     // 5 layers
    QCOMPARE(fanCli({"encode", "--model", sd, "--encoder", "text_encoder_2", "a cat"}).exitCode, 2);
    const Run missing = fanCli({"encode", "--model", kData + "/models/no-such-model", "a cat"});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY2(missing.err.contains("no-such-model"), qPrintable(missing.err));
    const Run summary = fanCli({"encode", "--model", sd, "--clip-skip", "2", "a cat", "a dog"});
    QVERIFY2(summary.exitCode == 0, qPrintable(summary.err));
    QCOMPARE(summary.out.count("prompt_embeds [77, 32]"), 2);
  }
};

FAN_REGISTER_TEST(EncodeVerbTest)
#include "EncodeVerbTest.moc"
