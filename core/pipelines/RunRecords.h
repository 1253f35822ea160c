// How a personalized run is described, the same for `fan-cli generate` and the GUI: the PNG
// "parameters" FAN fields and the store's generation record. Torch-free.
#pragma once

#include "core/fan/FanEngine.h"
#include "core/pipelines/Generator.h"
#include "core/pipelines/PngParameters.h"
#include "core/store/StoreTypes.h"

#include <optional>

namespace fan {

// "pa=skip:1 skip=self query=target cfg_negative=default".
QString attentionOptionsText(const AttentionOptions& options, CfgNegative cfgNegative);

// The FAN fields of a personalized image: alpha, sample size, the references (store entry ids,
// "#k" for the k-th explicit one) and the attention options.
FanParameters fanParameters(const PersonalizationRequest& request, const PersonalizationResult& result, double alpha);

// The store record of one generated image set (outputs are left to the caller).
Generation generationRecord(const GenerationParams& params, const GenerationOutput& output, const QString& modelHash,
                            const std::vector<Reference>& references, double alpha, double sampleSize,
                            std::optional<qint64> profileId);

}  // namespace fan
