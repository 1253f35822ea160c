// Diffusers folder reading on the four tiny models, the published real-model layouts (configs
// only, no weights) and generated broken folders.
#include "core/io/DiffusersFolder.h"
#include "core/io/DiffusersWeights.h"
#include "tests/common/TestRegistry.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

namespace {

QString data(const QString& relative) { return QStringLiteral(FAN_TEST_DATA_DIR "/") + relative; }

void writeText(const QString& path, const QByteArray& text) {
  QDir().mkpath(QFileInfo(path).absolutePath());
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(path));
  file.write(text);
}

void copyFile(const QString& from, const QString& to) {
  QDir().mkpath(QFileInfo(to).absolutePath());
  if (!QFile::copy(from, to)) qFatal("cannot copy %s", qPrintable(from));
}

// A minimal StableDiffusionPipeline folder: model_index.json and every required component
// folder with its config (copied from tiny-sd), no weights.
QString makePipeline(const QTemporaryDir& tmp, const QByteArray& className = "StableDiffusionPipeline") {
  const QString root = tmp.filePath(QString::fromLatin1(className));
  QByteArray index = R"({"_class_name": ")" + className + R"(", "_diffusers_version": "0.21.4")";
  for (const char* c : {"scheduler", "text_encoder", "tokenizer", "unet", "vae"}) {
    const QString name = QString::fromLatin1(c);
    for (const QString& file : QDir(data("models/tiny-sd/" + name)).entryList({"*.json"}, QDir::Files))
      copyFile(data("models/tiny-sd/" + name + "/" + file), root + "/" + name + "/" + file);
  }
  index += R"(, "scheduler": ["diffusers", "PNDMScheduler"], "text_encoder": ["transformers", "CLIPTextModel"],
    "tokenizer": ["transformers", "CLIPTokenizer"], "unet": ["diffusers", "UNet2DConditionModel"],
    "vae": ["diffusers", "AutoencoderKL"], "safety_checker": [null, null], "requires_safety_checker": false})";
  writeText(root + "/model_index.json", index);
  return root;
}

template <typename F>
void expectError(F&& f, const QStringList& fragments) {
  try {
    f();
    QFAIL(qPrintable("no error, expected: " + fragments.join(" | ")));
  } catch (const fan::LoadError& e) {
    const QString what = QString::fromUtf8(e.what());
    for (const QString& fragment : fragments)
      QVERIFY2(what.contains(fragment), qPrintable("got: " + what + "\nexpected fragment: " + fragment));
  }
}

std::vector<std::string> names(const fan::DiffusersFolder& folder) {
  std::vector<std::string> out;
  for (const auto& c : folder.components()) out.push_back(c.name);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

class DiffusersFolderTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void readsTinySd() {
    const fan::DiffusersFolder folder(data("models/tiny-sd"));
    QVERIFY(folder.isPipeline());
    QCOMPARE(folder.pipelineClass(), std::string("StableDiffusionPipeline"));
    QCOMPARE(names(folder), (std::vector<std::string>{"scheduler", "text_encoder", "tokenizer", "unet", "vae"}));
    QCOMPARE(folder.component("unet").className, std::string("UNet2DConditionModel"));
    QCOMPARE(folder.component("text_encoder").library, std::string("transformers"));
    QVERIFY(folder.component("scheduler").kind == fan::DiffusersFolder::Kind::Scheduler);
    QVERIFY(folder.component("tokenizer").kind == fan::DiffusersFolder::Kind::Tokenizer);
    QCOMPARE(folder.componentDir("unet"), QDir::cleanPath(data("models/tiny-sd/unet")));
    QCOMPARE(folder.componentConfig("unet").getIntList("block_out_channels", {}), (std::vector<int64_t>{32, 64}));
    QCOMPARE(folder.componentConfig("scheduler").requiredString("_class_name"), std::string("PNDMScheduler"));
    QCOMPARE(folder.componentConfig("tokenizer").requiredInt("model_max_length"), int64_t(77));
    QCOMPARE(folder.componentConfig("vae").getDouble("scaling_factor", 0), 0.18215);

    const fan::WeightFiles unetFiles = folder.weightFiles("unet");
    QCOMPARE(unetFiles.files, QStringList{QDir::cleanPath(data("models/tiny-sd/unet/diffusion_pytorch_model.safetensors"))});
    QVERIFY(!unetFiles.fp16Variant && unetFiles.indexFile.isEmpty());
    QVERIFY(folder.weightFiles("text_encoder").files.front().endsWith("/text_encoder/model.safetensors"));

    const fan::WeightMap unet = fan::loadComponentWeights(folder, "unet");
    QCOMPARE(unet.size(), size_t(304));
    QCOMPARE(unet.at("conv_in.weight").flatten()[1].item<float>(), -0.20038007199764252f);
    const fan::WeightMap te = fan::loadComponentWeights(folder, "text_encoder");
    QCOMPARE(te.at("text_model.embeddings.token_embedding.weight").sizes().vec(), (std::vector<int64_t>{49408, 32}));
    // Requested dtype: converted, values preserved to half precision.
    const fan::WeightMap half = fan::loadComponentWeights(folder, "unet", fan::WeightVariant::PreferFull, torch::kHalf);
    QVERIFY(half.at("conv_in.weight").scalar_type() == torch::kHalf);
    QVERIFY(torch::allclose(half.at("conv_in.weight").to(torch::kFloat), unet.at("conv_in.weight"), 0, 1e-3));
    expectError([&] { folder.weightFiles("scheduler"); }, {"no weight file", "component 'scheduler'"});
    expectError([&] { folder.component("text_encoder_2"); },
                {QDir::cleanPath(data("models/tiny-sd")), "no component 'text_encoder_2'", "unet"});
  }

  void readsTinySd2vAndSdxl() {
    const fan::DiffusersFolder sd2(data("models/tiny-sd2v"));
    QCOMPARE(sd2.componentConfig("scheduler").getString("prediction_type", ""), std::string("v_prediction"));
    QCOMPARE(fan::loadComponentWeights(sd2, "vae").count("decoder.conv_out.weight"), size_t(1));

    const fan::DiffusersFolder xl(data("models/tiny-sdxl"));
    QCOMPARE(xl.pipelineClass(), std::string("StableDiffusionXLPipeline"));
    QCOMPARE(names(xl), (std::vector<std::string>{"scheduler", "text_encoder", "text_encoder_2", "tokenizer",
                                                 "tokenizer_2", "unet", "vae"}));
    QCOMPARE(xl.component("text_encoder_2").className, std::string("CLIPTextModelWithProjection"));
    QVERIFY(xl.modelIndex().getBool("force_zeros_for_empty_prompt", false));
    QCOMPARE(xl.componentConfig("unet").getString("addition_embed_type", ""), std::string("text_time"));
    QCOMPARE(xl.componentConfig("tokenizer_2").getString("pad_token", ""), std::string("!"));
    const fan::WeightMap te2 = fan::loadComponentWeights(xl, "text_encoder_2");
    QCOMPARE(te2.at("text_projection.weight").sizes().vec(), (std::vector<int64_t>{32, 32}));
  }

  void readsPlainT5Folder() {
    const fan::DiffusersFolder t5(data("models/tiny-t5"));
    QVERIFY(!t5.isPipeline());
    QCOMPARE(names(t5), (std::vector<std::string>{"model", "tokenizer"}));
    QCOMPARE(t5.component("model").className, std::string("T5EncoderModel"));
    QCOMPARE(t5.component("tokenizer").className, std::string("T5Tokenizer"));
    QCOMPARE(t5.componentDir("model"), QDir::cleanPath(data("models/tiny-t5")));
    QCOMPARE(t5.componentConfig("model").requiredInt("d_model"), int64_t(32));
    QCOMPARE(t5.componentConfig("tokenizer").requiredInt("extra_ids"), int64_t(100));
    const fan::WeightMap w = fan::loadComponentWeights(t5, "model");
    QCOMPARE(w.at("shared.weight").sizes().vec(), (std::vector<int64_t>{32128, 32}));
    QVERIFY(t5.fingerprint("model") != t5.fingerprint("tokenizer"));
  }

  void readsRealLayouts_data() {
    QTest::addColumn<QString>("folder");
    QTest::addColumn<QString>("pipeline");
    QTest::addColumn<int>("crossAttentionDim");
    QTest::addColumn<QString>("scheduler");
    QTest::newRow("sd1.5") << "stable-diffusion-v1-5" << "StableDiffusionPipeline" << 768 << "PNDMScheduler";
    QTest::newRow("sd2.1-base") << "stable-diffusion-2-1-base" << "StableDiffusionPipeline" << 1024 << "PNDMScheduler";
    QTest::newRow("sd2.1") << "stable-diffusion-2-1" << "StableDiffusionPipeline" << 1024 << "DDIMScheduler";
    QTest::newRow("sdxl") << "stable-diffusion-xl-base-1.0" << "StableDiffusionXLPipeline" << 2048
                          << "EulerDiscreteScheduler";
  }

  void readsRealLayouts() {
    QFETCH(QString, folder);
    QFETCH(QString, pipeline);
    QFETCH(int, crossAttentionDim);
    QFETCH(QString, scheduler);
    const fan::DiffusersFolder f(data("real-layouts/" + folder));
    QCOMPARE(QString::fromStdString(f.pipelineClass()), pipeline);
    QCOMPARE(f.componentConfig("unet").requiredInt("cross_attention_dim"), int64_t(crossAttentionDim));
    QCOMPARE(QString::fromStdString(f.componentConfig("scheduler").requiredString("_class_name")), scheduler);
    QCOMPARE(f.componentConfig("text_encoder").requiredString("model_type"), std::string("clip_text_model"));
    QVERIFY(!f.componentConfig("tokenizer").getString("tokenizer_class", "").empty());
    QCOMPARE(f.componentConfig("vae").requiredInt("latent_channels"), int64_t(4));
    // Published without weights: resolution names the folder and what it looked for.
    for (const char* component : {"unet", "vae", "text_encoder"})
      expectError([&] { f.weightFiles(component); },
                  {f.componentDir(component), "no weight file", "model.safetensors"});
    QCOMPARE(f.fingerprint("tokenizer").size(), size_t(16));
    QCOMPARE(f.fingerprint("scheduler").size(), size_t(16));
  }

  void realLayoutComponentsFollowModelIndex() {
    const fan::DiffusersFolder sd15(data("real-layouts/stable-diffusion-v1-5"));
    QVERIFY(sd15.hasComponent("safety_checker"));
    QVERIFY(sd15.component("feature_extractor").kind == fan::DiffusersFolder::Kind::ImageProcessor);
    QCOMPARE(sd15.componentConfig("feature_extractor").requiredInt("crop_size"), int64_t(224));
    const fan::DiffusersFolder sd21(data("real-layouts/stable-diffusion-2-1"));
    QVERIFY(!sd21.hasComponent("safety_checker"));  // [null, null]
    QVERIFY(!sd21.modelIndex().getBool("requires_safety_checker", true));
  }

  void fingerprintFollowsContent() {
    const fan::DiffusersFolder tiny(data("models/tiny-sd"));
    const std::string te = tiny.fingerprint("text_encoder");
    QCOMPARE(te.size(), size_t(16));
    QCOMPARE(tiny.fingerprint("text_encoder"), te);
    QVERIFY(te != tiny.fingerprint("unet"));
    QVERIFY(te != fan::DiffusersFolder(data("models/tiny-sdxl")).fingerprint("text_encoder"));

    // Same bytes elsewhere: same fingerprint; a changed config or weight layout: another one.
    QTemporaryDir tmp;
    const QString copy = makePipeline(tmp);
    copyFile(data("models/tiny-sd/text_encoder/model.safetensors"), copy + "/text_encoder/model.safetensors");
    QCOMPARE(fan::DiffusersFolder(copy).fingerprint("text_encoder"), te);
    QCOMPARE(fan::DiffusersFolder(copy).fingerprint("tokenizer").size(), size_t(16));
    QVERIFY(fan::DiffusersFolder(copy).fingerprint("tokenizer") != tiny.fingerprint("tokenizer"));  // no vocab copied
    writeText(copy + "/text_encoder/config.json", "{}");
    QVERIFY(fan::DiffusersFolder(copy).fingerprint("text_encoder") != te);
    QFile::remove(copy + "/text_encoder/config.json");
    copyFile(data("models/tiny-sd/text_encoder/config.json"), copy + "/text_encoder/config.json");
    QCOMPARE(fan::DiffusersFolder(copy).fingerprint("text_encoder"), te);
    // Same layout, one changed value: another fingerprint (the data is sampled, not just the header).
    const QString weights = copy + "/text_encoder/model.safetensors";
    fan::WeightMap w = fan::loadSafetensors(weights);
    auto rewrite = [&] {
      QFile::remove(weights);
      fan::saveSafetensors(weights, w);
      return fan::DiffusersFolder(copy).fingerprint("text_encoder");
    };
    const std::string resaved = rewrite();
    const std::string header(fan::SafetensorsFile(weights).headerJson());
    w["text_model.final_layer_norm.bias"] = w.at("text_model.final_layer_norm.bias") + 1.0f;
    QVERIFY(rewrite() != resaved);
    QCOMPARE(std::string(fan::SafetensorsFile(weights).headerJson()), header);
  }

  void fp16VariantSelection() {
    QTemporaryDir tmp;
    const QString root = makePipeline(tmp);
    const fan::WeightMap full = fan::loadSafetensors(data("models/tiny-sd/vae/diffusion_pytorch_model.safetensors"));
    fan::WeightMap half;
    for (const auto& [name, t] : full) half.emplace(name, t.to(torch::kHalf));
    fan::saveSafetensors(root + "/vae/diffusion_pytorch_model.fp16.safetensors", half, {{"format", "pt"}});
    const fan::DiffusersFolder folder(root);
    using V = fan::WeightVariant;
    // Only the fp16 file: every variant but Full finds it.
    for (V v : {V::PreferFull, V::PreferFp16, V::Fp16}) QVERIFY(folder.weightFiles("vae", v).fp16Variant);
    expectError([&] { folder.weightFiles("vae", V::Full); },
                {"no full-precision weight file", "only the fp16 variant is there"});
    const fan::WeightMap loaded = fan::loadComponentWeights(folder, "vae", V::Fp16);
    QCOMPARE(loaded.size(), full.size());
    for (const auto& [name, t] : loaded) {
      QVERIFY(t.scalar_type() == torch::kFloat);
      QVERIFY2(torch::allclose(t, full.at(name), 1e-3, 1e-4), name.c_str());
    }
    // Both files: the Prefer* order decides.
    copyFile(data("models/tiny-sd/vae/diffusion_pytorch_model.safetensors"), root + "/vae/diffusion_pytorch_model.safetensors");
    QVERIFY(!folder.weightFiles("vae", V::PreferFull).fp16Variant);
    QVERIFY(folder.weightFiles("vae", V::PreferFp16).fp16Variant);
    QVERIFY(!folder.weightFiles("vae", V::Full).fp16Variant);
    QVERIFY(folder.fingerprint("vae", V::Full) != folder.fingerprint("vae", V::Fp16));
    // Loaded in its stored dtype, the fp16 file is not converted (a view of the mapping).
    const fan::WeightMap view = fan::loadComponentWeights(folder, "vae", V::Fp16, torch::kHalf);
    QVERIFY(view.at("decoder.conv_out.weight").scalar_type() == torch::kHalf);
  }

  void shardedWeights() {
    QTemporaryDir tmp;
    const QString root = makePipeline(tmp);
    const fan::WeightMap full = fan::loadSafetensors(data("models/tiny-sd/unet/diffusion_pytorch_model.safetensors"));
    fan::WeightMap a, b;
    QByteArray map;
    for (const auto& [name, t] : full) {
      const bool first = name < "mid";
      (first ? a : b).emplace(name, t);
      map += QByteArray(map.isEmpty() ? "" : ",") + "\"" + QByteArray::fromStdString(name) + "\":\"" +
             (first ? "unet-00001-of-00002.safetensors" : "unet-00002-of-00002.safetensors") + "\"";
    }
    QVERIFY(!a.empty() && !b.empty());
    fan::saveSafetensors(root + "/unet/unet-00001-of-00002.safetensors", a);
    fan::saveSafetensors(root + "/unet/unet-00002-of-00002.safetensors", b);
    const QString index = root + "/unet/diffusion_pytorch_model.safetensors.index.json";
    writeText(index, R"({"metadata": {"total_size": 1}, "weight_map": {)" + map + "}}");
    const fan::DiffusersFolder folder(root);
    const fan::WeightFiles files = folder.weightFiles("unet");
    QCOMPARE(files.files.size(), 2);
    QCOMPARE(files.indexFile, QDir::cleanPath(index));
    QCOMPARE(files.weightMap.size(), full.size());
    const fan::WeightMap loaded = fan::loadComponentWeights(folder, "unet");
    QCOMPARE(loaded.size(), full.size());
    for (const auto& [name, t] : full) QVERIFY2(torch::equal(loaded.at(name), t), name.c_str());

    // A name the index puts in a shard that does not hold it.
    QByteArray wrong = map;
    wrong.replace("\"conv_in.bias\":\"unet-00001", "\"conv_in.bias\":\"unet-00002");
    writeText(index, R"({"weight_map": {)" + wrong + "}}");
    expectError([&] { fan::loadComponentWeights(folder, "unet"); },
                {index, "weight_map puts 'conv_in.bias' in unet-00002-of-00002.safetensors"});
    // A tensor in two shards.
    fan::WeightMap dup = b;
    dup.emplace("conv_in.bias", full.at("conv_in.bias"));
    QFile::remove(root + "/unet/unet-00002-of-00002.safetensors");
    fan::saveSafetensors(root + "/unet/unet-00002-of-00002.safetensors", dup);
    writeText(index, R"({"weight_map": {)" + map + "}}");
    expectError([&] { fan::loadComponentWeights(folder, "unet"); }, {"tensor 'conv_in.bias' is also in"});
    // A missing shard.
    QFile::remove(root + "/unet/unet-00002-of-00002.safetensors");
    expectError([&] { folder.weightFiles("unet"); },
                {index, "shard 'unet-00002-of-00002.safetensors'", "does not exist in"});
    // Index entries must stay inside the folder and be safetensors.
    writeText(index, R"({"weight_map": {"a": "../vae/diffusion_pytorch_model.safetensors"}})");
    expectError([&] { folder.weightFiles("unet"); }, {"is not a plain file name"});
    writeText(index, R"({"weight_map": {"a": "x.bin"}})");
    expectError([&] { folder.weightFiles("unet"); }, {"'x.bin' is not a .safetensors file"});
    writeText(index, R"({"weight_map": {"a": "s.safetensors", "a": "t.safetensors"}})");
    expectError([&] { folder.weightFiles("unet"); }, {index, "duplicate key 'a'"});
    writeText(index, R"({"metadata": {}})");
    expectError([&] { folder.weightFiles("unet"); }, {"non-empty \"weight_map\""});
  }

  void brokenFolders() {
    QTemporaryDir tmp;
    expectError([&] { fan::DiffusersFolder(tmp.filePath("nowhere")); }, {"nowhere", "folder does not exist"});
    QDir().mkpath(tmp.filePath("empty"));
    expectError([&] { fan::DiffusersFolder(tmp.filePath("empty")); },
                {"empty", "expected model_index.json (a diffusers pipeline) or config.json"});

    const QString root = makePipeline(tmp);
    {  // missing component folder
      QDir(root + "/vae").removeRecursively();
      expectError([&] { fan::DiffusersFolder{root}; },
                  {"component 'vae' is listed in model_index.json but its folder", root + "/vae", "is missing"});
      copyFile(data("models/tiny-sd/vae/config.json"), root + "/vae/config.json");
    }
    {  // missing config file
      QFile::remove(root + "/unet/config.json");
      const fan::DiffusersFolder folder(root);
      expectError([&] { folder.componentConfig("unet"); },
                  {root + "/unet", "missing config.json", "component 'unet'"});
      QFile::remove(root + "/scheduler/scheduler_config.json");
      expectError([&] { folder.componentConfig("scheduler"); }, {root + "/scheduler", "missing scheduler_config.json"});
    }
    {  // pickle-only weights
      writeText(root + "/unet/diffusion_pytorch_model.bin", "not really a pickle");
      const fan::DiffusersFolder folder(root);
      expectError([&] { folder.weightFiles("unet"); },
                  {root + "/unet", "diffusion_pytorch_model.bin", "not loaded for safety", "safetensors"});
    }
    const QString other = tmp.filePath("other");
    {  // unsupported pipeline class
      const QString p = makePipeline(tmp, "KandinskyPipeline");
      expectError([&] { fan::DiffusersFolder{p}; },
                  {p + "/model_index.json", "KandinskyPipeline is not supported",
                   "StableDiffusionPipeline, StableDiffusionXLPipeline"});
    }
    {  // a required component not listed
      writeText(other + "/model_index.json", R"({"_class_name": "StableDiffusionXLPipeline", "unet": ["diffusers", "UNet2DConditionModel"]})");
      expectError([&] { fan::DiffusersFolder{other}; },
                  {other + "/model_index.json", "component 'text_encoder' is missing", "StableDiffusionXLPipeline needs"});
      writeText(other + "/model_index.json", R"({"_class_name": "StableDiffusionPipeline", "unet": ["diffusers"]})");
      expectError([&] { fan::DiffusersFolder{other}; }, {"'unet' must be [library, class]"});
      writeText(other + "/model_index.json", R"({"unet": ["diffusers", "UNet2DConditionModel"]})");
      expectError([&] { fan::DiffusersFolder{other}; }, {"missing key '_class_name'"});
      writeText(other + "/model_index.json", R"({"_class_name": "StableDiffusionPipeline",)");
      expectError([&] { fan::DiffusersFolder{other}; }, {other + "/model_index.json", "invalid JSON"});
    }
  }
};

FAN_REGISTER_TEST(DiffusersFolderTest)
#include "DiffusersFolderTest.moc"
