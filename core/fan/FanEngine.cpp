#include "core/fan/FanEngine.h"

#include "core/fan/ClassTokenDetector.h"
#include "core/fan/PersonalizedConditions.h"
#include "core/fan/Profiler.h"
#include "core/store/HistoryStore.h"
#include "core/text/Tokenizer.h"

#include <QHash>

#include <algorithm>
#include <map>
#include <stdexcept>

namespace fan {

namespace {

constexpr int kEncodeBatch = 32;  // cache misses are encoded this many texts at a time

void validate(const PersonalizationRequest& r) {
  if (r.target.trimmed().isEmpty()) throw std::invalid_argument("the target prompt is empty");
  if (!(r.attention.alpha >= 0.0 && r.attention.alpha <= 1.0))
    throw std::invalid_argument("alpha must be in [0, 1], got " + std::to_string(r.attention.alpha));
  if (!(r.sampleSize >= 0.0 && r.sampleSize <= 1.0))
    throw std::invalid_argument("sample_size must be in [0, 1], got " + std::to_string(r.sampleSize));
  if (r.kappa < 1) throw std::invalid_argument("kappa must be >= 1, got " + std::to_string(r.kappa));
  if (r.clipSkip < 1) throw std::invalid_argument("CLIP skip must be >= 1, got " + std::to_string(r.clipSkip));
  for (size_t i = 0; i < r.references.size(); ++i)
    if (!(r.references[i].weight >= 0.0))
      throw std::invalid_argument("reference " + std::to_string(i) + " (\"" + r.references[i].prompt.toStdString() +
                                  "\") has weight " + std::to_string(r.references[i].weight) + "; weights must be >= 0");
  for (qint64 id : r.pinnedEntries) {
    if (std::count(r.pinnedEntries.begin(), r.pinnedEntries.end(), id) > 1)
      throw std::invalid_argument("entry " + std::to_string(id) + " is pinned twice");
    if (std::count(r.excludedEntries.begin(), r.excludedEntries.end(), id) > 0)
      throw std::invalid_argument("entry " + std::to_string(id) + " is both pinned and excluded");
  }
}

// Where `id` sits in `history`; throws naming the id and where it was looked for.
size_t historyIndex(const std::vector<Reference>& history, qint64 id, const char* role, const QString& profile) {
  for (size_t i = 0; i < history.size(); ++i)
    if (id >= 0 && history[i].entryId == id) return i;
  throw std::invalid_argument(std::string(role) + " entry " + std::to_string(id) + " is not in " +
                              (profile.isEmpty() ? std::string("the given references")
                                                 : "profile '" + profile.toStdString() + "'s history"));
}

double cosine(const torch::Tensor& a, const torch::Tensor& b) {
  const double norms = a.norm().item<double>() * b.norm().item<double>();
  return norms > 0 ? (a * b).sum().item<double>() / norms : 0.0;
}

// Unit eigenvectors [D, 2] of the two largest eigenvalues of Xc^T Xc and those eigenvalues, from
// whichever of the covariance or the Gram matrix is smaller. Signs: each axis' largest-magnitude
// component is positive, so equal data give equal plots.
std::pair<torch::Tensor, torch::Tensor> principalAxes(const torch::Tensor& centred) {
  const int64_t n = centred.size(0), d = centred.size(1);
  const bool gram = n < d;
  const torch::Tensor m = gram ? centred.mm(centred.t()) : centred.t().mm(centred);
  const auto [values, vectors] = torch::linalg_eigh(m, "L");  // ascending
  const int64_t k = std::min<int64_t>(2, m.size(0));
  torch::Tensor top = vectors.narrow(1, m.size(0) - k, k).flip({1});
  const torch::Tensor lambda = values.narrow(0, m.size(0) - k, k).flip({0}).clamp_min(0);
  if (gram) top = centred.t().mm(top) / lambda.sqrt().clamp_min(1e-300).unsqueeze(0);  // Gram vectors -> axes
  if (k < 2) top = torch::cat({top, torch::zeros({d, 2 - k}, top.options())}, 1);
  const torch::Tensor peak = top.abs().argmax(0);
  const torch::Tensor sign = top.gather(0, peak.unsqueeze(0)).sign().clamp_min(0) * 2 - 1;
  return {top * sign, torch::cat({lambda, torch::zeros({2 - k}, lambda.options())})};
}

}  // namespace

struct FanEngine::Impl {
  std::shared_ptr<const TextConditioner> conditioner;
  HistoryStore* store = nullptr;

  // The last request's streams, kept so update() re-runs only P.
  std::unique_ptr<TextConditioner::Personalization> streams;
  PersonalizationRequest request;
  PersonalizationResult result;
  Condition negative;
  DetectorMap detectors;
  std::map<QString, std::shared_ptr<const ClassTokenDetector>> detectorFiles;

  // Token-averaged conditions of texts seen in this session (one conditioner fingerprint) and
  // the last history's matrix.
  QString meansKey;
  QHash<QString, torch::Tensor> means;
  QStringList matrixTexts;
  torch::Tensor matrix;

  // Token-averaged conditions [N, D] of `texts`: memory, then the store's cache, then the encoders.
  torch::Tensor tokenAveraged(const QStringList& texts, int clipSkip);
  torch::Tensor historyMatrix(const QStringList& texts, int clipSkip);
  DetectorMap loadDetectors(const QStringList& files);
  int64_t firstWidth() const { return conditioner->branches().front().encoder->hiddenSize(); }
};

torch::Tensor FanEngine::Impl::tokenAveraged(const QStringList& texts, int clipSkip) {
  const QString key = conditioner->fingerprint(clipSkip);
  if (meansKey != key) {  // another model or CLIP skip: nothing cached applies
    means.clear();
    matrixTexts.clear();
    matrix = torch::Tensor();
    meansKey = key;
  }
  QStringList missing;
  for (const QString& t : texts) {
    const QString norm = Tokenizer::normalizeForCache(t);
    if (means.contains(norm) || missing.contains(norm)) continue;
    if (store) {
      if (const auto cached = store->cachedEmbedding(key, norm)) {
        means.insert(norm, torch::tensor(*cached, torch::kFloat));
        continue;
      }
    }
    missing << norm;
  }
  for (qsizetype start = 0; start < missing.size(); start += kEncodeBatch) {
    const QStringList batch = missing.mid(start, kEncodeBatch);
    const torch::Tensor encoded = conditioner->tokenAveraged(batch, clipSkip).to(torch::kFloat).contiguous();
    std::vector<std::pair<QString, std::vector<float>>> rows;
    for (qsizetype i = 0; i < batch.size(); ++i) {
      const torch::Tensor row = encoded[i].clone();
      means.insert(batch[i], row);
      rows.emplace_back(batch[i], std::vector<float>(row.data_ptr<float>(), row.data_ptr<float>() + row.numel()));
    }
    if (store) store->storeEmbeddings(key, rows);
  }
  std::vector<torch::Tensor> out;
  for (const QString& t : texts) out.push_back(means.value(Tokenizer::normalizeForCache(t)));
  return torch::stack(out);
}

torch::Tensor FanEngine::Impl::historyMatrix(const QStringList& texts, int clipSkip) {
  if (!matrix.defined() || matrixTexts != texts || meansKey != conditioner->fingerprint(clipSkip)) {
    matrix = texts.isEmpty() ? torch::zeros({0, conditioner->conditionWidth()}) : tokenAveraged(texts, clipSkip);
    matrixTexts = texts;
  }
  return matrix;
}

DetectorMap FanEngine::Impl::loadDetectors(const QStringList& files) {
  DetectorMap loaded;
  for (const QString& file : files) {
    auto& detector = detectorFiles[file];
    if (!detector) detector = ClassTokenDetector::load(file);
    conditioner->checkDetector(*detector, file);
    if (!loaded.emplace(detector->info().component, detector).second)
      throw std::invalid_argument("two class-token detectors for " + detector->info().component);
  }
  return loaded;
}

FanEngine::FanEngine(std::shared_ptr<const TextConditioner> conditioner, HistoryStore* store)
    : conditioner_(std::move(conditioner)), impl_(std::make_unique<Impl>()) {
  impl_->conditioner = conditioner_;
  impl_->store = store;
}

FanEngine::~FanEngine() = default;

PersonalizationResult FanEngine::personalize(const PersonalizationRequest& request) {
  validate(request);
  torch::NoGradGuard noGrad;
  HistoryStore* store = impl_->store;
  PersonalizationResult result;
  if (!request.profile.isEmpty()) {
    if (!store) throw std::invalid_argument("profile '" + request.profile.toStdString() + "' needs a history store");
    for (const WeightedEntry& e : store->profilingHistory(store->profileByName(request.profile).id))
      result.history.push_back({e.entry.prompt, e.weight, e.entry.id});
  } else {
    result.history = request.references;
  }
  std::vector<bool> excluded(result.history.size(), false);
  for (qint64 id : request.excludedEntries) excluded[historyIndex(result.history, id, "excluded", request.profile)] = true;
  std::vector<Reference> kept;
  for (size_t i = 0; i < result.history.size(); ++i)
    if (!excluded[i]) kept.push_back(result.history[i]);
  result.history = std::move(kept);

  ProfilingOptions profiling{request.sampleSize, request.kappa, {}};
  for (qint64 id : request.pinnedEntries) {
    const size_t index = historyIndex(result.history, id, "pinned", request.profile);
    if (!(result.history[index].weight > 0))
      throw std::invalid_argument("pinned entry " + std::to_string(id) + " is switched off (weight 0)");
    profiling.pinned.push_back(static_cast<int>(index));
  }
  const DetectorMap detectors = impl_->loadDetectors(request.detectors);

  std::vector<double> weights;
  QStringList texts;
  for (const Reference& r : result.history) {
    weights.push_back(r.weight);
    texts << r.prompt;
  }
  const bool anyActive = std::any_of(weights.begin(), weights.end(), [](double w) { return w > 0; });
  if (request.sampleSize > 0 && anyActive) {
    const torch::Tensor history = impl_->historyMatrix(texts, request.clipSkip);
    const torch::Tensor target = impl_->tokenAveraged({request.target}, request.clipSkip)[0];
    result.report = selectReferences(target, history, weights, profiling);
  } else {  // no profiling: only the weights matter
    profiling.sampleSize = 0;
    result.report = selectReferences(torch::zeros({1}), torch::zeros({static_cast<int64_t>(weights.size()), 1}),
                                     weights, profiling);
  }
  QStringList refTexts;
  for (const ProfilePick& p : result.report.picks) {
    result.references.push_back(result.history[static_cast<size_t>(p.index)]);
    refTexts << result.history[static_cast<size_t>(p.index)].prompt;
  }

  impl_->streams = conditioner_->personalize(request.target, refTexts);
  impl_->negative = request.cfgNegative == CfgNegative::Target
                        ? impl_->streams->target(request.clipSkip)
                        : conditioner_->negative(request.negative, request.clipSkip);
  impl_->detectors = detectors;
  impl_->request = request;
  impl_->result = result;
  std::vector<double> pickWeights;
  for (const Reference& r : result.references) pickWeights.push_back(r.weight);
  return update(pickWeights, request.attention);
}

PersonalizationResult FanEngine::update(const std::vector<double>& referenceWeights, const AttentionOptions& attention) {
  if (!impl_->streams) throw std::logic_error("FanEngine::update before personalize");
  if (referenceWeights.size() != impl_->result.references.size())
    throw std::invalid_argument("update: " + std::to_string(referenceWeights.size()) + " weights for " +
                                std::to_string(impl_->result.references.size()) + " references");
  torch::NoGradGuard noGrad;
  PersonalizationResult result = impl_->result;
  for (size_t i = 0; i < referenceWeights.size(); ++i) result.references[i].weight = referenceWeights[i];
  const int clipSkip = impl_->request.clipSkip;
  auto conditions = std::make_shared<PersonalizedConditions>();
  conditions->personalized = impl_->streams->personalized(referenceWeights, attention, clipSkip, impl_->detectors);
  conditions->target = impl_->streams->target(clipSkip);
  conditions->negative = impl_->negative;
  result.conditions = conditions;
  impl_->request.attention = attention;
  impl_->result.references = result.references;
  impl_->result.conditions = conditions;
  return result;
}

HistoryProjection FanEngine::projection() const {
  if (!impl_->streams) throw std::logic_error("FanEngine::projection before personalize");
  torch::NoGradGuard noGrad;
  const PersonalizationRequest& request = impl_->request;
  QStringList texts;
  for (const Reference& r : impl_->result.history) texts << r.prompt;
  const int64_t width = impl_->firstWidth();
  const torch::Tensor history = impl_->historyMatrix(texts, request.clipSkip).narrow(1, 0, width).to(torch::kDouble);
  const torch::Tensor target = impl_->tokenAveraged({request.target}, request.clipSkip)[0].narrow(0, 0, width).to(torch::kDouble);
  HistoryProjection out;
  if (history.size(0) == 0) return out;
  const torch::Tensor mean = history.mean(0, true);
  const torch::Tensor centred = history - mean;
  const auto [axes, variances] = principalAxes(centred);
  const torch::Tensor points = centred.mm(axes).contiguous();
  const torch::Tensor t = (target.unsqueeze(0) - mean).mm(axes)[0];
  const double* p = points.data_ptr<double>();
  for (int64_t i = 0; i < points.size(0); ++i) out.history.emplace_back(p[2 * i], p[2 * i + 1]);
  out.target = QPointF(t[0].item<double>(), t[1].item<double>());
  const double total = centred.square().sum().item<double>();
  for (int k = 0; k < 2; ++k) out.explained[k] = total > 0 ? variances[k].item<double>() / total : 0.0;
  return out;
}

ConditionShift FanEngine::conditionShift() const {
  if (!impl_->streams) throw std::logic_error("FanEngine::conditionShift before personalize");
  torch::NoGradGuard noGrad;
  const PersonalizationRequest& request = impl_->request;
  const PersonalizedConditions& c = *impl_->result.conditions;
  const int64_t width = impl_->firstWidth();
  const QString start = request.attention.queryStart == QueryStart::Empty ? QString() : request.target;
  const TextConditioner& conditioner = *conditioner_;
  auto firstEncoder = [&](const torch::Tensor& means) { return means.narrow(-1, 0, width).to(torch::kDouble); };
  ConditionShift shift;
  const torch::Tensor personalized = firstEncoder(conditioner.averageOwnTokens(c.personalized.sequence, {start})[0]);
  shift.cosineToTarget = cosine(personalized, firstEncoder(conditioner.averageOwnTokens(c.target.sequence, {request.target})[0]));
  QStringList refTexts;
  std::vector<double> weights;
  for (const Reference& r : impl_->result.references) {
    refTexts << r.prompt;
    weights.push_back(r.weight);
  }
  double total = 0;
  for (double w : weights) total += w;
  if (total <= 0) return shift;
  const torch::Tensor refs = firstEncoder(impl_->tokenAveraged(refTexts, request.clipSkip));
  const torch::Tensor w = torch::tensor(weights, torch::kDouble).unsqueeze(1) / total;
  shift.cosineToReferences = cosine(personalized, (refs * w).sum(0));
  return shift;
}

}  // namespace fan
