// Row-major float32 GEMM called straight on the BLAS LibTorch itself uses (libblas.so.3: OpenBLAS
// on our Debian setup). The attention kernels make one product per (batch, head, tile); at small
// tiles (the UNet's 64-token levels, CLIP's 77 tokens, the demo and tiny models) wrapping each
// in tensors and going through ATen's dispatcher cost as much as the product itself.
#pragma once

#include <cstdint>

namespace fan::kernels::blas {

enum class Transpose { No, Yes };

// c[m,n] = alpha · a[m,k] · op(b) + beta · c, row-major with the given leading dimensions (row
// strides); op(b) is b[k,n], or the transpose of b[n,k] with Transpose::Yes. beta = 0 ignores
// c's previous contents. Every dimension and stride must fit a 32-bit BLAS int (checked: throws
// std::invalid_argument otherwise).
void gemm(Transpose transposeB, int64_t m, int64_t n, int64_t k, float alpha, const float* a, int64_t lda,
          const float* b, int64_t ldb, float beta, float* c, int64_t ldc);

}  // namespace fan::kernels::blas
