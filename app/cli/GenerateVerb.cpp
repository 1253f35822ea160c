// fan-cli generate: text-to-image with a diffusers folder (SD 1.x/2.x/XL), plain or personalized
// with FAN (target and personalized image with one seed, side by side, alpha sweeps).
#include "app/cli/CliSupport.h"
#include "app/cli/PersonalizationOptions.h"
#include "core/pipelines/RunRecords.h"
#include "app/cli/Sweep.h"
#include "core/fan/FanEngine.h"
#include "core/fan/PersonalizedConditions.h"
#include "core/pipelines/Generator.h"
#include "core/pipelines/PngParameters.h"
#include "core/store/HistoryStore.h"
#include "core/store/ImageFiles.h"

#include <QDir>
#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstring>

#include <unistd.h>

namespace fan::cli {
namespace {

const char* const kUsage =
    "Usage: fan-cli generate --model DIR [options] PROMPT\n\n"
    "Generates images with a diffusers Stable Diffusion folder (1.x, 2.x or XL) and writes PNGs whose\n"
    "\"parameters\" text records the settings. With --profile or --refs it also personalizes the prompt\n"
    "with FAN and writes the target image, the personalized image (same seed) and both side by side,\n"
    "and records the generation in the history store. Ctrl+C cancels after the current step.\n\n"
    "Options:\n"
    "  --model DIR            a diffusers StableDiffusionPipeline or StableDiffusionXLPipeline folder\n"
    "  --steps N              denoising steps (default 30)\n"
    "  --cfg X                classifier-free guidance scale (default: 7.5, SDXL 5)\n"
    "  --guidance-rescale X   diffusers' guidance_rescale, 0..1 (default 0)\n"
    "  --sampler NAME         PNDM, DDIM, Euler, \"Euler a\", \"DPM++ 2M\", \"DPM++ 2M Karras\", LMS or a\n"
    "                         diffusers scheduler class (default: the folder's scheduler)\n"
    "  --size WxH             image size, multiples of the VAE factor (default: the model's size)\n"
    "  --seed S               random seed (default: a random one, printed)\n"
    "  --batch-count N        N runs with seeds S, S+1, ... (default 1); each run's files are written\n"
    "                         when it completes\n"
    "  --out DIR              output folder (default: the current folder)\n"
    "Personalization (FAN):\n"
    "%1"
    "  --sweep START:STOP:STEP  one personalized image per alpha and a strip of them\n"
    "  --help                 show this help\n";

// Ctrl+C: the first sets the flag (the run stops before its next step), a second one quits.
std::atomic<bool> gCancel{false};
static_assert(std::atomic<bool>::is_always_lock_free, "the SIGINT handler needs a lock-free flag");

void onSigint(int) {
  gCancel.store(true);
  std::signal(SIGINT, SIG_DFL);
}

class SigintGuard {
 public:
  SigintGuard() : previous_(std::signal(SIGINT, onSigint)) { gCancel.store(false); }
  ~SigintGuard() { std::signal(SIGINT, previous_); }

 private:
  void (*previous_)(int);
};

int intOption(const QCommandLineParser& p, const char* name, int fallback) {
  if (!p.isSet(QLatin1String(name))) return fallback;
  bool ok = false;
  const int v = p.value(QLatin1String(name)).toInt(&ok);
  if (!ok) throw BadUsage(QStringLiteral("--%1 expects an integer, got '%2'").arg(name, p.value(QLatin1String(name))));
  return v;
}

QSize sizeOption(const QCommandLineParser& p) {
  if (!p.isSet(QStringLiteral("size"))) return {};
  const QRegularExpressionMatch m =
      QRegularExpression(QStringLiteral("^(\\d+)x(\\d+)$")).match(p.value(QStringLiteral("size")));
  if (!m.hasMatch()) throw BadUsage(QStringLiteral("--size expects WxH, e.g. 512x512, got '%1'").arg(p.value("size")));
  return {m.captured(1).toInt(), m.captured(2).toInt()};
}

quint64 seedOption(const QCommandLineParser& p) {
  if (!p.isSet(QStringLiteral("seed"))) return QRandomGenerator::global()->bounded(quint64(1) << 32);
  bool ok = false;
  const quint64 seed = p.value(QStringLiteral("seed")).toULongLong(&ok);
  if (!ok) throw BadUsage(QStringLiteral("--seed expects a non-negative integer, got '%1'").arg(p.value("seed")));
  return seed;
}

// A progress bar on stderr when it is a terminal.
ProgressCallback progressBar(QTextStream& err, const QString& label) {
  if (!isatty(fileno(stderr))) return {};
  return [&err, label](const GenerationProgress& p) {
    constexpr int kWidth = 30;
    const int filled = kWidth * p.step / p.total;
    err << "\r" << label << " [" << QString(filled, '#') << QString(kWidth - filled, '.') << "] " << p.step << "/"
        << p.total << "  " << QString::number(p.elapsedSeconds, 'f', 1) << " s";
    if (p.step == p.total) err << "\n";
    err.flush();
  };
}

// Images side by side on white, 8 px apart.
QImage strip(const std::vector<QImage>& images) {
  constexpr int kGap = 8;
  int width = -kGap, height = 0;
  for (const QImage& image : images) {
    width += image.width() + kGap;
    height = std::max(height, image.height());
  }
  QImage out(width, height, QImage::Format_RGB888);
  out.fill(Qt::white);
  int x = 0;
  for (const QImage& image : images) {
    const QImage rgb = image.convertToFormat(QImage::Format_RGB888);
    for (int y = 0; y < rgb.height(); ++y) std::memcpy(out.scanLine(y) + x * 3, rgb.constScanLine(y), size_t(rgb.width()) * 3);
    x += rgb.width() + kGap;
  }
  return out;
}

// The number the next "<out>/00042-<seed>..." files get: one after the highest already in the
// folder, so nothing is overwritten.
int nextNumber(const QDir& dir) {
  int highest = 0;
  const QRegularExpression numbered(QStringLiteral("^(\\d{5})-"));
  for (const QString& name : dir.entryList(QDir::Files)) {
    const QRegularExpressionMatch m = numbered.match(name);
    if (m.hasMatch()) highest = std::max(highest, m.captured(1).toInt());
  }
  return highest + 1;
}

QString stemFor(const QDir& dir, int number, quint64 seed) {
  return dir.filePath(QStringLiteral("%1-%2").arg(number, 5, 10, QLatin1Char('0')).arg(seed));
}

// Files are kept in memory until every image of a run is done: a cancelled run writes nothing.
struct PendingFile {
  QString path;
  QImage image;
  QString parameters;
};

class Outputs {
 public:
  void add(const QString& path, const QImage& image, const ImageParameters& parameters) {
    files_.push_back({path, image, formatParameters(parameters)});
  }
  void write(QTextStream& out) const {
    for (const PendingFile& f : files_) {
      writePng(f.path, f.image, f.parameters);
      out << "wrote " << f.path << "\n";
    }
  }
  // Stores an image (with its parameters) in the history store's image folder.
  static ImageRef store(HistoryStore& store, const QImage& image, const ImageParameters& parameters) {
    return store.storeImage(readImageData(encodePng(image, formatParameters(parameters)), QStringLiteral("generated image")));
  }

 private:
  std::vector<PendingFile> files_;
};

// One personalization for every run of the command (the conditions do not depend on the seed).
struct PersonalizedSession {
  PersonalizationRequest request;
  std::vector<double> alphas;
  std::unique_ptr<HistoryStore> store;
  std::optional<qint64> profileId;
  std::unique_ptr<FanEngine> engine;
  PersonalizationResult result;
  std::vector<double> weights;  // of result.references, as personalized
};

PersonalizedSession personalizeOnce(Context& ctx, const QCommandLineParser& p, const Generator& generator,
                                    const GenerationParams& params) {
  PersonalizedSession s;
  s.request = personalizationRequest(p, params.prompt);
  s.request.clipSkip = params.clipSkip;
  s.alphas = p.isSet(QStringLiteral("sweep")) ? parseSweep(p.value(QStringLiteral("sweep")))
                                              : std::vector<double>{s.request.attention.alpha};
  s.store = std::make_unique<HistoryStore>(ctx.dataDir);
  if (!s.request.profile.isEmpty()) s.profileId = s.store->profileByName(s.request.profile).id;
  s.engine = std::make_unique<FanEngine>(generator.conditioner(), s.store.get());
  s.result = s.engine->personalize(s.request);
  for (const Reference& r : s.result.references) s.weights.push_back(r.weight);
  ctx.err << "personalizing with " << s.result.references.size() << " reference(s); generating "
          << s.alphas.size() + 1 << " image(s) per run\n";
  ctx.err.flush();
  return s;
}

// The target and the personalized image(s) of one seed: files, side by side or sweep strip, records.
void personalizedRun(Context& ctx, const QCommandLineParser& p, PersonalizedSession& session, const Generator& generator,
                     const GenerationParams& params, const QString& stem) {
  const PersonalizationRequest& request = session.request;
  HistoryStore& store = *session.store;
  const std::vector<double>& alphas = session.alphas;
  PersonalizationResult& result = session.result;
  const GenerationOutput target = generator.generate(*result.conditions, FanCondition::Target, params.sampling,
                                                     progressBar(ctx.err, QStringLiteral("target     ")), &gCancel);
  const ImageParameters targetParameters =
      imageParameters(params, target, generator.modelName(), generator.modelHash());
  Outputs files;
  files.add(stem + "-target.png", target.images[0], targetParameters);
  std::vector<QImage> sweep;
  std::vector<Generation> records;
  ImageParameters sweepParameters;
  for (const double alpha : alphas) {
    AttentionOptions options = request.attention;
    options.alpha = alpha;
    if (alphas.size() > 1) result = session.engine->update(session.weights, options);
    const QString label = QStringLiteral("alpha %1 ").arg(alpha, 0, 'f', 2);
    const GenerationOutput personalized = generator.generate(*result.conditions, FanCondition::Personalized,
                                                             params.sampling, progressBar(ctx.err, label), &gCancel);
    ImageParameters parameters = imageParameters(params, personalized, generator.modelName(), generator.modelHash());
    addFanParameters(parameters, fanParameters(request, result, alpha));
    sweep.push_back(personalized.images[0]);
    const QString name = alphas.size() > 1 ? QStringLiteral("-alpha-%1.png").arg(alpha, 0, 'f', 2)
                                           : QStringLiteral("-personalized.png");
    files.add(stem + name, personalized.images[0], parameters);
    if (alphas.size() == 1) files.add(stem + "-side-by-side.png", strip({target.images[0], personalized.images[0]}), parameters);
    Generation g = generationRecord(params, personalized, generator.modelHash(), result.references, alpha, request.sampleSize,
                                    session.profileId);
    g.outputs = {Outputs::store(store, personalized.images[0], parameters),
                 Outputs::store(store, target.images[0], targetParameters)};
    records.push_back(std::move(g));
    if (sweep.size() == 1) sweepParameters = parameters;
  }
  if (alphas.size() > 1) {
    sweepParameters.fields.removeIf([](const auto& f) { return f.first == QLatin1String("FAN alpha"); });
    sweepParameters.set(QStringLiteral("FAN sweep"), p.value(QStringLiteral("sweep")));
    files.add(stem + "-sweep.png", strip(sweep), sweepParameters);
  }
  files.write(ctx.out);
  for (const Generation& g : records)
    ctx.out << "recorded generation " << store.addGeneration(g) << " (alpha " << g.alpha << ")\n";
}

// A plain run: the prompt's image(s), numbered -1, -2, ... when there are several per prompt.
void plainRun(Context& ctx, const Generator& generator, const GenerationParams& params, const QString& stem,
              const QString& label) {
  const GenerationOutput out = generator.generate(params, progressBar(ctx.err, label), &gCancel);
  Outputs files;
  const ImageParameters parameters = imageParameters(params, out, generator.modelName(), generator.modelHash());
  for (size_t i = 0; i < out.images.size(); ++i)
    files.add(stem + (out.images.size() > 1 ? QStringLiteral("-%1.png").arg(i + 1) : QStringLiteral(".png")),
              out.images[i], parameters);
  files.write(ctx.out);
  ctx.out << "seed " << params.sampling.seed << ", " << out.sampler << ", " << QString::number(out.seconds, 'f', 2)
          << " s\n";
}

int generate(Context& ctx, const QStringList& args) {
  QCommandLineParser p;
  p.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
  for (const char* name :
       {"model", "steps", "cfg", "guidance-rescale", "sampler", "size", "seed", "out", "sweep", "batch-count"})
    p.addOption(QCommandLineOption(QLatin1String(name), {}, QStringLiteral("VALUE")));
  addPersonalizationOptions(p);
  p.addOption(QCommandLineOption(QStringLiteral("help")));
  if (!p.parse(QStringList{QStringLiteral("fan-cli")} + args)) throw BadUsage(p.errorText());
  if (p.isSet(QStringLiteral("help"))) {
    ctx.out << QString::fromLatin1(kUsage).arg(QString::fromLatin1(kPersonalizationHelp));
    return Ok;
  }
  if (p.value(QStringLiteral("model")).isEmpty()) throw BadUsage(QStringLiteral("--model DIR is required"));
  if (p.positionalArguments().size() != 1) throw BadUsage(QStringLiteral("give exactly one PROMPT"));
  if (p.isSet(QStringLiteral("sweep")) && !wantsPersonalization(p))
    throw BadUsage(QStringLiteral("--sweep sweeps the FAN alpha: give --profile NAME or --refs FILE"));

  GenerationParams params;
  params.prompt = p.positionalArguments().first();
  if (p.isSet(QStringLiteral("negative"))) params.negative = p.value(QStringLiteral("negative"));
  params.clipSkip = intOption(p, "clip-skip", 1);
  SamplingParams& s = params.sampling;
  s.steps = intOption(p, "steps", 30);
  s.guidanceRescale = numberOption(p, "guidance-rescale", 0.0);
  s.sampler = p.value(QStringLiteral("sampler"));
  const QSize size = sizeOption(p);
  s.width = size.width() > 0 ? size.width() : 0;
  s.height = size.height() > 0 ? size.height() : 0;
  if (size.isValid() && size.isEmpty()) throw BadUsage(QStringLiteral("--size must be positive"));
  s.seed = seedOption(p);
  const int batchCount = intOption(p, "batch-count", 1);
  if (batchCount < 1) throw BadUsage(QStringLiteral("--batch-count must be at least 1, got %1").arg(batchCount));
  const QDir outDir(p.isSet(QStringLiteral("out")) ? p.value(QStringLiteral("out")) : QStringLiteral("."));
  if (!QDir().mkpath(outDir.path())) throw std::runtime_error(outDir.path().toStdString() + ": cannot create the folder");

  const SigintGuard sigint;
  const std::unique_ptr<Generator> generator = Generator::load(p.value(QStringLiteral("model")));
  generator->setPreviews(false);
  s.guidanceScale = numberOption(p, "cfg", generator->defaultGuidance());
  const int firstNumber = nextNumber(outDir);
  ctx.err << "generating with " << generator->modelName() << " (" << (generator->isXL() ? "SDXL" : "SD") << "), seed "
          << s.seed << (batchCount > 1 ? QStringLiteral(" (%1 runs: seeds %2..%3)").arg(batchCount).arg(s.seed).arg(s.seed + quint64(batchCount - 1))
                                       : QString())
          << "\n";
  ctx.err.flush();
  try {
    std::optional<PersonalizedSession> session;
    if (wantsPersonalization(p)) session = personalizeOnce(ctx, p, *generator, params);
    for (int run = 0; run < batchCount; ++run) {
      GenerationParams runParams = params;
      runParams.sampling.seed = s.seed + static_cast<quint64>(run);
      const QString stem = stemFor(outDir, firstNumber + run, runParams.sampling.seed);
      if (session)
        personalizedRun(ctx, p, *session, *generator, runParams, stem);
      else
        plainRun(ctx, *generator, runParams, stem,
                 batchCount > 1 ? QStringLiteral("run %1/%2  ").arg(run + 1).arg(batchCount) : QStringLiteral("generating"));
    }
    return Ok;
  } catch (const GenerationCancelled&) {
    ctx.out.flush();
    ctx.err << "\nfan-cli generate: cancelled; the run in progress wrote no files\n";
    return 130;  // the shell's code for a run ended by SIGINT
  }
}

}  // namespace
}  // namespace fan::cli

FAN_CLI_VERB(generate, "generate", "generate images (plain, or personalized with FAN: pairs and alpha sweeps)",
             [](fan::cli::Context& ctx, const QStringList& args) {
               return fan::cli::runGuarded(ctx, QStringLiteral("generate"), [&] { return fan::cli::generate(ctx, args); });
             })
