#include "core/demo/DemoModelFiles.h"

#include <QJsonArray>

namespace fan::demo {

namespace {

constexpr double kBetaStart = 0.0001, kBetaEnd = 0.02;  // DDPM's linear schedule: 8x8 latents need the low end SNR
constexpr int kTrainTimesteps = 1000;

QJsonArray strings(std::initializer_list<const char*> items) {
  QJsonArray a;
  for (const char* s : items) a.append(QString::fromLatin1(s));
  return a;
}

QJsonArray component(const char* library, const char* className) { return strings({library, className}); }

}  // namespace

QJsonObject demoVaeConfig(double scalingFactor) {
  return {{"_class_name", "AutoencoderKL"},
          {"_diffusers_version", "0.21.4"},
          {"act_fn", "silu"},
          {"block_out_channels", QJsonArray{16, 32, 64}},
          {"down_block_types", strings({"DownEncoderBlock2D", "DownEncoderBlock2D", "DownEncoderBlock2D"})},
          {"force_upcast", true},
          {"in_channels", 3},
          {"latent_channels", 4},
          {"layers_per_block", 1},
          {"norm_num_groups", 8},
          {"out_channels", 3},
          {"sample_size", 32},
          {"scaling_factor", scalingFactor},
          {"up_block_types", strings({"UpDecoderBlock2D", "UpDecoderBlock2D", "UpDecoderBlock2D"})}};
}

QJsonObject demoUnetConfig() {
  return {{"_class_name", "UNet2DConditionModel"},
          {"_diffusers_version", "0.21.4"},
          {"act_fn", "silu"},
          {"attention_head_dim", QJsonArray{4, 8}},  // diffusers 0.21: the number of heads (head size 16)
          {"block_out_channels", QJsonArray{64, 128}},
          {"center_input_sample", false},
          {"cross_attention_dim", 64},
          {"down_block_types", strings({"CrossAttnDownBlock2D", "CrossAttnDownBlock2D"})},
          {"downsample_padding", 1},
          {"flip_sin_to_cos", true},
          {"freq_shift", 0},
          {"in_channels", 4},
          {"layers_per_block", 1},
          {"mid_block_scale_factor", 1},
          {"mid_block_type", "UNetMidBlock2DCrossAttn"},
          {"norm_eps", 1e-05},
          {"norm_num_groups", 32},
          {"out_channels", 4},
          {"sample_size", 8},
          {"transformer_layers_per_block", 1},
          {"up_block_types", strings({"CrossAttnUpBlock2D", "CrossAttnUpBlock2D"})},
          {"upcast_attention", false},
          {"use_linear_projection", false}};
}

QJsonObject demoTextEncoderConfig(int64_t vocabSize) {
  return {{"architectures", strings({"CLIPTextModel"})},
          {"attention_dropout", 0.0},
          {"bos_token_id", double(vocabSize - 2)},
          {"eos_token_id", double(vocabSize - 1)},
          {"hidden_act", "quick_gelu"},
          {"hidden_size", 64},
          {"initializer_factor", 1.0},
          {"initializer_range", 0.02},
          {"intermediate_size", 256},
          {"layer_norm_eps", 1e-05},
          {"max_position_embeddings", kDemoMaxTokens},
          {"model_type", "clip_text_model"},
          {"num_attention_heads", 4},
          {"num_hidden_layers", 4},
          {"pad_token_id", double(vocabSize - 1)},
          {"projection_dim", 64},
          {"torch_dtype", "float32"},
          {"transformers_version", "4.31.0"},
          {"vocab_size", double(vocabSize)}};
}

QJsonObject demoSchedulerConfig() {
  return {{"_class_name", "DPMSolverMultistepScheduler"},
          {"_diffusers_version", "0.21.4"},
          {"algorithm_type", "dpmsolver++"},
          {"beta_end", kBetaEnd},
          {"beta_schedule", "linear"},
          {"beta_start", kBetaStart},
          {"lower_order_final", true},
          {"num_train_timesteps", kTrainTimesteps},
          {"prediction_type", "epsilon"},
          {"solver_order", 2},
          {"solver_type", "midpoint"},
          {"steps_offset", 0},
          {"thresholding", false},
          {"timestep_spacing", "linspace"},
          {"trained_betas", QJsonValue()},
          {"use_karras_sigmas", false}};
}

QJsonObject demoModelIndex() {
  return {{"_class_name", "StableDiffusionPipeline"},
          {"_diffusers_version", "0.21.4"},
          {"feature_extractor", QJsonArray{QJsonValue(), QJsonValue()}},
          {"requires_safety_checker", false},
          {"safety_checker", QJsonArray{QJsonValue(), QJsonValue()}},
          {"scheduler", component("diffusers", "DPMSolverMultistepScheduler")},
          {"text_encoder", component("transformers", "CLIPTextModel")},
          {"tokenizer", component("transformers", "CLIPTokenizer")},
          {"unet", component("diffusers", "UNet2DConditionModel")},
          {"vae", component("diffusers", "AutoencoderKL")}};
}

torch::Tensor demoAlphasCumprod() {
  const torch::Tensor betas = torch::linspace(kBetaStart, kBetaEnd, kTrainTimesteps, torch::kFloat);
  return torch::cumprod(1 - betas, 0);
}

}  // namespace fan::demo
