// The conditions a personalization produces, for the generator (LibTorch side of FanEngine).
#pragma once

#include "core/pipelines/TextConditioner.h"

namespace fan {

struct PersonalizedConditions {
  Condition personalized;  // P: replaces the prompt embeddings
  Condition target;        // the plain target, for the side-by-side preview
  Condition negative;      // CFG negative: pipeline default, or the plain target (cfg_negative = target)
};

}  // namespace fan
