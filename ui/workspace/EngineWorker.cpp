#include "ui/workspace/EngineWorker.h"

#include "ui/workspace/ModelFolder.h"
#include "core/pipelines/RunRecords.h"

#include "core/demo/DemoEvaluation.h"
#include "core/store/ImageFiles.h"

#include <QElapsedTimer>

#include <stdexcept>

namespace fan::ui {

namespace {

// Images per alpha when the sweep is judged: one image makes each fidelity point 0 or 1.
constexpr int kJudgedImagesPerAlpha = 4;

bool sameReferences(const std::vector<Reference>& a, const std::vector<Reference>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].prompt != b[i].prompt || a[i].weight != b[i].weight || a[i].entryId != b[i].entryId) return false;
  return true;
}

// Whether two jobs need the same profiling (everything but the attention options).
bool sameProfiling(const PersonalizeJob& a, const PersonalizeJob& b) {
  const PersonalizationRequest& x = a.request;
  const PersonalizationRequest& y = b.request;
  return a.historyRevision == b.historyRevision && x.target == y.target && x.negative == y.negative &&
         x.profile == y.profile && sameReferences(x.references, y.references) && x.sampleSize == y.sampleSize &&
         x.kappa == y.kappa && x.cfgNegative == y.cfgNegative && x.clipSkip == y.clipSkip &&
         x.pinnedEntries == y.pinnedEntries && x.excludedEntries == y.excludedEntries && x.detectors == y.detectors;
}

bool sameAttention(const AttentionOptions& a, const AttentionOptions& b) {
  return a.alpha == b.alpha && a.layers.toString() == b.layers.toString() && a.skipMode == b.skipMode &&
         a.queryStart == b.queryStart;
}

std::vector<double> weightsOf(const std::vector<Reference>& references) {
  std::vector<double> weights;
  for (const Reference& r : references) weights.push_back(r.weight);
  return weights;
}

ImageRef storeImage(HistoryStore& store, const QImage& image, const ImageParameters& parameters) {
  return store.storeImage(readImageData(encodePng(image, formatParameters(parameters)), QStringLiteral("generated image")));
}

ProgressCallback stepSink(const EngineWorker::ProgressSink& sink, int pass, int passes, const QString& label) {
  if (!sink) return {};
  return [=](const GenerationProgress& p) { sink({pass, passes, label, p}); };
}

}  // namespace

EngineWorker::EngineWorker(const QString& dataDir) : store_(dataDir) {}

EngineWorker::~EngineWorker() = default;

Generator& EngineWorker::generator() const {
  if (!generator_) throw std::runtime_error("no model is loaded: choose a diffusers folder first");
  return *generator_;
}

ModelInfo EngineWorker::load(const QString& folder, const QString& device) {
  QElapsedTimer timer;
  timer.start();
  ModelInfo info;
  info.family = pipelineFamily(folder);  // a clear message before any weights are read
  Generator::LoadOptions options;
  options.device = device;
  std::unique_ptr<Generator> generator = Generator::load(folder, options);
  std::unique_ptr<demo::ImageJudge> judge = demo::ImageJudge::forModel(folder);
  engine_ = std::make_unique<FanEngine>(generator->conditioner(), &store_);
  generator_ = std::move(generator);
  judge_ = std::move(judge);
  profiled_.reset();
  current_ = {};
  info.folder = generator_->modelDir();
  info.name = generator_->modelName();
  info.hash = generator_->modelHash();
  info.device = device;
  info.defaultSampler = generator_->defaultSampler();
  info.defaultSize = generator_->defaultSize();
  info.sizeMultiple = generator_->sizeMultiple();
  info.defaultGuidance = generator_->defaultGuidance();
  info.loadSeconds = timer.nsecsElapsed() / 1e9;
  return info;
}

ProfilingView EngineWorker::view() const {
  ProfilingView v;
  v.job = *profiled_;
  v.job.request.attention = attention_;
  v.history = current_.history;
  v.report = current_.report;
  v.references = current_.references;
  v.projection = projection_;
  v.shift = engine_->conditionShift();
  v.seconds = profilingSeconds_;
  return v;
}

ProfilingView EngineWorker::personalize(const PersonalizeJob& job, bool* reprofiled) {
  generator();
  const bool again = !profiled_ || !sameProfiling(*profiled_, job);
  if (again) {
    QElapsedTimer timer;
    timer.start();
    profiled_.reset();  // a throwing personalize() leaves nothing half-updated behind
    current_ = engine_->personalize(job.request);
    pickWeights_ = weightsOf(current_.references);
    projection_ = engine_->projection();
    profiled_ = job;
    attention_ = job.request.attention;
    profilingSeconds_ = timer.nsecsElapsed() / 1e9;
  } else if (!sameAttention(attention_, job.request.attention)) {
    update(weightsOf(current_.references), job.request.attention);  // keeps the user's weights
  }
  if (reprofiled) *reprofiled = again;
  return view();
}

UpdateView EngineWorker::update(std::vector<double> weights, const AttentionOptions& attention) {
  if (!profiled_) throw std::logic_error("personalize before changing alpha or weights");
  // No weights, or weights meant for an earlier profiling (a request that crossed a
  // re-profiling): the profile's own.
  if (weights.size() != pickWeights_.size()) weights = pickWeights_;
  QElapsedTimer timer;
  timer.start();
  if (weights != weightsOf(current_.references) || !sameAttention(attention, attention_)) {
    current_ = engine_->update(weights, attention);
    attention_ = attention;
    ++updatesRun_;
  }
  return {weights, attention_, engine_->conditionShift(), timer.nsecsElapsed() / 1e9};
}

void EngineWorker::ensureProfiled(const PersonalizeJob& job, const ProfilingSink& onProfiled) {
  bool again = false;
  const ProfilingView v = personalize(job, &again);
  if (again && onProfiled) onProfiled(v);
}

GeneratedPair EngineWorker::personalizedPair(const GenerationJob& job, const SamplingParams& sampling, int pass,
                                             const std::atomic<bool>& cancel, const ProgressSink& progress) {
  const Generator& gen = generator();
  const int passes = 2 * job.batchCount;
  const GenerationOutput target =
      gen.generate(*current_.conditions, FanCondition::Target, sampling,
                   stepSink(progress, 2 * pass, passes, QObject::tr("target")), &cancel);
  const GenerationOutput personalized =
      gen.generate(*current_.conditions, FanCondition::Personalized, sampling,
                   stepSink(progress, 2 * pass + 1, passes, QObject::tr("personalized")), &cancel);
  GeneratedPair pair;
  pair.batchIndex = pass;
  pair.seed = sampling.seed;
  pair.target = target.images.at(0);
  pair.personalized = personalized.images.at(0);
  pair.seconds = target.seconds + personalized.seconds;
  pair.targetParameters = imageParameters(job.params, target, gen.modelName(), gen.modelHash());
  pair.personalizedParameters = imageParameters(job.params, personalized, gen.modelName(), gen.modelHash());
  PersonalizationRequest request = profiled_->request;
  request.attention = attention_;
  addFanParameters(pair.personalizedParameters, fanParameters(request, current_, attention_.alpha));

  // As fan-cli records it (outputs: personalized, target), plus the target as its own
  // unpersonalized run so a pairwise choice can name either image.
  store_.transaction([&] {
    Generation p = generationRecord(job.params, personalized, gen.modelHash(), current_.references, attention_.alpha,
                                    request.sampleSize, job.profileId);
    p.outputs = {storeImage(store_, pair.personalized, pair.personalizedParameters),
                 storeImage(store_, pair.target, pair.targetParameters)};
    pair.personalizedGeneration = store_.addGeneration(p);
    Generation t = generationRecord(job.params, target, gen.modelHash(), {}, 0.0, 0.0, std::nullopt);
    t.outputs = {p.outputs[1]};
    pair.targetGeneration = store_.addGeneration(t);
  });
  return pair;
}

void EngineWorker::generate(const GenerationJob& job, const std::atomic<bool>& cancel, const ProgressSink& progress,
                            const std::function<void(const GeneratedPair&)>& onPair, const ProfilingSink& onProfiled) {
  if (job.batchCount < 1) throw std::invalid_argument("the batch count must be >= 1");
  Generator& gen = generator();
  gen.setPreviews(job.previews);
  for (int pass = 0; pass < job.batchCount; ++pass) {
    SamplingParams sampling = job.params.sampling;
    sampling.seed = job.params.sampling.seed + static_cast<quint64>(pass);
    if (job.personalization) {
      ensureProfiled(*job.personalization, onProfiled);
      update(job.weights, job.personalization->request.attention);
      onPair(personalizedPair(job, sampling, pass, cancel, progress));
      continue;
    }
    GenerationParams params = job.params;
    params.sampling = sampling;
    const GenerationOutput out =
        gen.generate(params, stepSink(progress, pass, job.batchCount, QObject::tr("image")), &cancel);
    GeneratedPair pair;
    pair.batchIndex = pass;
    pair.seed = sampling.seed;
    pair.target = out.images.at(0);
    pair.targetParameters = imageParameters(params, out, gen.modelName(), gen.modelHash());
    pair.seconds = out.seconds;
    onPair(pair);
  }
}

void EngineWorker::sweep(const SweepJob& job, const std::atomic<bool>& cancel, const ProgressSink& progress,
                         const std::function<void(const SweepImage&)>& onImage, const ProfilingSink& onProfiled) {
  Generator& gen = generator();
  gen.setPreviews(job.previews);
  ensureProfiled(job.personalization, onProfiled);
  const int passes = static_cast<int>(job.alphas.size());
  SamplingParams sampling = job.params.sampling;
  if (judge_) sampling.imagesPerPrompt = std::max(sampling.imagesPerPrompt, kJudgedImagesPerAlpha);
  for (int i = 0; i < passes; ++i) {
    AttentionOptions attention = job.personalization.request.attention;
    attention.alpha = job.alphas[size_t(i)];
    update(job.weights, attention);
    const GenerationOutput out =
        gen.generate(*current_.conditions, FanCondition::Personalized, sampling,
                     stepSink(progress, i, passes, QObject::tr("alpha %1").arg(attention.alpha, 0, 'f', 2)), &cancel);
    SweepImage image;
    image.index = i;
    image.alpha = attention.alpha;
    image.image = out.images.at(0);
    image.parameters = imageParameters(job.params, out, gen.modelName(), gen.modelHash());
    image.shift = engine_->conditionShift();
    PersonalizationRequest request = profiled_->request;
    request.attention = attention_;
    addFanParameters(image.parameters, fanParameters(request, current_, attention.alpha));
    judgeSweepImages(job, out.images, image);
    onImage(image);
  }
}

void EngineWorker::judgeSweepImages(const SweepJob& job, const std::vector<QImage>& images, SweepImage& out) const {
  if (!judge_) return;
  std::vector<std::pair<QString, double>> history;
  for (const Reference& r : current_.history) history.emplace_back(r.prompt, r.weight);
  const demo::Attributes preferred = demo::dominantAttributes(history);
  const demo::Attributes named = demo::parseCaption(job.params.prompt);
  double faithful = 0, aligned = 0;
  int alignable = 0;
  for (const QImage& image : images) {
    const std::optional<demo::Attributes> judged = judge_->judge(image);
    if (!judged) continue;
    const demo::ImageScore score = demo::scoreJudged(named, preferred, *judged);
    faithful += score.faithful;
    if (score.alignment) {
      aligned += *score.alignment;
      ++alignable;
    }
    ++out.judgedImages;
  }
  if (out.judgedImages == 0) return;
  out.fidelity = faithful / out.judgedImages;
  if (alignable > 0) out.alignment = aligned / alignable;
}

}  // namespace fan::ui
