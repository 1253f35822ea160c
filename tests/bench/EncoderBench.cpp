// Text-side benchmarks (issue anchors: CLIP-L encode batch 1 / 10 = 144 / 867 ms in transformers
// on this machine kind; FAN re-encode after an alpha change <= 1.3x one plain encode): encode
// time of CLIP-L- and T5-base-sized encoders with random weights made in memory, the
// personalized re-encode, tokenization throughput, and safetensors loading (mmap vs copy).
#include "core/fan/PersonalizedAttention.h"
#include "core/io/Safetensors.h"
#include "core/models/ClipTextModel.h"
#include "core/models/T5EncoderModel.h"
#include "core/text/ClipTokenizer.h"
#include "tests/bench/Bench.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <torch/torch.h>

namespace {

fan::WeightMap randomWeights(const std::vector<fan::TensorSpec>& specs) {
  torch::manual_seed(0);
  fan::WeightMap weights;
  for (const auto& s : specs) weights[s.name] = torch::randn(s.shape) * 0.02;
  return weights;
}

fan::ClipTextConfig clipL() {
  fan::ClipTextConfig c;  // openai/clip-vit-large-patch14 text tower
  c.hiddenSize = 768;
  c.intermediateSize = 3072;
  c.numHiddenLayers = 12;
  c.numAttentionHeads = 12;
  c.projectionDim = 768;
  return c;
}

fan::T5EncoderConfig t5Base() {
  fan::T5EncoderConfig c;  // google/t5-v1_1-base
  c.dModel = 768;
  c.dKv = 64;
  c.dFf = 2048;
  c.numLayers = 12;
  c.numHeads = 12;
  c.feedForwardProj = "gated-gelu";
  return c;
}

torch::Tensor randomIds(int64_t batch, int64_t length, int64_t vocab) {
  torch::manual_seed(1);
  return torch::randint(1, vocab - 1, {batch, length}, torch::kLong);
}

void encoderBench(fan::bench::Context& ctx) {
  torch::NoGradGuard noGrad;
  const fan::ClipTextConfig clipConfig = clipL();
  const fan::ClipTextModel clip(clipConfig, randomWeights(fan::ClipTextModel::expectedTensors(clipConfig)), "CLIP-L");
  for (const int64_t batch : {1, 8, 10, 32})
    ctx.measure("text_encode", QStringLiteral("clip-l_b%1").arg(batch),
                {{"model", "CLIP-L text (768, 12 layers)"}, {"batch", static_cast<qint64>(batch)}, {"tokens", 77}},
                [&] { clip.encode(randomIds(batch, 77, 49408), std::nullopt, false); });
  const fan::T5EncoderConfig t5Config = t5Base();
  const fan::T5EncoderModel t5(t5Config, randomWeights(fan::T5EncoderModel::expectedTensors(t5Config)), "T5-base");
  for (const int64_t batch : {1, 8, 32})
    ctx.measure("text_encode", QStringLiteral("t5-base_b%1").arg(batch),
                {{"model", "T5 v1.1 base encoder (768, 12 layers)"}, {"batch", static_cast<qint64>(batch)}, {"tokens", 77}},
                [&] { t5.encode(randomIds(batch, 77, 32128), std::nullopt, false); });

  // FAN: a plain single-prompt encode vs a personalized re-encode after an alpha change (8 refs).
  const torch::Tensor ids = randomIds(9, 77, 49408);
  std::vector<fan::TokenizedText> refs;
  for (int i = 1; i < 9; ++i) refs.push_back({ids[i], std::nullopt});
  const QJsonObject faConfig{{"model", "CLIP-L text"}, {"references", 8}};
  const QJsonObject plain = ctx.measure("fan_reencode", "plain_single_encode", faConfig,
                                        [&] { clip.encode(ids.narrow(0, 0, 1), std::nullopt, false); });
  std::unique_ptr<fan::PersonalizedAttention> pa;
  const QJsonObject full = ctx.measure("fan_reencode", "full_personalized_encode", faConfig, [&] {
    pa = std::make_unique<fan::PersonalizedAttention>(clip, fan::TokenizedText{ids[0], std::nullopt}, refs);
    pa->personalize(std::vector<double>(8, 1.0), {});
  });
  const QJsonObject batched = ctx.measure("fan_reencode", "plain_batched_encode_n+2", faConfig,
                                          [&] { clip.encode(randomIds(10, 77, 49408), std::nullopt, false); });
  double alpha = 0.1;  // every run a new alpha, as when a slider moves
  const QJsonObject alphaRec = ctx.measure("fan_reencode", "alpha_change", faConfig, [&] {
    fan::AttentionOptions o;
    o.alpha = alpha = alpha > 0.9 ? 0.1 : alpha + 0.1;
    pa->personalize(std::vector<double>(8, 1.0), o);
  });
  ctx.record("fan_reencode", "ratios", faConfig, {alphaRec["median_ms"].toDouble()},
             {{"alpha_change_over_plain_single", alphaRec["median_ms"].toDouble() / plain["median_ms"].toDouble()},
              {"full_personalized_over_batched_n+2", full["median_ms"].toDouble() / batched["median_ms"].toDouble()}});
}

void tokenizerBench(fan::bench::Context& ctx) {
  const auto tokenizer = fan::ClipTokenizer::fromFolder(QStringLiteral(FAN_SOURCE_DIR "/tests/data/models/tiny-sd/tokenizer"));
  const QStringList words{"a", "red", "circle", "on", "the", "blue", "striped", "background", "watercolor", "painting",
                          "of", "neon", "purple", "checker", "retro", "poster", "pastel", "outline", "drawing", "star",
                          "highly", "detailed", "portrait", "cinematic", "lighting", "8k", "trending", "artstation"};
  std::vector<std::string> prompts;
  for (int i = 0; i < 20000; ++i) {
    QStringList p;
    for (int w = 0; w < 8 + i % 18; ++w) p << words[(i * 7 + w * 13) % words.size()];
    prompts.push_back(p.join(' ').toStdString() + (i % 3 ? ", masterpiece" : ""));
  }
  const QJsonObject rec = ctx.measure("tokenizer", "clip_20000_prompts", {{"prompts", 20000}, {"threads", 1}},
                                      [&] { for (const auto& p : prompts) tokenizer->encode(p, 77, true, true); });
  ctx.record("tokenizer", "clip_throughput", {{"prompts", 20000}}, {rec["median_ms"].toDouble()},
             {{"prompts_per_second", 20000.0 / (rec["median_ms"].toDouble() / 1000.0)}});
  ctx.measure("tokenizer", "clip_load_vocab_merges", {{"vocab", 49408}, {"merges", 48894}},
              [&] { fan::ClipTokenizer::fromFolder(QStringLiteral(FAN_SOURCE_DIR "/tests/data/models/tiny-sd/tokenizer")); });
}

void safetensorsLoadBench(fan::bench::Context& ctx) {
  QTemporaryDir dir;
  const QString path = dir.filePath("250mb.safetensors");
  fan::WeightMap weights;
  torch::manual_seed(0);
  for (int i = 0; i < 250; ++i) weights["layer." + std::to_string(i)] = torch::randn({256, 1024});  // 1 MiB each
  fan::saveSafetensors(path, weights);
  const QJsonObject config{{"bytes", static_cast<qint64>(QFile(path).size())}, {"tensors", 250}};
  ctx.measure("safetensors_load", "mmap", config, [&] {
    const fan::WeightMap w = fan::loadSafetensors(path);
    double s = 0;  // touch every page, as a model's first forward pass would
    for (const auto& [name, t] : w) s += t.data_ptr<float>()[t.numel() - 1];
    (void)s;
  });
  ctx.measure("safetensors_load", "copy", config, [&] {
    fan::WeightMap w = fan::loadSafetensors(path);
    for (auto& [name, t] : w) t = t.clone();
  });
}

}  // namespace

FAN_BENCHMARK(text_encode, "text_encode", "CLIP-L / T5-base encode times and the FAN alpha-change re-encode", encoderBench)
FAN_BENCHMARK(tokenizer, "tokenizer", "CLIP tokenization throughput and vocabulary load time", tokenizerBench)
FAN_BENCHMARK(safetensors_load, "safetensors_load", "load a 250 MB safetensors file: mmap vs copy", safetensorsLoadBench)
