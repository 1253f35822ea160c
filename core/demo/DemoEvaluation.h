// End-to-end measurement of FAN with the demo model (issue 10): generate from held-out target
// captions with a profile's history, judge every image, and report per alpha
//   target fidelity  - share of images showing every attribute the target names;
//   alignment        - share of the profile's preferred attributes the target leaves unnamed
//                      that the image shows (mean over images); alignment_all counts an image
//                      only when it shows all of them;
// for the ablations: default (profiling, target as query, PA on all but the first layer),
// no profiling, empty-prompt query, PA on all layers. Torch-free header.
#pragma once

#include "core/demo/DemoWorld.h"

#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

namespace fan {
class HistoryStore;
}

namespace fan::demo {

struct EvaluationOptions {
  QString modelDir;              // a demo-world diffusers folder (with judge/judge.safetensors)
  QString profile;               // a profile of `store`
  std::vector<double> alphas{0.0, 0.2, 0.4, 0.6, 0.8, 1.0};
  int seeds = 4;                 // images per target: seeds 0..seeds-1
  int targets = 8;               // held-out target captions
  int steps = 20;
  double guidance = 5.0;
  QStringList variants;          // empty = all of variantNames()
  std::function<void(const QString&)> log;
};

struct EvaluationRow {
  QString variant;
  double alpha = 0;
  double fidelity = 0, alignment = 0, alignmentAll = 0;  // 0..1
  int images = 0;
};

struct EvaluationResult {
  Attributes preferred;          // dominant attributes of the profile's history
  QStringList targets;
  std::vector<EvaluationRow> rows;
  double seconds = 0;
};

QStringList variantNames();  // "default", "no-profiling", "empty-query", "pa-all"

// Dominant attributes of a weighted history: per attribute, the value holding at least half
// of the weight of the entries that name the attribute (parsed with parseCaption).
Attributes dominantAttributes(const std::vector<std::pair<QString, double>>& history);

// Held-out target captions that leave the preferred attributes unnamed (and name the others),
// deterministic for a given `preferred`.
QStringList evaluationTargets(const Attributes& preferred, int count);

// Throws std::invalid_argument (unknown profile or variant, profile without a dominant
// attribute) or fan::LoadError (model folder).
EvaluationResult evaluate(const EvaluationOptions& options, HistoryStore& store);

// "profile,variant,alpha,fidelity,alignment,alignment_all,images" rows (percentages, 1 decimal).
QString evaluationCsv(const QString& profile, const EvaluationResult& result);

}  // namespace fan::demo
