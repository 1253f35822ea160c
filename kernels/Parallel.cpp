#include "kernels/Parallel.h"

#include <ATen/Parallel.h>

#include <mutex>
#include <set>
#include <thread>

namespace fan::kernels {

int64_t parallelLoopThreads() {
  std::mutex mutex;
  std::set<std::thread::id> seen;
  at::parallel_for(0, at::get_num_threads(), 1, [&](int64_t, int64_t) {
    const std::lock_guard<std::mutex> lock(mutex);
    seen.insert(std::this_thread::get_id());
  });
  return static_cast<int64_t>(seen.size());
}

}  // namespace fan::kernels
