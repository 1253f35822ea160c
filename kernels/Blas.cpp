#include "kernels/Blas.h"

#include <algorithm>
#include <climits>
#include <initializer_list>
#include <stdexcept>
#include <string>

// The reference Fortran BLAS interface (LP64: 32-bit integers), as every libblas.so.3 exports it.
extern "C" void sgemm_(const char* transa, const char* transb, const int* m, const int* n, const int* k,
                       const float* alpha, const float* a, const int* lda, const float* b, const int* ldb,
                       const float* beta, float* c, const int* ldc);

namespace fan::kernels::blas {
namespace {

// A row-major [rows, cols] operand's row stride as BLAS wants it: at least max(1, cols) (BLAS
// rejects less, printing a message and computing nothing); a single row's stride is never used,
// so any value is replaced.
int leadingDimension(int64_t stride, int64_t rows, int64_t cols, const char* operand) {
  const int64_t least = std::max<int64_t>(cols, 1);
  if (rows <= 1) return static_cast<int>(least);
  if (stride < least)
    throw std::invalid_argument(std::string("blas::gemm: row stride of ") + operand + " (" + std::to_string(stride) +
                                ") is less than its " + std::to_string(cols) + " columns");
  return static_cast<int>(stride);
}

}  // namespace

void gemm(Transpose transposeB, int64_t m, int64_t n, int64_t k, float alpha, const float* a, int64_t lda,
          const float* b, int64_t ldb, float beta, float* c, int64_t ldc) {
  for (int64_t value : {m, n, k, lda, ldb, ldc})
    if (value < 0 || value > INT_MAX)
      throw std::invalid_argument("blas::gemm: size or stride " + std::to_string(value) + " does not fit BLAS");
  if (m == 0 || n == 0) return;
  // Fortran is column-major: a row-major c = a·op(b) is the column-major cᵀ = op(b)ᵀ·aᵀ, and a
  // row-major buffer read column-major is its transpose, so b goes first and a second, untransposed.
  const bool bT = transposeB == Transpose::Yes;
  const char opB = bT ? 'T' : 'N', opA = 'N';
  const int M = static_cast<int>(n), N = static_cast<int>(m), K = static_cast<int>(k);
  const int ldA = leadingDimension(lda, m, k, "a"), ldB = leadingDimension(ldb, bT ? n : k, bT ? k : n, "b");
  const int ldC = leadingDimension(ldc, m, n, "c");
  sgemm_(&opB, &opA, &M, &N, &K, &alpha, b, &ldB, a, &ldA, &beta, c, &ldC);
}

}  // namespace fan::kernels::blas
