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

}  // namespace fan
