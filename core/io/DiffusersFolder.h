// Reading a diffusers model folder: model_index.json (pipeline class + components), each
// component's folder, config and weight files, and a content fingerprint. Torch-free (the
// tensors themselves are loaded by core/io/DiffusersWeights.h). Errors are fan::LoadError
// naming the folder/file and what was expected.
//
// Two layouts are accepted:
//  * a pipeline folder: model_index.json {"_class_name": "StableDiffusionPipeline", "unet":
//    ["diffusers", "UNet2DConditionModel"], ...}, one sub-folder per component;
//  * a plain model folder (e.g. a transformers T5EncoderModel): config.json and weights at its
//    root. It has the component "model" (class = config.json "architectures"[0]) and, when
//    tokenizer_config.json is there too, the component "tokenizer"; both live in the root.
#pragma once

#include "core/io/JsonConfig.h"

#include <QString>
#include <QStringList>

#include <map>
#include <string>
#include <vector>

namespace fan {

// Which precision variant of a component's weights to read. Diffusers/transformers name the
// half-precision variant "<name>.fp16.safetensors" (sharded: "<name>.safetensors.index.fp16.json").
enum class WeightVariant {
  PreferFull,  // full-precision files, else the fp16 variant (default: exact for float32 use)
  PreferFp16,  // the fp16 variant, else the full-precision files (half the bytes to read)
  Full,        // only the full-precision files
  Fp16,        // only the fp16 variant
};

// The safetensors file(s) holding one component's weights.
struct WeightFiles {
  QStringList files;   // absolute paths: one file, or every shard (sorted, each once)
  QString indexFile;   // the *.index.json of sharded weights; empty for a single file
  bool fp16Variant = false;
  // Sharded weights only: tensor name -> shard path, from the index's "weight_map".
  std::map<std::string, QString> weightMap;
};

class DiffusersFolder {
 public:
  enum class Kind { Model, Tokenizer, Scheduler, ImageProcessor };  // from the class name
  struct Component {
    std::string name;     // "unet", "text_encoder_2", ... ("model" in a plain model folder)
    std::string library;  // "diffusers", "transformers", ...
    std::string className;
    Kind kind = Kind::Model;
  };

  // Reads model_index.json (or config.json for a plain model folder). For a pipeline, the
  // pipeline class must be supported and its required components present.
  explicit DiffusersFolder(const QString& dir);

  static QStringList supportedPipelines();  // "StableDiffusionPipeline", "StableDiffusionXLPipeline"

  const QString& dir() const { return dir_; }
  bool isPipeline() const { return !pipelineClass_.empty(); }
  const std::string& pipelineClass() const { return pipelineClass_; }  // empty for a plain model folder
  // model_index.json itself (pipeline options such as "force_zeros_for_empty_prompt").
  const JsonConfig& modelIndex() const { return index_; }
  // Components with a (library, class); entries set to [null, null] are left out.
  const std::vector<Component>& components() const { return components_; }
  bool hasComponent(const std::string& name) const;
  const Component& component(const std::string& name) const;  // throws LoadError when unknown

  // The component's folder (must exist) and its config: config.json for models,
  // scheduler_config.json for schedulers, tokenizer_config.json for tokenizers.
  QString componentDir(const std::string& name) const;
  QString componentConfigPath(const std::string& name) const;
  JsonConfig componentConfig(const std::string& name) const;

  // Resolves a model component's weight files for `variant`:
  //  1. file stems in order: diffusers components "diffusion_pytorch_model" then "model",
  //     transformers (and everything else) "model" then "diffusion_pytorch_model";
  //  2. for a precision (full, fp16 in the variant's order), the first stem with a single
  //     file "<stem>[.fp16].safetensors" wins, else the first with a shard index
  //     "<stem>.safetensors.index[.fp16].json" (also "<stem>.fp16.safetensors.index.json");
  //  3. Prefer* variants try the other precision when the first has no file.
  // Shard indexes are validated (weight_map is {name: shard file}, shard names are plain file
  // names, every shard exists). A folder holding only pickle files (.bin, .ckpt, .pt, .pth)
  // is refused: they can execute code when loaded.
  WeightFiles weightFiles(const std::string& name, WeightVariant variant = WeightVariant::PreferFull) const;

  // A short content identity of a component (16 hex digits of a SHA-256), stable across
  // copies/moves of the folder, used as cache key and as "model hash" in image metadata.
  // It hashes the component's library/class and:
  //  * models: the config bytes, the shard index bytes (if sharded), then per weight file (as
  //    resolved for `variant`) its file name, byte size, raw safetensors header (names, dtypes,
  //    shapes, offsets) and tensor data: whole for tensors up to 64 KiB, else three 1 KiB
  //    windows (start, middle, end). A fine-tune changes nearly every tensor, so it gets another
  //    fingerprint, while reading a few MB instead of all GBs keeps this fast; an edit that
  //    avoids every sampled window would go unnoticed.
  //  * tokenizers, schedulers, image processors: the bytes of every file that defines them
  //    (configs, vocabulary, merges, sentencepiece model, special tokens map) in the folder.
  std::string fingerprint(const std::string& name, WeightVariant variant = WeightVariant::PreferFull) const;

 private:
  void readModelIndex();
  void readPlainModel();
  [[noreturn]] void fail(const std::string& what) const;
  QString dir_;
  std::string pipelineClass_;
  JsonConfig index_;
  std::vector<Component> components_;
};

}  // namespace fan
