// The text-encoder interface personalized attention (core/fan) plugs into.
//
// A pre-norm transformer layer is exposed in pieces so a caller can run the attention of one
// stream with keys/values computed from other streams and with a separate softmax per
// condition (../shared/docs/fan-method.md §3):
//   x ──norm1──> h ──projections/queries──> attention(q, K, V, scale, bias) ──finishLayer(x, ·)──> x'
// encode() composes exactly these pieces, so the plain path and the personalized path share code.
#pragma once

#include "core/io/DiffusersFolder.h"

#include <QString>

#include <torch/types.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace fan {

struct EncoderOutput {
  torch::Tensor lastHiddenState;             // [B, L, D] after the final norm
  std::vector<torch::Tensor> hiddenStates;   // [0] = input embeddings, [k] = after layer k, before the final norm
                                             // (T5: the last entry includes the final norm, as transformers)
  torch::Tensor pooled;                      // CLIP: [B, D] at the pooling position; undefined for T5
  torch::Tensor pooledIndex;                 // CLIP: [B] int64 positions; undefined for T5
  torch::Tensor textEmbeds;                  // CLIPTextModelWithProjection: [B, P]; undefined otherwise
};

// Per-layer keys and values [B,H,L,Dh] of a plain pass: personalized attention reuses them for
// the target and reference conditions, so moving alpha or a weight re-runs only the P stream.
struct LayerKeysValues {
  std::vector<torch::Tensor> keys, values;  // one entry per layer
};

class TextEncoder {
 public:
  virtual ~TextEncoder() = default;

  virtual std::string family() const = 0;      // "clip" or "t5"
  virtual int64_t numLayers() const = 0;
  virtual int64_t hiddenSize() const = 0;
  virtual int64_t numHeads() const = 0;
  virtual int64_t maxLength() const = 0;       // CLIP 77 (max_position_embeddings); T5: a practical cap
  virtual double attentionScale() const = 0;   // CLIP head_dim^-0.5, T5 1
  virtual torch::TensorOptions options() const = 0;  // dtype/device the weights live on
  // Built from weights that require grad (a trainer's): encode() then records autograd history
  // while grad mode is on. Inference encoders never do.
  virtual bool trainable() const { return false; }

  // ids [B, L] int64 -> input embeddings [B, L, D] (CLIP: token + position; T5: token).
  virtual torch::Tensor embed(const torch::Tensor& ids) const = 0;
  // Additive attention bias broadcastable to [B, H, L, L] for sequences of length L.
  // CLIP: causal mask (paddingMask ignored, as the SD pipelines pass none). T5: relative
  // position bias from layer 0, plus a padding mask from paddingMask [B, L] (1 = keep) if given.
  virtual torch::Tensor attentionBias(int64_t length, const std::optional<torch::Tensor>& paddingMask) const = 0;

  virtual torch::Tensor norm1(int64_t layer, const torch::Tensor& x) const = 0;        // [B,L,D]
  struct Projections {
    torch::Tensor queries, keys, values;  // each [B,H,L,Dh]
  };
  // A layer's queries, keys and values from one pass over `normed`.
  virtual Projections projections(int64_t layer, const torch::Tensor& normed) const = 0;
  // The queries alone (the personalized stream takes keys and values from other streams).
  virtual torch::Tensor queries(int64_t layer, const torch::Tensor& normed) const = 0;  // [B,H,L,Dh]
  // Merges heads [B,H,L,Dh], applies the output projection, adds the residual `x`, then the
  // feed-forward block with its own norm and residual. Returns the layer's output [B,L,D].
  virtual torch::Tensor finishLayer(int64_t layer, const torch::Tensor& x, const torch::Tensor& attended) const = 0;
  virtual torch::Tensor finalNorm(const torch::Tensor& x) const = 0;

  // CLIP: positions the reference pools at (first argmax of ids); T5: undefined tensor.
  virtual torch::Tensor poolingPositions(const torch::Tensor& ids) const = 0;
  // CLIPTextModelWithProjection: text_projection(pooled); otherwise an undefined tensor.
  virtual torch::Tensor project(const torch::Tensor& pooled) const = 0;

  // The plain forward pass, built from the pieces above (no grad unless trainable()). paddingMask
  // is used by T5 only.
  // With `cache`, every layer's keys and values are kept there too.
  EncoderOutput encode(const torch::Tensor& ids, const std::optional<torch::Tensor>& paddingMask = std::nullopt,
                       bool keepAllHiddenStates = true, LayerKeysValues* cache = nullptr) const;

  // Final norm, pooling at `poolIds`' positions and projection for a finished stream whose
  // per-layer states are `hiddenStates` (as encode() returns them). Shared by the plain and the
  // personalized paths.
  EncoderOutput finishOutput(std::vector<torch::Tensor> hiddenStates, const torch::Tensor& poolIds) const;
};

// Throws std::invalid_argument unless `ids` is an int64 [B, L] tensor with B >= 1,
// 1 <= L <= maxLength and every id in [0, vocabSize) (an id outside the table would otherwise
// fail deep inside the embedding lookup, or read garbage on some devices).
void checkTokenIds(const torch::Tensor& ids, int64_t vocabSize, int64_t maxLength);

// Loads the transformers text encoder `component` of `folder` (CLIPTextModel,
// CLIPTextModelWithProjection or T5EncoderModel, as model_index.json or, for a plain model
// folder, config.json names it) with its weight file(s) resolved for `variant`, every tensor
// converted once to `options`. Throws LoadError naming the file for anything missing or unsupported.
std::unique_ptr<TextEncoder> loadTextEncoder(const DiffusersFolder& folder, const std::string& component,
                                             const torch::TensorOptions& options = {},
                                             WeightVariant variant = WeightVariant::PreferFull);
// The same for one component folder (config.json + weights); `className` overrides config.json's
// "architectures" (pass the class model_index.json names).
std::unique_ptr<TextEncoder> loadTextEncoder(const QString& componentDir, const torch::TensorOptions& options = {},
                                             const QString& className = {});

// The conditioning a pipeline reads from `out` (encode() with all hidden states), for CLIP skip
// `clipSkip` = N >= 1 as the common SD tools count it (1 = last layer; fan-method.md §3):
// SD 1.x/2.x (`penultimateStyle` false) final_norm(hidden_states[-N]); SDXL (true)
// hidden_states[-(N+1)] without the final norm. T5 has no CLIP skip: its last_hidden_state, N = 1.
// Throws std::invalid_argument for N outside 1..numLayers (T5: anything but 1).
torch::Tensor pipelineHiddenState(const TextEncoder& encoder, const EncoderOutput& out, bool penultimateStyle,
                                  int clipSkip);

}  // namespace fan
