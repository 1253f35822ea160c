// Sets LibTorch's intra-op thread count for one scope, and the data rows that run a kernel test at
// 1, 2 and 3 threads.
#pragma once

#include <ATen/Parallel.h>
#include <QTest>

namespace fan::test {

struct ThreadCount {
  explicit ThreadCount(int n) : previous(at::get_num_threads()) { at::set_num_threads(n); }
  ~ThreadCount() { at::set_num_threads(previous); }
  ThreadCount(const ThreadCount&) = delete;
  ThreadCount& operator=(const ThreadCount&) = delete;
  int previous;
};

// A data function's rows for the kernel tests: column "threads" with 1, 2 and 3.
inline void addThreadCountRows() {
  QTest::addColumn<int>("threads");
  for (int threads : {1, 2, 3}) QTest::addRow("%d thread(s)", threads) << threads;
}

}  // namespace fan::test
