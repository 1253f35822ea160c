#include "core/models/DiffusionLayers.h"

#include "core/io/JsonConfig.h"
#include "kernels/Attention.h"
#include "kernels/Linear.h"

#include <algorithm>
#include <cmath>

namespace fan {

struct WeightBinder::State {
  const WeightMap* weights = nullptr;  // null: listing mode
  torch::TensorOptions options;
  std::vector<TensorSpec> specs;
};

WeightBinder::WeightBinder(std::shared_ptr<State> state, std::string prefix)
    : state_(std::move(state)), prefix_(std::move(prefix)) {}

WeightBinder WeightBinder::lister() { return WeightBinder(std::make_shared<State>(), {}); }

WeightBinder::WeightBinder(const WeightMap& weights, const torch::TensorOptions& options)
    : state_(std::make_shared<State>()) {
  state_->weights = &weights;
  state_->options = options;
}

WeightBinder WeightBinder::scope(const std::string& name) const { return WeightBinder(state_, prefix_ + name + "."); }

torch::Tensor WeightBinder::take(const std::string& name, std::vector<int64_t> shape) const {
  const std::string full = prefix_ + name;
  if (!state_->weights) {
    state_->specs.push_back({full, std::move(shape)});
    return {};
  }
  // Loaders run checkWeights first; this guards against a model asking for an unlisted name.
  const auto it = state_->weights->find(full);
  if (it == state_->weights->end() || it->second.sizes() != c10::IntArrayRef(shape))
    throw LoadError("internal: weight '" + full + "' was not validated before binding");
  return it->second.to(state_->options);
}

std::vector<TensorSpec> WeightBinder::specs() const { return state_->specs; }

bool requiresGrad(const WeightMap& weights) {
  return std::any_of(weights.begin(), weights.end(), [](const auto& item) { return item.second.requires_grad(); });
}

std::string childName(const std::string& parent, size_t index) { return parent + "." + std::to_string(index); }

void requireComponentClass(const DiffusersFolder& folder, const std::string& component, const char* className) {
  const std::string& actual = folder.component(component).className;
  if (actual != className)
    throw LoadError(folder.componentDir(component).toStdString() + ": component '" + component + "' is a " + actual +
                    "; supported: " + className);
}

void requireSiluActivation(const JsonConfig& json, const char* key) {
  const std::string act = json.getString(key, "silu");
  if (act != "silu" && act != "swish")
    json.unsupported(key, QString::fromStdString(act), {QStringLiteral("silu"), QStringLiteral("swish")});
}

Linear::Linear(const WeightBinder& w, int64_t in, int64_t out, bool hasBias) {
  weight = w.take("weight", {out, in});
  if (hasBias) bias = w.take("bias", {out});
}

torch::Tensor Linear::operator()(const torch::Tensor& x) const { return kernels::linear(x, weight, bias); }

Conv2d::Conv2d(const WeightBinder& w, int64_t in, int64_t out, int64_t kernel, int64_t stride_,
               std::optional<int64_t> padding_)
    : stride(stride_), padding(padding_.value_or((kernel - 1) / 2)) {
  weight = w.take("weight", {out, in, kernel, kernel});
  bias = w.take("bias", {out});
  const bool packable = weight.defined() && at::hasMKLDNN() && weight.device().is_cpu() &&
                        weight.scalar_type() == torch::kFloat && !weight.requires_grad() && !bias.requires_grad();
  if (packable) {
    packed = torch::mkldnn_reorder_conv2d_weight(weight.to_mkldnn(), {padding, padding}, {stride, stride}, {1, 1}, 1);
    weight = torch::Tensor();
  }
}

torch::Tensor Conv2d::operator()(const torch::Tensor& x) const {
  if (!packed.defined()) return torch::conv2d(x, weight, bias, {stride, stride}, {padding, padding});
  if (x.scalar_type() != torch::kFloat || !x.device().is_cpu())
    throw std::invalid_argument("Conv2d: this inference model runs float32 CPU inputs, got " +
                                std::string(c10::toString(x.scalar_type())) + " on " + x.device().str());
  return torch::mkldnn_convolution(x.contiguous().to_mkldnn(), packed, bias, {padding, padding}, {stride, stride},
                                   {1, 1}, 1)
      .to_dense();
}

GroupNorm::GroupNorm(const WeightBinder& w, int64_t groups_, int64_t channels, double eps_)
    : groups(groups_), eps(eps_) {
  weight = w.take("weight", {channels});
  bias = w.take("bias", {channels});
}

torch::Tensor GroupNorm::operator()(const torch::Tensor& x) const {
  return torch::group_norm(x, groups, weight, bias, eps);
}

LayerNorm::LayerNorm(const WeightBinder& w, int64_t channels, double eps_) : eps(eps_) {
  weight = w.take("weight", {channels});
  bias = w.take("bias", {channels});
}

torch::Tensor LayerNorm::operator()(const torch::Tensor& x) const {
  return torch::layer_norm(x, {weight.size(0)}, weight, bias, eps);
}

ResnetBlock2D::ResnetBlock2D(const WeightBinder& w, int64_t in, int64_t out, std::optional<int64_t> tembChannels,
                             int64_t groups, double eps, double outputScaleFactor_)
    : outputScaleFactor(outputScaleFactor_) {
  // Constructed in diffusers' registration order, so listing yields state_dict order.
  norm1 = GroupNorm(w.scope("norm1"), groups, in, eps);
  conv1 = Conv2d(w.scope("conv1"), in, out, 3);
  if (tembChannels) timeEmbProj = Linear(w.scope("time_emb_proj"), *tembChannels, out);
  norm2 = GroupNorm(w.scope("norm2"), groups, out, eps);
  conv2 = Conv2d(w.scope("conv2"), out, out, 3);
  if (in != out) convShortcut = Conv2d(w.scope("conv_shortcut"), in, out, 1);
}

torch::Tensor ResnetBlock2D::operator()(const torch::Tensor& x, const torch::Tensor& temb) const {
  torch::Tensor h = conv1(torch::silu(norm1(x)));
  if (timeEmbProj) h = h + (*timeEmbProj)(torch::silu(temb)).unsqueeze(-1).unsqueeze(-1);
  h = conv2(torch::silu(norm2(h)));
  const torch::Tensor shortcut = convShortcut ? (*convShortcut)(x) : x;
  torch::Tensor out = shortcut + h;
  return outputScaleFactor == 1.0 ? out : out / outputScaleFactor;
}

Downsample2D::Downsample2D(const WeightBinder& w, int64_t channels, int64_t padding)
    : conv(w.scope("conv"), channels, channels, 3, 2, padding), padRightBottom(padding == 0) {}

torch::Tensor Downsample2D::operator()(const torch::Tensor& x) const {
  if (!padRightBottom) return conv(x);
  return conv(torch::constant_pad_nd(x, {0, 1, 0, 1}, 0));
}

Upsample2D::Upsample2D(const WeightBinder& w, int64_t channels) : conv(w.scope("conv"), channels, channels, 3) {}

torch::Tensor Upsample2D::operator()(const torch::Tensor& x, std::optional<std::vector<int64_t>> size) const {
  const std::vector<int64_t> target = size.value_or(std::vector<int64_t>{x.size(2) * 2, x.size(3) * 2});
  // Nearest upsampling has no bfloat16 kernel in older torch; diffusers detours through float32 too.
  const bool viaFloat = x.scalar_type() == torch::kBFloat16;
  torch::Tensor up = torch::upsample_nearest2d(viaFloat ? x.to(torch::kFloat) : x, target);
  return conv(viaFloat ? up.to(x.scalar_type()) : up);
}

torch::Tensor multiHeadAttention(const torch::Tensor& q, const torch::Tensor& k, const torch::Tensor& v,
                                 int64_t heads, bool upcast) {
  const int64_t batch = q.size(0), inner = q.size(2), headDim = inner / heads;
  auto split = [&](const torch::Tensor& t) {
    const torch::Tensor h = t.view({batch, t.size(1), heads, headDim}).transpose(1, 2);
    const bool reduced = t.scalar_type() == torch::kHalf || t.scalar_type() == torch::kBFloat16;
    return upcast && reduced ? h.to(torch::kFloat) : h;
  };
  const torch::Tensor out =
      kernels::attention(split(q), split(k), split(v), 1.0 / std::sqrt(static_cast<double>(headDim)));
  return out.transpose(1, 2).reshape({batch, q.size(1), inner}).to(q.scalar_type());
}

std::string shapeText(const torch::Tensor& t) {
  if (!t.defined()) return "undefined";
  std::string s = "[";
  for (int64_t i = 0; i < t.dim(); ++i) s += (i ? ", " : "") + std::to_string(t.size(i));
  return s + "]";
}

torch::Tensor toTokens(const torch::Tensor& x) {
  return x.permute({0, 2, 3, 1}).reshape({x.size(0), x.size(2) * x.size(3), x.size(1)});
}

torch::Tensor fromTokens(const torch::Tensor& tokens, int64_t height, int64_t width) {
  return tokens.reshape({tokens.size(0), height, width, tokens.size(2)}).permute({0, 3, 1, 2}).contiguous();
}

}  // namespace fan
