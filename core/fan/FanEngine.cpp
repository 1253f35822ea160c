#include "core/fan/FanEngine.h"

#include "core/fan/PersonalizedConditions.h"
#include "core/fan/Profiler.h"
#include "core/store/HistoryStore.h"

#include <QHash>

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
}

}  // namespace

struct FanEngine::Impl {
  // The last request's streams, kept so update() re-runs only P.
  std::unique_ptr<TextConditioner::Personalization> streams;
  PersonalizationRequest request;
  PersonalizationResult result;
  Condition negative;
  // Token-averaged conditions of texts seen in this session (per conditioner fingerprint).
  QString matrixKey;
  QHash<QString, torch::Tensor> means;
};

FanEngine::FanEngine(std::shared_ptr<const TextConditioner> conditioner, HistoryStore* store)
    : conditioner_(std::move(conditioner)), store_(store), impl_(std::make_unique<Impl>()) {}

FanEngine::~FanEngine() = default;

PersonalizationResult FanEngine::personalize(const PersonalizationRequest& request) {
  validate(request);
  torch::NoGradGuard noGrad;
  PersonalizationResult result;
  if (!request.profile.isEmpty()) {
    if (!store_) throw std::invalid_argument("profile '" + request.profile.toStdString() + "' needs a history store");
    for (const WeightedEntry& e : store_->profilingHistory(store_->profileByName(request.profile).id))
      result.history.push_back({e.entry.prompt, e.weight, e.entry.id});
  } else {
    result.history = request.references;
  }

  std::vector<double> weights;
  for (const Reference& r : result.history) weights.push_back(r.weight);
  const bool anyActive = std::any_of(weights.begin(), weights.end(), [](double w) { return w > 0; });
  if (request.sampleSize > 0 && anyActive) {
    QStringList texts;
    for (const Reference& r : result.history) texts << r.prompt;
    const torch::Tensor history = tokenAveraged(texts, request.clipSkip);
    const torch::Tensor target = tokenAveraged({request.target}, request.clipSkip)[0];
    result.report = selectReferences(target, history, weights, {request.sampleSize, request.kappa});
  } else {
    result.report = selectReferences(torch::zeros({1}), torch::zeros({static_cast<int64_t>(weights.size()), 1}),
                                     weights, {0.0, request.kappa});
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
  conditions->personalized = impl_->streams->personalized(referenceWeights, attention, clipSkip);
  conditions->target = impl_->streams->target(clipSkip);
  conditions->negative = impl_->negative;
  result.conditions = conditions;
  impl_->request.attention = attention;
  return result;
}

torch::Tensor FanEngine::tokenAveraged(const QStringList& texts, int clipSkip) {
  const QString key = conditioner_->fingerprint(clipSkip);
  if (impl_->matrixKey != key) {  // another model or CLIP skip: nothing cached applies
    impl_->means.clear();
    impl_->matrixKey = key;
  }
  QStringList missing;
  for (const QString& t : texts) {
    const QString norm = HistoryStore::normalizeEmbeddingText(t);
    if (impl_->means.contains(norm) || missing.contains(norm)) continue;
    if (store_) {
      if (const auto cached = store_->cachedEmbedding(key, norm)) {
        impl_->means.insert(norm, torch::tensor(*cached, torch::kFloat));
        continue;
      }
    }
    missing << norm;
  }
  for (qsizetype start = 0; start < missing.size(); start += kEncodeBatch) {
    const QStringList batch = missing.mid(start, kEncodeBatch);
    const torch::Tensor means = conditioner_->tokenAveraged(batch, clipSkip).to(torch::kFloat).contiguous();
    std::vector<std::pair<QString, std::vector<float>>> rows;
    for (qsizetype i = 0; i < batch.size(); ++i) {
      const torch::Tensor row = means[i].clone();
      impl_->means.insert(batch[i], row);
      rows.emplace_back(batch[i], std::vector<float>(row.data_ptr<float>(), row.data_ptr<float>() + row.numel()));
    }
    if (store_) store_->storeEmbeddings(key, rows);
  }
  std::vector<torch::Tensor> out;
  for (const QString& t : texts) out.push_back(impl_->means.value(HistoryStore::normalizeEmbeddingText(t)));
  return torch::stack(out);
}

}  // namespace fan
