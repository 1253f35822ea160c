// What a diffusers folder is before it is loaded (for the model picker and the status bar).
// Torch-free, widget-free.
#pragma once

#include <QString>

namespace fan::ui {

// "SD 1.x", "SD 2.x" or "SDXL", read from the folder's model_index.json and text encoder
// config (SD 2.x's OpenCLIP encoder uses "gelu", SD 1.x's CLIP "quick_gelu"). Throws
// std::runtime_error naming the file when the folder is not a Stable Diffusion pipeline.
QString pipelineFamily(const QString& folder);

}  // namespace fan::ui
