// Precompiled header for the LibTorch parts of fan_core (one parse instead of ~20 s per file).
#pragma once
#include <torch/torch.h>
