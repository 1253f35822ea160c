// Tailored profiling against the independent implementation's goldens (fan-method.md §2).
#include "core/fan/Profiler.h"
#include "core/io/Safetensors.h"
#include "tests/common/TestRegistry.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {

const QString kGolden = QStringLiteral(FAN_TEST_DATA_DIR "/goldens/fan/tiny-sd_profiling");

QJsonObject goldenManifest() {
  QFile file(kGolden + ".json");
  if (!file.open(QIODevice::ReadOnly)) qFatal("cannot open %s", qPrintable(file.fileName()));
  return QJsonDocument::fromJson(file.readAll()).object();
}

std::vector<int> ints(const QJsonValue& v) {
  std::vector<int> out;
  for (const QJsonValue& x : v.toArray()) out.push_back(x.toInt());
  return out;
}

std::vector<int> pickIndices(const fan::ProfilingReport& report) {
  std::vector<int> out;
  for (const auto& p : report.picks) out.push_back(p.index);
  return out;
}

}  // namespace

class ProfilerTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void pickCountRoundsHalfUp() {
    QCOMPARE(fan::pickCount(0.1, 30), 3);
    QCOMPARE(fan::pickCount(0.1, 25), 3);   // 2.5 rounds up
    QCOMPARE(fan::pickCount(0.1, 24), 2);
    QCOMPARE(fan::pickCount(0.01, 3), 1);   // at least one
    QCOMPARE(fan::pickCount(1.0, 7), 7);
    QCOMPARE(fan::pickCount(0.5, 0), 0);
  }

  void reproducesGoldenPicks() {
    const QJsonObject manifest = goldenManifest();
    const fan::WeightMap tensors = fan::loadSafetensors(kGolden + ".safetensors");
    const torch::Tensor history = tensors.at("history_means"), target = tensors.at("target_mean");
    std::vector<double> weights;
    for (const QJsonValue& w : manifest["weights"].toArray()) weights.push_back(w.toDouble());
    const QJsonArray relevance = manifest["relevance_scores"].toArray();
    for (const QJsonValue& c : manifest["cases"].toArray()) {
      const QJsonObject golden = c.toObject();
      fan::ProfilingOptions options;
      options.sampleSize = golden["sample_size"].toDouble();
      options.kappa = golden["kappa"].toInt();
      const fan::ProfilingReport report = fan::selectReferences(target, history, weights, options);
      QCOMPARE(report.candidates, ints(golden["stage1"]));
      QCOMPARE(pickIndices(report), ints(golden["picks"]));
      const QJsonArray distances = golden["distance_at_pick"].toArray();
      for (int i = 0; i < distances.size(); ++i)
        QVERIFY(std::abs(report.picks[i].distance - distances[i].toDouble()) < 1e-5);
      for (int i = 0; i < relevance.size(); ++i)
        QVERIFY(std::abs(report.relevance[i] - relevance[i].toDouble()) < 1e-5);
    }
  }

  void zeroWeightIsNeverPicked() {
    torch::manual_seed(1);
    const torch::Tensor history = torch::randn({6, 8});
    const torch::Tensor target = history[2] + 0.01 * torch::randn({8});
    std::vector<double> weights{1, 1, 0, 1, 1, 1};  // entry 2 is nearest the target but switched off
    const auto report = fan::selectReferences(target, history, weights, {1.0, 3});
    QCOMPARE(static_cast<int>(report.picks.size()), 5);
    for (const auto& p : report.picks) QVERIFY(p.index != 2);
    QVERIFY(std::find(report.candidates.begin(), report.candidates.end(), 2) == report.candidates.end());
  }

  void sampleSizeZeroUsesEveryReference() {
    const torch::Tensor history = torch::randn({4, 8});
    const auto report = fan::selectReferences(torch::randn({8}), history, {0.5, 0, 2, 1}, {0.0, 3});
    QVERIFY(!report.profiled);
    QCOMPARE(pickIndices(report), (std::vector<int>{0, 2, 3}));
  }

  void smallHistoriesAndDuplicates() {
    const torch::Tensor one = torch::randn({1, 8});
    QCOMPARE(pickIndices(fan::selectReferences(torch::randn({8}), one, {1}, {0.1, 3})), std::vector<int>{0});
    // Duplicates with equal weights: stage 1 and stage 2 ties go to the lower index.
    const torch::Tensor row = torch::randn({1, 8});
    const torch::Tensor dup = torch::cat({row, row, row});
    const auto report = fan::selectReferences(torch::randn({8}), dup, {1, 1, 1}, {1.0, 3});
    QCOMPARE(report.candidates, (std::vector<int>{0, 1, 2}));
    QCOMPARE(pickIndices(report), (std::vector<int>{0, 1, 2}));
    QVERIFY(std::abs(report.picks[1].distance) < 1e-12);
    // All weights equal: the first pick is the candidate farthest from the target.
    const torch::Tensor history = torch::tensor({1.0, 0.0, 0.0, 1.0, -1.0, 0.2}).view({3, 2});
    const auto far = fan::selectReferences(torch::tensor({1.0, 0.0}), history, {1, 1, 1}, {1.0, 3});
    QCOMPARE(far.picks[0].index, 2);
  }

  void rejectsBadInput() {
    const torch::Tensor history = torch::randn({3, 4});
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             fan::selectReferences(torch::randn({4}), history, {1, -0.5, 1}, {0.5, 3}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             fan::selectReferences(torch::randn({4}), history, {1, 1, 1}, {1.5, 3}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             fan::selectReferences(torch::randn({4}), history, {1, 1}, {0.5, 3}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             fan::selectReferences(torch::randn({5}), history, {1, 1, 1}, {0.5, 3}));
  }
};

FAN_REGISTER_TEST(ProfilerTest)
#include "ProfilerTest.moc"
