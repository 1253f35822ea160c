// The generation pipeline beyond the goldens: scheduler switching, determinism, cancellation
// within one step, given latents, images per prompt, guidance rescale and no-CFG runs, SDXL
// micro-conditioning, the torch-free Generator (progress, previews, QImages), and bad input.
#include "core/fan/PersonalizedConditions.h"
#include "core/io/Safetensors.h"
#include "core/pipelines/Generator.h"
#include "core/pipelines/StableDiffusionPipeline.h"
#include "core/schedulers/Scheduler.h"
#include "core/schedulers/SchedulerFactory.h"
#include "tests/common/TestRegistry.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kData = QStringLiteral(FAN_TEST_DATA_DIR);
const QString kPrompt = QStringLiteral("a red circle on a blue background");

fan::PipelineParams smallRun(const std::string& sampler = "Euler", int steps = 4) {
  fan::PipelineParams p;
  p.steps = steps;
  p.width = p.height = 32;
  p.seed = 0;
  p.sampler = sampler;
  return p;
}

// Copies a model folder into `dir` (returns the copy's path).
QString copyModel(const QString& model, const QTemporaryDir& dir) {
  const QString source = kData + "/models/" + model;
  const QString target = dir.filePath(model);
  QDirIterator it(source, QDir::Files, QDirIterator::Subdirectories);
  while (it.hasNext()) {
    const QString file = it.next();
    const QString copy = target + file.mid(source.size());
    QDir().mkpath(QFileInfo(copy).path());
    if (!QFile::copy(file, copy)) qFatal("cannot copy %s", qPrintable(file));
  }
  return target;
}

void editJson(const QString& path, const char* key, const QJsonValue& value) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(path));
  QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
  f.close();
  o.insert(QLatin1String(key), value);
  if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) qFatal("cannot write %s", qPrintable(path));
  f.write(QJsonDocument(o).toJson());
}

template <typename Exception, typename F>
QString errorOf(F&& f) {
  try {
    f();
  } catch (const Exception& e) {
    return QString::fromUtf8(e.what());
  }
  return {};
}

}  // namespace

class PipelineBehaviourTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() {
    sd_ = fan::StableDiffusionPipeline::load(kData + "/models/tiny-sd");
    conditions_ = sd_->encodePrompt(kPrompt, QString());
  }

  void switchesSchedulersOnOneLoadedPipeline() {
    const fan::PipelineResult euler = generate(smallRun("Euler"));
    const fan::PipelineResult ddim = generate(smallRun("DDIMScheduler"));
    const fan::PipelineResult eulerAgain = generate(smallRun("euler"));
    QCOMPARE(euler.sampler, std::string("Euler"));
    QCOMPARE(ddim.sampler, std::string("DDIM"));
    QVERIFY(torch::equal(euler.images, eulerAgain.images));  // switching leaves no state behind
    QVERIFY((euler.images - ddim.images).abs().max().item<float>() > 1e-3f);
    QCOMPARE(generate(smallRun("")).sampler, std::string("PNDM"));  // the folder's own
    QCOMPARE(sd_->defaultSampler(), std::string("PNDM"));
    QCOMPARE(generate(smallRun("PNDM")).unetSteps, 5);  // PLMS warm-up repeats one timestep
  }

  void sameSeedIsBitIdentical() {
    for (const char* sampler : {"Euler a", "DPM++ 2M Karras"}) {
      const fan::PipelineResult a = generate(smallRun(sampler)), b = generate(smallRun(sampler));
      QVERIFY2(torch::equal(a.images, b.images), sampler);
      fan::PipelineParams other = smallRun(sampler);
      other.seed = 1;
      QVERIFY((generate(other).images - a.images).abs().max().item<float>() > 1e-3f);
    }
  }

  void cancelsWithinOneStep() {
    std::atomic<bool> cancel{false};
    fan::PipelineHooks hooks;
    hooks.cancel = &cancel;
    int lastStep = 0;
    hooks.onStep = [&](int step, int, const torch::Tensor&) {
      lastStep = step;
      if (step == 2) cancel = true;
    };
    const int64_t before = sd_->unetEvaluations();
    const QString error = errorOf<fan::GenerationCancelled>(
        [&] { sd_->generate(conditions_.positive, conditions_.negative, smallRun("Euler", 20), hooks); });
    QCOMPARE(error, QStringLiteral("generation cancelled"));
    QCOMPARE(lastStep, 2);
    QVERIFY(sd_->unetEvaluations() - before <= 3);  // the two steps done, at most one more
    // A flag set before the run stops it before the first UNet call.
    const int64_t again = sd_->unetEvaluations();
    QVERIFY(!errorOf<fan::GenerationCancelled>([&] {
               sd_->generate(conditions_.positive, conditions_.negative, smallRun("Euler", 20), hooks);
             }).isEmpty());
    QCOMPARE(sd_->unetEvaluations(), again);
  }

  void givenLatentsReplaceTheSeededDraw() {
    torch::Tensor noise;
    fan::PipelineHooks hooks;
    hooks.trace = [&](const std::string& stage, const torch::Tensor& v) {
      if (stage == "noise_initial") noise = v.clone();
    };
    const fan::PipelineResult seeded = generate(smallRun("DDIM"), hooks);
    fan::PipelineParams given = smallRun("DDIM");
    given.seed = 12345;  // unused: no draw happens
    given.latents = noise;
    QVERIFY(torch::equal(generate(given).images, seeded.images));
    given.latents = torch::zeros({1, 4, 8, 8});
    QVERIFY(errorOf<std::invalid_argument>([&] { generate(given); }).contains("[1, 4, 16, 16]"));
  }

  void imagesPerPromptShareOneDraw() {
    fan::PipelineParams p = smallRun("Euler");
    p.imagesPerPrompt = 2;
    torch::Tensor context;
    fan::PipelineHooks hooks;
    hooks.trace = [&](const std::string& stage, const torch::Tensor& v) {
      if (stage == "noise_initial") context = v.clone();
    };
    const fan::PipelineResult r = generate(p, hooks);
    QCOMPARE(r.images.sizes().vec(), (std::vector<int64_t>{2, 32, 32, 3}));
    QCOMPARE(context.size(0), int64_t(2));
    QVERIFY((r.images[0] - r.images[1]).abs().max().item<float>() > 1e-3f);
  }

  void guidanceRescaleFollowsDiffusers() {
    fan::PipelineParams p = smallRun("DDIM", 1);
    p.guidanceRescale = 0.7;
    std::map<std::string, torch::Tensor> stages;
    fan::PipelineHooks hooks;
    hooks.trace = [&](const std::string& stage, const torch::Tensor& v) { stages[stage] = v.clone(); };
    generate(p, hooks);
    // Recompute the step from the traced UNet output with rescale_noise_cfg written out.
    const auto halves = stages.at("unet_output.0").chunk(2);
    const torch::Tensor cfg = halves[0] + p.guidanceScale * (halves[1] - halves[0]);
    const torch::Tensor rescaled = cfg * (halves[1].std({1, 2, 3}, true, true) / cfg.std({1, 2, 3}, true, true));
    const torch::Tensor noise = 0.7 * rescaled + 0.3 * cfg;
    const auto scheduler = fan::makeScheduler(sd_->folder().componentConfig("scheduler"), "DDIM");
    scheduler->setTimesteps(1);
    const torch::Tensor expected = scheduler->step(noise, 0, stages.at("latents_initial"));
    QVERIFY((expected - stages.at("latents_after_step.0")).abs().max().item<float>() < 1e-6f);
    p.guidanceRescale = 0;
    QVERIFY((generate(p).images - generate(smallRun("DDIM", 1)).images).abs().max().item<float>() == 0);
  }

  void guidanceAtMostOneRunsWithoutNegative() {
    fan::PipelineParams p = smallRun("Euler", 2);
    p.guidanceScale = 1.0;
    int64_t batch = 0;
    fan::PipelineHooks hooks;
    hooks.trace = [&](const std::string& stage, const torch::Tensor& v) {
      if (stage == "unet_input.0") batch = v.size(0);
    };
    generate(p, hooks);
    QCOMPARE(batch, int64_t(1));
    // The negative is not needed then.
    sd_->generate(conditions_.positive, fan::Condition{}, p);
  }

  void sdxlTimeIdsFollowTheParameters() {
    const auto xl = fan::StableDiffusionPipeline::load(kData + "/models/tiny-sdxl");
    QVERIFY(xl->isXL());
    const auto c = xl->encodePrompt(kPrompt, std::nullopt);
    fan::PipelineParams p = smallRun("", 1);
    p.originalSize = std::array<int64_t, 2>{1024, 768};
    p.cropTopLeft = {16, 8};
    torch::Tensor ids;
    fan::PipelineHooks hooks;
    hooks.trace = [&](const std::string& stage, const torch::Tensor& v) {
      if (stage == "add_time_ids_single") ids = v.clone();
    };
    xl->generate(c.positive, c.negative, p, hooks);
    QVERIFY(torch::equal(ids, torch::tensor({1024.f, 768.f, 16.f, 8.f, 32.f, 32.f}).unsqueeze(0)));
    // An SDXL run needs pooled embeddings.
    QVERIFY(errorOf<std::invalid_argument>([&] {
              xl->generate(fan::Condition{c.positive.sequence, {}}, c.negative, p);
            }).contains("pooled"));
  }

  void generatorReportsProgressAndReturnsImages() {
    const auto generator = fan::Generator::load(kData + "/models/tiny-sd");
    QCOMPARE(generator->modelName(), QStringLiteral("tiny-sd"));
    QCOMPARE(generator->defaultSize(), QSize(32, 32));
    QCOMPARE(generator->sizeMultiple(), 2);
    QCOMPARE(generator->defaultSampler(), QStringLiteral("PNDM"));
    QCOMPARE(generator->modelHash(),
             QString::fromStdString(fan::DiffusersFolder(kData + "/models/tiny-sd").fingerprint("unet")));
    fan::GenerationParams params;
    params.prompt = kPrompt;
    params.negative = QString();
    params.sampling.steps = 4;
    params.sampling.sampler = QStringLiteral("Euler");
    std::vector<fan::GenerationProgress> reports;
    const fan::GenerationOutput out =
        generator->generate(params, [&](const fan::GenerationProgress& p) { reports.push_back(p); });
    QCOMPARE(int(reports.size()), 4);
    for (int i = 0; i < 4; ++i) {
      QCOMPARE(reports[size_t(i)].step, i + 1);
      QCOMPARE(reports[size_t(i)].total, 4);
      QCOMPARE(reports[size_t(i)].preview.size(), QSize(16, 16));  // latent resolution
    }
    QVERIFY(reports[3].elapsedSeconds >= reports[0].elapsedSeconds);
    QCOMPARE(out.sampler, QStringLiteral("Euler"));
    QCOMPARE(int(out.images.size()), 1);
    const QImage& image = out.images[0];
    QCOMPARE(image.format(), QImage::Format_RGB888);
    QCOMPARE(image.size(), QSize(32, 32));
    // The 8-bit image is the golden float image rounded (diffusers' numpy_to_pil).
    const torch::Tensor golden =
        fan::loadSafetensors(kData + "/goldens/pipelines/tiny-sd_euler.safetensors").at("images")[0];
    int worst = 0;
    for (int y = 0; y < 32; ++y)
      for (int x = 0; x < 32; ++x)
        for (int ch = 0; ch < 3; ++ch) {
          const int expected = int(std::lround(golden[y][x][ch].item<float>() * 255));
          worst = std::max(worst, std::abs(int(image.constScanLine(y)[x * 3 + ch]) - expected));
        }
    QVERIFY2(worst <= 1, qPrintable(QString::number(worst)));

    // Cancelling through the torch-free API.
    std::atomic<bool> cancel{false};
    params.sampling.steps = 10;
    int seen = 0;
    QVERIFY(!errorOf<fan::GenerationCancelled>([&] {
               generator->generate(
                   params,
                   [&](const fan::GenerationProgress& p) {
                     seen = p.step;
                     if (p.step == 2) cancel = true;
                   },
                   &cancel);
             }).isEmpty());
    QCOMPARE(seen, 2);
  }

  void fanConditionsDriveTheGenerator() {
    const auto generator = fan::Generator::load(kData + "/models/tiny-sd");
    const auto plain = generator->pipeline().encodePrompt(kPrompt, std::nullopt);
    fan::PersonalizedConditions c{plain.positive, plain.positive, plain.negative};
    c.personalized.sequence = plain.positive.sequence + 0.5;
    fan::SamplingParams s;
    s.steps = 2;
    s.sampler = QStringLiteral("DDIM");
    const QImage target = generator->generate(c, fan::FanCondition::Target, s).images[0];
    const QImage personalized = generator->generate(c, fan::FanCondition::Personalized, s).images[0];
    fan::GenerationParams params;
    params.prompt = kPrompt;
    params.sampling = s;
    QCOMPARE(generator->generate(params).images[0], target);  // the target is the plain prompt
    QVERIFY(personalized != target);
  }

  void badParametersAreClearErrors() {
    fan::PipelineParams p = smallRun();
    p.width = 33;
    QVERIFY(errorOf<std::invalid_argument>([&] { generate(p); }).contains("width 33 is not a positive multiple of 2"));
    p = smallRun();
    p.steps = 0;
    QVERIFY(errorOf<std::invalid_argument>([&] { generate(p); }).contains("steps must be at least 1, got 0"));
    p = smallRun();
    p.guidanceScale = -1;
    QVERIFY(errorOf<std::invalid_argument>([&] { generate(p); }).contains("guidance scale"));
    p = smallRun();
    p.guidanceRescale = 1.5;
    QVERIFY(errorOf<std::invalid_argument>([&] { generate(p); }).contains("guidance rescale"));
    p = smallRun("Heun");
    const QString unknown = errorOf<std::invalid_argument>([&] { generate(p); });
    QVERIFY2(unknown.contains("unknown scheduler 'Heun'") && unknown.contains("Euler a"), qPrintable(unknown));
    p = smallRun();
    p.steps = 5000;
    QVERIFY(!errorOf<std::invalid_argument>([&] { generate(p); }).isEmpty());
  }

  void clipSkipReachesTheEncoder() {
    const auto skip2 = sd_->encodePrompt(kPrompt, QString(), 2);
    QVERIFY((skip2.positive.sequence - conditions_.positive.sequence).abs().max().item<float>() > 1e-3f);
    QVERIFY(!torch::equal(generate(smallRun(), {}, skip2).images, generate(smallRun()).images));
    QVERIFY(errorOf<std::invalid_argument>([&] { sd_->encodePrompt(kPrompt, QString(), 99); }).contains("99"));
  }

  void outOfMemoryIsAClearError() {
    // 262144 x 262144 pixels: 275 GB of initial latents, refused by the allocator up front. With
    // vm.overcommit_memory = 1 the kernel would grant it and kill the process on first touch.
    QFile overcommit(QStringLiteral("/proc/sys/vm/overcommit_memory"));
    if (!overcommit.open(QIODevice::ReadOnly) || overcommit.readAll().trimmed() == "1")
      QSKIP("the kernel always overcommits here; an impossible allocation would not fail cleanly");
    fan::PipelineParams p = smallRun();
    p.width = p.height = 262144;
    const QString error = errorOf<fan::OutOfMemoryError>([&] { generate(p); });
    QVERIFY2(error.startsWith("out of memory generating 262144x262144"), qPrintable(error));
  }

  void corruptedWeightsAreAClearError() {
    QTemporaryDir tmp;
    const QString model = copyModel(QStringLiteral("tiny-sd"), tmp);
    const QString weights = model + "/unet/diffusion_pytorch_model.safetensors";
    QFile f(weights);
    QVERIFY(f.open(QIODevice::ReadWrite));
    f.resize(f.size() / 2);  // truncated download
    f.close();
    const QString error = errorOf<fan::LoadError>([&] { fan::StableDiffusionPipeline::load(model); });
    QVERIFY2(error.contains("diffusion_pytorch_model.safetensors"), qPrintable(error));
  }

  void textEncoderWidthMustMatchTheUnet() {
    QTemporaryDir tmp;
    const QString model = copyModel(QStringLiteral("tiny-sd"), tmp);
    editJson(model + "/unet/config.json", "cross_attention_dim", 48);
    const QString error = errorOf<fan::LoadError>([&] { fan::StableDiffusionPipeline::load(model); });
    QVERIFY2(error.contains("width 32") && error.contains("cross_attention_dim 48"), qPrintable(error));
    // A folder that is not a text-to-image pipeline.
    QVERIFY(errorOf<fan::LoadError>([&] { fan::StableDiffusionPipeline::load(kData + "/models/tiny-t5"); })
                .contains("StableDiffusionPipeline"));
  }

 private:
  fan::PipelineResult generate(const fan::PipelineParams& p, const fan::PipelineHooks& hooks = {},
                               const std::optional<fan::StableDiffusionPipeline::PromptConditions>& c = {}) {
    const auto& conditions = c ? *c : conditions_;
    return sd_->generate(conditions.positive, conditions.negative, p, hooks);
  }

  std::unique_ptr<fan::StableDiffusionPipeline> sd_;
  fan::StableDiffusionPipeline::PromptConditions conditions_;
};

FAN_REGISTER_TEST(PipelineBehaviourTest)
#include "PipelineBehaviourTest.moc"
