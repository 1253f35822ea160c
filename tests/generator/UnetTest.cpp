// UNet2DConditionModel against diffusers 0.21.4 goldens (tests/data/goldens/unet): tiny SD 1.x,
// SD 2.x (linear projections, per-block heads) and SDXL (text_time added embedding, two
// transformer layers per block) at t = 999, 500, 1 and a per-row timestep vector.
#include "core/io/DiffusersFolder.h"
#include "core/io/JsonConfig.h"
#include "core/models/Unet2DConditionModel.h"
#include "tests/common/TestRegistry.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTest>

namespace {

const QString kData = QStringLiteral(FAN_TEST_DATA_DIR);

fan::DiffusersFolder pipeline(const QString& model) { return fan::DiffusersFolder(kData + "/models/" + model); }

float maxAbsDiff(const torch::Tensor& a, const torch::Tensor& b) {
  if (a.sizes() != b.sizes()) return std::numeric_limits<float>::infinity();
  return (a - b).abs().max().item<float>();
}

// Runs the four golden calls of one tiny model; returns the worst error.
float checkGolden(const QString& model, bool withAddedConditions) {
  const auto unet = fan::loadUnet(pipeline(model));
  const fan::WeightMap golden = fan::loadSafetensors(kData + "/goldens/unet/" + model + "_unet.safetensors");
  const torch::Tensor& sample = golden.at("sample");
  const torch::Tensor& context = golden.at("encoder_hidden_states");
  std::optional<fan::AddedConditions> added;
  if (withAddedConditions)
    added = fan::AddedConditions{golden.at("added_cond_kwargs.text_embeds"), golden.at("added_cond_kwargs.time_ids")};

  float worst = 0;
  std::vector<qint64> nanoseconds;
  auto compare = [&](const torch::Tensor& t, const std::string& key) {
    QElapsedTimer timer;
    timer.start();
    const torch::Tensor out = unet->forward(sample, t, context, added);
    nanoseconds.push_back(timer.nsecsElapsed());
    const float err = maxAbsDiff(out, golden.at(key));
    qInfo("%s %s: max abs error %.3g", qPrintable(model), key.c_str(), double(err));
    worst = std::max(worst, err);
  };
  for (int64_t t : {999, 500, 1}) compare(torch::tensor(t), "out_t" + std::to_string(t));
  compare(golden.at("timestep_vector"), "out_t_vector");
  // The first call includes one-time kernel set-up.
  qInfo("%s: UNet call (batch %d, %dx%d latents, %d threads): first %.1f ms, then %.1f ms on average",
        qPrintable(model), int(sample.size(0)), int(sample.size(2)), int(sample.size(3)), at::get_num_threads(),
        nanoseconds[0] / 1e6, (nanoseconds[1] + nanoseconds[2] + nanoseconds[3]) / 3e6);
  return worst;
}

fan::JsonConfig configFrom(const QString& model) {
  return fan::JsonConfig::fromFile(kData + "/models/" + model + "/unet/config.json");
}

// The tiny SD config with one key replaced.
fan::JsonConfig tinySdWith(const char* key, const QJsonValue& value) {
  QJsonObject object = configFrom(QStringLiteral("tiny-sd")).object();
  object.insert(QLatin1String(key), value);
  return fan::JsonConfig(object, QStringLiteral("unet/config.json"));
}

QString loadErrorFor(const fan::JsonConfig& json) {
  try {
    fan::UnetConfig::fromJson(json);
  } catch (const fan::LoadError& e) {
    return QString::fromUtf8(e.what());
  }
  return {};
}

}  // namespace

class UnetTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void tinySdMatchesDiffusers() { QVERIFY(checkGolden(QStringLiteral("tiny-sd"), false) < 1e-4f); }
  void tinySd2vMatchesDiffusers() { QVERIFY(checkGolden(QStringLiteral("tiny-sd2v"), false) < 1e-4f); }
  void tinySdxlMatchesDiffusers() { QVERIFY(checkGolden(QStringLiteral("tiny-sdxl"), true) < 1e-4f); }

  // Weights are converted once at load; a float64 model agrees with the float32 golden about as
  // closely as the reference's own float64 re-run did (FIXTURES.md: <= 3.3e-6).
  void float64ModelAgrees() {
    const auto unet = fan::loadUnet(pipeline(QStringLiteral("tiny-sdxl")), "unet", torch::kDouble);
    const fan::WeightMap golden = fan::loadSafetensors(kData + "/goldens/unet/tiny-sdxl_unet.safetensors");
    const fan::AddedConditions added{golden.at("added_cond_kwargs.text_embeds"),
                                     golden.at("added_cond_kwargs.time_ids")};
    const torch::Tensor out =
        unet->forward(golden.at("sample"), torch::tensor(500), golden.at("encoder_hidden_states"), added);
    QCOMPARE(out.scalar_type(), torch::kDouble);
    const float err = maxAbsDiff(out, golden.at("out_t500").to(torch::kDouble));
    qInfo("tiny-sdxl float64 out_t500: max abs error %.3g", double(err));
    QVERIFY(err < 1e-4f);
  }

  void configReading() {
    const fan::UnetConfig sd2v = fan::UnetConfig::fromJson(configFrom(QStringLiteral("tiny-sd2v")));
    QCOMPARE(sd2v.numAttentionHeads, (std::vector<int64_t>{2, 4}));  // attention_head_dim counts heads
    QVERIFY(sd2v.useLinearProjection);
    const fan::UnetConfig sdxl = fan::UnetConfig::fromJson(configFrom(QStringLiteral("tiny-sdxl")));
    QVERIFY(sdxl.textTimeEmbedding);
    QCOMPARE(sdxl.transformerLayersPerBlock, (std::vector<int64_t>{1, 2}));
    QCOMPARE(sdxl.projectionClassEmbeddingsInputDim, int64_t(80));
    // Missing keys take UNet2DConditionModel's defaults.
    const fan::UnetConfig defaults = fan::UnetConfig::fromJson(fan::JsonConfig(QJsonObject{}, QStringLiteral("c")));
    QCOMPARE(defaults.blockOutChannels, (std::vector<int64_t>{320, 640, 1280, 1280}));
    QCOMPARE(defaults.crossAttentionDim, int64_t(1280));
    QCOMPARE(defaults.numAttentionHeads, (std::vector<int64_t>(4, 8)));
    QVERIFY(!defaults.textTimeEmbedding);
  }

  void unsupportedConfigsAreNamed() {
    const QString block =
        loadErrorFor(tinySdWith("down_block_types", QJsonArray{"AttnDownBlock2D", "DownBlock2D"}));
    QVERIFY2(block.contains("down_block_types") && block.contains("AttnDownBlock2D") &&
                 block.contains("CrossAttnDownBlock2D, DownBlock2D"),
             qPrintable(block));
    const QString act = loadErrorFor(tinySdWith("act_fn", "gelu"));
    QVERIFY2(act.contains("act_fn") && act.contains("silu"), qPrintable(act));
    const QString addition = loadErrorFor(tinySdWith("addition_embed_type", "text_image"));
    QVERIFY2(addition.contains("text_time"), qPrintable(addition));
    QVERIFY(loadErrorFor(tinySdWith("class_embed_type", "timestep")).contains("class_embed_type"));
    QVERIFY(loadErrorFor(tinySdWith("only_cross_attention", QJsonArray{false, true})).contains("only_cross_attention"));
    QVERIFY(loadErrorFor(tinySdWith("mid_block_type", QJsonValue::Null)).contains("mid_block_type"));
    QVERIFY(loadErrorFor(tinySdWith("attention_head_dim", 5)).contains("not divisible"));
    QVERIFY(loadErrorFor(tinySdWith("block_out_channels", QJsonArray{32})).contains("same length"));
  }

  void badInputsThrow() {
    const auto unet = fan::loadUnet(pipeline(QStringLiteral("tiny-sdxl")));
    const torch::Tensor sample = torch::randn({1, 4, 8, 8}), context = torch::randn({1, 77, 64});
    const fan::AddedConditions added{torch::randn({1, 32}), torch::zeros({1, 6})};
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, unet->forward(sample, torch::tensor(1), context));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             unet->forward(torch::randn({1, 3, 8, 8}), torch::tensor(1), context, added));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             unet->forward(sample, torch::tensor(1), torch::randn({1, 77, 32}), added));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             unet->forward(sample, torch::tensor({1, 2, 3}), context, added));
    const fan::AddedConditions shortIds{torch::randn({1, 32}), torch::zeros({1, 5})};
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, unet->forward(sample, torch::tensor(1), context, shortIds));
  }

  // Latent sizes that are not multiples of 2^(blocks-1) upsample to the skip connection's size
  // (diffusers' forward_upsample_size), so the output keeps the input size.
  void oddLatentSizeKeepsShape() {
    const auto unet = fan::loadUnet(pipeline(QStringLiteral("tiny-sd")));
    const torch::Tensor out = unet->forward(torch::randn({1, 4, 9, 7}), torch::tensor(10), torch::randn({1, 5, 32}));
    QCOMPARE(out.sizes().vec(), (std::vector<int64_t>{1, 4, 9, 7}));
    QVERIFY(torch::isfinite(out).all().item<bool>());
  }

  void wrongComponentClassIsNamed() {
    try {
      fan::loadUnet(pipeline(QStringLiteral("tiny-sd")), "vae");
      QFAIL("a VAE was loaded as a UNet");
    } catch (const fan::LoadError& e) {
      const QString message = QString::fromUtf8(e.what());
      QVERIFY2(message.contains("AutoencoderKL") && message.contains("supported: UNet2DConditionModel"),
               qPrintable(message));
    }
  }

  void wrongWeightsAreNamed() {
    const QString dir = kData + "/models/tiny-sd/unet";
    fan::WeightMap weights = fan::loadSafetensors(dir + "/diffusion_pytorch_model.safetensors");
    weights.erase("mid_block.attentions.0.proj_in.weight");
    weights["conv_out.bias"] = torch::zeros({5});
    const fan::UnetConfig config = fan::UnetConfig::fromJson(configFrom(QStringLiteral("tiny-sd")));
    try {
      fan::Unet2DConditionModel unet(config, weights, dir);
      QFAIL("mismatched weights were accepted");
    } catch (const fan::LoadError& e) {
      const QString message = QString::fromUtf8(e.what());
      QVERIFY2(message.contains("mid_block.attentions.0.proj_in.weight") && message.contains("conv_out.bias"),
               qPrintable(message));
    }
  }
};

FAN_REGISTER_TEST(UnetTest)
#include "UnetTest.moc"
