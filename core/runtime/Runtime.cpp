#include "core/runtime/Runtime.h"

#include <torch/version.h>

#include <thread>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace fan {

int configureThreads(int threads) {
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  at::set_num_threads(threads);
  return at::get_num_threads();
}

int computeThreads() { return at::get_num_threads(); }

const char* torchVersion() { return TORCH_VERSION; }

bool cudaAvailable() { return torch::cuda::is_available(); }

void releaseFreedMemory() {
#if defined(__GLIBC__)
  malloc_trim(0);
#endif
}

}  // namespace fan
