// Access to sentencepiece through the dlopen()ed shim (see core/sentencepiece_shim).
#pragma once

#include <QString>

#include <memory>
#include <string>
#include <vector>

namespace fan {

// One loaded SentencePiece model. Throws std::runtime_error with the file name on failure.
class SentencePieceModel {
 public:
  explicit SentencePieceModel(const QString& modelPath);
  ~SentencePieceModel();
  SentencePieceModel(const SentencePieceModel&) = delete;
  SentencePieceModel& operator=(const SentencePieceModel&) = delete;

  std::vector<int> encode(const std::string& utf8Text) const;
  std::string decode(const std::vector<int>& ids) const;
  int pieceCount() const;
  int pieceToId(const std::string& piece) const;  // -1 when unknown
  std::string idToPiece(int id) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Where the shim was found (for diagnostics); throws with every path tried when it is missing.
QString sentencePieceShimPath();

}  // namespace fan
