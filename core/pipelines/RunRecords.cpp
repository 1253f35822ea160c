#include "core/pipelines/RunRecords.h"

namespace fan {

QString attentionOptionsText(const AttentionOptions& options, CfgNegative cfgNegative) {
  return QStringLiteral("pa=%1 skip=%2 query=%3 cfg_negative=%4")
      .arg(options.layers.toString(), toString(options.skipMode), toString(options.queryStart),
           cfgNegative == CfgNegative::Target ? QStringLiteral("target") : QStringLiteral("default"));
}

FanParameters fanParameters(const PersonalizationRequest& request, const PersonalizationResult& result, double alpha) {
  FanParameters fan;
  fan.alpha = alpha;
  fan.sampleSize = request.sampleSize;
  for (size_t i = 0; i < result.references.size(); ++i) {
    const Reference& r = result.references[i];
    fan.references << (r.entryId >= 0 ? QString::number(r.entryId)
                                      : QStringLiteral("#%1").arg(result.report.picks[i].index + 1));
  }
  fan.options = attentionOptionsText(request.attention, request.cfgNegative);
  return fan;
}

Generation generationRecord(const GenerationParams& params, const GenerationOutput& output, const QString& modelHash,
                            const std::vector<Reference>& references, double alpha, double sampleSize,
                            std::optional<qint64> profileId) {
  Generation g;
  g.profileId = profileId;
  g.prompt = params.prompt;
  g.negative = params.negative.value_or(QString());
  g.modelFingerprint = modelHash;
  g.scheduler = output.sampler;
  g.steps = output.steps;
  g.guidance = params.sampling.guidanceScale;
  g.width = output.width;
  g.height = output.height;
  g.seed = static_cast<qint64>(output.seed);
  g.alpha = alpha;
  g.sampleSize = sampleSize;
  for (const Reference& r : references)
    g.references.push_back({r.entryId >= 0 ? std::optional<qint64>(r.entryId) : std::nullopt, r.prompt, r.weight});
  g.durationMs = static_cast<qint64>(output.seconds * 1000);
  return g;
}

}  // namespace fan
