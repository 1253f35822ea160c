// T5EncoderModel against the transformers 4.31 golden (tests/data/goldens/text_encoders/
// tiny-t5_encoder: masked, unmasked and single-prompt runs, atol 1e-4), the relative position
// buckets, the original-T5 "relu" feed-forward against a direct computation, and loading rules.
#include "core/io/JsonConfig.h"
#include "core/io/Safetensors.h"
#include "core/models/T5EncoderModel.h"
#include "tests/common/TestRegistry.h"

#include <QJsonDocument>
#include <QTest>

namespace {

const QString kData = QStringLiteral(FAN_TEST_DATA_DIR);
const QString kModel = kData + "/models/tiny-t5";

double maxAbsDiff(const torch::Tensor& a, const torch::Tensor& b) {
  return (a.to(torch::kDouble) - b.to(torch::kDouble)).abs().max().item<double>();
}

fan::T5EncoderConfig tinyConfig() {
  return fan::T5EncoderConfig::fromJson(fan::JsonConfig::fromFile(kModel + "/config.json"));
}

fan::WeightMap tinyWeights() { return fan::loadSafetensors(kModel + "/model.safetensors"); }

template <typename F>
void expectError(F&& f, const QStringList& parts) {
  try {
    f();
  } catch (const std::exception& e) {
    const QString message = QString::fromUtf8(e.what());
    for (const QString& part : parts) QVERIFY2(message.contains(part), qPrintable("'" + part + "' not in: " + message));
    return;
  }
  QFAIL("expected an exception");
}

}  // namespace

class T5EncoderModelTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void matchesGolden() {
    const fan::WeightMap g = fan::loadSafetensors(kData + "/goldens/text_encoders/tiny-t5_encoder.safetensors");
    const auto encoder = fan::loadTextEncoder(kModel);  // class from config.json's "architectures"
    QCOMPARE(encoder->family(), std::string("t5"));
    QCOMPARE(encoder->attentionScale(), 1.0);
    double worst = 0;
    auto check = [&](const std::string& name, const torch::Tensor& actual) {
      const torch::Tensor& expected = g.at(name);
      QVERIFY2(actual.sizes() == expected.sizes(), name.c_str());
      const double err = maxAbsDiff(actual, expected);
      worst = std::max(worst, err);
      QVERIFY2(err < 1e-4, qPrintable(QString::fromStdString(name) + " max abs error " + QString::number(err)));
    };

    const torch::Tensor ids = g.at("input_ids");
    const fan::EncoderOutput masked = encoder->encode(ids, g.at("attention_mask"));
    QCOMPARE(masked.hiddenStates.size(), size_t(encoder->numLayers() + 1));
    QVERIFY(!g.count("hidden_states_masked." + std::to_string(encoder->numLayers() + 1)));
    for (int64_t k = 0; k <= encoder->numLayers(); ++k)
      check("hidden_states_masked." + std::to_string(k), masked.hiddenStates[size_t(k)]);
    check("last_hidden_state_masked", masked.lastHiddenState);
    QVERIFY(!masked.pooled.defined() && !masked.textEmbeds.defined());
    check("last_hidden_state_unmasked", encoder->encode(ids).lastHiddenState);
    check("single_last_hidden_state", encoder->encode(g.at("single_input_ids")).lastHiddenState);
    qInfo("tiny-t5_encoder: max abs error %.3g (masked hidden states, unmasked, single)", worst);
  }

  void runsInBFloat16() {
    const fan::WeightMap g = fan::loadSafetensors(kData + "/goldens/text_encoders/tiny-t5_encoder.safetensors");
    const auto encoder = fan::loadTextEncoder(kModel, torch::kBFloat16);
    const fan::EncoderOutput out = encoder->encode(g.at("input_ids"), g.at("attention_mask"));
    QCOMPARE(out.lastHiddenState.scalar_type(), torch::kBFloat16);
    const double err = maxAbsDiff(out.lastHiddenState, g.at("last_hidden_state_masked"));
    qInfo("bfloat16 vs float32 golden: max abs error %.3g", err);
    QVERIFY2(err < 0.25, qPrintable(QString::number(err)));  // bfloat16 keeps 8 bits of mantissa
  }

  void bucketsRelativePositions() {
    // 32 buckets: 16 per direction (keys after the query add 16), exact below 8, log-spaced to 128.
    const fan::T5EncoderModel model(tinyConfig(), tinyWeights(), QStringLiteral("tiny-t5"));
    const torch::Tensor b = model.relativePositionBuckets(200);
    auto at = [&](int64_t query, int64_t key) { return b[query][key].item<int64_t>(); };
    QCOMPARE(at(5, 5), int64_t(0));
    QCOMPARE(at(5, 0), int64_t(5));
    QCOMPARE(at(0, 5), int64_t(21));
    QCOMPARE(at(8, 0), int64_t(8));      // 8 + floor(log(8/8) / log(16) * 8)
    QCOMPARE(at(0, 16), int64_t(26));    // 16 + 8 + floor(log(2) / log(16) * 8) = 16 + 10
    QCOMPARE(at(20, 0), int64_t(10));    // 8 + floor(log(2.5) / log(16) * 8) = 8 + 2
    QCOMPARE(at(127, 0), int64_t(15));
    QCOMPARE(at(199, 0), int64_t(15));   // clamped beyond max_distance
    QCOMPARE(at(0, 199), int64_t(31));
  }

  void acceptsEitherTiedEmbeddingName() {
    const fan::WeightMap shared = tinyWeights();
    fan::WeightMap alias = shared;
    alias["encoder.embed_tokens.weight"] = alias.at("shared.weight");
    alias.erase("shared.weight");
    fan::WeightMap both = shared;
    both["encoder.embed_tokens.weight"] = both.at("shared.weight");
    const torch::Tensor ids = torch::tensor({3, 9, 6419, 13, 1}, torch::kLong).view({1, 5});
    const torch::Tensor expected = fan::T5EncoderModel(tinyConfig(), shared, "t5").encode(ids).lastHiddenState;
    QVERIFY(fan::T5EncoderModel(tinyConfig(), alias, "t5").encode(ids).lastHiddenState.equal(expected));
    QVERIFY(fan::T5EncoderModel(tinyConfig(), both, "t5").encode(ids).lastHiddenState.equal(expected));
    both["encoder.embed_tokens.weight"] = torch::zeros({100, 32});
    expectError([&] { fan::T5EncoderModel(tinyConfig(), both, "tiny-t5"); },
                {"tiny-t5", "shared.weight", "encoder.embed_tokens.weight"});
    fan::WeightMap missing = shared;
    missing.erase("encoder.block.1.layer.1.DenseReluDense.wi_1.weight");
    expectError([&] { fan::T5EncoderModel(tinyConfig(), missing, "tiny-t5"); },
                {"tiny-t5", "encoder.block.1.layer.1.DenseReluDense.wi_1.weight"});
  }

  void reluFeedForwardMatchesDirectComputation() {
    // Original T5 ("relu"): wo(relu(wi x)). No golden exists, so compare one layer with the
    // formulas written out; 6 tokens keep every relative position in the exact buckets.
    fan::T5EncoderConfig c;
    c.vocabSize = 50, c.dModel = 8, c.dKv = 3, c.dFf = 10, c.numLayers = 1, c.numHeads = 2;
    c.feedForwardProj = "relu";
    torch::manual_seed(5);
    fan::WeightMap w;
    for (const fan::TensorSpec& spec : fan::T5EncoderModel::expectedTensors(c)) w[spec.name] = torch::randn(spec.shape);
    QVERIFY(w.count("encoder.block.0.layer.1.DenseReluDense.wi.weight"));
    QVERIFY(!w.count("encoder.block.0.layer.1.DenseReluDense.wi_0.weight"));
    const fan::T5EncoderModel model(c, w, QStringLiteral("relu-t5"));

    const torch::Tensor ids = torch::tensor({{4, 7, 1, 0, 0, 0}, {9, 2, 3, 5, 8, 1}}, torch::kLong);
    const torch::Tensor mask = torch::tensor({{1, 1, 1, 0, 0, 0}, {1, 1, 1, 1, 1, 1}}, torch::kLong);
    auto rms = [](const torch::Tensor& x, const torch::Tensor& weight) {
      return weight * (x * torch::rsqrt(x.pow(2).mean(-1, true) + 1e-6));
    };
    auto heads = [](const torch::Tensor& t) { return t.view({2, 6, 2, 3}).transpose(1, 2); };
    const std::string p = "encoder.block.0.layer.";
    torch::Tensor x = w.at("shared.weight").index_select(0, ids.flatten()).view({2, 6, 8});
    const torch::Tensor h = rms(x, w.at(p + "0.layer_norm.weight"));
    const torch::Tensor q = heads(h.matmul(w.at(p + "0.SelfAttention.q.weight").t()));
    const torch::Tensor k = heads(h.matmul(w.at(p + "0.SelfAttention.k.weight").t()));
    const torch::Tensor v = heads(h.matmul(w.at(p + "0.SelfAttention.v.weight").t()));
    const torch::Tensor pos = torch::arange(6);
    const torch::Tensor rel = pos.view({1, 6}) - pos.view({6, 1});
    const torch::Tensor bucket = torch::where(rel.gt(0), rel + 16, -rel);
    const torch::Tensor table = w.at(p + "0.SelfAttention.relative_attention_bias.weight");
    const torch::Tensor bias = table.index_select(0, bucket.flatten()).view({6, 6, 2}).permute({2, 0, 1});
    const torch::Tensor blocked = (1 - mask).to(torch::kFloat).view({2, 1, 1, 6}) * std::numeric_limits<float>::lowest();
    const torch::Tensor attn = torch::softmax(q.matmul(k.transpose(-1, -2)) + bias + blocked, -1).matmul(v);
    x = x + attn.transpose(1, 2).reshape({2, 6, 6}).matmul(w.at(p + "0.SelfAttention.o.weight").t());
    const torch::Tensor f = rms(x, w.at(p + "1.layer_norm.weight"));
    x = x + torch::relu(f.matmul(w.at(p + "1.DenseReluDense.wi.weight").t())).matmul(w.at(p + "1.DenseReluDense.wo.weight").t());
    const torch::Tensor expected = rms(x, w.at("encoder.final_layer_norm.weight"));

    const double err = maxAbsDiff(model.encode(ids, mask).lastHiddenState, expected);
    QVERIFY2(err < 1e-5, qPrintable(QString::number(err)));
  }

  void rejectsBadConfigAndIds() {
    auto parse = [](const char* json) {
      return fan::T5EncoderConfig::fromJson(
          fan::JsonConfig(QJsonDocument::fromJson(json).object(), QStringLiteral("t5/config.json")));
    };
    expectError([&] { parse(R"({"feed_forward_proj": "gated-silu"})"); },
                {"t5/config.json", "feed_forward_proj", "gated-silu", "gated-gelu"});
    expectError([&] { parse(R"({"num_heads": 0})"); }, {"t5/config.json", "num_heads"});
    const fan::T5EncoderConfig defaults = parse("{}");  // T5Config's defaults
    QCOMPARE(defaults.dModel, int64_t(512));
    QCOMPARE(defaults.feedForwardProj, std::string("relu"));
    QCOMPARE(defaults.relativeAttentionNumBuckets, int64_t(32));

    const fan::T5EncoderModel model(tinyConfig(), tinyWeights(), QStringLiteral("tiny-t5"));
    expectError([&] { model.encode(torch::full({1, 3}, 32128, torch::kLong)); }, {"32128", "vocabulary"});
    expectError([&] { model.encode(torch::ones({2, 3}, torch::kLong), torch::ones({2, 4}, torch::kLong)); },
                {"padding mask"});
  }
};

FAN_REGISTER_TEST(T5EncoderModelTest)
#include "T5EncoderModelTest.moc"
