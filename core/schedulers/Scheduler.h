// The noise-scheduler interface the generator loop drives, numerically equal to diffusers 0.21.4.
//
//   sched->setTimesteps(steps);
//   x = noise * sched->initNoiseSigma();
//   for (size_t i = 0; i < sched->timesteps().size(); ++i) {
//     eps = unet(sched->scaleModelInput(x, i), sched->timesteps()[i], ...);
//     x = sched->step(eps, i, x, &generator);
//   }
//
// Steps are addressed by their index into timesteps() (diffusers looks the index up from the
// timestep value; PNDM's list repeats a value, so the index is the unambiguous handle).
// Multistep state (PNDM, LMS, DPM-Solver) advances with each step() call and is reset by
// setTimesteps().
#pragma once

#include <torch/types.h>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace fan {

class JsonConfig;

// Every scheduler_config.json key the supported schedulers read (diffusers' key in comments).
// Each scheduler class reads only the keys its diffusers counterpart accepts.
struct SchedulerConfig {
  std::string className;                 // diffusers class, e.g. "EulerDiscreteScheduler"
  std::string source;                    // the json file the values came from (for messages)
  int64_t numTrainTimesteps = 1000;      // num_train_timesteps
  double betaStart = 0.0001;             // beta_start
  double betaEnd = 0.02;                 // beta_end
  std::string betaSchedule = "linear";   // beta_schedule: linear, scaled_linear, squaredcos_cap_v2
  std::vector<double> trainedBetas;      // trained_betas; replaces the schedule when not empty
  std::string predictionType = "epsilon";  // prediction_type: epsilon, v_prediction, sample
  std::string timestepSpacing = "leading";  // timestep_spacing: linspace, leading, trailing
  int64_t stepsOffset = 0;               // steps_offset (leading spacing)
  // PNDM / DDIM
  bool skipPrkSteps = false;             // skip_prk_steps
  bool setAlphaToOne = false;            // set_alpha_to_one
  bool clipSample = false;               // clip_sample (DDIM)
  double clipSampleRange = 1.0;          // clip_sample_range (DDIM)
  bool rescaleBetasZeroSnr = false;      // rescale_betas_zero_snr (DDIM)
  bool thresholding = false;             // thresholding (DDIM, DPM-Solver): pixel-space only, rejected
  // Euler / LMS / DPM-Solver
  bool useKarrasSigmas = false;          // use_karras_sigmas
  std::string interpolationType = "linear";  // interpolation_type (Euler)
  // DPM-Solver
  int64_t solverOrder = 2;               // solver_order
  std::string algorithmType = "dpmsolver++";  // algorithm_type
  std::string solverType = "midpoint";   // solver_type
  bool lowerOrderFinal = true;           // lower_order_final
  double lambdaMinClipped = -std::numeric_limits<double>::infinity();  // lambda_min_clipped
  std::string varianceType;              // variance_type; empty = None

  // Throws LoadError("<source>: 'key' = value is not supported by <className>; supported: ...").
  [[noreturn]] void unsupported(const char* key, const std::string& value,
                                const std::vector<std::string>& supported) const;
  // Calls unsupported() unless `value` is one of `supported`.
  void requireOneOf(const char* key, const std::string& value, const std::vector<std::string>& supported) const;
};

// Reads every key above from `json`; keys absent (or null) keep the value in `defaults`, which
// holds the defaults of the class being built: this is diffusers' from_config swap semantics.
// Validates the keys every scheduler shares (beta_schedule, timestep_spacing, trained_betas).
SchedulerConfig readSchedulerConfig(const JsonConfig& json, SchedulerConfig defaults);

class Scheduler {
 public:
  explicit Scheduler(SchedulerConfig config);  // builds betas and alphas_cumprod
  virtual ~Scheduler() = default;
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  const SchedulerConfig& config() const { return config_; }
  const std::string& className() const { return config_.className; }
  const at::Tensor& alphasCumprod() const { return alphasCumprod_; }  // float32 [num_train_timesteps]

  // Prepares `steps` denoising steps (1 <= steps <= num_train_timesteps, else
  // std::invalid_argument) and resets the multistep state.
  void setTimesteps(int steps);
  // The timesteps to call the model with, in order. Not always `steps` entries: PNDM repeats
  // one for its warm-up, DPM-Solver drops duplicates.
  const std::vector<double>& timesteps() const { return timesteps_; }
  // The scheduler's sigma table where it has one (Euler, Euler a, LMS: one per timestep plus a
  // final 0; DPM-Solver: the table its timesteps were chosen from), else empty.
  const std::vector<double>& sigmas() const { return sigmas_; }

  // Standard deviation of the initial noise (1 for DDPM-style schedulers).
  double initNoiseSigma() const;
  // The model input for step `stepIndex` (sigma schedulers divide by sqrt(sigma^2 + 1)).
  at::Tensor scaleModelInput(const at::Tensor& sample, size_t stepIndex) const;
  // One denoising step from timesteps()[stepIndex]: the previous (less noisy) sample.
  // Ancestral schedulers draw their noise from `generator` (a CPU generator, as diffusers'
  // pipelines use; nullptr = the global one).
  at::Tensor step(const at::Tensor& modelOutput, size_t stepIndex, const at::Tensor& sample,
                  at::Generator* generator = nullptr);

 protected:
  virtual void computeTimesteps(int steps) = 0;  // fills timesteps_ (and sigmas_), resets state
  virtual double noiseSigma() const { return 1.0; }
  virtual at::Tensor scaleInput(const at::Tensor& sample, size_t /*stepIndex*/) const { return sample; }
  virtual at::Tensor computeStep(const at::Tensor& modelOutput, size_t stepIndex, const at::Tensor& sample,
                                 at::Generator* generator) = 0;
  // alphas_cumprod[t] as the float32 the reference computes with.
  float alphaCumprod(int64_t t) const;
  // Replaces the training schedule (DDIM's zero-terminal-SNR rescaling).
  void setBetas(const at::Tensor& betas);
  // randn with `like`'s shape and dtype, drawn where `generator` lives (the CPU for diffusers'
  // pipelines; nullptr = the global generator on like's device) and moved to like's device,
  // as diffusers' randn_tensor does. One whole-tensor draw, so seeded runs reproduce PyTorch.
  static at::Tensor noiseLike(const at::Tensor& like, at::Generator* generator);

  SchedulerConfig config_;
  std::vector<double> timesteps_;
  std::vector<double> sigmas_;

 private:
  void checkStepIndex(size_t stepIndex, const char* what) const;
  at::Tensor alphasCumprod_;
  std::vector<float> alphasCumprodValues_;
};

}  // namespace fan
