// What the kernels' multi-threading really does in this build.
#pragma once

#include <cstdint>

namespace fan::kernels {

// The number of distinct threads one at::parallel_for over at::get_num_threads() jobs ran on,
// as compiled into these kernels. LibTorch's OpenMP backend inlines at::parallel_for into each
// caller and, in a translation unit built without OpenMP, silently runs it on one thread; the
// kernels' build links OpenMP for this reason, and a test checks it stays so.
int64_t parallelLoopThreads();

}  // namespace fan::kernels
