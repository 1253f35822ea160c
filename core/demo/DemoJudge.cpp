#include "core/demo/DemoJudge.h"

#include "core/io/Safetensors.h"

#include <ATen/CPUGeneratorImpl.h>

#include <array>
#include <cmath>

namespace fan::demo {

namespace {

constexpr double kMaxColourDistance = 0.25;  // RGB distance (0..1 units) to count as a palette colour

// Pixel labels: 0..5 a palette colour, 6..11 its pattern tint, -1 none.
int pixelLabel(const float rgb[3]) {
  int best = -1;
  double bestDistance = kMaxColourDistance;
  for (int i = 0; i < 2 * kColours; ++i) {
    const std::array<float, 3> proto = i < kColours ? colourRgb(Colour(i)) : tintRgb(Colour(i - kColours));
    const double d = std::sqrt(std::pow(rgb[0] - proto[0], 2) + std::pow(rgb[1] - proto[1], 2) +
                               std::pow(rgb[2] - proto[2], 2));
    if (d < bestDistance) {
      bestDistance = d;
      best = i;
    }
  }
  return best;
}

int argmaxVotes(const std::array<int, kColours>& votes) {
  int best = -1, bestCount = 0;
  for (int i = 0; i < kColours; ++i)
    if (votes[size_t(i)] > bestCount) {
      best = i;
      bestCount = votes[size_t(i)];
    }
  return best;
}

}  // namespace

torch::Tensor renderBatch(const std::vector<Scene>& scenes) {
  torch::Tensor batch = torch::empty({int64_t(scenes.size()), 3, kImageSize, kImageSize});
  for (size_t i = 0; i < scenes.size(); ++i) {
    const std::vector<float> pixels = render(scenes[i]);
    std::copy(pixels.begin(), pixels.end(), batch[int64_t(i)].data_ptr<float>());
  }
  return batch;
}

torch::Tensor perturb(const torch::Tensor& images, uint64_t seed) {
  const int64_t n = images.size(0);
  std::mt19937 rng(uint32_t(seed ^ 0x9e3779b9u));
  std::uniform_real_distribution<float> uniform(0, 1);
  torch::Tensor sigma = torch::empty({n, 1, 1, 1}), shift = torch::empty({n, 3, 1, 1}),
                brightness = torch::empty({n, 1, 1, 1}), blurMask = torch::empty({n, 1, 1, 1});
  for (int64_t i = 0; i < n; ++i) {
    sigma[i].fill_(0.06f * uniform(rng));
    for (int c = 0; c < 3; ++c) shift[i][c].fill_(0.12f * uniform(rng) - 0.06f);
    brightness[i].fill_(0.92f + 0.16f * uniform(rng));
    blurMask[i].fill_(uniform(rng) < 0.5f ? 1.0f : 0.0f);
  }
  const torch::Tensor k1 = torch::tensor({0.25f, 0.5f, 0.25f});
  const torch::Tensor kernel = torch::outer(k1, k1).expand({3, 1, 3, 3}).contiguous();
  const torch::Tensor padded = torch::replication_pad2d(images, {1, 1, 1, 1});
  const std::vector<int64_t> unit1{1, 1}, none{0, 0};
  const torch::Tensor blurred = torch::conv2d(padded, kernel, torch::Tensor(), unit1, none, unit1, 3);
  torch::Tensor x = images + blurMask * (blurred - images);
  x = x * brightness + shift;
  at::Generator gen = at::detail::createCPUGenerator(seed);
  x = x + sigma * torch::randn(x.sizes(), gen, x.options());
  return x.clamp(0, 1);
}

Attributes judgeColours(const torch::Tensor& image) {
  const torch::Tensor hwc = image.detach().to(torch::kCPU, torch::kFloat).permute({1, 2, 0}).contiguous();
  const float* px = hwc.data_ptr<float>();
  constexpr int n = kImageSize;
  std::vector<int> labels(n * n);
  for (int i = 0; i < n * n; ++i) labels[size_t(i)] = pixelLabel(px + 3 * i);
  auto family = [](int label) { return label < 0 ? -1 : label % kColours; };

  // Background: the colour family (plain or tint) most of the 2-pixel border ring shows.
  std::array<int, kColours> borderVotes{};
  for (int y = 0; y < n; ++y)
    for (int x = 0; x < n; ++x)
      if (x < 2 || y < 2 || x >= n - 2 || y >= n - 2)
        if (const int f = family(labels[size_t(y * n + x)]); f >= 0) ++borderVotes[size_t(f)];
  Attributes a;
  const int background = argmaxVotes(borderVotes);
  if (background >= 0) a.background = Colour(background);

  // Object: saturated pixels of another family; interior pixels (4-neighbours agree) first,
  // because anti-aliased edges blend two colours into a third (red over yellow looks orange).
  std::array<int, kColours> coreVotes{}, allVotes{};
  for (int y = 0; y < n; ++y)
    for (int x = 0; x < n; ++x) {
      const int label = labels[size_t(y * n + x)];
      if (label < 0 || label >= kColours || label == background) continue;
      ++allVotes[size_t(label)];
      const bool core = x > 0 && y > 0 && x < n - 1 && y < n - 1 && labels[size_t(y * n + x - 1)] == label &&
                        labels[size_t(y * n + x + 1)] == label && labels[size_t((y - 1) * n + x)] == label &&
                        labels[size_t((y + 1) * n + x)] == label;
      if (core) ++coreVotes[size_t(label)];
    }
  int object = argmaxVotes(coreVotes);
  if (object < 0) object = argmaxVotes(allVotes);
  if (object >= 0) a.colour = Colour(object);
  return a;
}

// Three conv/ReLU/max-pool stages, then two linear layers: 4 shape logits + 3 pattern logits.
struct Judge::Net : torch::nn::Module {
  Net() {
    conv1 = register_module("conv1", torch::nn::Conv2d(torch::nn::Conv2dOptions(3, 32, 3).padding(1)));
    conv2 = register_module("conv2", torch::nn::Conv2d(torch::nn::Conv2dOptions(32, 64, 3).padding(1)));
    conv3 = register_module("conv3", torch::nn::Conv2d(torch::nn::Conv2dOptions(64, 64, 3).padding(1)));
    fc1 = register_module("fc1", torch::nn::Linear(64 * 4 * 4, 128));
    fc2 = register_module("fc2", torch::nn::Linear(128, kShapes + kPatterns));
  }
  torch::Tensor forward(const torch::Tensor& images) {
    torch::Tensor x = images * 2 - 1;
    for (auto* conv : {&conv1, &conv2, &conv3}) x = torch::max_pool2d(torch::relu((*conv)(x)), 2);
    return fc2(torch::relu(fc1(x.flatten(1))));
  }
  torch::nn::Conv2d conv1{nullptr}, conv2{nullptr}, conv3{nullptr};
  torch::nn::Linear fc1{nullptr}, fc2{nullptr};
};

Judge::Judge(std::shared_ptr<Net> net) : net_(std::move(net)) {}
Judge::Judge(Judge&&) noexcept = default;
Judge& Judge::operator=(Judge&&) noexcept = default;
Judge::~Judge() = default;

Judge Judge::train(uint64_t seed, int steps, const std::function<void(int, int, double)>& progress) {
  torch::manual_seed(seed);
  auto net = std::make_shared<Net>();
  torch::optim::Adam optimizer(net->parameters(), torch::optim::AdamOptions(2e-3));
  std::mt19937 rng{uint32_t(seed)};
  constexpr int kBatch = 128;
  for (int step = 0; step < steps; ++step) {
    // Cosine decay to zero: the last steps polish the decision boundaries.
    const double lr = 2e-3 * 0.5 * (1 + std::cos(M_PI * step / steps));
    for (auto& group : optimizer.param_groups()) static_cast<torch::optim::AdamOptions&>(group.options()).lr(lr);
    std::vector<Scene> scenes;
    torch::Tensor shapes = torch::empty({kBatch}, torch::kLong), patterns = torch::empty({kBatch}, torch::kLong);
    for (int i = 0; i < kBatch; ++i) {
      scenes.push_back(randomScene(rng));
      shapes[i] = int64_t(scenes.back().shape);
      patterns[i] = int64_t(scenes.back().pattern);
    }
    const torch::Tensor logits = net->forward(perturb(renderBatch(scenes), seed * 1000003u + uint64_t(step)));
    const torch::Tensor loss = torch::cross_entropy_loss(logits.narrow(1, 0, kShapes), shapes) +
                               torch::cross_entropy_loss(logits.narrow(1, kShapes, kPatterns), patterns);
    optimizer.zero_grad();
    loss.backward();
    optimizer.step();
    if (progress) progress(step + 1, steps, loss.item<double>());
  }
  return Judge(net);
}

Judge Judge::load(const QString& file) {
  const WeightMap weights = loadSafetensors(file);
  auto net = std::make_shared<Net>();
  torch::NoGradGuard noGrad;
  const auto params = net->named_parameters();
  if (weights.size() != params.size())
    throw LoadError(file.toStdString() + ": holds " + std::to_string(weights.size()) + " tensors, the judge has " +
                    std::to_string(params.size()));
  for (const auto& item : params) {
    const auto it = weights.find(item.key());
    if (it == weights.end() || it->second.sizes() != item.value().sizes())
      throw LoadError(file.toStdString() + ": tensor '" + item.key() + "' is missing or mis-shaped");
    item.value().copy_(it->second);
  }
  return Judge(net);
}

void Judge::save(const QString& file) const {
  WeightMap weights;
  for (const auto& item : net_->named_parameters()) weights[item.key()] = item.value().detach().contiguous();
  saveSafetensors(file, weights, {{"format", "pt"}});
}

std::vector<Attributes> Judge::judge(const torch::Tensor& images) const {
  torch::NoGradGuard noGrad;
  const torch::Tensor x = images.to(torch::kCPU, torch::kFloat);
  const torch::Tensor logits = net_->forward(x);
  const torch::Tensor shapes = logits.narrow(1, 0, kShapes).argmax(1);
  const torch::Tensor patterns = logits.narrow(1, kShapes, kPatterns).argmax(1);
  std::vector<Attributes> out;
  for (int64_t i = 0; i < x.size(0); ++i) {
    Attributes a = judgeColours(x[i]);
    a.shape = Shape(shapes[i].item<int64_t>());
    a.pattern = Pattern(patterns[i].item<int64_t>());
    out.push_back(a);
  }
  return out;
}

}  // namespace fan::demo
