// The schedulers against diffusers 0.21.4 (tests/data/goldens/schedulers, FIXTURES.md
// "Schedulers"): the schedule tables and a 10-step loop per golden, plus the swap semantics
// and the errors for bad input.
#include "core/io/JsonConfig.h"
#include "core/io/Safetensors.h"
#include "core/schedulers/DDIMScheduler.h"
#include "core/schedulers/LMSDiscreteScheduler.h"
#include "core/schedulers/NoiseSchedule.h"
#include "core/schedulers/Scheduler.h"
#include "core/schedulers/SchedulerFactory.h"
#include "tests/common/TestRegistry.h"

#include <ATen/CPUGeneratorImpl.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>
#include <functional>

namespace {

const QString kData = QStringLiteral(FAN_TEST_DATA_DIR);

fan::JsonConfig folderJson(const QString& model) {
  return fan::JsonConfig::fromFile(kData + "/models/" + model + "/scheduler/scheduler_config.json");
}

// from_config(config, **overrides): the keyword arguments replace the json's values.
fan::JsonConfig withOverrides(const fan::JsonConfig& json, const QJsonObject& overrides) {
  QJsonObject object = json.object();
  for (auto it = overrides.begin(); it != overrides.end(); ++it) object.insert(it.key(), it.value());
  return fan::JsonConfig(object, json.file());
}

std::unique_ptr<fan::Scheduler> make(const QString& model, const std::string& name, const QJsonObject& overrides = {}) {
  return fan::makeScheduler(withOverrides(folderJson(model), overrides), name);
}

// The manifest, parsed after quoting Python's -Infinity (not JSON, so Qt rejects it).
QJsonObject manifest(const QString& golden) {
  QFile file(kData + "/goldens/schedulers/" + golden + ".json");
  if (!file.open(QIODevice::ReadOnly)) qFatal("cannot open manifest %s", qPrintable(golden));
  const QByteArray text = file.readAll().replace("-Infinity", "\"-Infinity\"");
  return QJsonDocument::fromJson(text).object();
}

// How each golden's scheduler was made (its manifest's config_derivation).
struct GoldenCase {
  const char* golden;
  const char* model;       // whose scheduler_config.json
  const char* name;        // what the user picks ("" = the folder's class)
  QJsonObject overrides;   // from_config keyword arguments beyond what the name implies
};

const std::vector<GoldenCase>& goldenCases() {
  static const std::vector<GoldenCase> cases = {
      {"pndm", "tiny-sd", "PNDMScheduler", {}},
      {"ddim", "tiny-sd", "DDIMScheduler", {}},
      {"euler", "tiny-sd", "EulerDiscreteScheduler", {}},
      {"euler_ancestral", "tiny-sd", "EulerAncestralDiscreteScheduler", {}},
      {"dpmsolver_multistep", "tiny-sd", "DPM++ 2M", {}},
      {"dpmsolver_multistep_karras", "tiny-sd", "DPM++ 2M Karras", {}},
      {"lms", "tiny-sd", "LMSDiscreteScheduler", {}},
      {"euler_trailing", "tiny-sd", "EulerDiscreteScheduler", {{"timestep_spacing", "trailing"}}},
      {"dpmsolver_multistep_leading", "tiny-sd", "DPMSolverMultistepScheduler", {{"timestep_spacing", "leading"}}},
      {"ddim_v_prediction_sd2", "tiny-sd2v", "", {}},
      {"euler_sdxl", "tiny-sdxl", "", {}},
  };
  return cases;
}

// The value our config holds for a diffusers key, as the manifest's JSON would spell it.
QJsonValue configValue(const fan::SchedulerConfig& c, const QString& key) {
  const std::map<QString, QJsonValue> values = {
      {"num_train_timesteps", static_cast<double>(c.numTrainTimesteps)},
      {"beta_start", c.betaStart},
      {"beta_end", c.betaEnd},
      {"beta_schedule", QString::fromStdString(c.betaSchedule)},
      {"prediction_type", QString::fromStdString(c.predictionType)},
      {"timestep_spacing", QString::fromStdString(c.timestepSpacing)},
      {"steps_offset", static_cast<double>(c.stepsOffset)},
      {"skip_prk_steps", c.skipPrkSteps},
      {"set_alpha_to_one", c.setAlphaToOne},
      {"clip_sample", c.clipSample},
      {"use_karras_sigmas", c.useKarrasSigmas},
      {"interpolation_type", QString::fromStdString(c.interpolationType)},
      {"solver_order", static_cast<double>(c.solverOrder)},
      {"algorithm_type", QString::fromStdString(c.algorithmType)},
      {"solver_type", QString::fromStdString(c.solverType)},
      {"lower_order_final", c.lowerOrderFinal},
      {"rescale_betas_zero_snr", c.rescaleBetasZeroSnr},
      {"thresholding", c.thresholding},
  };
  const auto it = values.find(key);
  return it == values.end() ? QJsonValue(QJsonValue::Undefined) : it->second;
}

std::vector<double> toVector(const at::Tensor& t) {
  const at::Tensor d = t.to(at::kDouble).contiguous();
  return {d.data_ptr<double>(), d.data_ptr<double>() + d.numel()};
}

// Largest |a - b| and |a - b| / |b|, and whether every element is within atol + rtol |b|.
struct Errors {
  double maxAbs = 0, maxRel = 0;
  bool ok = true;
  void add(const at::Tensor& actual, const at::Tensor& expected, double atol, double rtol) {
    const at::Tensor a = actual.to(at::kDouble), e = expected.to(at::kDouble);
    const at::Tensor diff = (a - e).abs();
    maxAbs = std::max(maxAbs, diff.max().item<double>());
    maxRel = std::max(maxRel, (diff / e.abs().clamp_min(1e-12)).max().item<double>());
    ok = ok && (diff <= atol + rtol * e.abs()).all().item<bool>();
  }
};

template <typename F>
QString thrownMessage(F&& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return QString::fromUtf8(e.what());
  }
  return {};
}

}  // namespace

class SchedulerTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void goldens_data() {
    QTest::addColumn<int>("index");
    for (size_t i = 0; i < goldenCases().size(); ++i) QTest::newRow(goldenCases()[i].golden) << static_cast<int>(i);
  }

  void goldens() {
    QFETCH(int, index);
    const GoldenCase& c = goldenCases()[index];
    const QJsonObject m = manifest(c.golden);
    // The json we start from is the one the golden was made from.
    QCOMPARE(folderJson(c.model).object(), m.value("base_scheduler_json").toObject());

    const auto sched = make(c.model, c.name, c.overrides);
    QCOMPARE(QString::fromStdString(sched->className()), m.value("scheduler_class").toString());
    // Every effective value diffusers used (swap semantics included) is ours too.
    const QJsonObject effective = m.value("effective_config").toObject();
    for (auto it = effective.begin(); it != effective.end(); ++it) {
      const QJsonValue ours = configValue(sched->config(), it.key());
      if (!ours.isUndefined()) QVERIFY2(ours == it.value(), qPrintable(c.golden + QString(": ") + it.key()));
    }

    const fan::WeightMap g = fan::loadSafetensors(kData + "/goldens/schedulers/" + c.golden + ".safetensors");
    sched->setTimesteps(m.value("num_inference_steps").toInt());

    QCOMPARE(sched->timesteps(), toVector(g.at("timesteps")));
    Errors tables;
    tables.add(sched->alphasCumprod(), g.at("alphas_cumprod"), 0, 0);
    if (g.count("sigmas")) {
      QCOMPARE(sched->sigmas().size(), static_cast<size_t>(g.at("sigmas").numel()));
      tables.add(at::tensor(sched->sigmas()).to(at::kFloat), g.at("sigmas"), 0, 1e-6);
    }
    tables.add(at::tensor(sched->initNoiseSigma()).to(at::kFloat), g.at("init_noise_sigma"), 0, 1e-6);
    QVERIFY2(tables.ok, qPrintable(QString("%1: tables differ (max abs %2)").arg(c.golden).arg(tables.maxAbs)));

    // Euler a: one CPU generator seeded 7002, drawn from by every step (the others ignore it).
    at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(7002);
    at::Tensor sample = g.at("noise") * sched->initNoiseSigma();
    Errors loop;
    loop.add(sample, g.at("sample_0"), 1e-4, 1e-5);
    for (size_t i = 0; i < sched->timesteps().size(); ++i) {
      const std::string n = std::to_string(i);
      loop.add(sched->scaleModelInput(sample, i), g.at("scaled_model_input." + n), 1e-4, 1e-5);
      const at::Tensor modelOutput = sample * 0.1 + 0.01 * sched->timesteps()[i];
      loop.add(modelOutput, g.at("model_output." + n), 1e-4, 1e-5);
      sample = sched->step(modelOutput, i, sample, &generator);
      loop.add(sample, g.at("prev_sample." + n), 1e-4, 1e-5);
    }
    qInfo("%-28s max abs error %.3g, max relative error %.3g (final |x| max %.3g)", c.golden, loop.maxAbs, loop.maxRel,
          sample.abs().max().item<double>());
    QVERIFY2(loop.ok, qPrintable(QString("%1: max abs error %2").arg(c.golden).arg(loop.maxAbs)));
  }

  // FIXTURES.md's 4-step schedules (the pipeline goldens use these).
  void fourStepTimesteps() {
    const auto timesteps = [](const QString& model, const std::string& name) {
      const auto sched = make(model, name);
      sched->setTimesteps(4);
      return sched->timesteps();
    };
    QCOMPARE(timesteps("tiny-sd", "PNDM"), (std::vector<double>{751, 501, 501, 251, 1}));
    QCOMPARE(timesteps("tiny-sd", "DDIM"), (std::vector<double>{751, 501, 251, 1}));
    QCOMPARE(timesteps("tiny-sd", "Euler"), (std::vector<double>{999, 666, 333, 0}));
    QCOMPARE(timesteps("tiny-sd", "Euler a"), (std::vector<double>{999, 666, 333, 0}));
    QCOMPARE(timesteps("tiny-sd", "LMS"), (std::vector<double>{999, 666, 333, 0}));
    QCOMPARE(timesteps("tiny-sd", "DPM++ 2M"), (std::vector<double>{999, 749, 500, 250}));
    QCOMPARE(timesteps("tiny-sd", "DPM++ 2M Karras"), (std::vector<double>{999, 687, 146, 0}));
    QCOMPARE(timesteps("tiny-sdxl", ""), (std::vector<double>{751, 501, 251, 1}));
  }

  void swapTakesTheNewClassDefaults() {
    // SD 1.5's json has no timestep_spacing: PNDM's own default is leading, Euler's linspace.
    QCOMPARE(QString::fromStdString(make("tiny-sd", "")->config().timestepSpacing), QString("leading"));
    QCOMPARE(QString::fromStdString(make("tiny-sd", "")->className()), QString("PNDMScheduler"));
    const auto euler = make("tiny-sd", "Euler");
    QCOMPARE(QString::fromStdString(euler->config().timestepSpacing), QString("linspace"));
    euler->setTimesteps(4);
    QCOMPARE(euler->initNoiseSigma(), static_cast<double>(euler->sigmas().front()));  // sigma_max
    // Keys present in the json are kept: SDXL says leading explicitly.
    const auto sdxl = make("tiny-sdxl", "Euler a");
    QCOMPARE(QString::fromStdString(sdxl->config().timestepSpacing), QString("leading"));
    sdxl->setTimesteps(4);
    QVERIFY(std::abs(sdxl->initNoiseSigma() - 4.2364) < 1e-4);  // sqrt(sigma_max^2 + 1)
    // SD 2's v_prediction travels to the new class; its clip_sample=false too (DDIM's default is true).
    QCOMPARE(QString::fromStdString(make("tiny-sd2v", "Euler")->config().predictionType), QString("v_prediction"));
    QVERIFY(!make("tiny-sdxl", "DDIM")->config().clipSample);
    QVERIFY(make("tiny-sd", "DDIM")->config().setAlphaToOne == false);
    // A json without the key gets DDIM's own default.
    QJsonObject bare = folderJson("tiny-sd").object();
    bare.remove("clip_sample");
    bare.remove("set_alpha_to_one");
    const auto ddim = fan::makeScheduler(fan::JsonConfig(bare, "bare.json"), "DDIM");
    QVERIFY(ddim->config().clipSample && ddim->config().setAlphaToOne);
    // Names are case-insensitive; class names work as well as picker names.
    QCOMPARE(QString::fromStdString(make("tiny-sd", "euler A")->className()), QString("EulerAncestralDiscreteScheduler"));
    QCOMPARE(QString::fromStdString(make("tiny-sd", "LMSDiscreteScheduler")->className()), QString("LMSDiscreteScheduler"));
    QVERIFY(make("tiny-sd", "DPM++ 2M Karras")->config().useKarrasSigmas);
    // A class ignores keys it does not know, as diffusers does: Euler a has no Karras option,
    // LMS no interpolation_type.
    const auto ancestral = make("tiny-sd", "Euler a", {{"use_karras_sigmas", true}});
    ancestral->setTimesteps(4);
    QCOMPARE(ancestral->timesteps(), (std::vector<double>{999, 666, 333, 0}));
    QVERIFY(make("tiny-sd", "LMS", {{"interpolation_type", "log_linear"}}) != nullptr);
    // Every picker name builds.
    for (const std::string& name : fan::schedulerNames()) QVERIFY(make("tiny-sd", name) != nullptr);
    QCOMPARE(fan::schedulerNames().size(), size_t(7));
  }

  void multistepStateResetsOnSetTimesteps() {
    for (const std::string name : {"PNDM", "LMS", "DPM++ 2M"}) {
      const auto sched = make("tiny-sd", name);
      const at::Tensor x = at::linspace(-1, 1, 16).reshape({1, 1, 4, 4});
      const auto run = [&] {
        sched->setTimesteps(5);
        at::Tensor s = x;
        for (size_t i = 0; i < sched->timesteps().size(); ++i) s = sched->step(s * 0.1 + 0.5, i, s);
        return s;
      };
      const at::Tensor first = run();
      QVERIFY2(at::equal(first, run()), name.c_str());
    }
  }

  void lmsCoefficientsIntegrateTheLagrangeBasis() {
    fan::LMSDiscreteScheduler lms(
        fan::readSchedulerConfig(folderJson("tiny-sd"), fan::LMSDiscreteScheduler::defaults()));
    lms.setTimesteps(10);
    const std::vector<double>& s = lms.sigmas();
    // The basis polynomials sum to 1, so the coefficients sum to the interval length.
    for (int order = 1; order <= 4; ++order) {
      const size_t i = 5;
      double sum = 0;
      for (int k = 0; k < order; ++k) sum += lms.coefficient(order, i, k);
      QVERIFY(std::abs(sum - (s[i + 1] - s[i])) < 1e-9);
    }
    // Order 2, k = 0: the integral of (tau - s[i-1]) / (s[i] - s[i-1]) in closed form.
    const size_t i = 3;
    const double exact = ((s[i + 1] - s[i - 1]) * (s[i + 1] - s[i - 1]) - (s[i] - s[i - 1]) * (s[i] - s[i - 1])) /
                         (2 * (s[i] - s[i - 1]));
    QVERIFY(std::abs(lms.coefficient(2, i, 0) - exact) < 1e-9 * std::abs(exact));
  }

  void ddimEtaAddsScaledNoise() {
    fan::DDIMScheduler ddim(fan::readSchedulerConfig(folderJson("tiny-sd"), fan::DDIMScheduler::defaults()));
    ddim.setTimesteps(10);
    const at::Tensor x = at::linspace(-2, 2, 64).reshape({1, 4, 4, 4});
    const at::Tensor eps = x * 0.3;
    const at::Tensor deterministic = ddim.step(eps, 2, x);
    ddim.setEta(1.0);
    at::Generator generator = at::make_generator<at::CPUGeneratorImpl>(11);
    const at::Tensor noisy = ddim.step(eps, 2, x, &generator);
    // Formula (16) with eta = 1, in double, at t = 701 -> 601.
    const std::vector<double> a = toVector(ddim.alphasCumprod());
    const double alpha = a[701], ap = a[601];
    const double sd = std::sqrt((1 - ap) / (1 - alpha) * (1 - alpha / ap));
    const at::Tensor x0 = (x.to(at::kDouble) - std::sqrt(1 - alpha) * eps.to(at::kDouble)) / std::sqrt(alpha);
    generator.set_current_seed(11);
    const at::Tensor noise = at::randn({1, 4, 4, 4}, generator, at::kFloat).to(at::kDouble);
    const at::Tensor expected = std::sqrt(ap) * x0 + std::sqrt(1 - ap - sd * sd) * eps.to(at::kDouble) + sd * noise;
    QVERIFY((noisy.to(at::kDouble) - expected).abs().max().item<double>() < 1e-5);
    QVERIFY((noisy - deterministic).abs().max().item<double>() > 1e-2);
    QVERIFY(!thrownMessage([&] { ddim.setEta(-1); }).isEmpty());
  }

  void betaSchedules() {
    const auto alphas = [](const QJsonObject& values) {
      return toVector(make("tiny-sd", "DDIM", values)->alphasCumprod());
    };
    const std::vector<double> linear = alphas({{"beta_schedule", "linear"}, {"beta_start", 0.0001}, {"beta_end", 0.02}});
    QVERIFY(std::abs(linear[0] - (1 - 0.0001)) < 1e-7);
    QVERIFY(std::abs(linear[1] - (1 - 0.0001) * (1 - (0.0001 + 0.0199 / 999))) < 1e-6);
    // squaredcos_cap_v2: alphas_cumprod[t] = f(t + 1) / f(0), f(t) = cos^2((t / T + 0.008) / 1.008 * pi / 2).
    const std::vector<double> cosine = alphas({{"beta_schedule", "squaredcos_cap_v2"}});
    const auto f = [](double t) { return std::pow(std::cos((t / 1000 + 0.008) / 1.008 * M_PI / 2), 2); };
    for (int t : {0, 100, 500, 900}) QVERIFY(std::abs(cosine[t] - f(t + 1) / f(0)) < 2e-5);
    // trained_betas replaces the schedule.
    QJsonArray betas;
    for (int i = 0; i < 1000; ++i) betas.append(0.01);
    const std::vector<double> trained = alphas({{"trained_betas", betas}});
    QVERIFY(std::abs(trained[2] - std::pow(0.99, 3)) < 1e-6);
    // Zero terminal SNR (DDIM): the last alpha_bar is 0, the first is unchanged.
    const auto rescaled = make("tiny-sd", "DDIM", {{"rescale_betas_zero_snr", true}});
    const auto plain = make("tiny-sd", "DDIM");
    QVERIFY(rescaled->alphasCumprod()[-1].item<double>() < 1e-12);
    QVERIFY(std::abs((rescaled->alphasCumprod()[0] - plain->alphasCumprod()[0]).item<double>()) < 1e-6);
  }

  void errorsNameTheProblem() {
    const auto expectError = [](const std::function<void()>& f, const QStringList& mustContain) {
      const QString message = thrownMessage(f);
      QVERIFY2(!message.isEmpty(), qPrintable("no error; expected one mentioning " + mustContain.join(", ")));
      for (const QString& part : mustContain) QVERIFY2(message.contains(part), qPrintable(message));
    };
    expectError([] { make("tiny-sd", "Euler")->setTimesteps(0); }, {"between 1 and 1000", "got 0"});
    expectError([] { make("tiny-sd", "DDIM")->setTimesteps(1001); }, {"got 1001"});
    expectError([] { make("tiny-sd", "Euler", {{"beta_schedule", "cosine"}}); },
                {"scheduler_config.json", "beta_schedule", "cosine", "scaled_linear"});
    expectError([] { make("tiny-sd", "DDIM", {{"prediction_type", "x0"}}); }, {"prediction_type", "x0", "v_prediction"});
    expectError([] { make("tiny-sd", "Euler a", {{"prediction_type", "sample"}}); },
                {"prediction_type", "sample", "EulerAncestralDiscreteScheduler"});
    expectError([] { make("tiny-sd", "LMS", {{"timestep_spacing", "random"}}); }, {"timestep_spacing", "random", "trailing"});
    expectError([] { make("tiny-sd", "Heun"); }, {"Heun", "DPM++ 2M Karras", "EulerDiscreteScheduler"});
    expectError([] { make("tiny-sd", "", {{"_class_name", "UniPCMultistepScheduler"}}); },
                {"_class_name", "UniPCMultistepScheduler", "DDIMScheduler"});
    expectError([] { make("tiny-sd", "PNDM", {{"skip_prk_steps", false}}); }, {"skip_prk_steps"});
    expectError([] { make("tiny-sd", "Euler", {{"interpolation_type", "log_linear"}}); },
                {"interpolation_type", "log_linear", "linear"});
    expectError([] { make("tiny-sd", "DPM++ 2M", {{"solver_type", "euler"}}); }, {"solver_type", "euler", "midpoint"});
    expectError([] { make("tiny-sd", "DPMSolverMultistepScheduler", {{"solver_order", 3}}); }, {"solver_order", "3"});
    expectError([] { make("tiny-sd", "Euler", {{"trained_betas", QJsonArray{0.1, 0.2}}}); }, {"trained_betas", "2 entries"});
    expectError([] { make("tiny-sd", "Euler", {{"beta_start", "small"}}); }, {"beta_start"});
    // DEIS/UniPC spellings map to DPM-Solver++ / midpoint, as diffusers does.
    QCOMPARE(QString::fromStdString(make("tiny-sd", "DPMSolverMultistepScheduler",
                                         {{"algorithm_type", "deis"}, {"solver_type", "bh2"}})->config().solverType),
             QString("midpoint"));

    const auto euler = make("tiny-sd", "Euler");
    const at::Tensor x = at::zeros({1, 4, 2, 2});
    expectError([&] { euler->step(x, 0, x); }, {"before setTimesteps"});
    euler->setTimesteps(3);
    expectError([&] { euler->step(x, 3, x); }, {"step index 3", "3 timesteps"});
    expectError([&] { euler->step(at::zeros({1, 4, 2, 3}), 0, x); }, {"shapes"});
  }
};

FAN_REGISTER_TEST(SchedulerTest)
#include "SchedulerTest.moc"
