// What the diffusers schedulers share, written once: the training noise schedule, the
// inference timestep spacings and the sigma table. Each piece keeps the reference's precision:
// float32 where diffusers computes with torch tensors, float64 where it uses numpy.
#pragma once

#include "core/schedulers/Scheduler.h"

#include <torch/types.h>

#include <cstdint>
#include <vector>

namespace fan::schedule {

// betas (float32 [num_train_timesteps]) from trained_betas or beta_schedule: linear,
// scaled_linear (linear in sqrt(beta)), squaredcos_cap_v2 (Nichol & Dhariwal's cosine schedule).
at::Tensor betas(const SchedulerConfig& config);
// cumprod(1 - betas), float32 like torch.
at::Tensor alphasCumprod(const at::Tensor& betas);
// Rescales betas to zero terminal SNR (Lin et al. 2023, Algorithm 1), DDIM's rescale_betas_zero_snr.
at::Tensor rescaleZeroTerminalSnr(const at::Tensor& betas);

// numpy.linspace(start, stop, num) in float64, bit for bit.
std::vector<double> linspace(double start, double stop, int64_t num);
// numpy.arange(start, stop, step) in float64, bit for bit (step may be fractional).
std::vector<double> arange(double start, double stop, double step);
// numpy.round: halves go to the even neighbour.
double roundHalfEven(double x);

// The descending timesteps DDIM, PNDM and the Euler family use for `steps` steps:
//   linspace: linspace(0, T-1, steps), reversed (rounded to integers when `roundLinspace`)
//   leading:  i * (T // steps) + steps_offset, reversed
//   trailing: round(arange(T, 0, -T/steps)) - 1
std::vector<double> spacedTimesteps(const SchedulerConfig& config, int steps, bool roundLinspace);

// sqrt((1 - a) / a) for every training timestep, in float32 like torch.
std::vector<float> trainingSigmas(const at::Tensor& alphasCumprod);
// numpy.interp(x, arange(table.size()), table), in float64.
double interpolate(const std::vector<float>& table, double x);
// Karras et al. (2022) sigmas, rho = 7, going from `first` to `last` in `steps` points
// (diffusers' _convert_to_karras with first = in_sigmas[0], last = in_sigmas[-1]).
std::vector<double> karrasSigmas(double first, double last, int steps);
// The fractional training timestep at which `sigma` lies, interpolating linearly in log sigma
// between neighbours of `logSigmas` (ascending, float32 like numpy's log of the table).
double sigmaToTimestep(double sigma, const std::vector<float>& logSigmas);

}  // namespace fan::schedule
