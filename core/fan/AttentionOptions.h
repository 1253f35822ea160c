// Personalized-attention settings of one request (../shared/docs/fan-method.md §3). Torch-free.
#pragma once

#include <QString>

#include <vector>

namespace fan {

// What the personalized stream P does in layers outside the PA set.
enum class SkipMode { Self, Joint };
// Which embeddings P starts from.
enum class QueryStart { Target, Empty };

// The layers personalized attention runs in. Default: every layer but the first.
class PaLayerSet {
 public:
  static PaLayerSet all() { return PaLayerSet(Kind::SkipFirst, 0, {}); }
  static PaLayerSet skipFirst(int count = 1) { return PaLayerSet(Kind::SkipFirst, count, {}); }
  static PaLayerSet explicitList(std::vector<int> layers) { return PaLayerSet(Kind::List, 0, std::move(layers)); }
  // "all", "skip-first", "skip:K" or a comma-separated 0-based list "2,3,4". Throws std::invalid_argument.
  static PaLayerSet parse(const QString& text);

  PaLayerSet() : PaLayerSet(Kind::SkipFirst, 1, {}) {}
  // Per-layer flags for an encoder with `numLayers` layers; throws if a listed layer is out of range.
  std::vector<bool> resolve(int numLayers) const;
  QString toString() const;

 private:
  enum class Kind { SkipFirst, List };
  PaLayerSet(Kind kind, int skip, std::vector<int> layers) : kind_(kind), skip_(skip), layers_(std::move(layers)) {}
  Kind kind_;
  int skip_;
  std::vector<int> layers_;
};

struct AttentionOptions {
  double alpha = 0.4;                  // personalization degree, 0..1
  PaLayerSet layers;                   // default: all but the first
  SkipMode skipMode = SkipMode::Self;
  QueryStart queryStart = QueryStart::Target;
};

QString toString(SkipMode mode);
QString toString(QueryStart start);
SkipMode parseSkipMode(const QString& text);      // "self" | "joint"
QueryStart parseQueryStart(const QString& text);  // "target" | "empty"

}  // namespace fan
