// The demo model's architecture and scheduler as diffusers/transformers config files (one
// place, so the trainer, its noise schedule and the written folder cannot disagree).
#pragma once

#include <torch/types.h>

#include <QJsonObject>

#include <cstdint>

namespace fan::demo {

constexpr int kDemoMaxTokens = 24;  // tokenizer model_max_length = text encoder positions

QJsonObject demoVaeConfig(double scalingFactor);         // AutoencoderKL 32x32x3 <-> 8x8x4
QJsonObject demoUnetConfig();                            // UNet2DConditionModel on 8x8x4 latents
QJsonObject demoTextEncoderConfig(int64_t vocabSize);    // CLIPTextModel, 64 wide, 4 layers
QJsonObject demoSchedulerConfig();                       // DPMSolverMultistepScheduler, linear betas
QJsonObject demoModelIndex();                            // StableDiffusionPipeline

// alphas_cumprod of the scheduler config's training schedule [1000] (float32, as diffusers).
torch::Tensor demoAlphasCumprod();

}  // namespace fan::demo
