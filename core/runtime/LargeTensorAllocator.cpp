// LibTorch's CPU allocator with tensors from 4 MiB up on mappings of their own (see Runtime.h).
#include "core/runtime/Runtime.h"

#include <c10/core/CPUAllocator.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <deque>
#include <mutex>
#include <unordered_map>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace fan {

#if defined(__linux__)
namespace {

constexpr size_t kHugePage = size_t(2) << 20;
// Freed mappings kept for reuse: a step allocates the same sizes over and over, and a fresh
// mapping costs page faults and zeroing (3-6% of an SD 1.5 step at 256 px with none kept; 64 MiB
// brings it back to glibc's speed and costs 35 MiB of the 240 MiB saved at 512 px).
constexpr size_t kCachedBytes = 16 * kLargeTensorBytes;

struct Mapping {
  void* data;
  size_t length;
};

// Under one mutex: large blocks in use by data pointer, and freed ones kept (oldest first).
// Everything else, also blocks allocated before installation and freed after it, belongs to
// LibTorch's default allocator.
struct Mappings {
  std::mutex mutex;
  std::unordered_map<void*, size_t> inUse;
  std::deque<Mapping> cached;
  size_t cachedBytes = 0;
};
Mappings& mappings() {
  static auto* table = new Mappings;  // never destroyed: static tensors are freed after main
  return *table;
}

uintptr_t roundUp(uintptr_t value, uintptr_t step) { return (value + step - 1) / step * step; }

// A fresh mapping of `length` bytes starting on a huge-page boundary (so the kernel can back it
// with 2 MiB pages: one fault, not 512); nullptr when out of memory.
void* mapFresh(size_t length) {
  const size_t span = length + kHugePage;
  void* raw = mmap(nullptr, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) return nullptr;
  const uintptr_t base = reinterpret_cast<uintptr_t>(raw), data = roundUp(base, kHugePage), end = data + length;
  if (data > base) munmap(raw, data - base);
  if (base + span > end) munmap(reinterpret_cast<void*>(end), base + span - end);
  madvise(reinterpret_cast<void*>(data), length, MADV_HUGEPAGE);  // advice only: fine if refused
  return reinterpret_cast<void*>(data);
}

void* mapLarge(size_t n) {
  const size_t length = roundUp(n, static_cast<size_t>(sysconf(_SC_PAGESIZE)));
  Mappings& m = mappings();
  {
    const std::lock_guard<std::mutex> lock(m.mutex);
    const auto reusable = std::find_if(m.cached.rbegin(), m.cached.rend(),
                                       [&](const Mapping& c) { return c.length == length; });
    if (reusable != m.cached.rend()) {
      void* data = reusable->data;
      m.cachedBytes -= length;
      m.cached.erase(std::next(reusable).base());
      m.inUse[data] = length;
      return data;
    }
  }
  void* data = mapFresh(length);
  if (!data) return nullptr;
  const std::lock_guard<std::mutex> lock(m.mutex);
  m.inUse[data] = length;
  return data;
}

void release(void* data) {
  if (!data) return;
  Mappings& m = mappings();
  std::vector<Mapping> evicted;
  {
    const std::lock_guard<std::mutex> lock(m.mutex);
    const auto it = m.inUse.find(data);
    if (it == m.inUse.end()) {
      c10::GetDefaultCPUAllocator()->raw_deallocate(data);
      return;
    }
    const Mapping freed{data, it->second};
    m.inUse.erase(it);
    if (freed.length > kCachedBytes) {
      evicted.push_back(freed);
    } else {
      m.cached.push_back(freed);
      m.cachedBytes += freed.length;
      while (m.cachedBytes > kCachedBytes) {
        evicted.push_back(m.cached.front());
        m.cachedBytes -= m.cached.front().length;
        m.cached.pop_front();
      }
    }
  }
  for (const Mapping& e : evicted) munmap(e.data, e.length);  // outside the lock
}

class LargeTensorAllocator final : public c10::Allocator {
 public:
  // Small blocks keep the default allocator's DataPtr and deleter, so freeing them skips the
  // table. Only the raw interface (oneDNN) frees them through release(), which hands them back.
  c10::DataPtr allocate(size_t n) const override {
    if (n < kLargeTensorBytes) return c10::GetDefaultCPUAllocator()->allocate(n);
    void* data = mapLarge(n);
    // LibTorch's own allocator's wording, which callers recognize as running out of memory.
    TORCH_CHECK(data, "LargeTensorAllocator: can't allocate memory: you tried to allocate ", n, " bytes (",
                std::strerror(errno), ")");
    return {data, data, &release, c10::Device(c10::DeviceType::CPU)};
  }
  c10::DeleterFnPtr raw_deleter() const override { return &release; }
};

}  // namespace

void installLargeTensorAllocator() {
  static LargeTensorAllocator allocator;
  c10::SetCPUAllocator(&allocator, /*priority=*/1);  // above the default allocator's 0
}

#else
void installLargeTensorAllocator() {}
#endif

}  // namespace fan
