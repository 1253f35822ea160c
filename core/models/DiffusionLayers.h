// Building blocks that diffusers 0.21.4's UNet2DConditionModel and AutoencoderKL share:
// ResnetBlock2D, Downsample2D / Upsample2D, GroupNorm / LayerNorm / Linear / Conv2d with their
// weights, multi-head attention on [B, L, C] projections, and WeightBinder, which lets one
// description of a model both list its tensors (expectedTensors) and bind them (loading).
// Engine-internal: included only by the model .cpp files.
#pragma once

#include "core/io/DiffusersFolder.h"
#include "core/io/WeightSpec.h"

#include <torch/types.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace fan {

class JsonConfig;

// A model's constructor asks the binder for every tensor by name and shape, in state_dict order.
// Listing mode records the specs (tensors stay undefined); loading mode returns the tensors of an
// already checked WeightMap converted once to the target dtype/device.
class WeightBinder {
 public:
  static WeightBinder lister();
  WeightBinder(const WeightMap& weights, const torch::TensorOptions& options);

  WeightBinder scope(const std::string& name) const;  // child whose names get the prefix "<name>."
  torch::Tensor take(const std::string& name, std::vector<int64_t> shape) const;
  std::vector<TensorSpec> specs() const;  // listing mode: everything taken so far, in order

 private:
  struct State;
  WeightBinder(std::shared_ptr<State> state, std::string prefix);
  std::shared_ptr<State> state_;
  std::string prefix_;
};

// Whether a model is being trained: built from weights that require grad (the trainer passes leaf
// tensors of the model's dtype and device, which binding keeps as they are). Its forward then
// records autograd history while grad mode is on; inference models never do (no graph, less memory).
bool requiresGrad(const WeightMap& weights);

// "<parent>.<index>" as used by nn.ModuleList children.
std::string childName(const std::string& parent, size_t index);

// Throws LoadError unless `component` of `folder` is of class `className` (e.g. a pipeline whose
// "unet" is some other architecture).
void requireComponentClass(const DiffusersFolder& folder, const std::string& component, const char* className);

// diffusers' act_fn: only SiLU ("silu", its alias "swish") is used by SD-family configs.
// Throws LoadError listing the supported values otherwise.
void requireSiluActivation(const JsonConfig& json, const char* key);

struct Linear {
  Linear() = default;
  Linear(const WeightBinder& w, int64_t in, int64_t out, bool bias = true);
  torch::Tensor operator()(const torch::Tensor& x) const;
  torch::Tensor weight, bias;
};

struct Conv2d {
  Conv2d() = default;
  // Square kernel, "same" padding (kernel-1)/2 unless given.
  Conv2d(const WeightBinder& w, int64_t in, int64_t out, int64_t kernel, int64_t stride = 1,
         std::optional<int64_t> padding = std::nullopt);
  torch::Tensor operator()(const torch::Tensor& x) const;
  // Inference on the CPU in float32: the weight is kept only in oneDNN's blocked layout (packed),
  // reordered once here instead of on every call (2-4.5x faster for the UNet's 8x8 and 4x4
  // levels, bit-identical results); weight is then undefined. Weights that require grad stay dense.
  torch::Tensor weight, packed, bias;
  int64_t stride = 1, padding = 0;
};

struct GroupNorm {
  GroupNorm() = default;
  GroupNorm(const WeightBinder& w, int64_t groups, int64_t channels, double eps);
  torch::Tensor operator()(const torch::Tensor& x) const;
  torch::Tensor weight, bias;
  int64_t groups = 32;
  double eps = 1e-5;
};

struct LayerNorm {
  LayerNorm() = default;
  LayerNorm(const WeightBinder& w, int64_t channels, double eps = 1e-5);
  torch::Tensor operator()(const torch::Tensor& x) const;
  torch::Tensor weight, bias;
  double eps = 1e-5;
};

// diffusers ResnetBlock2D (time_embedding_norm "default"): norm1 → SiLU → conv1 (+ projected
// time embedding) → norm2 → SiLU → conv2, plus the input (through a 1×1 conv_shortcut when the
// channel count changes), divided by outputScaleFactor. No time embedding in the VAE.
struct ResnetBlock2D {
  ResnetBlock2D(const WeightBinder& w, int64_t in, int64_t out, std::optional<int64_t> tembChannels, int64_t groups,
                double eps, double outputScaleFactor = 1.0);
  torch::Tensor operator()(const torch::Tensor& x, const torch::Tensor& temb = {}) const;
  GroupNorm norm1, norm2;
  Conv2d conv1, conv2;
  std::optional<Linear> timeEmbProj;
  std::optional<Conv2d> convShortcut;
  double outputScaleFactor = 1.0;
};

// Downsample2D with a 3×3 stride-2 conv. padding 1: symmetric (UNet); padding 0: the VAE
// encoder's asymmetric zero pad (0,1,0,1) first.
struct Downsample2D {
  Downsample2D(const WeightBinder& w, int64_t channels, int64_t padding);
  torch::Tensor operator()(const torch::Tensor& x) const;
  Conv2d conv;
  bool padRightBottom = false;
};

// Upsample2D: nearest-neighbour to `size` (2× by default), then a 3×3 conv.
struct Upsample2D {
  Upsample2D(const WeightBinder& w, int64_t channels);
  torch::Tensor operator()(const torch::Tensor& x, std::optional<std::vector<int64_t>> size = std::nullopt) const;
  Conv2d conv;
};

// Multi-head scaled dot-product attention on projected q [B,Lq,H*D], k/v [B,Lk,H*D], scale D^-0.5,
// through the chunked kernel; returns [B,Lq,H*D]. upcast: computed in float32 for float16 /
// bfloat16 inputs (diffusers' upcast_attention / upcast_softmax).
torch::Tensor multiHeadAttention(const torch::Tensor& q, const torch::Tensor& k, const torch::Tensor& v,
                                 int64_t heads, bool upcast);

// "[2, 4, 16, 16]" (or "undefined") for error messages about inputs.
std::string shapeText(const torch::Tensor& t);

// [B,C,H,W] <-> [B,H*W,C], the token layout of spatial attention.
torch::Tensor toTokens(const torch::Tensor& x);
torch::Tensor fromTokens(const torch::Tensor& tokens, int64_t height, int64_t width);

}  // namespace fan
