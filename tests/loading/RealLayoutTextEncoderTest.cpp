// The published SD 1.5 / 2.1-base / 2.1 / SDXL text-encoder configs (tests/data/real-layouts):
// parsed into ClipTextConfig, the expected tensors must equal the reference state_dict exactly,
// and every published safetensors tensor set (F32 and F16, with or without the int64
// position_ids) must be accepted by the loader. Weights are meta tensors: no data is needed.
#include "core/io/JsonConfig.h"
#include "core/models/ClipTextModel.h"
#include "tests/common/TestRegistry.h"

#include <QDir>
#include <QJsonArray>
#include <QTest>

#include <map>

namespace {

const QString kLayouts = QStringLiteral(FAN_TEST_DATA_DIR "/real-layouts");

std::vector<int64_t> shapeOf(const QJsonValue& value) {
  std::vector<int64_t> shape;
  for (const QJsonValue& d : value.toArray()) shape.push_back(d.toInteger());
  return shape;
}

torch::Dtype dtypeOf(const QString& name) {
  if (name == QLatin1String("F32")) return torch::kFloat;
  if (name == QLatin1String("F16")) return torch::kHalf;
  if (name == QLatin1String("I64")) return torch::kLong;
  throw std::invalid_argument("unexpected dtype in manifest: " + name.toStdString());
}

}  // namespace

class RealLayoutTextEncoderTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void matchesPublishedLayouts_data() {
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("component");
    QTest::newRow("sd-1.5") << "stable-diffusion-v1-5" << "text_encoder";
    QTest::newRow("sd-2.1-base") << "stable-diffusion-2-1-base" << "text_encoder";
    QTest::newRow("sd-2.1") << "stable-diffusion-2-1" << "text_encoder";
    QTest::newRow("sdxl") << "stable-diffusion-xl-base-1.0" << "text_encoder";
    QTest::newRow("sdxl-2") << "stable-diffusion-xl-base-1.0" << "text_encoder_2";
  }

  void matchesPublishedLayouts() {
    QFETCH(QString, model);
    QFETCH(QString, component);
    const QDir dir(kLayouts + "/" + model);
    const fan::JsonConfig index = fan::JsonConfig::fromFile(dir.filePath("model_index.json"));
    const QString cls = QString::fromStdString(index.getStringList(component.toUtf8().constData(), {}).at(1));
    const fan::JsonConfig manifest = fan::JsonConfig::fromFile(dir.filePath(component + "/" + component + ".tensors.json"));
    QCOMPARE(QString::fromStdString(manifest.requiredString("class")), cls);
    QVERIFY(manifest.object().value("class_defaults_for_keys_missing_from_config").toObject().isEmpty());

    const fan::ClipTextConfig config = fan::ClipTextConfig::fromJson(
        fan::JsonConfig::fromFile(dir.filePath(component + "/config.json")), cls == "CLIPTextModelWithProjection");
    std::map<std::string, std::vector<int64_t>> expected;
    for (const fan::TensorSpec& spec : fan::ClipTextModel::expectedTensors(config)) {
      QVERIFY2(expected.emplace(spec.name, spec.shape).second, spec.name.c_str());  // no duplicates
    }
    const QJsonObject tensors = manifest.object().value("tensors").toObject();
    std::map<std::string, std::vector<int64_t>> reference;
    for (auto it = tensors.begin(); it != tensors.end(); ++it) reference.emplace(it.key().toStdString(), shapeOf(it.value()));
    QCOMPARE(int64_t(reference.size()), manifest.requiredInt("tensor_count"));
    for (const auto& [name, shape] : reference) {
      QVERIFY2(expected.count(name), ("not expected by the loader: " + name).c_str());
      QVERIFY2(expected.at(name) == shape, ("shape differs: " + name).c_str());
    }
    QCOMPARE(expected.size(), reference.size());

    // Every published safetensors file's exact tensor set binds (meta tensors: shapes and dtypes only).
    int files = 0;
    for (const QJsonValue& entry : manifest.object().value("published_checkpoints").toArray()) {
      const QJsonObject file = entry.toObject();
      if (!file.contains("stored_dtype")) continue;  // a pickle, not safetensors
      const QJsonObject differences = file.value("differences_from_manifest").toObject();
      QVERIFY2(!differences.contains("renamed_in_checkpoint"), qPrintable(file.value("file").toString()));
      const torch::Dtype stored = dtypeOf(file.value("stored_dtype").toString());
      fan::WeightMap weights;
      for (const auto& [name, shape] : reference) weights[name] = torch::empty(shape, torch::dtype(stored).device(torch::kMeta));
      const QJsonObject extras = differences.value("extra_tensors").toObject();
      for (auto it = extras.begin(); it != extras.end(); ++it) {
        const QJsonObject extra = it.value().toObject();
        weights[it.key().toStdString()] = torch::empty(
            shapeOf(extra.value("shape")), torch::dtype(dtypeOf(extra.value("dtype").toString())).device(torch::kMeta));
      }
      QCOMPARE(int64_t(weights.size()), int64_t(file.value("tensor_count").toInteger()));
      const fan::ClipTextModel encoder(config, weights, dir.filePath(component), torch::device(torch::kMeta));
      QCOMPARE(encoder.numLayers(), config.numHiddenLayers);
      ++files;
    }
    QVERIFY(files >= 1);
    qInfo("%s/%s: %s, %zu tensors, %d published safetensors files accepted", qPrintable(model), qPrintable(component),
          qPrintable(cls), expected.size(), files);
  }
};

FAN_REGISTER_TEST(RealLayoutTextEncoderTest)
#include "RealLayoutTextEncoderTest.moc"
