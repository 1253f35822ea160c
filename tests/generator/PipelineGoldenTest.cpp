// Full text-to-image pipelines against diffusers 0.21.4 (tests/data/goldens/pipelines), stage by
// stage: seeded noise, initial latents, prompt embeddings (+ SDXL pooled and time ids), every
// step's UNet input/output and latents, the VAE input/output and the images. The schedulers are
// swapped in by the names users pick, on one loaded pipeline per model.
#include "core/io/Safetensors.h"
#include "core/pipelines/StableDiffusionPipeline.h"
#include "core/schedulers/Scheduler.h"
#include "core/schedulers/SchedulerFactory.h"
#include "tests/common/TestRegistry.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <map>

namespace {

const QString kData = QStringLiteral(FAN_TEST_DATA_DIR);

struct Tolerance {
  double atol, rtol;
};

// FIXTURES.md: images 1e-3; latents and the other intermediates 1e-4 + 1e-5 relative, where
// "relative" is to the tensor's scale (its largest golden magnitude), not to each element: CFG
// (x7.5) and the sigma steps (up to ~10) amplify the UNet's float32 rounding (~2e-6) about
// 100-fold, also at elements whose own value happens to be small.
Tolerance toleranceFor(const std::string& key) {
  if (key == "images") return {1e-3, 0};
  return {1e-4, 1e-5};
}

struct Error {
  double maxAbs = 0;
  double scale = 0;  // largest golden magnitude
  double allowed = 0;
};

Error compare(const torch::Tensor& actual, const torch::Tensor& golden, const Tolerance& tol) {
  if (actual.sizes() != golden.sizes()) return {INFINITY, 0, 0};
  const torch::Tensor a = actual.to(torch::kDouble), b = golden.to(torch::kDouble);
  const double scale = b.abs().max().item<double>();
  return {(a - b).abs().max().item<double>(), scale, tol.atol + tol.rtol * scale};
}

// The manifests are Python's json output, which writes -Infinity for some scheduler defaults.
QJsonObject readManifest(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(path));
  QByteArray json = f.readAll();
  json.replace("-Infinity", "null").replace("Infinity", "null").replace("NaN", "null");
  return QJsonDocument::fromJson(json).object();
}

struct Case {
  const char* golden;
  const char* model;
  const char* sampler;  // as a user picks it; "" = the folder's own scheduler
};

const Case kCases[] = {
    {"tiny-sd_pndm", "tiny-sd", "PNDM"},
    {"tiny-sd_ddim", "tiny-sd", "DDIM"},
    {"tiny-sd_euler", "tiny-sd", "Euler"},
    {"tiny-sd_euler_ancestral", "tiny-sd", "Euler a"},
    {"tiny-sd_dpmsolver_multistep", "tiny-sd", "DPM++ 2M"},
    {"tiny-sd_dpmsolver_multistep_karras", "tiny-sd", "DPM++ 2M Karras"},
    {"tiny-sd_lms", "tiny-sd", "LMS"},
    {"tiny-sd2v_ddim", "tiny-sd2v", ""},
    {"tiny-sd2v_euler", "tiny-sd2v", "Euler"},
    {"tiny-sdxl_euler", "tiny-sdxl", ""},
    {"tiny-sdxl_euler_zero_negative", "tiny-sdxl", ""},
};

}  // namespace

class PipelineGoldenTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() {
    for (const char* model : {"tiny-sd", "tiny-sd2v", "tiny-sdxl"})
      pipelines_[model] = fan::StableDiffusionPipeline::load(kData + "/models/" + model);
  }

  void reproducesDiffusers_data() {
    QTest::addColumn<int>("index");
    for (int i = 0; i < int(std::size(kCases)); ++i) QTest::newRow(kCases[i].golden) << i;
  }

  void reproducesDiffusers() {
    QFETCH(int, index);
    const Case& c = kCases[index];
    const QString base = kData + "/goldens/pipelines/" + c.golden;
    const QJsonObject manifest = readManifest(base + ".json");
    const fan::WeightMap golden = fan::loadSafetensors(base + ".safetensors");
    const QJsonObject call = manifest.value("call_kwargs").toObject();
    const fan::StableDiffusionPipeline& pipeline = *pipelines_.at(c.model);

    std::map<std::string, torch::Tensor> stages;
    // negative_prompt absent from the call = None (SDXL: zeros).
    const std::optional<QString> negative =
        call.contains("negative_prompt") ? std::optional<QString>(call.value("negative_prompt").toString()) : std::nullopt;
    const auto conditions = pipeline.encodePrompt(call.value("prompt").toString(), negative);
    stages["prompt_embeds"] = conditions.positive.sequence;
    stages["negative_prompt_embeds"] = conditions.negative.sequence;
    if (pipeline.isXL()) {
      stages["pooled_prompt_embeds"] = conditions.positive.pooled;
      stages["negative_pooled_prompt_embeds"] = conditions.negative.pooled;
    }

    fan::PipelineParams params;
    params.steps = call.value("num_inference_steps").toInt();
    params.guidanceScale = call.value("guidance_scale").toDouble();
    params.width = call.value("width").toInt();
    params.height = call.value("height").toInt();
    params.seed = 0;  // torch.Generator("cpu").manual_seed(0)
    params.sampler = c.sampler;
    fan::PipelineHooks hooks;
    hooks.trace = [&](const std::string& stage, const torch::Tensor& value) { stages[stage] = value.clone(); };
    const fan::PipelineResult result = pipeline.generate(conditions.positive, conditions.negative, params, hooks);
    stages["images"] = result.images;

    // The scheduler as the run built it: its tables against the golden's.
    const auto scheduler = fan::makeScheduler(pipeline.folder().componentConfig("scheduler"), c.sampler);
    QCOMPARE(QString::fromStdString(scheduler->className()), manifest.value("scheduler_class").toString());
    scheduler->setTimesteps(params.steps);
    stages["timesteps"] = stages.at("unet_timesteps");
    stages["init_noise_sigma"] = torch::tensor(static_cast<float>(scheduler->initNoiseSigma()));
    if (!scheduler->sigmas().empty())
      stages["sigmas"] = torch::tensor(std::vector<float>(scheduler->sigmas().begin(), scheduler->sigmas().end()));

    double worstImage = 0, worstStage = 0, worstEmbedding = 0;  // stages: relative to their scale
    for (const auto& [key, expected] : golden) {
      const auto found = stages.find(key);
      QVERIFY2(found != stages.end(), (std::string("no stage for golden tensor ") + key).c_str());
      Tolerance tol = toleranceFor(key);
      // vae_decode_input = latents / scaling_factor: the latents' tolerance, scaled the same way.
      if (key == "vae_decode_input") tol.atol /= pipeline.vae().config().scalingFactor;
      const Error e = compare(found->second, expected, tol);
      if (qEnvironmentVariableIsSet("FAN_DEBUG_STAGES"))  // every stage, for diagnosing a drift
        qInfo("  %s: max abs error %.3g (scale %.3g)", key.c_str(), e.maxAbs, e.scale);
      QVERIFY2(e.maxAbs <= e.allowed, qPrintable(QStringLiteral("%1 %2: max abs error %3, allowed %4 (%5 vs %6)")
                                                    .arg(c.golden, QString::fromStdString(key))
                                                    .arg(e.maxAbs)
                                                    .arg(e.allowed)
                                                    .arg(c10::str(found->second.sizes()).c_str(),
                                                         c10::str(expected.sizes()).c_str())));
      if (key == "images")
        worstImage = std::max(worstImage, e.maxAbs);
      else if (key.find("embeds") != std::string::npos)
        worstEmbedding = std::max(worstEmbedding, e.maxAbs);
      else if (e.scale > 0)
        worstStage = std::max(worstStage, e.maxAbs / e.scale);
    }
    // Sampling from the same seed draws the same noise as PyTorch, bit for bit.
    QCOMPARE(compare(stages.at("noise_initial"), golden.at("noise_initial"), {0, 0}).maxAbs, 0.0);
    qInfo("%s (%s): max abs error images %.3g, embeddings %.3g; latents/UNet/VAE stages %.3g of their scale",
          c.golden, result.sampler.c_str(), worstImage, worstEmbedding, worstStage);
  }

 private:
  std::map<std::string, std::unique_ptr<fan::StableDiffusionPipeline>> pipelines_;
};

FAN_REGISTER_TEST(PipelineGoldenTest)
#include "PipelineGoldenTest.moc"
