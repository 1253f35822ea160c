// What a model expects from its weight files, checked all at once before any tensor is used.
#pragma once

#include "core/io/Safetensors.h"

#include <string>
#include <vector>

namespace fan {

struct TensorSpec {
  std::string name;
  std::vector<int64_t> shape;
};

// Checks that `weights` holds every spec with its shape. Reports every missing, mis-shaped and
// unexpected name in one LoadError mentioning `component` (e.g. ".../unet"). Names listed in
// `ignoredExtras` (exact names, e.g. "text_model.embeddings.position_ids") are tolerated.
void checkWeights(const WeightMap& weights, const std::vector<TensorSpec>& specs, const QString& component,
                  const std::vector<std::string>& ignoredExtras = {});

}  // namespace fan
