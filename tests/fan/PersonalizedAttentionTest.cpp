// Personalized attention vs the independent implementation's goldens (fan-method.md §3), and
// the method's invariants on every encoder family.
#include "core/fan/PersonalizedAttention.h"
#include "core/io/DiffusersFolder.h"
#include "core/io/JsonConfig.h"
#include "core/io/Safetensors.h"
#include "core/models/ClipTextModel.h"
#include "core/text/ClipTokenizer.h"
#include "core/text/T5Tokenizer.h"
#include "tests/common/TestRegistry.h"
#include "tests/store/StoreTestUtil.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {

const QString kData = QStringLiteral(FAN_TEST_DATA_DIR);

struct EncoderUnderTest {
  std::unique_ptr<fan::TextEncoder> encoder;
  std::unique_ptr<fan::Tokenizer> tokenizer;
  int maxLength = 77;
  bool paddingMask = false;

  fan::TokenizedText tokenize(const QString& text) const {
    const fan::Encoding e = tokenizer->encode(text, maxLength, true, true);
    fan::TokenizedText t{torch::tensor(e.ids, torch::kLong), std::nullopt};
    if (paddingMask) t.mask = torch::tensor(e.attentionMask, torch::kLong);
    return t;
  }
  std::vector<fan::TokenizedText> tokenize(const QStringList& texts) const {
    std::vector<fan::TokenizedText> out;
    for (const QString& t : texts) out.push_back(tokenize(t));
    return out;
  }
};

// model: "models/tiny-sd" etc.; encoder: component name (empty for the plain T5 folder).
EncoderUnderTest load(const QString& model, const QString& encoder, bool paddingMask = false) {
  EncoderUnderTest e;
  const QString dir = kData + '/' + model;
  if (encoder.isEmpty()) {
    e.encoder = fan::loadTextEncoder(dir);
    e.tokenizer = fan::T5Tokenizer::fromFolder(dir);
    e.maxLength = 32;
    e.paddingMask = paddingMask;
    return e;
  }
  const fan::DiffusersFolder folder(dir);
  e.encoder = fan::loadTextEncoder(folder, encoder.toStdString());
  const QString tokenizerDir = encoder == QLatin1String("text_encoder_2") ? "tokenizer_2" : "tokenizer";
  e.tokenizer = fan::ClipTokenizer::fromFolder(folder.componentDir(tokenizerDir.toStdString()));
  return e;
}

QJsonObject readJson(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) qFatal("cannot open %s", qPrintable(path));
  return QJsonDocument::fromJson(file.readAll()).object();
}

double maxDiff(const torch::Tensor& a, const torch::Tensor& b) {
  return (a.to(torch::kDouble) - b.to(torch::kDouble)).abs().max().item<double>();
}

fan::AttentionOptions optionsFrom(const QJsonObject& golden) {
  fan::AttentionOptions options;
  options.alpha = golden["alpha"].toDouble();
  options.skipMode = fan::parseSkipMode(golden["skip_mode"].toString());
  options.queryStart = fan::parseQueryStart(golden["query_start"].toString());
  const QJsonValue layers = golden["pa_layers"];
  if (layers.isArray()) {
    std::vector<int> list;
    for (const QJsonValue& l : layers.toArray()) list.push_back(l.toInt());
    options.layers = fan::PaLayerSet::explicitList(list);
  } else if (layers.toString().startsWith(QLatin1String("all layers"))) {
    options.layers = fan::PaLayerSet::all();
  } else if (!layers.toString().startsWith(QLatin1String("all but the first"))) {
    qFatal("unknown pa_layers %s", qPrintable(layers.toString()));
  }
  return options;
}

QStringList strings(const QJsonValue& v) {
  QStringList out;
  for (const QJsonValue& s : v.toArray()) out << s.toString();
  return out;
}

std::vector<double> doubles(const QJsonValue& v) {
  std::vector<double> out;
  for (const QJsonValue& d : v.toArray()) out.push_back(d.toDouble());
  return out;
}

void expectEqual(const fan::EncoderOutput& a, const fan::EncoderOutput& b, double tolerance, const char* what) {
  const double d = maxDiff(a.lastHiddenState, b.lastHiddenState);
  QVERIFY2(d <= tolerance, qPrintable(QStringLiteral("%1: last hidden state differs by %2").arg(what).arg(d)));
  QCOMPARE(a.hiddenStates.size(), b.hiddenStates.size());
  for (size_t k = 0; k < a.hiddenStates.size(); ++k)
    QVERIFY2(maxDiff(a.hiddenStates[k], b.hiddenStates[k]) <= tolerance,
             qPrintable(QStringLiteral("%1: hidden state %2 differs").arg(what).arg(k)));
  if (a.textEmbeds.defined()) QVERIFY(maxDiff(a.textEmbeds, b.textEmbeds) <= tolerance);
}

}  // namespace

class PersonalizedAttentionTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void reproducesGoldens_data() {
    QTest::addColumn<QString>("name");
    for (const char* name :
         {"tiny-sd_clip_alpha0.0", "tiny-sd_clip_alpha0.3", "tiny-sd_clip_alpha0.7", "tiny-sd_clip_alpha1.0",
          "tiny-sd_clip_alpha0.4_pa_all", "tiny-sd_clip_alpha0.4_skip2", "tiny-sd_clip_alpha0.4_query_empty",
          "tiny-sd_clip_alpha0.4_joint", "tiny-sdxl_text_encoder_alpha0.4", "tiny-sdxl_text_encoder_2_alpha0.4",
          "tiny-t5_alpha0.0", "tiny-t5_alpha0.4", "tiny-t5_alpha0.4_query_empty", "tiny-t5_alpha0.4_joint",
          "tiny-t5_alpha0.4_masked"})
      QTest::newRow(name) << QString::fromLatin1(name);
  }

  void reproducesGoldens() {
    QFETCH(QString, name);
    const QString base = kData + "/goldens/fan/" + name;
    const QJsonObject golden = readJson(base + ".json");
    const fan::WeightMap expected = fan::loadSafetensors(base + ".safetensors");
    const bool t5 = golden["encoder_family"].toString() == QLatin1String("t5");
    const EncoderUnderTest e =
        load(golden["model"].toString(), t5 ? QString() : golden["encoder"].toString(), golden["padding_mask"].toBool());
    const fan::TokenizedText target = e.tokenize(golden["target"].toString());
    QVERIFY(maxDiff(target.ids, expected.at("target_input_ids")) == 0);
    const fan::PersonalizedAttention pa(*e.encoder, target, e.tokenize(strings(golden["refs"])), e.tokenize(QString()));
    const fan::EncoderOutput p = pa.personalize(doubles(golden["weights"]), optionsFrom(golden));

    double worst = 0;
    const int64_t layers = e.encoder->numLayers();
    for (int64_t k = 0; k <= layers; ++k) {
      if (t5 && k == layers) continue;  // our T5 convention: the last entry is final-normed (checked below)
      const torch::Tensor want = expected.at("P_hidden_states." + std::to_string(k));
      worst = std::max(worst, maxDiff(p.hiddenStates[k].squeeze(0), want));
    }
    worst = std::max(worst, maxDiff(p.lastHiddenState.squeeze(0), expected.at("P_last_hidden_state")));
    if (!t5) {
      QCOMPARE(p.pooledIndex.item<int64_t>(), static_cast<int64_t>(golden["pool_position"].toInt()));
      worst = std::max(worst, maxDiff(p.pooled.squeeze(0), expected.at("pooled")));
      if (expected.count("text_embeds")) worst = std::max(worst, maxDiff(p.textEmbeds.squeeze(0), expected.at("text_embeds")));
    }
    qInfo("%s: max abs error %.3g", qPrintable(name), worst);
    QVERIFY2(worst < 1e-4, qPrintable(QStringLiteral("max abs error %1").arg(worst)));
  }

  void invariants_data() {
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("encoder");
    QTest::addColumn<bool>("mask");
    QTest::newRow("clip sd") << "models/tiny-sd" << "text_encoder" << false;
    QTest::newRow("clip sd2 gelu") << "models/tiny-sd2v" << "text_encoder" << false;
    QTest::newRow("clip sdxl projection") << "models/tiny-sdxl" << "text_encoder_2" << false;
    QTest::newRow("t5") << "models/tiny-t5" << "" << false;
    QTest::newRow("t5 masked") << "models/tiny-t5" << "" << true;
  }

  void invariants() {
    QFETCH(QString, model);
    QFETCH(QString, encoder);
    QFETCH(bool, mask);
    const EncoderUnderTest e = load(model, encoder, mask);
    const fan::TokenizedText target = e.tokenize(QStringLiteral("a red circle on a blue background"));
    const QStringList refTexts{"a watercolor painting", "neon purple checker background, retro poster",
                               "pastel outline drawing of a star"};
    const fan::PersonalizedAttention pa(*e.encoder, target, e.tokenize(refTexts));
    const fan::EncoderOutput& plain = pa.target();
    fan::AttentionOptions options;

    options.alpha = 0.0;  // alpha 0: P = T
    expectEqual(pa.personalize({1, 2, 0.5}, options), plain, 1e-5, "alpha 0");
    options.alpha = 0.6;
    expectEqual(pa.personalize({0, 0, 0}, options), plain, 0, "all weights 0");
    const fan::EncoderOutput p = pa.personalize({1, 2, 0.5}, options);
    QVERIFY(maxDiff(p.lastHiddenState, plain.lastHiddenState) > 1e-3);  // personalization does something
    expectEqual(pa.personalize({3, 6, 1.5}, options), p, 1e-5, "scaled weights");

    const fan::PersonalizedAttention permuted(*e.encoder, target, e.tokenize(QStringList{refTexts[2], refTexts[0], refTexts[1]}));
    expectEqual(permuted.personalize({0.5, 1, 2}, options), p, 1e-5, "permuted refs");

    const fan::PersonalizedAttention self(*e.encoder, target, e.tokenize(QStringList{QStringLiteral("a red circle on a blue background")}));
    expectEqual(self.personalize({1}, options), plain, 1e-5, "refs = [target]");

    const fan::PersonalizedAttention none(*e.encoder, target, {});
    // Another batch size (1 vs n+1) may round differently: equal to the invariant tolerance.
    expectEqual(none.personalize({}, options), plain, 1e-5, "no refs");
    // The plain target equals an ordinary encode.
    const fan::EncoderOutput direct = e.encoder->encode(target.ids.unsqueeze(0),
                                                        target.mask ? std::optional(target.mask->unsqueeze(0)) : std::nullopt);
    expectEqual(plain, direct, 1e-5, "cached target");
  }

  void cachedPathIsDeterministic() {
    const EncoderUnderTest e = load(QStringLiteral("models/tiny-sd"), QStringLiteral("text_encoder"));
    const fan::TokenizedText target = e.tokenize(QStringLiteral("a red circle"));
    const auto refs = e.tokenize(QStringList{QStringLiteral("a blue star"), QStringLiteral("stripes")});
    const fan::PersonalizedAttention pa(*e.encoder, target, refs);
    fan::AttentionOptions a, b;
    a.alpha = 0.4;
    b.alpha = 0.9;
    const fan::EncoderOutput first = pa.personalize({1, 1}, a);
    pa.personalize({0.2, 3}, b);  // moving the sliders in between changes nothing cached
    expectEqual(pa.personalize({1, 1}, a), first, 0, "re-run");
    const fan::PersonalizedAttention fresh(*e.encoder, target, refs);
    expectEqual(fresh.personalize({1, 1}, a), first, 0, "fresh object");
  }

  void rejectsBadInput() {
    const EncoderUnderTest e = load(QStringLiteral("models/tiny-sd"), QStringLiteral("text_encoder"));
    const fan::PersonalizedAttention pa(*e.encoder, e.tokenize(QStringLiteral("x")), e.tokenize(QStringList{QStringLiteral("y")}));
    fan::AttentionOptions options;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, pa.personalize({-1}, options));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, pa.personalize({1, 1}, options));
    options.alpha = 1.5;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, pa.personalize({1}, options));
    options.alpha = 0.4;
    options.queryStart = fan::QueryStart::Empty;  // constructed without the empty prompt
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, pa.personalize({1}, options));
    options.queryStart = fan::QueryStart::Target;
    options.layers = fan::PaLayerSet::explicitList({7});
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, pa.personalize({1}, options));
  }

  // More references than one batch: the plain pass and P's attention run in batches with the
  // same result; a cache over the memory limit is refused up front, naming count and limit.
  void referencesInBatches_data() {
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("encoder");
    QTest::addColumn<bool>("mask");
    QTest::newRow("clip") << "models/tiny-sdxl" << "text_encoder_2" << false;
    QTest::newRow("t5 masked") << "models/tiny-t5" << "" << true;
  }

  void referencesInBatches() {
    QFETCH(QString, model);
    QFETCH(QString, encoder);
    QFETCH(bool, mask);
    const EncoderUnderTest e = load(model, encoder, mask);
    const fan::TokenizedText target = e.tokenize(QStringLiteral("a red circle on a blue background"));
    QStringList texts;
    std::vector<double> weights;
    for (int i = 0; i < 7; ++i) {
      texts << QStringLiteral("reference number %1 with %2 stripes").arg(i).arg(7 - i);
      weights.push_back(0.5 + i);
    }
    const auto refs = e.tokenize(texts);
    const fan::PersonalizedAttention whole(*e.encoder, target, refs);
    fan::PersonalizedAttention::Limits small;
    small.batch = 3;  // batches of 3, 3, 2 texts; conditions attended 3 at a time
    const fan::PersonalizedAttention batched(*e.encoder, target, refs, std::nullopt, small);
    fan::AttentionOptions options;
    options.alpha = 0.6;
    // Other batch sizes round differently: equal to the invariant tolerance.
    expectEqual(batched.personalize(weights, options), whole.personalize(weights, options), 1e-5, "batched");
    expectEqual(batched.target(), whole.target(), 1e-5, "batched target");

    fan::PersonalizedAttention::Limits tight;
    const uint64_t perText = fan::PersonalizedAttention::cacheBytes(*e.encoder, 1, target.ids.size(0));
    tight.memoryBytes = perText * 5 + perText / 2;  // the target and 4 references fit
    FAN_VERIFY_THROWS(std::runtime_error, fan::PersonalizedAttention(*e.encoder, target, refs, std::nullopt, tight),
                      "7 references need");
    FAN_VERIFY_THROWS(std::runtime_error, fan::PersonalizedAttention(*e.encoder, target, refs, std::nullopt, tight),
                      "at most 4 references");
    fan::PersonalizedAttention(*e.encoder, target, std::vector<fan::TokenizedText>(refs.begin(), refs.begin() + 4),
                               std::nullopt, tight);  // at the limit: fine
  }

  // The demo trainer runs P through a trainable encoder: the same values as inference, with
  // gradients reaching the weights of the personalized layers (through the cached references'
  // keys/values and through P itself); an inference encoder records nothing in grad mode.
  void trainableEncoderRecordsGradients() {
    const EncoderUnderTest e = load(QStringLiteral("models/tiny-sd"), QStringLiteral("text_encoder"));
    const QString dir = kData + QStringLiteral("/models/tiny-sd/text_encoder");
    const fan::ClipTextConfig config =
        fan::ClipTextConfig::fromJson(fan::JsonConfig::fromFile(dir + QStringLiteral("/config.json")), false);
    fan::WeightMap weights = fan::loadSafetensors(dir + QStringLiteral("/model.safetensors"));
    for (auto& [name, t] : weights)
      if (t.is_floating_point()) t = t.to(torch::kFloat).clone().requires_grad_(true);
    const fan::ClipTextModel trainable(config, weights, QStringLiteral("text_encoder (training)"));
    QVERIFY(trainable.trainable());

    const fan::TokenizedText target = e.tokenize(QStringLiteral("a red circle"));
    const auto refs = e.tokenize(QStringList{QStringLiteral("a blue star"), QStringLiteral("purple stripes")});
    fan::AttentionOptions options;
    options.alpha = 0.6;
    const fan::EncoderOutput trained = fan::PersonalizedAttention(trainable, target, refs).personalize({1, 2}, options);
    const fan::EncoderOutput inference = fan::PersonalizedAttention(*e.encoder, target, refs).personalize({1, 2}, options);
    QVERIFY(trained.lastHiddenState.requires_grad());
    QVERIFY(!inference.lastHiddenState.requires_grad());
    expectEqual(trained, inference, 1e-5, "trainable vs inference");  // fused vs batched combine

    trained.lastHiddenState.pow(2).sum().backward();
    const std::string layer = "text_model.encoder.layers.1.self_attn.";
    for (const char* part : {"k_proj.weight", "v_proj.weight", "q_proj.weight"}) {
      const torch::Tensor grad = weights.at(layer + part).grad();
      QVERIFY2(grad.defined() && grad.abs().sum().item<double>() > 0, part);
    }
  }

  void layerSetParsing() {
    QCOMPARE(fan::PaLayerSet::parse(QStringLiteral("all")).resolve(3), (std::vector<bool>{true, true, true}));
    QCOMPARE(fan::PaLayerSet::parse(QStringLiteral("skip-first")).resolve(3), (std::vector<bool>{false, true, true}));
    QCOMPARE(fan::PaLayerSet::parse(QStringLiteral("skip:2")).resolve(3), (std::vector<bool>{false, false, true}));
    QCOMPARE(fan::PaLayerSet::parse(QStringLiteral("0,2")).resolve(3), (std::vector<bool>{true, false, true}));
    QCOMPARE(fan::PaLayerSet().resolve(2), (std::vector<bool>{false, true}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, fan::PaLayerSet::parse(QStringLiteral("first")));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, fan::PaLayerSet::parse(QStringLiteral("1,-2")));
  }
};

FAN_REGISTER_TEST(PersonalizedAttentionTest)
#include "PersonalizedAttentionTest.moc"
