// The demo judge as the GUI uses it: reads generated images (QImage) back into demo-world
// attributes and scores them against a target prompt and a profile's preference, with the same
// rules as `fan-cli evaluate` (core/demo/DemoEvaluation.h). Torch-free header.
#pragma once

#include "core/demo/DemoWorld.h"

#include <QImage>
#include <QString>

#include <memory>
#include <optional>

namespace fan::demo {

class Judge;

// How one judged image fares: faithful when it shows every attribute the target names;
// alignment is the share of the preferred attributes the target leaves unnamed that it shows
// (none when the target names every preferred attribute, or nothing is preferred).
struct ImageScore {
  bool faithful = false;
  std::optional<double> alignment;
};

ImageScore scoreJudged(const Attributes& named, const Attributes& preferred, const Attributes& judged);

class ImageJudge {
 public:
  // The judge of a demo-world model folder (judge/judge.safetensors), or null when the folder
  // has none (any other model). Throws fan::LoadError for a judge file that does not load.
  static std::unique_ptr<ImageJudge> forModel(const QString& modelDir);
  ~ImageJudge();

  // Attributes of an image of the demo world's size (32x32); none for any other size.
  std::optional<Attributes> judge(const QImage& image) const;

 private:
  explicit ImageJudge(std::unique_ptr<Judge> judge);
  std::unique_ptr<Judge> judge_;
};

}  // namespace fan::demo
