#include "spm_shim.h"

#include <sentencepiece_processor.h>

#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

struct fan_spm_model {
  sentencepiece::SentencePieceProcessor processor;
};

namespace {
void writeError(char* err, size_t size, const std::string& message) {
  if (!err || size == 0) return;
  const size_t n = std::min(size - 1, message.size());
  std::memcpy(err, message.data(), n);
  err[n] = '\0';
}
}  // namespace

extern "C" {

fan_spm_model* fan_spm_load(const char* path, char* err, size_t err_size) {
  auto* model = new fan_spm_model;
  const auto status = model->processor.Load(path);
  if (!status.ok()) {
    writeError(err, err_size, status.ToString());
    delete model;
    return nullptr;
  }
  return model;
}

void fan_spm_free(fan_spm_model* model) { delete model; }

int fan_spm_encode(fan_spm_model* model, const char* text, size_t len, int** ids, size_t* count,
                   char* err, size_t err_size) {
  std::vector<int> out;
  const auto status = model->processor.Encode(std::string(text, len), &out);
  if (!status.ok()) {
    writeError(err, err_size, status.ToString());
    return 1;
  }
  *count = out.size();
  *ids = static_cast<int*>(std::malloc(std::max<size_t>(1, out.size()) * sizeof(int)));
  if (!*ids) {
    writeError(err, err_size, "out of memory");
    return 1;
  }
  if (!out.empty()) std::memcpy(*ids, out.data(), out.size() * sizeof(int));
  return 0;
}

void fan_spm_free_ids(int* ids) { std::free(ids); }

int fan_spm_piece_count(const fan_spm_model* model) { return model->processor.GetPieceSize(); }

int fan_spm_piece_to_id(const fan_spm_model* model, const char* piece) {
  const int id = model->processor.PieceToId(piece);
  // PieceToId returns unk for unknown pieces; report that as -1 unless the piece is unk itself.
  if (id == model->processor.unk_id() && model->processor.IdToPiece(id) != piece) return -1;
  return id;
}

int fan_spm_id_to_piece(const fan_spm_model* model, int id, char* buf, size_t buf_size) {
  if (id < 0 || id >= model->processor.GetPieceSize()) return -1;
  const std::string& piece = model->processor.IdToPiece(id);
  writeError(buf, buf_size, piece);
  return static_cast<int>(piece.size());
}

int fan_spm_decode(const fan_spm_model* model, const int* ids, size_t count, char* buf,
                   size_t buf_size) {
  std::string text;
  const auto status = model->processor.Decode(std::vector<int>(ids, ids + count), &text);
  if (!status.ok()) return -1;
  writeError(buf, buf_size, text);
  return static_cast<int>(text.size());
}

}  // extern "C"
