// FanEngine end to end on the fixture models: the embedding cache (one normalizer, keyed by the
// encoder fingerprint), pinned and excluded entries, the history projection and the condition
// shift, each checked against an independent computation.
#include "core/fan/FanEngine.h"
#include "core/fan/PersonalizedConditions.h"
#include "core/io/DiffusersFolder.h"
#include "core/io/Safetensors.h"
#include "core/store/HistoryStore.h"
#include "tests/common/TestRegistry.h"
#include "tests/store/StoreTestUtil.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kData = QStringLiteral(FAN_TEST_DATA_DIR);
const QString kTarget = QStringLiteral("a red circle on a blue background");

std::shared_ptr<const fan::TextConditioner> conditioner(const QString& dir) {
  return fan::TextConditioner::load(fan::DiffusersFolder(dir));
}

std::vector<fan::Reference> references() {
  return {{QStringLiteral("a watercolor painting with vibrant colors"), 1.0, -1},
          {QStringLiteral("neon purple checker background, retro poster"), 2.0, -1},
          {QStringLiteral("pastel outline drawing of a star"), 0.5, -1},
          {QStringLiteral("  stripes and dots\t"), 1.0, -1},
          {QStringLiteral("a photo of a green triangle"), 1.5, -1}};
}

void copyTree(const QString& from, const QString& to) {
  QDirIterator it(from, QDir::Files, QDirIterator::Subdirectories);
  while (it.hasNext()) {
    const QString file = it.next();
    const QString target = to + file.mid(from.size());
    QDir().mkpath(QFileInfo(target).path());
    QVERIFY(QFile::copy(file, target));
  }
}

double maxDiff(const torch::Tensor& a, const torch::Tensor& b) {
  return (a.to(torch::kDouble) - b.to(torch::kDouble)).abs().max().item<double>();
}

double cosine(const torch::Tensor& a, const torch::Tensor& b) {
  return ((a * b).sum() / (a.norm() * b.norm())).item<double>();
}

// Mean of a [1, L, D] condition over positions 0..first end-of-text of `text` (computed here from
// the tokenizer's ids, not with the engine's helper).
torch::Tensor ownTokenMean(const fan::TextConditioner& c, const torch::Tensor& sequence, const QString& text, int64_t width) {
  const auto& branch = c.branches().front();
  const std::vector<int64_t> ids = branch.tokenizer->encode(text, branch.maxLength, true, true).ids;
  const int64_t eos = std::find(ids.begin(), ids.end(), branch.tokenizer->eosId()) - ids.begin();
  return sequence[0].narrow(0, 0, eos + 1).narrow(1, 0, width).to(torch::kDouble).mean(0);
}

}  // namespace

class FanEngineTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void embeddingCacheFollowsTheModel() {
    QTemporaryDir tmp;
    fan::HistoryStore store(tmp.path());
    const auto sd = conditioner(kData + "/models/tiny-sd");
    fan::PersonalizationRequest request;
    request.target = kTarget;
    request.references = references();
    request.sampleSize = 0.6;

    const fan::PersonalizationResult uncached = fan::FanEngine(sd, nullptr).personalize(request);
    const fan::PersonalizationResult first = fan::FanEngine(sd, &store).personalize(request);
    QCOMPARE(store.embeddingCacheSize(), 6);  // 5 references + the target
    const fan::PersonalizationResult cached = fan::FanEngine(sd, &store).personalize(request);  // all from the store
    QCOMPARE(cached.report.relevance, uncached.report.relevance);
    QCOMPARE(first.report.relevance, uncached.report.relevance);
    QCOMPARE(cached.report.candidates, uncached.report.candidates);
    QCOMPARE(cached.report.picks.size(), uncached.report.picks.size());
    for (size_t i = 0; i < cached.report.picks.size(); ++i) {
      QCOMPARE(cached.report.picks[i].index, uncached.report.picks[i].index);
      QCOMPARE(cached.report.picks[i].distance, uncached.report.picks[i].distance);
    }
    QCOMPARE(maxDiff(cached.conditions->personalized.sequence, uncached.conditions->personalized.sequence), 0.0);

    // Texts differing only in the whitespace the tokenizers drop share one entry (the one
    // normalizer, Tokenizer::normalizeForCache).
    const QString key = sd->fingerprint(1);
    QVERIFY(store.cachedEmbedding(key, QStringLiteral("stripes and dots")).has_value());

    // The engine really reads the store: a changed cached vector changes that entry's relevance.
    std::vector<float> flipped = *store.cachedEmbedding(key, request.references[0].prompt);
    for (float& x : flipped) x = -x;
    store.storeEmbeddings(key, {{request.references[0].prompt, flipped}});
    const fan::PersonalizationResult tampered = fan::FanEngine(sd, &store).personalize(request);
    QVERIFY(std::abs(tampered.report.relevance[0] + uncached.report.relevance[0]) < 1e-6);

    // Another model (changed text encoder weights) has another fingerprint: a miss, re-encoded.
    const QString model = tmp.filePath("model");
    copyTree(kData + "/models/tiny-sd", model);
    const QString weightsFile = model + "/text_encoder/model.safetensors";
    fan::WeightMap weights = fan::loadSafetensors(weightsFile);
    for (auto& [name, tensor] : weights)
      if (name.find("final_layer_norm.weight") != std::string::npos) tensor = tensor * 1.5;
    fan::saveSafetensors(weightsFile, weights);
    const auto changed = conditioner(model);
    QVERIFY(changed->fingerprint(1) != key);
    const fan::PersonalizationResult other = fan::FanEngine(changed, &store).personalize(request);
    QCOMPARE(store.embeddingCacheSize(), 12);
    QCOMPARE(other.report.relevance, fan::FanEngine(changed, nullptr).personalize(request).report.relevance);
    QVERIFY(std::abs(other.report.relevance[0] - tampered.report.relevance[0]) > 1e-3);
    // CLIP skip is part of the key as well.
    request.clipSkip = 2;
    fan::FanEngine(sd, &store).personalize(request);
    QCOMPARE(store.embeddingCacheSize(), 18);
  }

  void pinnedAndExcludedEntries() {
    QTemporaryDir tmp;
    fan::HistoryStore store(tmp.path());
    const fan::Profile ada = store.createProfile(fan::ProfileKind::User, QStringLiteral("Ada"));
    std::vector<qint64> ids;
    for (const fan::Reference& r : references()) ids.push_back(store.addEntry(ada.id, {r.prompt, {}, 4}));
    ids.push_back(store.addEntry(ada.id, {QStringLiteral("a blue square on stripes"), {}, 5}));
    const auto sd = conditioner(kData + "/models/tiny-sd");
    fan::FanEngine engine(sd, &store);
    fan::PersonalizationRequest request;
    request.target = kTarget;
    request.profile = QStringLiteral("Ada");
    request.sampleSize = 0.5;  // 5 entries left: 3 picks
    request.pinnedEntries = {ids[4], ids[1]};
    request.excludedEntries = {ids[2]};
    const fan::PersonalizationResult r = engine.personalize(request);
    QCOMPARE(r.history.size(), size_t(5));
    for (const fan::Reference& h : r.history) QVERIFY(h.entryId != ids[2]);
    QCOMPARE(r.references.size(), size_t(3));
    QCOMPARE(r.references[0].entryId, ids[4]);
    QCOMPARE(r.references[1].entryId, ids[1]);
    QVERIFY(r.report.picks[0].pinned && r.report.picks[1].pinned && !r.report.picks[2].pinned);
    QVERIFY(r.references[2].entryId != ids[2]);
    QCOMPARE(r.report.candidates.size(), size_t(3));  // kappa x the one slot left, from the 3 unpinned
    for (int c : r.report.candidates) QVERIFY(c != r.report.picks[0].index && c != r.report.picks[1].index);

    request.sampleSize = 0;  // every reference: the pinned ones first
    const fan::PersonalizationResult all = engine.personalize(request);
    QCOMPARE(all.references.size(), size_t(5));
    QCOMPARE(all.references[0].entryId, ids[4]);
    QCOMPARE(all.references[1].entryId, ids[1]);

    request.pinnedEntries = {999};
    FAN_VERIFY_THROWS(std::invalid_argument, engine.personalize(request), "999");
    request.pinnedEntries = {ids[2]};
    FAN_VERIFY_THROWS(std::invalid_argument, engine.personalize(request), "both pinned and excluded");
    request.pinnedEntries = {};
    request.excludedEntries = {12345};
    FAN_VERIFY_THROWS(std::invalid_argument, engine.personalize(request), "12345");
    request.excludedEntries = {};
    store.setWeight(ids[0], 0.0);  // switched off: not in the profiling history any more
    request.pinnedEntries = {ids[0]};
    FAN_VERIFY_THROWS(std::invalid_argument, engine.personalize(request), "is not in profile 'Ada'");
    request.profile.clear();  // explicit references with entry ids: a switched-off one cannot be pinned
    request.references = {{QStringLiteral("x"), 0.0, 7}, {QStringLiteral("y"), 1.0, 8}};
    request.pinnedEntries = {7};
    FAN_VERIFY_THROWS(std::invalid_argument, engine.personalize(request), "switched off");
  }

  void projectionIsThePcaOfTheHistory_data() {
    QTest::addColumn<QString>("model");
    QTest::newRow("sd") << "tiny-sd";
    QTest::newRow("sdxl (first encoder)") << "tiny-sdxl";
  }

  void projectionIsThePcaOfTheHistory() {
    QFETCH(QString, model);
    const auto c = conditioner(kData + "/models/" + model);
    fan::FanEngine engine(c, nullptr);
    QVERIFY_THROWS_EXCEPTION(std::logic_error, engine.projection());
    fan::PersonalizationRequest request;
    request.target = kTarget;
    request.references = references();
    request.references[2].weight = 0;  // switched-off entries are still plotted
    request.sampleSize = 0;
    engine.personalize(request);
    const fan::HistoryProjection p = engine.projection();
    QCOMPARE(p.history.size(), request.references.size());

    QStringList texts;
    for (const fan::Reference& r : request.references) texts << r.prompt;
    const int64_t width = c->branches().front().encoder->hiddenSize();
    const torch::Tensor x = c->tokenAveraged(texts).narrow(1, 0, width).to(torch::kDouble);
    const torch::Tensor mean = x.mean(0, true);
    const auto [u, s, vh] = torch::linalg_svd(x - mean, false);
    const torch::Tensor coords = (x - mean).mm(vh.narrow(0, 0, 2).t());
    const torch::Tensor target = (c->tokenAveraged({kTarget}).narrow(1, 0, width).to(torch::kDouble) - mean).mm(vh.narrow(0, 0, 2).t());
    const double total = s.square().sum().item<double>();
    for (int k = 0; k < 2; ++k) {
      QVERIFY(std::abs(p.explained[k] - s[k].square().item<double>() / total) < 1e-9);
      // Axes are defined up to sign: find it from the largest coordinate.
      const int64_t big = coords.select(1, k).abs().argmax().item<int64_t>();
      const double engineValue = k == 0 ? p.history[big].x() : p.history[big].y();
      const double sign = engineValue * coords[big][k].item<double>() >= 0 ? 1 : -1;
      for (int64_t i = 0; i < coords.size(0); ++i) {
        const double got = k == 0 ? p.history[i].x() : p.history[i].y();
        QVERIFY2(std::abs(got - sign * coords[i][k].item<double>()) < 1e-6, qPrintable(QString::number(got)));
      }
      const double gotTarget = k == 0 ? p.target.x() : p.target.y();
      QVERIFY(std::abs(gotTarget - sign * target[0][k].item<double>()) < 1e-6);
    }
    QVERIFY(p.explained[0] >= p.explained[1] && p.explained[0] + p.explained[1] <= 1 + 1e-12);
  }

  void conditionShift() {
    const auto sd = conditioner(kData + "/models/tiny-sd");
    fan::FanEngine engine(sd, nullptr);
    QVERIFY_THROWS_EXCEPTION(std::logic_error, engine.conditionShift());
    fan::PersonalizationRequest request;
    request.target = kTarget;
    request.references = references();
    request.sampleSize = 0;
    request.attention.alpha = 0.7;
    const fan::PersonalizationResult r = engine.personalize(request);
    const int64_t width = 32;

    auto expected = [&](const fan::PersonalizationResult& result) {
      const torch::Tensor p = ownTokenMean(*sd, result.conditions->personalized.sequence, kTarget, width);
      const torch::Tensor t = ownTokenMean(*sd, result.conditions->target.sequence, kTarget, width);
      torch::Tensor refs = torch::zeros({width}, torch::kDouble);
      double total = 0;
      for (const fan::Reference& ref : result.references) {
        refs += ref.weight * sd->tokenAveraged({ref.prompt})[0].to(torch::kDouble);
        total += ref.weight;
      }
      return std::pair<double, double>{cosine(p, t), cosine(p, refs / total)};
    };
    fan::ConditionShift shift = engine.conditionShift();
    auto [toTarget, toRefs] = expected(r);
    QVERIFY(std::abs(shift.cosineToTarget - toTarget) < 1e-6);
    QVERIFY(std::abs(shift.cosineToReferences - toRefs) < 1e-6);
    QVERIFY(shift.cosineToTarget < 1 - 1e-4);

    // update(): the shift follows the new weights and alpha.
    fan::AttentionOptions options = request.attention;
    options.alpha = 0.0;
    engine.update({1, 0, 0, 0, 0}, options);
    shift = engine.conditionShift();
    QVERIFY(std::abs(shift.cosineToTarget - 1) < 1e-6);  // alpha 0: P = T
    const fan::PersonalizationResult moved = engine.update({0, 0, 3, 0, 0}, request.attention);
    std::tie(toTarget, toRefs) = expected(moved);
    shift = engine.conditionShift();
    QVERIFY(std::abs(shift.cosineToReferences - toRefs) < 1e-6);
    engine.update({0, 0, 0, 0, 0}, request.attention);
    QCOMPARE(engine.conditionShift().cosineToReferences, 0.0);  // no reference with a positive weight
  }
};

FAN_REGISTER_TEST(FanEngineTest)
#include "FanEngineTest.moc"
