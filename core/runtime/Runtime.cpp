#include "core/runtime/Runtime.h"

#include <torch/version.h>

#include <thread>

namespace fan {

int configureThreads(int threads) {
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  at::set_num_threads(threads);
  return at::get_num_threads();
}

int computeThreads() { return at::get_num_threads(); }

const char* torchVersion() { return TORCH_VERSION; }

bool cudaAvailable() { return torch::cuda::is_available(); }

}  // namespace fan
