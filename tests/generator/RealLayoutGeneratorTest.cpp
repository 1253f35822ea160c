// The UNet and VAE loaders against the real SD 1.5, SD 2.1-base, SD 2.1 and SDXL base layouts
// (tests/data/real-layouts): the published config.json must yield exactly the tensor names and
// shapes diffusers 0.21.4 builds (the manifests), and every published weight-file spelling
// (legacy VAE attention names included) must bind. No weights exist here: the models are bound
// to zero-stride views of one scalar, which costs no memory.
#include "core/io/JsonConfig.h"
#include "core/models/AutoencoderKL.h"
#include "core/models/Unet2DConditionModel.h"
#include "tests/common/TestRegistry.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <map>

namespace {

const QString kLayouts = QStringLiteral(FAN_TEST_DATA_DIR "/real-layouts/");
const char* const kModels[] = {"stable-diffusion-v1-5", "stable-diffusion-2-1-base", "stable-diffusion-2-1",
                               "stable-diffusion-xl-base-1.0"};

using ShapeMap = std::map<std::string, std::vector<int64_t>>;

QJsonObject readJson(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) qFatal("cannot open %s", qPrintable(path));
  return QJsonDocument::fromJson(file.readAll()).object();
}

ShapeMap manifestShapes(const QJsonObject& manifest) {
  ShapeMap shapes;
  const QJsonObject tensors = manifest.value(QStringLiteral("tensors")).toObject();
  for (auto it = tensors.begin(); it != tensors.end(); ++it) {
    std::vector<int64_t> shape;
    for (const QJsonValue& d : it.value().toArray()) shape.push_back(d.toInteger());
    shapes[it.key().toStdString()] = shape;
  }
  return shapes;
}

// Compares the loader's list with the manifest; names the first differences on failure.
bool sameTensors(const std::vector<fan::TensorSpec>& specs, const ShapeMap& expected, const QString& what) {
  ShapeMap actual;
  for (const fan::TensorSpec& s : specs) actual[s.name] = s.shape;
  if (actual.size() != specs.size()) qWarning("%s: duplicate tensor names", qPrintable(what));
  int reported = 0;
  for (const auto& [name, shape] : expected)
    if (actual.count(name) == 0 || actual.at(name) != shape)
      if (reported++ < 5) qWarning("%s: %s missing or mis-shaped", qPrintable(what), name.c_str());
  for (const auto& [name, shape] : actual)
    if (expected.count(name) == 0 && reported++ < 10) qWarning("%s: unexpected %s", qPrintable(what), name.c_str());
  qInfo("%s: %zu tensors", qPrintable(what), specs.size());
  return actual == expected && actual.size() == specs.size();
}

// Zero-cost stand-ins for a weight file holding `shapes`.
fan::WeightMap fakeWeights(const ShapeMap& shapes) {
  const torch::Tensor scalar = torch::zeros({});
  fan::WeightMap weights;
  for (const auto& [name, shape] : shapes) weights[name] = scalar.expand(shape);
  return weights;
}

// config.json with the manifest's class defaults for absent keys written out explicitly.
fan::JsonConfig withDefaultsWritten(const fan::JsonConfig& json, const QJsonObject& manifest) {
  QJsonObject object = json.object();
  const QJsonObject defaults = manifest.value(QStringLiteral("class_defaults_for_keys_missing_from_config")).toObject();
  for (auto it = defaults.begin(); it != defaults.end(); ++it) object.insert(it.key(), it.value());
  return fan::JsonConfig(object, json.file());
}

}  // namespace

class RealLayoutGeneratorTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void unetTensorsMatchManifests() {
    for (const char* model : kModels) {
      const QString dir = kLayouts + model + "/unet/";
      const QJsonObject manifest = readJson(dir + "unet.tensors.json");
      const fan::JsonConfig json = fan::JsonConfig::fromFile(dir + "config.json");
      const fan::UnetConfig config = fan::UnetConfig::fromJson(json);
      const std::vector<fan::TensorSpec> specs = fan::Unet2DConditionModel::expectedTensors(config);
      const ShapeMap expected = manifestShapes(manifest);
      QCOMPARE(qint64(expected.size()), manifest.value(QStringLiteral("tensor_count")).toInteger());
      QVERIFY2(sameTensors(specs, expected, QString(model) + "/unet"), model);
      // Writing the class defaults out changes nothing (and every default value is accepted).
      const fan::UnetConfig explicitDefaults = fan::UnetConfig::fromJson(withDefaultsWritten(json, manifest));
      QVERIFY(sameTensors(fan::Unet2DConditionModel::expectedTensors(explicitDefaults), expected, "defaults"));
      QCOMPARE(explicitDefaults.numAttentionHeads, config.numAttentionHeads);
      QCOMPARE(explicitDefaults.upcastAttention, config.upcastAttention);
      // Every published file holds exactly the manifest: it binds.
      const fan::Unet2DConditionModel unet(config, fakeWeights(expected), dir);
      QCOMPARE(unet.config().crossAttentionDim, config.crossAttentionDim);
    }
  }

  void unetConfigSemantics() {
    auto parse = [](const char* model) {
      return fan::UnetConfig::fromJson(fan::JsonConfig::fromFile(kLayouts + model + "/unet/config.json"));
    };
    const fan::UnetConfig sd15 = parse("stable-diffusion-v1-5"), sd21 = parse("stable-diffusion-2-1");
    const fan::UnetConfig sd21base = parse("stable-diffusion-2-1-base"), sdxl = parse("stable-diffusion-xl-base-1.0");
    QCOMPARE(sd15.numAttentionHeads, (std::vector<int64_t>(4, 8)));
    QVERIFY(!sd15.useLinearProjection && sd21.useLinearProjection && sdxl.useLinearProjection);
    QCOMPARE(sd21.numAttentionHeads, (std::vector<int64_t>{5, 10, 20, 20}));
    QVERIFY(sd21.upcastAttention && !sd21base.upcastAttention);
    QVERIFY(sdxl.textTimeEmbedding && !sd15.textTimeEmbedding);
    QCOMPARE(sdxl.numAttentionHeads, (std::vector<int64_t>{5, 10, 20}));
    QCOMPARE(sdxl.transformerLayersPerBlock, (std::vector<int64_t>{1, 2, 10}));
    QCOMPARE(sdxl.additionTimeEmbedDim * 6 + 1280, sdxl.projectionClassEmbeddingsInputDim);
  }

  void vaeTensorsMatchManifests() {
    for (const char* model : kModels) {
      const QString dir = kLayouts + model + "/vae/";
      const QJsonObject manifest = readJson(dir + "vae.tensors.json");
      const fan::JsonConfig json = fan::JsonConfig::fromFile(dir + "config.json");
      const fan::VaeConfig config = fan::VaeConfig::fromJson(json);
      const ShapeMap expected = manifestShapes(manifest);
      QCOMPARE(qint64(expected.size()), manifest.value(QStringLiteral("tensor_count")).toInteger());
      QVERIFY2(sameTensors(fan::AutoencoderKL::expectedTensors(config), expected, QString(model) + "/vae"), model);
      const QJsonObject defaults =
          manifest.value(QStringLiteral("class_defaults_for_keys_missing_from_config")).toObject();
      if (defaults.contains(QStringLiteral("scaling_factor")))
        QCOMPARE(config.scalingFactor, defaults.value(QStringLiteral("scaling_factor")).toDouble());
      if (defaults.contains(QStringLiteral("force_upcast")))
        QCOMPARE(config.forceUpcast, defaults.value(QStringLiteral("force_upcast")).toBool());
      QCOMPARE(config.scaleFactor(), int64_t(8));
    }
  }

  // Published SD 1.5 / 2.x F32 VAE files use the legacy mid-block attention names.
  void legacyVaeNamesMapOntoManifest() {
    int renamedFiles = 0;
    for (const char* model : kModels) {
      const QString dir = kLayouts + model + "/vae/";
      const QJsonObject manifest = readJson(dir + "vae.tensors.json");
      const fan::VaeConfig config = fan::VaeConfig::fromJson(fan::JsonConfig::fromFile(dir + "config.json"));
      const ShapeMap expected = manifestShapes(manifest);
      for (const auto& [name, shape] : expected) QCOMPARE(fan::AutoencoderKL::currentWeightName(name), name);
      for (const QJsonValue& file : manifest.value(QStringLiteral("published_checkpoints")).toArray()) {
        const QJsonObject renames = file.toObject()
                                        .value(QStringLiteral("differences_from_manifest"))
                                        .toObject()
                                        .value(QStringLiteral("renamed_in_checkpoint"))
                                        .toObject();
        if (renames.isEmpty()) continue;
        ++renamedFiles;
        QCOMPARE(renames.size(), 16);
        ShapeMap published = expected;
        for (auto it = renames.begin(); it != renames.end(); ++it) {
          const std::string legacy = it.key().toStdString(), current = it.value().toString().toStdString();
          QCOMPARE(fan::AutoencoderKL::currentWeightName(legacy), current);
          published[legacy] = published.at(current);
          published.erase(current);
        }
        // The published tensor set, as stored, binds.
        const fan::AutoencoderKL vae(config, fakeWeights(published), dir);
        QCOMPARE(vae.config().latentChannels, int64_t(4));
      }
    }
    QCOMPARE(renamedFiles, 3);  // SD 1.5, 2.1-base, 2.1 F32 files
  }
};

FAN_REGISTER_TEST(RealLayoutGeneratorTest)
#include "RealLayoutGeneratorTest.moc"
