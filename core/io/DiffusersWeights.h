// Loading a diffusers-folder component's weights as tensors (the LibTorch half of
// core/io/DiffusersFolder.h, kept apart so that header stays torch-free).
#pragma once

#include "core/io/DiffusersFolder.h"
#include "core/io/Safetensors.h"

namespace fan {

// Loads every tensor of `files`, checking a shard index against the shards: each weight_map
// name must be in the shard it names, and no tensor may appear in two files. Floating-point
// tensors become `dtype`; integer/bool tensors (e.g. int64 position_ids) keep theirs. All end
// up on `device`. Tensors already matching are the memory-mapped data itself (no copy).
WeightMap loadWeightFiles(const WeightFiles& files, torch::ScalarType dtype = torch::kFloat,
                          torch::Device device = torch::kCPU);

// weightFiles(component, variant) of `folder`, loaded as above.
WeightMap loadComponentWeights(const DiffusersFolder& folder, const std::string& component,
                               WeightVariant variant = WeightVariant::PreferFull,
                               torch::ScalarType dtype = torch::kFloat, torch::Device device = torch::kCPU);

}  // namespace fan
