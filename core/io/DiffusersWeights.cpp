#include "core/io/DiffusersWeights.h"

#include <QFileInfo>

namespace fan {

WeightMap loadWeightFiles(const WeightFiles& files, torch::ScalarType dtype, torch::Device device) {
  std::vector<std::unique_ptr<SafetensorsFile>> opened;
  std::map<std::string, const SafetensorsFile*> source;
  for (const QString& path : files.files) {
    opened.push_back(std::make_unique<SafetensorsFile>(path));
    for (const TensorInfo& info : opened.back()->tensors()) {
      const auto [it, inserted] = source.emplace(info.name, opened.back().get());
      if (!inserted)
        throw LoadError(path.toStdString() + ": tensor '" + info.name + "' is also in " +
                        it->second->path().toStdString());
    }
  }
  for (const auto& [name, shard] : files.weightMap) {
    const auto it = source.find(name);
    if (it == source.end() || it->second->path() != shard)
      throw LoadError(files.indexFile.toStdString() + ": weight_map puts '" + name + "' in " +
                      QFileInfo(shard).fileName().toStdString() + ", but that shard has no tensor of that name");
  }
  WeightMap weights;
  for (const auto& [name, file] : source) {
    const torch::Tensor t = file->tensor(name);
    weights.emplace(name, t.is_floating_point() ? t.to(device, dtype) : t.to(device));
  }
  return weights;
}

WeightMap loadComponentWeights(const DiffusersFolder& folder, const std::string& component, WeightVariant variant,
                               torch::ScalarType dtype, torch::Device device) {
  return loadWeightFiles(folder.weightFiles(component, variant), dtype, device);
}

}  // namespace fan
