// Choosing a scheduler by name, as a user swaps schedulers in diffusers. Torch-free (the UI
// lists the names).
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace fan {

class JsonConfig;
class Scheduler;

// The names offered in the scheduler picker, in display order: "PNDM", "DDIM", "Euler",
// "Euler a", "DPM++ 2M", "DPM++ 2M Karras", "LMS".
std::vector<std::string> schedulerNames();
// The diffusers classes makeScheduler() builds, e.g. "EulerDiscreteScheduler".
std::vector<std::string> schedulerClassNames();

// Builds `nameOrClass` (a name above or a diffusers class name, case-insensitive; empty = the
// folder's own _class_name) from the folder's scheduler/scheduler_config.json, with diffusers'
// from_config swap semantics: keys present in the json are kept, absent keys take the defaults
// of the class being built (so SD 1.5's PNDM json gives Euler "linspace" spacing, while SDXL's
// explicit "leading" is kept). "DPM++ 2M" / "DPM++ 2M Karras" also set algorithm_type
// dpmsolver++, solver_order 2 and use_karras_sigmas false / true.
// Throws std::invalid_argument for an unknown name (listing the supported ones) and LoadError
// for an unsupported folder class or config value.
std::unique_ptr<Scheduler> makeScheduler(const JsonConfig& folderConfig, const std::string& nameOrClass);

// The picker name of a scheduler as built ("Euler a", "DPM++ 2M Karras", ...): the inverse of the
// table above; other configurations (e.g. a DPM solver of order 3) get the diffusers class name.
std::string samplerDisplayName(const Scheduler& scheduler);

}  // namespace fan
