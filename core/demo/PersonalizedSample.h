// Training samples for the demo model's personalized stream (issue 10): FAN in the loop.
//
// The demo text encoder is 4 layers trained from scratch on a 600-word world, not a pretrained
// CLIP; mixed into the target's attention, the references' "yellow circle" overwrote the target's
// "red square" (alpha 0.4 kept 12-16% target fidelity). So the trainer also shows the model
// personalized conditions: a history with a taste (1-3 attributes every liked entry shares), a
// target that leaves the taste unnamed (sometimes overriding one of its attributes), and a scene
// that shows the target's named attributes and, where the target is silent, the attributes the
// references' history holds dominant (the evaluation's rule, dominantAttributes). Torch-free.
#pragma once

#include "core/demo/DemoWorld.h"

#include <QString>
#include <QStringList>

#include <random>
#include <vector>

namespace fan::demo {

struct PersonalizedSample {
  QString target;
  QStringList references;
  std::vector<double> weights;  // one per reference, > 0
  double alpha = 0.4;
  Attributes shown;             // the target's named attributes, else the references' dominant ones
  Scene scene;                  // shows `shown`; the rest is drawn at random
};

// Deterministic given the generator's state. References: 2-4; alpha in [0.2, 1].
PersonalizedSample personalizedSample(std::mt19937& rng);

}  // namespace fan::demo
