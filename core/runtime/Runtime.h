// Process-wide engine settings (threads), free of LibTorch types so ui/ and app/ can call it.
#pragma once

namespace fan {

// Sets LibTorch's intra-op thread count. threads <= 0 means "one per hardware thread".
// Returns the count in effect afterwards.
int configureThreads(int threads = 0);

// The intra-op thread count in effect.
int computeThreads();

// The LibTorch version this build links, e.g. "1.13.1".
const char* torchVersion();

// True when the LibTorch build has CUDA and a device is present.
bool cudaAvailable();

// Hands the heap pages freed so far back to the system (glibc's malloc_trim; a no-op with other C
// libraries). Loading converts and packs weights and frees the temporaries, and glibc keeps most
// of them resident otherwise: ~470 MiB after building an SD 1.5-sized UNet.
void releaseFreedMemory();

// Makes LibTorch allocate CPU tensors of kLargeTensorBytes and more on mappings of their own,
// advised to use transparent huge pages, unmapped when freed beyond a small cache of recently
// freed ones for reuse (Linux; elsewhere a no-op). glibc otherwise serves them from its heap once
// the first one is freed, and the mix of sizes in a UNet step fragments it: at 512 px an SD 1.5
// step's resident set grew ~550 MiB over the weights although ~220 MiB were live. Call first
// thing in main, before any tensor exists.
void installLargeTensorAllocator();
constexpr unsigned long kLargeTensorBytes = 4ul << 20;

}  // namespace fan
