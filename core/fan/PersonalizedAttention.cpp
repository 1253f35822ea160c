#include "core/fan/PersonalizedAttention.h"

#include "core/fan/ClassTokenDetector.h"
#include "kernels/Attention.h"
#include "kernels/PersonalizedCombine.h"

#include <QFile>

#include <cstdio>
#include <numeric>
#include <stdexcept>

#include <unistd.h>

namespace fan {
namespace {

torch::Tensor stackIds(const TokenizedText& target, const std::vector<TokenizedText>& refs) {
  std::vector<torch::Tensor> rows{target.ids};
  for (const auto& r : refs) {
    if (r.ids.size(0) != target.ids.size(0))
      throw std::invalid_argument("personalized attention needs target and references padded to one length");
    rows.push_back(r.ids);
  }
  return torch::stack(rows);
}

std::optional<torch::Tensor> stackMasks(const TokenizedText& target, const std::vector<TokenizedText>& refs) {
  if (!target.mask) return std::nullopt;
  std::vector<torch::Tensor> rows{*target.mask};
  for (const auto& r : refs) {
    if (!r.mask) throw std::invalid_argument("personalized attention: every text needs a padding mask, or none");
    rows.push_back(*r.mask);
  }
  return torch::stack(rows);
}

std::optional<torch::Tensor> batchMask(const TokenizedText& text) {
  if (!text.mask) return std::nullopt;
  return text.mask->unsqueeze(0);
}

// A trainer's encoder (the demo model is trained with FAN in the loop) keeps autograd history
// through personalized attention while grad mode is on; inference never records any.
bool recordsGrad(const TextEncoder& encoder) { return encoder.trainable() && torch::GradMode::is_enabled(); }

// MemAvailable from /proc/meminfo (free pages where that file is missing).
uint64_t availableMemoryBytes() {
  QFile meminfo(QStringLiteral("/proc/meminfo"));
  if (meminfo.open(QIODevice::ReadOnly)) {
    for (const QByteArray& line : meminfo.readAll().split('\n'))
      if (line.startsWith("MemAvailable:")) return line.mid(13).trimmed().split(' ').front().toULongLong() * 1024;
  }
  return static_cast<uint64_t>(sysconf(_SC_AVPHYS_PAGES)) * static_cast<uint64_t>(sysconf(_SC_PAGESIZE));
}

std::string readableBytes(uint64_t bytes) {
  const char* units[] = {"bytes", "KiB", "MiB", "GiB", "TiB"};
  double value = static_cast<double>(bytes);
  int unit = 0;
  for (; value >= 1024 && unit < 4; ++unit) value /= 1024;
  char text[32];
  std::snprintf(text, sizeof text, unit == 0 ? "%.0f %s" : "%.1f %s", value, units[unit]);
  return text;
}

// Rows [start, start + size) of a bias broadcastable to [B, H, L, L] (shared rows stay shared).
torch::Tensor biasRows(const torch::Tensor& bias, int64_t start, int64_t size) {
  return bias.dim() == 4 && bias.size(0) > 1 ? bias.narrow(0, start, size) : bias;
}

// Re-pools a finished CLIP stream at the detector's pick among the start text's own tokens.
void poolWithDetector(const TextEncoder& encoder, const ClassTokenDetector& detector, const torch::Tensor& startIds,
                      EncoderOutput& out) {
  const torch::Tensor position = detector.pick(out.lastHiddenState, detectorValidPositions(encoder, startIds));
  const torch::Tensor rows = torch::arange(startIds.size(0), position.options());
  out.pooledIndex = position;
  out.pooled = out.lastHiddenState.index({rows, position});
  out.textEmbeds = encoder.project(out.pooled);
}

}  // namespace

uint64_t PersonalizedAttention::cacheBytes(const TextEncoder& encoder, int64_t conditions, int64_t length) {
  const uint64_t element = static_cast<uint64_t>(torch::elementSize(torch::typeMetaToScalarType(encoder.options().dtype())));
  return static_cast<uint64_t>(conditions) * static_cast<uint64_t>(encoder.numLayers()) * 2 *
         static_cast<uint64_t>(length) * static_cast<uint64_t>(encoder.hiddenSize()) * element;
}

PersonalizedAttention::PersonalizedAttention(const TextEncoder& encoder, const TokenizedText& target,
                                             const std::vector<TokenizedText>& references,
                                             const std::optional<TokenizedText>& empty, const Limits& limits)
    : encoder_(encoder), limits_(limits), referenceCount_(references.size()), targetText_(target), emptyText_(empty) {
  if (limits_.batch < 1) throw std::invalid_argument("personalized attention: the batch size must be >= 1");
  const torch::AutoGradMode gradMode(recordsGrad(encoder));
  const torch::Tensor ids = stackIds(target, references);
  const std::optional<torch::Tensor> masks = stackMasks(target, references);
  const int64_t count = ids.size(0), length = ids.size(1);
  uint64_t limit = limits_.memoryBytes;
  if (limit == 0 && encoder.options().device().is_cpu()) limit = availableMemoryBytes() / 2;
  const uint64_t need = cacheBytes(encoder, count, length);
  if (limit > 0 && need > limit)
    throw std::runtime_error(std::to_string(references.size()) + " references need " + readableBytes(need) +
                             " for their cached keys and values (" + std::to_string(encoder.numLayers()) + " layers, " +
                             std::to_string(length) + " tokens); the limit is " + readableBytes(limit) + ", enough for at most " +
                             std::to_string(std::max<int64_t>(0, static_cast<int64_t>(limit / cacheBytes(encoder, 1, length)) - 1)) +
                             " references: use fewer references or a smaller sample size");

  // The plain pass in batches; the target (row 0) keeps its hidden states.
  for (int64_t start = 0; start < count; start += limits_.batch) {
    const int64_t size = std::min(limits_.batch, count - start);
    LayerKeysValues chunk;
    const EncoderOutput plain = encoder.encode(
        ids.narrow(0, start, size), masks ? std::optional<torch::Tensor>(masks->narrow(0, start, size)) : std::nullopt,
        start == 0, &chunk);
    if (start == 0) {
      target_.lastHiddenState = plain.lastHiddenState.narrow(0, 0, 1);
      for (const auto& h : plain.hiddenStates) target_.hiddenStates.push_back(h.narrow(0, 0, 1));
      if (plain.pooled.defined()) {
        target_.pooled = plain.pooled.narrow(0, 0, 1);
        target_.pooledIndex = plain.pooledIndex.narrow(0, 0, 1);
        if (plain.textEmbeds.defined()) target_.textEmbeds = plain.textEmbeds.narrow(0, 0, 1);
      }
    }
    if (size == count) {  // one batch: its cache is the whole cache
      conditions_ = std::move(chunk);
      break;
    }
    for (size_t layer = 0; layer < chunk.keys.size(); ++layer) {
      if (start == 0) {
        auto shape = chunk.keys[layer].sizes().vec();
        shape[0] = count;
        conditions_.keys.push_back(torch::empty(shape, chunk.keys[layer].options()));
        conditions_.values.push_back(torch::empty(shape, chunk.values[layer].options()));
      }
      conditions_.keys[layer].narrow(0, start, size).copy_(chunk.keys[layer]);
      conditions_.values[layer].narrow(0, start, size).copy_(chunk.values[layer]);
    }
  }
  conditionBias_ = encoder.attentionBias(length, masks);
}

// H = sum_c coefficient_c * softmax(q K_c^T s + M_c) V_c, one softmax per condition: fused in one
// pass (kernels/PersonalizedCombine) for float32 on the CPU, else condition batches of
// per-condition attention outputs, weighted and summed.
torch::Tensor PersonalizedAttention::attendPersonalized(int64_t layer, const torch::Tensor& q,
                                                        const torch::Tensor& coefficients) const {
  const torch::Tensor& k = conditions_.keys[layer];
  const torch::Tensor& v = conditions_.values[layer];
  // One condition at coefficient 1 (alpha 0, or a single reference at alpha 1): the plain
  // attention of that condition, so P reproduces the plain encode bit for bit.
  const torch::Tensor nonzero = coefficients.nonzero();
  if (nonzero.size(0) == 1 && coefficients[nonzero[0][0]].item<double>() == 1.0) {
    const int64_t c = nonzero[0][0].item<int64_t>();
    return kernels::attention(q, k.narrow(0, c, 1), v.narrow(0, c, 1), encoder_.attentionScale(),
                              biasRows(conditionBias_, c, 1));
  }
  if (kernels::personalizedCombineApplicable(q, k, v, conditionBias_)) {
    const torch::Tensor c = coefficients.to(torch::kDouble).contiguous();
    return kernels::personalizedCombine(q, k, v, encoder_.attentionScale(), conditionBias_,
                                        std::vector<double>(c.data_ptr<double>(), c.data_ptr<double>() + c.numel()));
  }
  torch::Tensor sum;
  for (int64_t start = 0; start < k.size(0); start += limits_.batch) {
    const int64_t size = std::min(limits_.batch, k.size(0) - start);
    const torch::Tensor perCondition =
        kernels::attention(q.expand({size, -1, -1, -1}), k.narrow(0, start, size), v.narrow(0, start, size),
                           encoder_.attentionScale(), biasRows(conditionBias_, start, size));
    const torch::Tensor part = (perCondition * coefficients.narrow(0, start, size).view({-1, 1, 1, 1})).sum(0, true);
    sum = sum.defined() ? sum + part : part;
  }
  return sum;
}

// One softmax over the keys of T and every R_i concatenated along the sequence.
torch::Tensor PersonalizedAttention::attendJoint(int64_t layer, const torch::Tensor& q) const {
  const torch::Tensor& k = conditions_.keys[layer];
  const torch::Tensor& v = conditions_.values[layer];
  const int64_t n = k.size(0), H = k.size(1), L = k.size(2), D = k.size(3);
  auto join = [&](const torch::Tensor& t) { return t.permute({1, 0, 2, 3}).reshape({1, H, n * L, D}); };
  const torch::Tensor bias = conditionBias_.expand({n, H, L, L}).permute({1, 2, 0, 3}).reshape({1, H, L, n * L});
  return kernels::attention(q, join(k), join(v), encoder_.attentionScale(), bias);
}

EncoderOutput PersonalizedAttention::personalize(const std::vector<double>& weights, const AttentionOptions& options,
                                                 const ClassTokenDetector* detector) const {
  if (weights.size() != referenceCount_)
    throw std::invalid_argument("personalize: " + std::to_string(weights.size()) + " weights for " +
                                std::to_string(referenceCount_) + " references");
  if (!(options.alpha >= 0.0 && options.alpha <= 1.0))
    throw std::invalid_argument("alpha must be in [0, 1], got " + std::to_string(options.alpha));
  double total = 0;
  for (double w : weights) {
    if (!(w >= 0.0) || !std::isfinite(w))
      throw std::invalid_argument("reference weight " + std::to_string(w) + " is invalid; weights must be >= 0");
    total += w;
  }
  if (total <= 0.0) return target_;  // no references: the personalized condition is the target's

  const torch::AutoGradMode gradMode(recordsGrad(encoder_));
  const bool emptyStart = options.queryStart == QueryStart::Empty;
  if (emptyStart && !emptyText_)
    throw std::invalid_argument("query start 'empty' needs the empty prompt's tokens");
  const TokenizedText& start = emptyStart ? *emptyText_ : targetText_;
  const torch::Tensor startIds = start.ids.unsqueeze(0);

  std::vector<double> coefficients{1.0 - options.alpha};
  for (double w : weights) coefficients.push_back(options.alpha * w / total);
  const torch::Tensor coef = torch::tensor(coefficients, torch::kDouble).to(encoder_.options().dtype());

  const std::vector<bool> paLayers = options.layers.resolve(static_cast<int>(encoder_.numLayers()));
  const torch::Tensor selfBias = encoder_.attentionBias(startIds.size(1), batchMask(start));
  torch::Tensor p = encoder_.embed(startIds);
  std::vector<torch::Tensor> states{p};
  for (int64_t layer = 0; layer < encoder_.numLayers(); ++layer) {
    const torch::Tensor h = encoder_.norm1(layer, p);
    torch::Tensor attended;
    if (paLayers[static_cast<size_t>(layer)]) {
      attended = attendPersonalized(layer, encoder_.queries(layer, h), coef);
    } else if (options.skipMode == SkipMode::Joint) {
      attended = attendJoint(layer, encoder_.queries(layer, h));
    } else {
      const TextEncoder::Projections qkv = encoder_.projections(layer, h);
      attended = kernels::attention(qkv.queries, qkv.keys, qkv.values, encoder_.attentionScale(), selfBias);
    }
    p = encoder_.finishLayer(layer, p, attended);
    states.push_back(p);
  }
  EncoderOutput out = encoder_.finishOutput(std::move(states), startIds);
  if (detector) poolWithDetector(encoder_, *detector, startIds, out);
  return out;
}

}  // namespace fan
