// Sets LibTorch's intra-op thread count for one scope (kernel tests at 1, 2 and 3 threads).
#pragma once

#include <ATen/Parallel.h>

namespace fan::test {

struct ThreadCount {
  explicit ThreadCount(int n) : previous(at::get_num_threads()) { at::set_num_threads(n); }
  ~ThreadCount() { at::set_num_threads(previous); }
  ThreadCount(const ThreadCount&) = delete;
  ThreadCount& operator=(const ThreadCount&) = delete;
  int previous;
};

}  // namespace fan::test
