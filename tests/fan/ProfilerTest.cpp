// Tailored profiling against the independent implementation's goldens (fan-method.md §2).
#include "core/fan/Profiler.h"
#include "core/io/Safetensors.h"
#include "kernels/Similarity.h"
#include "tests/common/TestRegistry.h"
#include "tests/store/StoreTestUtil.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <numeric>

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

// The eager traversal as fan-method.md §2 writes it: every candidate's d updated after every pick.
std::vector<fan::kernels::FarthestPick> eagerFarthestFirst(const torch::Tensor& unit, const std::vector<double>& w,
                                                           std::vector<double> d, int64_t picks) {
  const int64_t K = unit.size(0), D = unit.size(1);
  std::vector<bool> taken(static_cast<size_t>(K), false);
  std::vector<fan::kernels::FarthestPick> out;
  const float* u = unit.data_ptr<float>();
  while (static_cast<int64_t>(out.size()) < std::min(picks, K)) {
    int64_t best = -1;
    for (int64_t i = 0; i < K; ++i)
      if (!taken[i] && (best < 0 || w[i] * d[i] > w[best] * d[best])) best = i;
    taken[best] = true;
    out.push_back({best, d[best]});
    for (int64_t i = 0; i < K; ++i)
      d[i] = std::min(d[i], 1.0 - static_cast<double>(fan::kernels::dot(u + i * D, u + best * D, D)));
  }
  return out;
}

double maxAbs(const torch::Tensor& t) { return t.abs().max().item<double>(); }

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

  // The lazy, sketch-screened traversal makes exactly the eager traversal's picks with the same
  // distances, including ties among duplicates and near-duplicates the int8 sketch cannot separate.
  void lazyTraversalEqualsEager() {
    torch::manual_seed(3);
    for (const int64_t dim : {7, 64, 300, 768}) {
      torch::Tensor rows = torch::randn({400, dim});
      rows.narrow(0, 100, 20).copy_(rows.narrow(0, 0, 20));                              // duplicates
      rows.narrow(0, 50, 10).mul_(0.05).add_(rows[3]);                                   // a tight cluster
      rows.narrow(0, 200, 30).copy_(rows.narrow(0, 20, 30) + 1e-6 * torch::randn({30, dim}));  // near-duplicates
      rows[300].zero_();                                                                 // a zero row
      const torch::Tensor target = torch::randn({dim});
      const torch::Tensor cos = fan::kernels::cosineSimilarity(rows, target);
      // Every row, and a subset in shuffled order (positions, not row numbers, break ties).
      std::vector<int64_t> all(400), subset;
      std::iota(all.begin(), all.end(), 0);
      for (int64_t i = 399; i >= 0; i -= 3) subset.push_back(i);
      for (const auto& candidates : {all, subset}) {
        const torch::Tensor unit =
            fan::kernels::unitRows(rows.index_select(0, torch::tensor(candidates, torch::kLong)));
        std::vector<double> w, d;
        for (const int64_t i : candidates) {
          w.push_back(0.25 * static_cast<double>(1 + i % 4));
          d.push_back(1.0 - static_cast<double>(cos[i].item<float>()));
        }
        for (const int64_t picks : {int64_t(1), int64_t(17), int64_t(150), static_cast<int64_t>(candidates.size())}) {
          const auto lazy = fan::kernels::farthestFirst(rows, candidates, w, d, picks);
          const auto eager = eagerFarthestFirst(unit, w, d, picks);
          QCOMPARE(lazy.size(), eager.size());
          for (size_t i = 0; i < lazy.size(); ++i) {
            QCOMPARE(lazy[i].row, eager[i].row);
            QCOMPARE(lazy[i].distance, eager[i].distance);
          }
        }
      }
    }
  }

  // Large enough for one candidate slice per thread (kernels split from 2 x 1024 candidates on):
  // the same picks as the eager traversal, whatever the thread count.
  void slicedTraversalEqualsEager() {
    torch::manual_seed(4);
    torch::Tensor rows = torch::randn({2500, 24});
    rows.narrow(0, 1000, 300).copy_(rows.narrow(0, 0, 300));  // duplicates across slices
    std::vector<int64_t> candidates(2500);
    std::iota(candidates.begin(), candidates.end(), 0);
    std::vector<double> w, d;
    for (int64_t i = 0; i < 2500; ++i) {
      w.push_back(0.2 * static_cast<double>(1 + i % 5));
      d.push_back(0.5 + 0.5 * static_cast<double>(i % 7) / 7);
    }
    const auto lazy = fan::kernels::farthestFirst(rows, candidates, w, d, 400);
    const auto eager = eagerFarthestFirst(fan::kernels::unitRows(rows), w, d, 400);
    QCOMPARE(lazy.size(), eager.size());
    for (size_t i = 0; i < lazy.size(); ++i) {
      QCOMPARE(lazy[i].row, eager[i].row);
      QCOMPARE(lazy[i].distance, eager[i].distance);
    }
  }

  // The fixed-order dot product depends only on the two vectors: equal rows give equal bits
  // wherever they sit (any offset, batch or alignment).
  void dotIsPositionIndependent() {
    torch::manual_seed(5);
    const torch::Tensor v = torch::randn({771});
    const torch::Tensor buffer = torch::randn({40 * 771 + 3});
    const torch::Tensor x = torch::randn({771});
    std::vector<float> expected(1);
    fan::kernels::rowDots(v.unsqueeze(0), x, expected.data());
    for (int offset : {0, 1, 2, 3}) {
      torch::Tensor rows = buffer.narrow(0, offset, 40 * 771).view({40, 771});
      rows.narrow(0, 13, 1).copy_(v.unsqueeze(0));
      rows.narrow(0, 39, 1).copy_(v.unsqueeze(0));
      std::vector<float> out(40);
      fan::kernels::rowDots(rows, x, out.data());
      QCOMPARE(out[13], expected[0]);
      QCOMPARE(out[39], expected[0]);
      QCOMPARE(fan::kernels::dot(rows[13].data_ptr<float>(), x.data_ptr<float>(), 771), expected[0]);
    }
  }

  // Row loops split across threads from a few thousand rows on: every row's value is the one it
  // gets alone.
  void parallelRowLoopsMatchRowByRow() {
    torch::manual_seed(6);
    const torch::Tensor rows = torch::randn({5000, 20});
    const torch::Tensor query = torch::randn({20});
    const torch::Tensor cos = fan::kernels::cosineSimilarity(rows, query);
    const torch::Tensor unit = fan::kernels::unitRows(rows);
    for (const int64_t i : {int64_t(0), int64_t(2499), int64_t(2500), int64_t(4999)}) {
      QCOMPARE(cos[i].item<float>(), fan::kernels::cosineSimilarity(rows.narrow(0, i, 1), query)[0].item<float>());
      QCOMPARE(maxAbs(unit[i] - fan::kernels::unitRows(rows.narrow(0, i, 1))[0]), 0.0);
    }
  }

  void pinnedEntriesComeFirst() {
    torch::manual_seed(9);
    const torch::Tensor history = torch::randn({30, 16});
    const torch::Tensor target = torch::randn({16});
    std::vector<double> weights(30, 1.0);
    for (int i = 0; i < 30; i += 3) weights[i] = 2.0;
    weights[7] = 0;  // switched off
    fan::ProfilingOptions options{0.2, 3, {25, 4}};  // n = round(0.2 * 29) = 6: 2 pinned + 4 profiled
    const fan::ProfilingReport report = fan::selectReferences(target, history, weights, options);
    QCOMPARE(report.picks.size(), size_t(6));
    QCOMPARE(report.picks[0].index, 25);
    QCOMPARE(report.picks[1].index, 4);
    QVERIFY(report.picks[0].pinned && report.picks[1].pinned && !report.picks[2].pinned);
    QCOMPARE(report.candidates.size(), size_t(12));  // kappa x 4 slots
    for (int c : report.candidates) QVERIFY(c != 25 && c != 4 && c != 7);

    // Independently: the pinned entries are centres next to the target for the profiled picks.
    const torch::Tensor unitAll = fan::kernels::unitRows(history);
    const torch::Tensor cosT = fan::kernels::cosineSimilarity(history, target);
    auto cosRows = [&](int a, int b) {
      return static_cast<double>(fan::kernels::dot(unitAll[a].data_ptr<float>(), unitAll[b].data_ptr<float>(), 16));
    };
    QVERIFY(std::abs(report.picks[0].distance - (1 - cosT[25].item<double>())) < 1e-6);
    QVERIFY(std::abs(report.picks[1].distance - std::min(1 - cosT[4].item<double>(), 1 - cosRows(4, 25))) < 1e-6);
    std::vector<int> rows = report.candidates;
    std::sort(rows.begin(), rows.end());
    std::vector<double> d, w;
    for (int i : rows) {
      d.push_back(std::min({1 - static_cast<double>(cosT[i].item<float>()), 1 - cosRows(i, 25), 1 - cosRows(i, 4)}));
      w.push_back(weights[i] / 2.0);
    }
    const torch::Tensor unitRows = unitAll.index_select(0, torch::tensor(std::vector<int64_t>(rows.begin(), rows.end())));
    const auto eager = eagerFarthestFirst(unitRows.contiguous(), w, d, 4);
    for (size_t i = 0; i < eager.size(); ++i) QCOMPARE(report.picks[i + 2].index, rows[eager[i].row]);

    // Sample size 0: pinned first, then the rest in history order; more pins than slots: all pinned.
    options.sampleSize = 0;
    const auto all = fan::selectReferences(target, history, weights, options);
    QCOMPARE(all.picks.size(), size_t(29));
    QCOMPARE(all.picks[0].index, 25);
    QCOMPARE(all.picks[2].index, 0);
    options = {0.01, 3, {3, 9}};  // n = 1 < 2 pins
    QCOMPARE(fan::selectReferences(target, history, weights, options).picks.size(), size_t(2));

    options = {0.2, 3, {7}};
    FAN_VERIFY_THROWS(std::invalid_argument, fan::selectReferences(target, history, weights, options), "switched off");
    options = {0.2, 3, {30}};
    FAN_VERIFY_THROWS(std::invalid_argument, fan::selectReferences(target, history, weights, options), "out of range");
    options = {0.2, 3, {2, 2}};
    FAN_VERIFY_THROWS(std::invalid_argument, fan::selectReferences(target, history, weights, options), "pinned twice");
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
