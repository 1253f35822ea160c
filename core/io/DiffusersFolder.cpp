#include "core/io/DiffusersFolder.h"

#include "core/io/Safetensors.h"
#include "core/io/StrictJson.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>

#include <optional>
#include <set>

namespace fan {

namespace {

struct PipelineSpec {
  const char* className;
  std::vector<std::string> required;
};

const std::vector<PipelineSpec>& pipelineSpecs() {
  static const std::vector<PipelineSpec> specs{
      {"StableDiffusionPipeline", {"text_encoder", "tokenizer", "unet", "vae", "scheduler"}},
      {"StableDiffusionXLPipeline",
       {"text_encoder", "text_encoder_2", "tokenizer", "tokenizer_2", "unet", "vae", "scheduler"}},
  };
  return specs;
}

DiffusersFolder::Kind kindOf(const std::string& className) {
  auto has = [&className](const char* part) { return className.find(part) != std::string::npos; };
  if (has("Scheduler")) return DiffusersFolder::Kind::Scheduler;
  if (has("Tokenizer")) return DiffusersFolder::Kind::Tokenizer;
  if (has("ImageProcessor") || has("FeatureExtractor")) return DiffusersFolder::Kind::ImageProcessor;
  return DiffusersFolder::Kind::Model;
}

// Files that define a tokenizer / scheduler / image processor (what the fingerprint hashes).
const QStringList kDefinitionFiles{"tokenizer_config.json", "special_tokens_map.json", "added_tokens.json",
                                   "vocab.json", "merges.txt", "spiece.model", "tokenizer.json",
                                   "scheduler_config.json", "preprocessor_config.json"};
// Fingerprint sampling of tensor data (see DiffusersFolder::fingerprint).
constexpr size_t kWholeTensorBytes = 64 * 1024;
constexpr size_t kWindowBytes = 1024;

const QStringList kPickleSuffixes{"*.bin", "*.ckpt", "*.pt", "*.pth", "*.pkl"};

QString join(const QString& dir, const QString& file) { return QDir(dir).filePath(file); }

std::string str(const QString& s) { return s.toStdString(); }

QByteArray readAll(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) throw LoadError(str(path) + ": cannot open (" + str(file.errorString()) + ")");
  return file.readAll();
}

// Reads "<stem>.safetensors.index.json": {"metadata": {...}, "weight_map": {tensor: shard}}.
WeightFiles readShardIndex(const QString& dir, const QString& indexPath, bool fp16) {
  const QByteArray bytes = readAll(indexPath);
  auto fail = [&indexPath](const std::string& what) -> LoadError { return LoadError(str(indexPath) + ": " + what); };
  StrictJsonValue root;
  try {
    root = parseStrictJson(std::string_view(bytes.constData(), static_cast<size_t>(bytes.size())));
  } catch (const StrictJsonError& e) {
    throw fail(std::string("invalid JSON: ") + e.what());
  }
  const StrictJsonValue* map = root.type == StrictJsonValue::Type::Object ? root.member("weight_map") : nullptr;
  if (!map || map->type != StrictJsonValue::Type::Object || map->members.empty())
    throw fail("expected an object with a non-empty \"weight_map\": {tensor name: shard file}");
  WeightFiles out;
  out.indexFile = indexPath;
  out.fp16Variant = fp16;
  std::set<QString> shards;
  for (const auto& [name, shard] : map->members) {
    if (shard.type != StrictJsonValue::Type::String)
      throw fail("weight_map['" + name + "'] is " + shard.typeName() + ", expected a shard file name");
    const QString file = QString::fromStdString(shard.text);
    // Plain names only: an index must not point outside the component folder.
    if (file.isEmpty() || file.contains('/') || file.contains('\\') || file == "." || file == "..")
      throw fail("weight_map['" + name + "'] = '" + shard.text + "' is not a plain file name in " + str(dir));
    if (!file.endsWith(".safetensors"))
      throw fail("weight_map['" + name + "'] = '" + shard.text + "' is not a .safetensors file");
    const QString path = join(dir, file);
    if (!QFileInfo(path).isFile()) throw fail("shard '" + shard.text + "' (holding '" + name + "') does not exist in " + str(dir));
    shards.insert(path);
    out.weightMap.emplace(name, path);
  }
  for (const QString& s : shards) out.files << s;
  return out;
}

}  // namespace

DiffusersFolder::DiffusersFolder(const QString& dir)
    : dir_(QDir::cleanPath(QFileInfo(dir).absoluteFilePath())), index_(QJsonObject(), QString()) {
  if (!QFileInfo(dir_).isDir()) fail("folder does not exist");
  if (QFileInfo(join(dir_, "model_index.json")).isFile()) readModelIndex();
  else if (QFileInfo(join(dir_, "config.json")).isFile()) readPlainModel();
  else fail("not a model folder: expected model_index.json (a diffusers pipeline) or config.json (a single model)");
}

void DiffusersFolder::fail(const std::string& what) const { throw LoadError(str(dir_) + ": " + what); }

QStringList DiffusersFolder::supportedPipelines() {
  QStringList out;
  for (const PipelineSpec& spec : pipelineSpecs()) out << spec.className;
  return out;
}

void DiffusersFolder::readModelIndex() {
  index_ = JsonConfig::fromFile(join(dir_, "model_index.json"));
  pipelineClass_ = index_.requiredString("_class_name");
  const PipelineSpec* spec = nullptr;
  for (const PipelineSpec& s : pipelineSpecs())
    if (pipelineClass_ == s.className) spec = &s;
  if (!spec) index_.unsupported("_class_name", QString::fromStdString(pipelineClass_), supportedPipelines());

  // Components are [library, class] pairs; [null, null] disables one; other keys are options.
  const QJsonObject& object = index_.object();
  for (auto it = object.begin(); it != object.end(); ++it) {
    if (it.key().startsWith('_') || !it.value().isArray()) continue;
    const QJsonArray pair = it.value().toArray();
    if (pair.size() == 2 && pair[0].isNull() && pair[1].isNull()) continue;
    if (pair.size() != 2 || !pair[0].isString() || !pair[1].isString())
      throw LoadError(str(index_.file()) + ": '" + str(it.key()) + "' must be [library, class] (two strings) or [null, null]");
    const std::string className = str(pair[1].toString());
    components_.push_back({str(it.key()), str(pair[0].toString()), className, kindOf(className)});
  }
  std::string required;
  for (const std::string& name : spec->required) required += (required.empty() ? "" : ", ") + name;
  for (const std::string& name : spec->required) {
    if (!hasComponent(name))
      throw LoadError(str(index_.file()) + ": component '" + name + "' is missing (a " + pipelineClass_ +
                      " needs: " + required + ")");
    componentDir(name);  // its folder must exist
  }
}

void DiffusersFolder::readPlainModel() {
  const JsonConfig config = JsonConfig::fromFile(join(dir_, "config.json"));
  const bool isDiffusers = config.has("_class_name");
  std::string className = isDiffusers ? config.requiredString("_class_name") : config.getString("model_type", "");
  if (!isDiffusers) {
    const std::vector<std::string> architectures = config.getStringList("architectures", {});
    if (!architectures.empty()) className = architectures.front();
  }
  components_.push_back({"model", isDiffusers ? "diffusers" : "transformers", className, Kind::Model});
  if (QFileInfo(join(dir_, "tokenizer_config.json")).isFile()) {
    const JsonConfig tokenizer = JsonConfig::fromFile(join(dir_, "tokenizer_config.json"));
    components_.push_back({"tokenizer", "transformers", tokenizer.getString("tokenizer_class", "Tokenizer"),
                           Kind::Tokenizer});
  }
}

bool DiffusersFolder::hasComponent(const std::string& name) const {
  for (const Component& c : components_)
    if (c.name == name) return true;
  return false;
}

const DiffusersFolder::Component& DiffusersFolder::component(const std::string& name) const {
  for (const Component& c : components_)
    if (c.name == name) return c;
  std::string known;
  for (const Component& c : components_) known += (known.empty() ? "" : ", ") + c.name;
  fail("no component '" + name + "' (this folder has: " + known + ")");
}

QString DiffusersFolder::componentDir(const std::string& name) const {
  component(name);
  if (!isPipeline()) return dir_;
  const QString path = join(dir_, QString::fromStdString(name));
  if (!QFileInfo(path).isDir())
    fail("component '" + name + "' is listed in model_index.json but its folder " + str(path) + " is missing");
  return path;
}

QString DiffusersFolder::componentConfigPath(const std::string& name) const {
  const char* file = "config.json";
  switch (component(name).kind) {
    case Kind::Scheduler: file = "scheduler_config.json"; break;
    case Kind::Tokenizer: file = "tokenizer_config.json"; break;
    case Kind::ImageProcessor: file = "preprocessor_config.json"; break;
    case Kind::Model: break;
  }
  const QString dir = componentDir(name);
  const QString path = join(dir, file);
  if (!QFileInfo(path).isFile())
    throw LoadError(str(dir) + ": missing " + file + " (the config of component '" + name + "', a " +
                    component(name).className + ")");
  return path;
}

JsonConfig DiffusersFolder::componentConfig(const std::string& name) const {
  return JsonConfig::fromFile(componentConfigPath(name));
}

namespace {

std::optional<WeightFiles> findWeights(const QString& dir, const QStringList& stems, bool fp16) {
  for (const QString& stem : stems) {
    const QString single = join(dir, stem + (fp16 ? ".fp16" : "") + ".safetensors");
    if (QFileInfo(single).isFile()) return WeightFiles{{single}, {}, fp16, {}};
  }
  for (const QString& stem : stems) {
    const QStringList indexNames = fp16 ? QStringList{stem + ".safetensors.index.fp16.json", stem + ".fp16.safetensors.index.json"}
                                        : QStringList{stem + ".safetensors.index.json"};
    for (const QString& indexName : indexNames)
      if (QFileInfo(join(dir, indexName)).isFile()) return readShardIndex(dir, join(dir, indexName), fp16);
  }
  return std::nullopt;
}

}  // namespace

WeightFiles DiffusersFolder::weightFiles(const std::string& name, WeightVariant variant) const {
  const Component& c = component(name);
  const QString dir = componentDir(name);
  const QStringList stems = c.library == "diffusers" ? QStringList{"diffusion_pytorch_model", "model"}
                                                     : QStringList{"model", "diffusion_pytorch_model"};
  std::vector<bool> precisions;  // fp16?
  switch (variant) {
    case WeightVariant::PreferFull: precisions = {false, true}; break;
    case WeightVariant::PreferFp16: precisions = {true, false}; break;
    case WeightVariant::Full: precisions = {false}; break;
    case WeightVariant::Fp16: precisions = {true}; break;
  }
  for (bool fp16 : precisions)
    if (std::optional<WeightFiles> found = findWeights(dir, stems, fp16)) return *found;

  const QString tail = " (component '" + QString::fromStdString(name) + "')";
  const QStringList safetensors = QDir(dir).entryList({"*.safetensors"}, QDir::Files, QDir::Name);
  const QStringList expected{stems[0] + ".safetensors", stems[1] + ".safetensors",
                             stems[0] + ".safetensors.index.json"};
  if (variant == WeightVariant::Fp16 || variant == WeightVariant::Full) {
    const bool fp16 = variant == WeightVariant::Fp16;
    if (findWeights(dir, stems, !fp16))
      throw LoadError(str(dir) + ": no " + (fp16 ? "fp16 variant" : "full-precision") + " weight file" + str(tail) +
                      "; only the " + (fp16 ? "full-precision" : "fp16") + " variant is there: choose that variant");
  }
  const QStringList pickles = QDir(dir).entryList(kPickleSuffixes, QDir::Files, QDir::Name);
  if (!pickles.isEmpty())
    throw LoadError(str(dir) + ": only pickle weight files (" + str(pickles.join(", ")) + ")" + str(tail) +
                    ". Pickle files are not loaded for safety: they can run arbitrary code. Convert the folder to "
                    "safetensors, e.g. load it with diffusers/transformers and save_pretrained(dir, "
                    "safe_serialization=True), or use the `safetensors` convert script.");
  throw LoadError(str(dir) + ": no weight file" + str(tail) + ": expected " + str(expected.join(", ")) +
                  (safetensors.isEmpty() ? std::string() : " (found only: " + str(safetensors.join(", ")) + ")"));
}

std::string DiffusersFolder::fingerprint(const std::string& name, WeightVariant variant) const {
  const Component& c = component(name);
  QCryptographicHash hash(QCryptographicHash::Sha256);
  // Length-prefixed fields keep different inputs from concatenating to the same bytes.
  auto field = [&hash](QByteArrayView bytes) {
    hash.addData(QByteArray::number(bytes.size()) + ':');
    hash.addData(bytes);
  };
  field("fan-fingerprint-1");
  field(QByteArray::fromStdString(c.library + "/" + c.className));
  const QString dir = componentDir(name);
  if (c.kind == Kind::Model) {
    field(readAll(componentConfigPath(name)));
    const WeightFiles files = weightFiles(name, variant);
    if (!files.indexFile.isEmpty()) field(readAll(files.indexFile));
    for (const QString& path : files.files) {
      const SafetensorsFile file(path);
      field(QFileInfo(path).fileName().toUtf8());
      field(QByteArray::number(static_cast<qulonglong>(file.fileSize())));
      field(QByteArrayView(file.headerJson().data(), static_cast<qsizetype>(file.headerJson().size())));
      for (const TensorInfo& info : file.tensors()) {
        const std::string_view bytes = file.tensorBytes(info);
        if (bytes.size() <= kWholeTensorBytes) {
          field(QByteArrayView(bytes.data(), static_cast<qsizetype>(bytes.size())));
          continue;
        }
        for (size_t start : {size_t(0), bytes.size() / 2 - kWindowBytes / 2, bytes.size() - kWindowBytes})
          field(QByteArrayView(bytes.data() + start, static_cast<qsizetype>(kWindowBytes)));
      }
    }
  } else {
    componentConfigPath(name);  // must exist
    for (const QString& file : kDefinitionFiles) {
      const QString path = join(dir, file);
      if (!QFileInfo(path).isFile()) continue;
      field(file.toUtf8());
      field(readAll(path));
    }
  }
  return hash.result().toHex().left(16).toStdString();
}

}  // namespace fan
