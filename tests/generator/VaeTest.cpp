// AutoencoderKL against diffusers 0.21.4 goldens (tests/data/goldens/vae): decode of
// latents / scaling_factor and the encoder's latent distribution, for the three tiny models; and
// loading the pre-0.14 attention names (with 1×1-conv-shaped weights) of published SD VAE files.
#include "core/io/DiffusersFolder.h"
#include "core/io/JsonConfig.h"
#include "core/models/AutoencoderKL.h"
#include "tests/common/TestRegistry.h"

#include <QJsonArray>
#include <QTest>

namespace {

const QString kData = QStringLiteral(FAN_TEST_DATA_DIR);

float maxAbsDiff(const torch::Tensor& a, const torch::Tensor& b) {
  if (a.sizes() != b.sizes()) return std::numeric_limits<float>::infinity();
  return (a - b).abs().max().item<float>();
}

fan::WeightMap golden(const QString& model) {
  return fan::loadSafetensors(kData + "/goldens/vae/" + model + "_vae.safetensors");
}

float report(const QString& model, const char* what, float err) {
  qInfo("%s %s: max abs error %.3g", qPrintable(model), what, double(err));
  return err;
}

float checkGolden(const QString& model) {
  const auto vae = fan::loadVae(fan::DiffusersFolder(kData + "/models/" + model));
  const fan::WeightMap g = golden(model);
  float worst = report(model, "decoded", maxAbsDiff(vae->decode(g.at("decode_input")), g.at("decoded")));
  const fan::LatentDistribution dist = vae->encode(g.at("image"));
  worst = std::max(worst, report(model, "mean", maxAbsDiff(dist.mean, g.at("latent_dist_mean"))));
  worst = std::max(worst, report(model, "std", maxAbsDiff(dist.std, g.at("latent_dist_std"))));
  worst = std::max(worst, report(model, "logvar", maxAbsDiff(dist.logvar, g.at("latent_dist_logvar"))));
  return worst;
}

const char* const kCurrentAttentionNames[] = {"to_q", "to_k", "to_v", "to_out.0"};
const char* const kLegacyAttentionNames[] = {"query", "key", "value", "proj_attn"};

// The tiny-sd VAE's weights spelled as published SD 1.x / 2.x files spell them: legacy mid-block
// attention names, and (as some conversions store them) 1×1-conv-shaped attention weights.
fan::WeightMap withLegacyNames(const fan::WeightMap& weights, bool convShaped) {
  fan::WeightMap out = weights;
  for (const char* part : {"encoder", "decoder"})
    for (size_t i = 0; i < 4; ++i)
      for (const char* suffix : {".weight", ".bias"}) {
        const std::string prefix = std::string(part) + ".mid_block.attentions.0.";
        const auto node = out.extract(prefix + kCurrentAttentionNames[i] + suffix);
        torch::Tensor tensor = node.mapped();
        if (convShaped && tensor.dim() == 2) tensor = tensor.reshape({tensor.size(0), tensor.size(1), 1, 1});
        out[prefix + kLegacyAttentionNames[i] + suffix] = tensor;
      }
  return out;
}

}  // namespace

class VaeTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void tinySdMatchesDiffusers() { QVERIFY(checkGolden(QStringLiteral("tiny-sd")) < 1e-4f); }
  void tinySd2vMatchesDiffusers() { QVERIFY(checkGolden(QStringLiteral("tiny-sd2v")) < 1e-4f); }
  void tinySdxlMatchesDiffusers() { QVERIFY(checkGolden(QStringLiteral("tiny-sdxl")) < 1e-4f); }

  void float64ModelAgrees() {
    const auto vae = fan::loadVae(fan::DiffusersFolder(kData + "/models/tiny-sd"), "vae", torch::kDouble);
    const fan::WeightMap g = golden(QStringLiteral("tiny-sd"));
    const torch::Tensor decoded = vae->decode(g.at("decode_input"));
    QCOMPARE(decoded.scalar_type(), torch::kDouble);
    const float err = report(QStringLiteral("tiny-sd float64"), "decoded",
                             maxAbsDiff(decoded, g.at("decoded").to(torch::kDouble)));
    QVERIFY(err < 1e-4f);
  }

  void configReading() {
    const auto json = fan::JsonConfig::fromFile(kData + "/models/tiny-sdxl/vae/config.json");
    const fan::VaeConfig c = fan::VaeConfig::fromJson(json);
    QCOMPARE(c.scalingFactor, 0.13025);
    QVERIFY(!c.forceUpcast);
    QCOMPARE(c.scaleFactor(), int64_t(2));
    const fan::VaeConfig defaults = fan::VaeConfig::fromJson(fan::JsonConfig(QJsonObject{}, QStringLiteral("c")));
    QCOMPARE(defaults.scalingFactor, 0.18215);
    QVERIFY(defaults.forceUpcast);
    QCOMPARE(defaults.blockOutChannels, (std::vector<int64_t>{64}));
    QJsonObject bad = json.object();
    bad.insert(QStringLiteral("up_block_types"), QJsonArray{"UpDecoderBlock2D", "AttnUpDecoderBlock2D"});
    try {
      fan::VaeConfig::fromJson(fan::JsonConfig(bad, QStringLiteral("vae/config.json")));
      QFAIL("an unsupported block type was accepted");
    } catch (const fan::LoadError& e) {
      const QString message = QString::fromUtf8(e.what());
      QVERIFY2(message.contains("vae/config.json") && message.contains("AttnUpDecoderBlock2D") &&
                   message.contains("supported: UpDecoderBlock2D"),
               qPrintable(message));
    }
  }

  void legacyAttentionNamesLoad() {
    const QString dir = kData + "/models/tiny-sd/vae";
    const fan::VaeConfig config = fan::VaeConfig::fromJson(fan::JsonConfig::fromFile(dir + "/config.json"));
    const fan::WeightMap weights = fan::loadSafetensors(dir + "/diffusion_pytorch_model.safetensors");
    const fan::WeightMap g = golden(QStringLiteral("tiny-sd"));
    for (bool convShaped : {false, true}) {
      const fan::AutoencoderKL vae(config, withLegacyNames(weights, convShaped), dir);
      const float err = maxAbsDiff(vae.decode(g.at("decode_input")), g.at("decoded"));
      qInfo("legacy names (conv-shaped %d): decoded max abs error %.3g", int(convShaped), double(err));
      QVERIFY(err < 1e-4f);
    }
    // Both spellings at once is ambiguous, not silently resolved.
    fan::WeightMap both = withLegacyNames(weights, false);
    both["encoder.mid_block.attentions.0.to_q.weight"] = weights.at("encoder.mid_block.attentions.0.to_q.weight");
    QVERIFY_THROWS_EXCEPTION(fan::LoadError, fan::AutoencoderKL(config, both, dir));
  }

  void badInputsThrow() {
    // A folder holding only the VAE is a plain model folder with the component "model".
    const auto vae = fan::loadVae(fan::DiffusersFolder(kData + "/models/tiny-sd/vae"), "model");
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, vae->decode(torch::randn({1, 3, 8, 8})));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, vae->decode(torch::randn({4, 8, 8})));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, vae->encode(torch::randn({1, 4, 16, 16})));
  }
};

FAN_REGISTER_TEST(VaeTest)
#include "VaeTest.moc"
