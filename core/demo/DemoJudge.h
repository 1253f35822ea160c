// The judge of the demo world: reads a 32x32 image back into its attributes. Colours come
// from pixel statistics (the border votes the background, the object is the remaining
// saturated colour); shape and pattern from a small LibTorch classifier trained on rendered
// ground truth with the perturbations generated images show (noise, blur, colour shifts).
#pragma once

#include "core/demo/DemoWorld.h"

#include <torch/types.h>

#include <QString>

#include <functional>
#include <memory>
#include <vector>

namespace fan::demo {

// Renders scenes into one batch [B, 3, 32, 32] in [0, 1].
torch::Tensor renderBatch(const std::vector<Scene>& scenes);

// Noise (sigma up to 0.06), a random 3x3 blur on half the images, per-channel colour shifts up to
// 0.06 and brightness changes, clamped to [0, 1]; deterministic given the seed.
torch::Tensor perturb(const torch::Tensor& images, uint64_t seed);

// Background and object colour of one image [3, 32, 32] in [0, 1] from its pixels; unset where
// no palette colour is found.
Attributes judgeColours(const torch::Tensor& image);

class Judge {
 public:
  // Trains the shape/pattern classifier for `steps` steps (batches of 128 fresh perturbed renders).
  // progress(step, steps, loss) is called after every step.
  static Judge train(uint64_t seed, int steps, const std::function<void(int, int, double)>& progress = {});
  // Loads weights written by save(); throws fan::LoadError naming the file on a mismatch.
  static Judge load(const QString& file);
  void save(const QString& file) const;

  Judge(Judge&&) noexcept;
  Judge& operator=(Judge&&) noexcept;
  ~Judge();

  // Every attribute of each image of [B, 3, 32, 32] in [0, 1].
  std::vector<Attributes> judge(const torch::Tensor& images) const;

 private:
  struct Net;
  explicit Judge(std::shared_ptr<Net> net);
  std::shared_ptr<Net> net_;
};

}  // namespace fan::demo
