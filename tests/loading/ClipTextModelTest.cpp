// CLIPTextModel / CLIPTextModelWithProjection against transformers 4.31 goldens
// (tests/data/goldens/text_encoders): every hidden state, the final state, the pooled output,
// its position and the projection, atol 1e-4 (FIXTURES.md). Plus loading errors.
#include "core/io/JsonConfig.h"
#include "core/io/Safetensors.h"
#include "core/models/ClipTextModel.h"
#include "tests/common/TestRegistry.h"

#include <QJsonDocument>
#include <QTest>

namespace {

const QString kData = QStringLiteral(FAN_TEST_DATA_DIR);

double maxAbsDiff(const torch::Tensor& a, const torch::Tensor& b) {
  return (a.to(torch::kDouble) - b.to(torch::kDouble)).abs().max().item<double>();
}

// The class model_index.json names for `component` of the pipeline folder `model`.
QString pipelineClass(const QString& model, const QString& component) {
  const fan::JsonConfig index = fan::JsonConfig::fromFile(kData + "/models/" + model + "/model_index.json");
  return QString::fromStdString(index.getStringList(component.toUtf8().constData(), {}).at(1));
}

fan::WeightMap tinySdWeights() {
  return fan::loadSafetensors(kData + "/models/tiny-sd/text_encoder/model.safetensors");
}

fan::ClipTextConfig tinySdConfig() {
  const fan::JsonConfig json = fan::JsonConfig::fromFile(kData + "/models/tiny-sd/text_encoder/config.json");
  return fan::ClipTextConfig::fromJson(json, false);
}

// Runs `f`, expects a std::exception whose message contains every one of `parts`.
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

class ClipTextModelTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void matchesGoldens_data() {
    QTest::addColumn<QString>("golden");
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("component");
    QTest::newRow("tiny-sd") << "tiny-sd_text_encoder" << "tiny-sd" << "text_encoder";
    QTest::newRow("tiny-sd2v") << "tiny-sd2v_text_encoder" << "tiny-sd2v" << "text_encoder";
    QTest::newRow("tiny-sdxl") << "tiny-sdxl_text_encoder" << "tiny-sdxl" << "text_encoder";
    QTest::newRow("tiny-sdxl-2") << "tiny-sdxl_text_encoder_2" << "tiny-sdxl" << "text_encoder_2";
  }

  void matchesGoldens() {
    QFETCH(QString, golden);
    QFETCH(QString, model);
    QFETCH(QString, component);
    const fan::WeightMap g = fan::loadSafetensors(kData + "/goldens/text_encoders/" + golden + ".safetensors");
    const QString cls = pipelineClass(model, component);
    const auto encoder = fan::loadTextEncoder(kData + "/models/" + model + "/" + component, {}, cls);
    QCOMPARE(encoder->family(), std::string("clip"));

    const fan::EncoderOutput out = encoder->encode(g.at("input_ids"));
    // Every hidden state the golden holds, and no more than the model has.
    QCOMPARE(out.hiddenStates.size(), size_t(encoder->numLayers() + 1));
    QVERIFY(!g.count("hidden_states." + std::to_string(encoder->numLayers() + 1)));
    double worst = 0;
    auto check = [&](const std::string& name, const torch::Tensor& actual) {
      const torch::Tensor& expected = g.at(name);
      QVERIFY2(actual.sizes() == expected.sizes(), name.c_str());
      const double err = maxAbsDiff(actual, expected);
      worst = std::max(worst, err);
      QVERIFY2(err < 1e-4, qPrintable(QString::fromStdString(name) + " max abs error " + QString::number(err)));
    };
    for (int64_t k = 0; k <= encoder->numLayers(); ++k)
      check("hidden_states." + std::to_string(k), out.hiddenStates[size_t(k)]);
    check("last_hidden_state", out.lastHiddenState);
    check("pooler_output", out.pooled);
    QVERIFY(out.pooledIndex.equal(g.at("pooled_token_index")));
    const bool withProjection = cls == QLatin1String("CLIPTextModelWithProjection");
    QCOMPARE(out.textEmbeds.defined(), withProjection);
    QCOMPARE(bool(g.count("text_embeds")), withProjection);
    if (withProjection) check("text_embeds", out.textEmbeds);
    qInfo("%s: max abs error %.3g over all hidden states, pooled%s", qPrintable(golden), worst,
          withProjection ? ", text_embeds" : "");

    // CLIP skip as the pipelines read it: SD final_norm(hidden_states[-N]), SDXL hidden_states[-(N+1)].
    const bool sdxl = model == QLatin1String("tiny-sdxl");
    const int64_t n = encoder->numLayers();
    const std::string penultimate = "hidden_states." + std::to_string(n - 1);
    if (sdxl) {
      check(penultimate, fan::pipelineHiddenState(*encoder, out, true, 1));
      check("hidden_states." + std::to_string(n - 2), fan::pipelineHiddenState(*encoder, out, true, 2));
    } else {
      check("last_hidden_state", fan::pipelineHiddenState(*encoder, out, false, 1));
      const torch::Tensor skip2 = fan::pipelineHiddenState(*encoder, out, false, 2);
      QVERIFY(maxAbsDiff(skip2, encoder->finalNorm(g.at(penultimate))) < 1e-4);
    }
    expectError([&] { fan::pipelineHiddenState(*encoder, out, sdxl, 0); }, {"CLIP skip 0"});
    expectError([&] { fan::pipelineHiddenState(*encoder, out, sdxl, int(n) + 1); }, {"outside 1.."});
  }

  void poolsAtFirstMaximalId() {
    const fan::ClipTextModel model(tinySdConfig(), tinySdWeights(), QStringLiteral("tiny-sd"));
    const torch::Tensor ids = torch::tensor({49406, 320, 49407, 49407, 5, 49407}, torch::kLong).view({1, 6});
    QCOMPARE(model.poolingPositions(ids).item<int64_t>(), int64_t(2));
  }

  void ignoresPositionIdsInOlderFiles() {
    fan::WeightMap weights = tinySdWeights();
    weights["text_model.embeddings.position_ids"] = torch::arange(77, torch::kLong).view({1, 77});
    const fan::ClipTextModel withIds(tinySdConfig(), weights, QStringLiteral("tiny-sd"));
    const fan::ClipTextModel without(tinySdConfig(), tinySdWeights(), QStringLiteral("tiny-sd"));
    const torch::Tensor ids = torch::tensor({49406, 320, 1125, 49407}, torch::kLong).view({1, 4});
    QVERIFY(withIds.encode(ids).lastHiddenState.equal(without.encode(ids).lastHiddenState));
  }

  void rejectsMismatchedWeights() {
    fan::WeightMap weights = tinySdWeights();
    weights.erase("text_model.encoder.layers.3.mlp.fc1.bias");
    weights["text_model.final_layer_norm.weight"] = torch::ones({31});
    expectError([&] { fan::ClipTextModel(tinySdConfig(), weights, QStringLiteral("tiny-sd/text_encoder")); },
                {"tiny-sd/text_encoder", "text_model.encoder.layers.3.mlp.fc1.bias", "text_model.final_layer_norm.weight"});
    // A CLIPTextModelWithProjection folder read as CLIPTextModel: text_projection is unexpected.
    expectError([&] { fan::loadTextEncoder(kData + "/models/tiny-sdxl/text_encoder_2", {}, "CLIPTextModel"); },
                {"text_encoder_2", "text_projection.weight"});
    fan::WeightMap integer = tinySdWeights();
    integer["text_model.final_layer_norm.bias"] = torch::zeros({32}, torch::kLong);
    expectError([&] { fan::ClipTextModel(tinySdConfig(), integer, QStringLiteral("tiny-sd")); },
                {"text_model.final_layer_norm.bias", "floating-point"});
  }

  void rejectsBadConfig() {
    auto parse = [](const char* json) {
      const fan::JsonConfig config(QJsonDocument::fromJson(json).object(), QStringLiteral("te/config.json"));
      return fan::ClipTextConfig::fromJson(config, false);
    };
    expectError([&] { parse(R"({"hidden_act": "silu"})"); }, {"te/config.json", "hidden_act", "silu", "quick_gelu"});
    expectError([&] { parse(R"({"hidden_size": 30, "num_attention_heads": 4})"); }, {"te/config.json", "hidden_size"});
    expectError([&] { parse(R"({"num_hidden_layers": 0})"); }, {"num_hidden_layers"});
    expectError([&] { parse(R"({"vocab_size": "big"})"); }, {"vocab_size"});
    const fan::ClipTextConfig defaults = parse("{}");  // CLIPTextConfig's defaults
    QCOMPARE(defaults.hiddenSize, int64_t(512));
    QCOMPARE(defaults.numHiddenLayers, int64_t(12));
    QCOMPARE(defaults.hiddenAct, std::string("quick_gelu"));
    QCOMPARE(defaults.maxPositionEmbeddings, int64_t(77));
    expectError([&] { fan::loadTextEncoder(kData + "/models/tiny-sd/text_encoder", {}, "BertModel"); },
                {"BertModel", "CLIPTextModel"});
    expectError([&] { fan::loadTextEncoder(kData + "/models/no-such-model/text_encoder"); },
                {"no-such-model/text_encoder", "does not exist"});
  }

  void rejectsBadIds() {
    const fan::ClipTextModel model(tinySdConfig(), tinySdWeights(), QStringLiteral("tiny-sd"));
    expectError([&] { model.encode(torch::full({1, 4}, 49408, torch::kLong)); }, {"49408", "vocabulary"});
    expectError([&] { model.encode(torch::full({1, 4}, -1, torch::kLong)); }, {"-1"});
    expectError([&] { model.encode(torch::zeros({1, 78}, torch::kLong)); }, {"78", "77"});
    expectError([&] { model.encode(torch::zeros({1, 4}, torch::kInt)); }, {"int64"});
  }
};

FAN_REGISTER_TEST(ClipTextModelTest)
#include "ClipTextModelTest.moc"
