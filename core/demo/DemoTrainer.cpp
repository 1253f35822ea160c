#include "core/demo/DemoTrainer.h"

#include "core/demo/DemoJudge.h"
#include "core/demo/DemoModelFiles.h"
#include "core/demo/DemoTokenizer.h"
#include "core/demo/DemoWorld.h"
#include "core/demo/PersonalizedSample.h"
#include "core/fan/PersonalizedAttention.h"
#include "core/io/JsonConfig.h"
#include "core/io/Safetensors.h"
#include "core/models/AutoencoderKL.h"
#include "core/models/ClipTextModel.h"
#include "core/models/Unet2DConditionModel.h"
#include "core/text/ClipTokenizer.h"

#include <ATen/CPUGeneratorImpl.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <stdexcept>

namespace fan::demo {

namespace {

struct Recipe {
  int judgeSteps;
  int vaeSteps, vaeBatch;
  int latentCount;
  int captionSteps, captionBatch;
  int diffusionSteps, diffusionBatch;
  int captionPersonalized, diffusionPersonalized;  // personalized samples per batch (FAN in the loop)
  double vaeLr, captionLr, diffusionLr;
  int warmup;
  int checkpointEvery;
};

Recipe recipeFor(bool quick) {
  if (quick) return {60, 60, 16, 256, 60, 64, 100, 16, 16, 4, 2e-3, 2e-3, 1e-3, 15, 50};
  return {1200, 1200, 32, 12288, 600, 128, 5400, 32, 32, 8, 2e-3, 2e-3, 1e-3, 200, 200};
}

constexpr double kKlWeight = 2e-5;
constexpr double kCaptionDropout = 0.1;  // empty captions: the unconditional half of CFG
constexpr double kMinSnrGamma = 5.0;
constexpr double kEmaDecay = 0.999;
// Weight of the caption-reading loss next to the diffusion loss in the joint stage.
constexpr double kCaptionLossWeight = 0.1;

// Per-step seeds: every stage and step has its own stream, so resuming reproduces a full run.
uint64_t stepSeed(uint64_t seed, uint64_t stage, uint64_t step) {
  uint64_t x = seed * 0x9E3779B97F4A7C15ull + stage * 0xBF58476D1CE4E5B9ull + step * 0x94D049BB133111EBull;
  x ^= x >> 31;
  return x;
}

std::mt19937 stepRng(uint64_t seed, uint64_t stage, uint64_t step) {
  const uint64_t s = stepSeed(seed, stage, step);
  std::seed_seq seq{uint32_t(s), uint32_t(s >> 32)};
  return std::mt19937(seq);
}

void ensureDir(const QString& dir) {
  if (!QDir().mkpath(dir)) throw std::runtime_error(dir.toStdString() + ": cannot create the folder");
}

void writeJson(const QString& path, const QJsonObject& object) {
  QFile file(path);
  const QByteArray bytes = QJsonDocument(object).toJson();
  if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
    throw std::runtime_error(path.toStdString() + ": cannot write: " + file.errorString().toStdString());
}

// PyTorch's default Linear/Conv initialisation bound 1/sqrt(fan_in); norms start as identity;
// embeddings N(0, 0.02) as CLIP; the UNet's conv_out starts at zero (predicts no noise at first).
WeightMap initWeights(const std::vector<TensorSpec>& specs, uint64_t seed) {
  at::Generator gen = at::detail::createCPUGenerator(seed);
  WeightMap weights;
  for (const TensorSpec& spec : specs) {
    torch::Tensor t = torch::empty(spec.shape);
    const bool isWeight = spec.name.size() >= 6 && spec.name.compare(spec.name.size() - 6, 6, "weight") == 0;
    if (spec.name.find("embedding") != std::string::npos) t.normal_(0, 0.02, gen);
    else if (spec.name == "conv_out.weight" || spec.name == "conv_out.bias") t.zero_();
    else if (spec.shape.size() == 1) t.fill_(isWeight ? 1.0 : 0.0);
    else {
      int64_t fanIn = 1;
      for (size_t i = 1; i < spec.shape.size(); ++i) fanIn *= spec.shape[i];
      const double bound = 1.0 / std::sqrt(double(fanIn));
      t.uniform_(-bound, bound, gen);
    }
    t.set_requires_grad(true);
    weights[spec.name] = t;
  }
  return weights;
}

std::vector<torch::Tensor> parameterList(const WeightMap& weights) {
  std::vector<torch::Tensor> params;
  for (const auto& item : weights) params.push_back(item.second);
  return params;
}

WeightMap detached(const WeightMap& weights) {
  WeightMap out;
  for (const auto& [name, t] : weights) out[name] = t.detach().clone();
  return out;
}

// Copies saved values into the live parameters (same names and shapes).
void restore(WeightMap& live, const WeightMap& saved, const QString& file) {
  torch::NoGradGuard noGrad;
  for (auto& [name, t] : live) {
    const auto it = saved.find(name);
    if (it == saved.end() || it->second.sizes() != t.sizes())
      throw std::runtime_error(file.toStdString() + ": checkpoint lacks '" + name + "' (different settings?)");
    t.copy_(it->second);
  }
}

// Linear warm-up, then cosine decay to 5% of the peak.
double learningRate(double peak, int step, int steps, int warmup) {
  if (step < warmup) return peak * (step + 1) / warmup;
  const double progress = double(step - warmup) / std::max(1, steps - warmup);
  return peak * (0.05 + 0.95 * 0.5 * (1 + std::cos(M_PI * progress)));
}

void setLearningRate(torch::optim::AdamW& optimizer, double lr) {
  for (auto& group : optimizer.param_groups()) static_cast<torch::optim::AdamWOptions&>(group.options()).lr(lr);
}

QString duration(double seconds) {
  const int s = int(seconds + 0.5);
  return s >= 60 ? QStringLiteral("%1m%2s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'))
                 : QStringLiteral("%1s").arg(s);
}

// Mean of the first and last tenth of a loss history, with timing.
class LossTracker {
 public:
  LossTracker(QString stage, int total, int start, const TrainOptions& options)
      : stage_(std::move(stage)), total_(total), start_(start), options_(options) {
    timer_.start();
  }
  void add(int step, double loss) {
    losses_.push_back(loss);
    recent_ = recent_ == 0 ? loss : 0.95 * recent_ + 0.05 * loss;
    const int done = step + 1 - start_;
    if (options_.log && (step % 25 == 0 || step + 1 == total_)) {
      const double perStep = timer_.elapsed() / 1000.0 / std::max(1, done);
      options_.log(QStringLiteral("%1 step %2/%3  loss %4  %5 s/step  ETA %6")
                       .arg(stage_)
                       .arg(step + 1)
                       .arg(total_)
                       .arg(recent_, 0, 'f', 5)
                       .arg(perStep, 0, 'f', 3)
                       .arg(duration(perStep * (total_ - step - 1))));
    }
    if (options_.cancel && options_.cancel->load()) throw std::runtime_error("training cancelled");
  }
  StageReport report() const {
    StageReport r;
    r.steps = total_;
    r.seconds = timer_.elapsed() / 1000.0;
    const size_t tenth = std::max<size_t>(1, losses_.size() / 10);
    if (losses_.empty()) return r;
    for (size_t i = 0; i < tenth; ++i) {
      r.firstLoss += losses_[i] / double(tenth);
      r.lastLoss += losses_[losses_.size() - 1 - i] / double(tenth);
    }
    return r;
  }

 private:
  QString stage_;
  int total_, start_;
  const TrainOptions& options_;
  QElapsedTimer timer_;
  std::vector<double> losses_;
  double recent_ = 0;
};

// Checkpoint files: <dir>/<stage>.safetensors (weights, EMA as "ema.<name>"), <stage>-optimizer.pt
// and <stage>.json {"step": n}.
struct Checkpoint {
  QString dir, stage;
  QString weightsPath() const { return dir + QLatin1Char('/') + stage + QStringLiteral(".safetensors"); }
  QString optimizerPath() const { return dir + QLatin1Char('/') + stage + QStringLiteral("-optimizer.pt"); }
  QString statePath() const { return dir + QLatin1Char('/') + stage + QStringLiteral(".json"); }

  int savedStep() const {
    if (!QFile::exists(statePath())) return 0;
    return int(JsonConfig::fromFile(statePath()).requiredInt("step"));
  }
  void save(int step, const WeightMap& weights, const WeightMap& ema, const torch::optim::Optimizer& optimizer) const {
    WeightMap all = detached(weights);
    for (const auto& [name, t] : ema) all["ema." + name] = t;
    saveSafetensors(weightsPath(), all);
    torch::save(optimizer, optimizerPath().toStdString());
    writeJson(statePath(), {{"step", step}});
  }
  void load(WeightMap& weights, WeightMap& ema, torch::optim::Optimizer& optimizer) const {
    const WeightMap all = loadSafetensors(weightsPath());
    restore(weights, all, weightsPath());
    for (auto& [name, t] : ema) t = all.at("ema." + name).clone();
    torch::load(optimizer, optimizerPath().toStdString());
  }
};

void updateEma(WeightMap& ema, const WeightMap& weights, int step) {
  torch::NoGradGuard noGrad;
  const double decay = std::min(kEmaDecay, (1.0 + step) / (10.0 + step));
  for (auto& [name, e] : ema) e.mul_(decay).add_(weights.at(name).detach(), 1 - decay);
}

// Rendered scenes in the pipeline's [-1, 1].
torch::Tensor sceneImages(const std::vector<Scene>& scenes) { return renderBatch(scenes) * 2 - 1; }

torch::Tensor sceneBatch(std::mt19937& rng, int count, std::vector<Scene>* scenes = nullptr) {
  std::vector<Scene> drawn;
  for (int i = 0; i < count; ++i) drawn.push_back(randomScene(rng));
  torch::Tensor images = sceneImages(drawn);
  if (scenes) *scenes = std::move(drawn);
  return images;
}

// ---- stages ---------------------------------------------------------------------------------

StageReport trainJudge(const TrainOptions& o, const Recipe& r, const QString& judgeFile) {
  if (o.resume && QFile::exists(judgeFile)) return {};
  LossTracker tracker(QStringLiteral("judge"), r.judgeSteps, 0, o);
  const Judge judge = Judge::train(stepSeed(o.seed, 1, 0), r.judgeSteps, [&](int step, int, double loss) {
    tracker.add(step - 1, loss);
  });
  ensureDir(QFileInfo(judgeFile).absolutePath());
  judge.save(judgeFile);
  return tracker.report();
}

StageReport trainVae(const TrainOptions& o, const Recipe& r, const AutoencoderKL& vae, WeightMap& weights,
                     WeightMap& ema, const Checkpoint& checkpoint) {
  torch::optim::AdamW optimizer(parameterList(weights), torch::optim::AdamWOptions(r.vaeLr).weight_decay(0.0));
  int start = 0;
  if (o.resume && (start = checkpoint.savedStep()) > 0) checkpoint.load(weights, ema, optimizer);
  LossTracker tracker(QStringLiteral("vae"), r.vaeSteps, start, o);
  for (int step = start; step < r.vaeSteps; ++step) {
    setLearningRate(optimizer, learningRate(r.vaeLr, step, r.vaeSteps, r.warmup));
    std::mt19937 rng = stepRng(o.seed, 2, uint64_t(step));
    const torch::Tensor images = sceneBatch(rng, r.vaeBatch);
    at::Generator gen = at::detail::createCPUGenerator(stepSeed(o.seed, 3, uint64_t(step)));
    const LatentDistribution dist = vae.encode(images);
    const torch::Tensor z = dist.mean + dist.std * torch::randn(dist.mean.sizes(), gen);
    const torch::Tensor reconstruction = vae.decode(z);
    const torch::Tensor kl = 0.5 * (dist.mean.pow(2) + dist.logvar.exp() - 1 - dist.logvar).mean();
    const torch::Tensor loss = torch::mse_loss(reconstruction, images) + kKlWeight * kl;
    optimizer.zero_grad();
    loss.backward();
    torch::nn::utils::clip_grad_norm_(parameterList(weights), 1.0);
    optimizer.step();
    updateEma(ema, weights, step);
    tracker.add(step, loss.item<double>());
    if ((step + 1) % r.checkpointEvery == 0 || step + 1 == r.vaeSteps) checkpoint.save(step + 1, weights, ema, optimizer);
  }
  return tracker.report();
}

struct LatentSet {
  torch::Tensor latents;  // [N, 4, 8, 8], scaled to unit variance
  std::vector<Scene> scenes;
  double scalingFactor = 1;
};

LatentSet encodeDataset(const TrainOptions& o, const Recipe& r, const AutoencoderKL& vae) {
  torch::NoGradGuard noGrad;
  LatentSet set;
  std::mt19937 rng = stepRng(o.seed, 4, 0);
  std::vector<torch::Tensor> chunks;
  for (int done = 0; done < r.latentCount; done += 256) {
    std::vector<Scene> scenes;
    const torch::Tensor images = sceneBatch(rng, std::min(256, r.latentCount - done), &scenes);
    chunks.push_back(vae.encode(images).mean);
    set.scenes.insert(set.scenes.end(), scenes.begin(), scenes.end());
  }
  const torch::Tensor latents = torch::cat(chunks);
  set.scalingFactor = 1.0 / latents.std().item<double>();
  set.latents = latents * set.scalingFactor;
  if (o.log) o.log(QStringLiteral("encoded %1 training images; latent scaling factor %2").arg(r.latentCount).arg(set.scalingFactor));
  return set;
}

torch::Tensor tokenIds(const ClipTokenizer& tokenizer, const QStringList& captions) {
  const std::vector<Encoding> encodings = tokenizer.encodeBatch(captions, kDemoMaxTokens, true, true);
  torch::Tensor ids = torch::empty({int64_t(encodings.size()), kDemoMaxTokens}, torch::kLong);
  for (size_t i = 0; i < encodings.size(); ++i)
    std::copy(encodings[i].ids.begin(), encodings[i].ids.end(), ids[int64_t(i)].data_ptr<int64_t>());
  return ids;
}

// The caption-reading head: from the text encoder's pooled output, one classifier per attribute.
// It exists only in training: a text encoder whose pooled output already knows which shape,
// colours and pattern a caption asks for gives the UNet's cross-attention a readable signal from
// the first diffusion step, which a jointly trained encoder otherwise discovers slowly (colour
// binding was the weak point of plain joint training). An attribute the caption leaves unnamed
// is taught as "no information" (a uniform target), not as a class of its own: FAN mixes the
// references' attention into the target's, and a reference's "purple background" must not have
// to outvote an explicit "background: unnamed" coming from the target.
constexpr std::array<int64_t, 4> kAttributeClasses{kShapes, kColours, kColours, kPatterns};
constexpr int64_t kCaptionClasses = kShapes + 2 * kColours + kPatterns;

std::vector<TensorSpec> captionHeadTensors(int64_t hidden) {
  return {{"head.weight", {kCaptionClasses, hidden}}, {"head.bias", {kCaptionClasses}}};
}

// Attribute labels [B, 4], -1 where an attribute is not set.
torch::Tensor attributeLabels(const std::vector<Attributes>& attributes) {
  torch::Tensor labels = torch::empty({int64_t(attributes.size()), 4}, torch::kLong);
  auto a = labels.accessor<int64_t, 2>();
  auto label = [](const auto& value) { return value ? int64_t(*value) : int64_t(-1); };
  for (size_t i = 0; i < attributes.size(); ++i) {
    a[int64_t(i)][0] = label(attributes[i].shape);
    a[int64_t(i)][1] = label(attributes[i].colour);
    a[int64_t(i)][2] = label(attributes[i].background);
    a[int64_t(i)][3] = label(attributes[i].pattern);
  }
  return labels;
}

// What each caption names (parsed back with the world's caption parser).
std::vector<Attributes> namedAttributes(const QStringList& captions) {
  std::vector<Attributes> named;
  for (const QString& c : captions) named.push_back(parseCaption(c));
  return named;
}

// Personalized samples and P's encoding of each, through the inference path itself
// (PersonalizedAttention with the default options at the sample's alpha), recording autograd
// history into the text encoder's weights.
struct PersonalizedBatch {
  std::vector<Scene> scenes;        // what each sample's image shows
  std::vector<Attributes> shown;    // the caption-reading labels of each sample
  torch::Tensor states;  // [B, L, D] P's last hidden state, what the UNet reads
  torch::Tensor pooled;  // [B, D]
};

PersonalizedBatch personalizedBatch(const ClipTokenizer& tokenizer, const ClipTextModel& text, std::mt19937& rng,
                                    int count) {
  PersonalizedBatch batch;
  std::vector<torch::Tensor> states, pooled;
  for (int i = 0; i < count; ++i) {
    const PersonalizedSample sample = personalizedSample(rng);
    const torch::Tensor ids = tokenIds(tokenizer, QStringList{sample.target} + sample.references);
    std::vector<TokenizedText> references;
    for (int64_t r = 1; r < ids.size(0); ++r) references.push_back({ids[r], std::nullopt});
    const PersonalizedAttention attention(text, {ids[0], std::nullopt}, references);
    AttentionOptions options;
    options.alpha = sample.alpha;
    const EncoderOutput p = attention.personalize(sample.weights, options);
    states.push_back(p.lastHiddenState);
    pooled.push_back(p.pooled);
    batch.scenes.push_back(sample.scene);
    batch.shown.push_back(sample.shown);
  }
  if (count > 0) {
    batch.states = torch::cat(states);
    batch.pooled = torch::cat(pooled);
  }
  return batch;
}

// A batch of plain captions followed by personalized samples: the UNet's context, the pooled
// outputs and the caption-reading labels, rows in that order.
struct JointBatch {
  torch::Tensor context, pooled, labels;
};

JointBatch joinBatches(const EncoderOutput& plain, const QStringList& captions, const PersonalizedBatch& personalized) {
  std::vector<Attributes> labels = namedAttributes(captions);
  labels.insert(labels.end(), personalized.shown.begin(), personalized.shown.end());
  if (personalized.shown.empty()) return {plain.lastHiddenState, plain.pooled, attributeLabels(labels)};
  return {torch::cat({plain.lastHiddenState, personalized.states}), torch::cat({plain.pooled, personalized.pooled}),
          attributeLabels(labels)};
}

// Per attribute: cross-entropy where the caption names it, cross-entropy to the uniform
// distribution where it does not; summed over the four attributes, averaged over the batch.
torch::Tensor captionLoss(const torch::Tensor& pooled, const WeightMap& weights, const torch::Tensor& labels) {
  const torch::Tensor logits = torch::linear(pooled, weights.at("head.weight"), weights.at("head.bias"));
  torch::Tensor loss = torch::zeros({});
  int64_t offset = 0;
  for (int64_t k = 0; k < 4; ++k) {
    const torch::Tensor logp = torch::log_softmax(logits.narrow(1, offset, kAttributeClasses[size_t(k)]), 1);
    const torch::Tensor label = labels.select(1, k);
    const torch::Tensor named = label.ge(0);
    const torch::Tensor picked = logp.gather(1, label.clamp_min(0).unsqueeze(1)).squeeze(1);
    loss = loss - torch::where(named, picked, logp.mean(1)).mean();
    offset += kAttributeClasses[size_t(k)];
  }
  return loss;
}

// Captions of random scenes, with the diffusion stage's share of empty ones.
QStringList randomCaptions(std::mt19937& rng, int count) {
  std::uniform_real_distribution<double> unit(0, 1);
  QStringList captions;
  for (int i = 0; i < count; ++i) {
    const Scene scene = randomScene(rng);
    captions << (unit(rng) < kCaptionDropout ? QString() : trainingCaption(scene, rng));
  }
  return captions;
}

// Stage 3: the text encoder alone learns to read captions (cheap: no images involved), plain and
// through the personalized stream.
StageReport trainCaptionReading(const TrainOptions& o, const Recipe& r, const ClipTokenizer& tokenizer,
                                const ClipTextModel& text, WeightMap& weights, const Checkpoint& checkpoint) {
  torch::optim::AdamW optimizer(parameterList(weights), torch::optim::AdamWOptions(r.captionLr).weight_decay(0.01));
  WeightMap noEma;
  int start = 0;
  if (o.resume && (start = checkpoint.savedStep()) > 0) checkpoint.load(weights, noEma, optimizer);
  LossTracker tracker(QStringLiteral("captions"), r.captionSteps, start, o);
  for (int step = start; step < r.captionSteps; ++step) {
    setLearningRate(optimizer, learningRate(r.captionLr, step, r.captionSteps, r.warmup / 4));
    std::mt19937 rng = stepRng(o.seed, 10, uint64_t(step));
    const QStringList captions = randomCaptions(rng, r.captionBatch - r.captionPersonalized);
    std::mt19937 personalizedRng = stepRng(o.seed, 12, uint64_t(step));
    const PersonalizedBatch personalized = personalizedBatch(tokenizer, text, personalizedRng, r.captionPersonalized);
    const JointBatch batch =
        joinBatches(text.encode(tokenIds(tokenizer, captions), std::nullopt, false), captions, personalized);
    const torch::Tensor loss = captionLoss(batch.pooled, weights, batch.labels);
    optimizer.zero_grad();
    loss.backward();
    torch::nn::utils::clip_grad_norm_(parameterList(weights), 1.0);
    optimizer.step();
    tracker.add(step, loss.item<double>());
    if ((step + 1) % r.checkpointEvery == 0 || step + 1 == r.captionSteps) checkpoint.save(step + 1, weights, noEma, optimizer);
  }
  return tracker.report();
}

// The latents of scenes that are not in the precomputed set (the personalized samples').
torch::Tensor sceneLatents(const AutoencoderKL& vae, double scalingFactor, const std::vector<Scene>& scenes) {
  torch::NoGradGuard noGrad;
  return vae.encode(sceneImages(scenes)).mean * scalingFactor;
}

StageReport trainDiffusion(const TrainOptions& o, const Recipe& r, const LatentSet& data, const AutoencoderKL& vae,
                           const ClipTokenizer& tokenizer, const ClipTextModel& text, const Unet2DConditionModel& unet,
                           WeightMap& weights, WeightMap& ema, const Checkpoint& checkpoint) {
  torch::optim::AdamW optimizer(parameterList(weights), torch::optim::AdamWOptions(r.diffusionLr).weight_decay(0.01));
  int start = 0;
  if (o.resume && (start = checkpoint.savedStep()) > 0) checkpoint.load(weights, ema, optimizer);
  const torch::Tensor alphasCumprod = demoAlphasCumprod();
  LossTracker tracker(QStringLiteral("unet+text"), r.diffusionSteps, start, o);
  const int64_t count = data.latents.size(0);
  for (int step = start; step < r.diffusionSteps; ++step) {
    setLearningRate(optimizer, learningRate(r.diffusionLr, step, r.diffusionSteps, r.warmup));
    std::mt19937 rng = stepRng(o.seed, 5, uint64_t(step));
    std::uniform_int_distribution<int64_t> pickIndex(0, count - 1);
    std::uniform_real_distribution<double> unit(0, 1);
    const int plainCount = r.diffusionBatch - r.diffusionPersonalized;
    torch::Tensor indices = torch::empty({plainCount}, torch::kLong);
    QStringList captions;
    for (int i = 0; i < plainCount; ++i) {
      const int64_t index = pickIndex(rng);
      indices[i] = index;
      captions << (unit(rng) < kCaptionDropout ? QString() : trainingCaption(data.scenes[size_t(index)], rng));
    }
    std::mt19937 personalizedRng = stepRng(o.seed, 13, uint64_t(step));
    const PersonalizedBatch personalized = personalizedBatch(tokenizer, text, personalizedRng, r.diffusionPersonalized);

    at::Generator gen = at::detail::createCPUGenerator(stepSeed(o.seed, 6, uint64_t(step)));
    torch::Tensor x0 = data.latents.index_select(0, indices);
    if (!personalized.scenes.empty()) x0 = torch::cat({x0, sceneLatents(vae, data.scalingFactor, personalized.scenes)});
    const torch::Tensor t = torch::randint(0, alphasCumprod.size(0), {r.diffusionBatch}, gen, torch::kLong);
    const torch::Tensor noise = torch::randn(x0.sizes(), gen);
    const torch::Tensor ab = alphasCumprod.index_select(0, t).view({-1, 1, 1, 1});
    const torch::Tensor noisy = ab.sqrt() * x0 + (1 - ab).sqrt() * noise;

    const JointBatch batch =
        joinBatches(text.encode(tokenIds(tokenizer, captions), std::nullopt, false), captions, personalized);
    const torch::Tensor prediction = unet.forward(noisy, t, batch.context);
    // min-SNR-gamma weighting for epsilon prediction: min(snr, gamma) / snr.
    const torch::Tensor snr = ab.view({-1}) / (1 - ab.view({-1}));
    const torch::Tensor weight = torch::clamp_max(snr, kMinSnrGamma) / snr;
    const torch::Tensor perSample = (prediction - noise).pow(2).mean({1, 2, 3});
    const torch::Tensor loss = (weight * perSample).mean() +
                               kCaptionLossWeight * captionLoss(batch.pooled, weights, batch.labels);
    optimizer.zero_grad();
    loss.backward();
    torch::nn::utils::clip_grad_norm_(parameterList(weights), 1.0);
    optimizer.step();
    updateEma(ema, weights, step);
    tracker.add(step, perSample.mean().item<double>());
    if ((step + 1) % r.checkpointEvery == 0 || step + 1 == r.diffusionSteps)
      checkpoint.save(step + 1, weights, ema, optimizer);
  }
  return tracker.report();
}

// Splits "unet.<name>" / "text.<name>" back into the two components' weights.
WeightMap withPrefix(const WeightMap& weights, const std::string& prefix, bool strip) {
  WeightMap out;
  for (const auto& [name, t] : weights) {
    if (strip) {
      if (name.compare(0, prefix.size(), prefix) == 0) out[name.substr(prefix.size())] = t;
    } else {
      out[prefix + name] = t;
    }
  }
  return out;
}

// Components are stored in half precision, as published Stable Diffusion weights usually are: the
// folder is half the size, and every loader converts to its compute dtype.
void saveComponent(const QString& dir, const QString& file, const QJsonObject& config, const WeightMap& weights) {
  ensureDir(dir);
  writeJson(dir + QStringLiteral("/config.json"), config);
  WeightMap half;
  for (const auto& [name, t] : weights) half[name] = t.detach().to(torch::kHalf);
  saveSafetensors(dir + QLatin1Char('/') + file, half, {{"format", "pt"}});
}

}  // namespace

TrainReport trainDemoModel(const TrainOptions& o) {
  if (o.outDir.isEmpty()) throw std::invalid_argument("train-demo: no output folder");
  const Recipe r = recipeFor(o.quick);
  const QString out = QDir(o.outDir).absolutePath();
  const QString work = o.checkpointDir.isEmpty() ? out + QStringLiteral("-checkpoints") : o.checkpointDir;
  ensureDir(out);
  ensureDir(work);
  QElapsedTimer total;
  total.start();
  TrainReport report;
  torch::manual_seed(o.seed);

  report.judge = trainJudge(o, r, out + QStringLiteral("/judge/judge.safetensors"));

  const QString tokenizerDir = out + QStringLiteral("/tokenizer");
  writeDemoTokenizer(tokenizerDir, captionWords(), kDemoMaxTokens);
  const std::unique_ptr<ClipTokenizer> tokenizer = ClipTokenizer::fromFolder(tokenizerDir);

  // VAE.
  const VaeConfig vaeConfig = VaeConfig::fromJson(JsonConfig(demoVaeConfig(1.0), QStringLiteral("vae/config.json")));
  WeightMap vaeWeights = initWeights(AutoencoderKL::expectedTensors(vaeConfig), stepSeed(o.seed, 7, 0));
  WeightMap vaeEma = detached(vaeWeights);
  const AutoencoderKL vae(vaeConfig, vaeWeights, QStringLiteral("vae (training)"));
  report.vae = trainVae(o, r, vae, vaeWeights, vaeEma, {work, QStringLiteral("vae")});
  const AutoencoderKL vaeFinal(vaeConfig, vaeEma, QStringLiteral("vae (EMA)"));
  const LatentSet data = encodeDataset(o, r, vaeFinal);
  report.vaeScalingFactor = data.scalingFactor;

  // The text encoder learns to read captions, then UNet + text encoder train with one optimizer.
  const int64_t vocab = tokenizer->vocabSize();
  const ClipTextConfig textConfig = ClipTextConfig::fromJson(
      JsonConfig(demoTextEncoderConfig(vocab), QStringLiteral("text_encoder/config.json")), false);
  const UnetConfig unetConfig = UnetConfig::fromJson(JsonConfig(demoUnetConfig(), QStringLiteral("unet/config.json")));
  WeightMap textWeights = initWeights(ClipTextModel::expectedTensors(textConfig), stepSeed(o.seed, 8, 0));
  WeightMap unetWeights = initWeights(Unet2DConditionModel::expectedTensors(unetConfig), stepSeed(o.seed, 9, 0));
  const ClipTextModel text(textConfig, textWeights, QStringLiteral("text_encoder (training)"));
  const Unet2DConditionModel unet(unetConfig, unetWeights, QStringLiteral("unet (training)"));
  WeightMap joint = withPrefix(textWeights, "text.", false);
  for (const auto& [name, t] : initWeights(captionHeadTensors(textConfig.hiddenSize), stepSeed(o.seed, 11, 0))) joint[name] = t;
  report.captions = trainCaptionReading(o, r, *tokenizer, text, joint, {work, QStringLiteral("captions")});
  for (const auto& [name, t] : withPrefix(unetWeights, "unet.", false)) joint[name] = t;
  WeightMap jointEma = detached(joint);
  report.diffusion =
      trainDiffusion(o, r, data, vaeFinal, *tokenizer, text, unet, joint, jointEma, {work, QStringLiteral("diffusion")});

  // The diffusers folder (EMA weights).
  saveComponent(out + QStringLiteral("/vae"), QStringLiteral("diffusion_pytorch_model.safetensors"),
                demoVaeConfig(data.scalingFactor), vaeEma);
  saveComponent(out + QStringLiteral("/unet"), QStringLiteral("diffusion_pytorch_model.safetensors"), demoUnetConfig(),
                withPrefix(jointEma, "unet.", true));
  saveComponent(out + QStringLiteral("/text_encoder"), QStringLiteral("model.safetensors"),
                demoTextEncoderConfig(vocab), withPrefix(jointEma, "text.", true));
  ensureDir(out + QStringLiteral("/scheduler"));
  writeJson(out + QStringLiteral("/scheduler/scheduler_config.json"), demoSchedulerConfig());
  writeJson(out + QStringLiteral("/model_index.json"), demoModelIndex());
  report.seconds = total.elapsed() / 1000.0;
  if (o.log) o.log(QStringLiteral("wrote %1 in %2").arg(out, duration(report.seconds)));
  return report;
}

}  // namespace fan::demo
