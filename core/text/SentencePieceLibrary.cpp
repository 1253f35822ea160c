#include "core/text/SentencePieceLibrary.h"

#include "core/runtime/ResourcePaths.h"
#include "core/sentencepiece_shim/spm_shim.h"

#include <QDir>
#include <QFileInfo>
#include <QStringList>

#include <dlfcn.h>

#include <mutex>
#include <stdexcept>

namespace fan {
namespace {

const char* kShimFile = "libfan_spm_shim.so";

// FAN_SPM_SHIM overrides; then the installed layout (<bindir> -> <libdir>/fan-studio, as configured);
// then the build tree this binary came from.
QStringList candidatePaths() {
  QStringList paths;
  const QByteArray env = qgetenv("FAN_SPM_SHIM");
  if (!env.isEmpty()) paths << QString::fromLocal8Bit(env);
  paths << QDir::cleanPath(QDir(executableDir()).filePath(QStringLiteral(FAN_BIN_TO_LIB_DIR "/fan-studio/") +
                                                          QLatin1String(kShimFile)));
  paths << QStringLiteral(FAN_SPM_SHIM_BUILD_PATH);
  return paths;
}

struct ShimApi {
  void* handle = nullptr;
  QString path;
  decltype(&fan_spm_load) load = nullptr;
  decltype(&fan_spm_free) free = nullptr;
  decltype(&fan_spm_encode) encode = nullptr;
  decltype(&fan_spm_free_ids) freeIds = nullptr;
  decltype(&fan_spm_piece_count) pieceCount = nullptr;
  decltype(&fan_spm_piece_to_id) pieceToId = nullptr;
  decltype(&fan_spm_id_to_piece) idToPiece = nullptr;
  decltype(&fan_spm_decode) decode = nullptr;
};

template <typename F>
void bind(ShimApi& api, F& fn, const char* name) {
  fn = reinterpret_cast<F>(dlsym(api.handle, name));
  if (!fn)
    throw std::runtime_error("sentencepiece shim " + api.path.toStdString() + " lacks symbol " + name);
}

const ShimApi& shim() {
  static ShimApi api;
  static std::once_flag once;
  static std::string failure;
  std::call_once(once, [] {
    QStringList tried;
    for (const QString& path : candidatePaths()) {
      if (!QFileInfo::exists(path)) {
        tried << path + " (missing)";
        continue;
      }
      // DEEPBIND keeps sentencepiece's private protobuf from resolving against LibTorch's.
      api.handle = dlopen(QFile::encodeName(path).constData(), RTLD_NOW | RTLD_LOCAL | RTLD_DEEPBIND);
      if (api.handle) {
        api.path = path;
        break;
      }
      tried << path + " (" + QString::fromLocal8Bit(dlerror()) + ")";
    }
    if (!api.handle) {
      failure = "cannot load the sentencepiece shim " + std::string(kShimFile) +
                "; tried: " + tried.join(QStringLiteral("; ")).toStdString();
      return;
    }
    try {
      bind(api, api.load, "fan_spm_load");
      bind(api, api.free, "fan_spm_free");
      bind(api, api.encode, "fan_spm_encode");
      bind(api, api.freeIds, "fan_spm_free_ids");
      bind(api, api.pieceCount, "fan_spm_piece_count");
      bind(api, api.pieceToId, "fan_spm_piece_to_id");
      bind(api, api.idToPiece, "fan_spm_id_to_piece");
      bind(api, api.decode, "fan_spm_decode");
    } catch (const std::exception& e) {
      failure = e.what();
      api.handle = nullptr;
    }
  });
  if (!api.handle) throw std::runtime_error(failure);
  return api;
}

}  // namespace

struct SentencePieceModel::Impl {
  fan_spm_model* model = nullptr;
};

SentencePieceModel::SentencePieceModel(const QString& modelPath) : impl_(std::make_unique<Impl>()) {
  const ShimApi& api = shim();
  char err[512] = {0};
  impl_->model = api.load(QFile::encodeName(modelPath).constData(), err, sizeof err);
  if (!impl_->model)
    throw std::runtime_error("cannot load SentencePiece model " + modelPath.toStdString() + ": " + err);
}

SentencePieceModel::~SentencePieceModel() {
  if (impl_->model) shim().free(impl_->model);
}

std::vector<int> SentencePieceModel::encode(const std::string& utf8Text) const {
  const ShimApi& api = shim();
  int* ids = nullptr;
  size_t count = 0;
  char err[512] = {0};
  if (api.encode(impl_->model, utf8Text.data(), utf8Text.size(), &ids, &count, err, sizeof err) != 0)
    throw std::runtime_error(std::string("SentencePiece encode failed: ") + err);
  std::vector<int> out(ids, ids + count);
  api.freeIds(ids);
  return out;
}

std::string SentencePieceModel::decode(const std::vector<int>& ids) const {
  const ShimApi& api = shim();
  const int n = api.decode(impl_->model, ids.data(), ids.size(), nullptr, 0);
  if (n < 0) throw std::runtime_error("SentencePiece decode failed");
  std::string text(static_cast<size_t>(n) + 1, '\0');
  api.decode(impl_->model, ids.data(), ids.size(), text.data(), text.size());
  text.resize(static_cast<size_t>(n));
  return text;
}

int SentencePieceModel::pieceCount() const { return shim().pieceCount(impl_->model); }

int SentencePieceModel::pieceToId(const std::string& piece) const {
  return shim().pieceToId(impl_->model, piece.c_str());
}

std::string SentencePieceModel::idToPiece(int id) const {
  const ShimApi& api = shim();
  const int n = api.idToPiece(impl_->model, id, nullptr, 0);
  if (n < 0) throw std::runtime_error("SentencePiece id out of range: " + std::to_string(id));
  std::string piece(static_cast<size_t>(n) + 1, '\0');
  api.idToPiece(impl_->model, id, piece.data(), piece.size());
  piece.resize(static_cast<size_t>(n));
  return piece;
}

QString sentencePieceShimPath() { return shim().path; }

}  // namespace fan
