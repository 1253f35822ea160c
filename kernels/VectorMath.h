// Row primitives of the attention kernels, written as plain loops over fixed lane blocks so the
// compiler vectorizes them; VectorMath.cpp builds each for baseline x86-64, AVX2+FMA and AVX-512
// and picks one at load time (target_clones), so the package runs on any x86-64 CPU.
#pragma once

#include <cstdint>
#include <cstring>

namespace fan::kernels {

// Bitwise select (cond ? a : b) for a mask of all ones or all zeros: float ?: with NaN semantics
// keeps GCC from vectorizing a loop without -ffast-math, integer masks do not.
inline float selectBits(int32_t mask, float a, float b) {
  int32_t ia, ib;
  std::memcpy(&ia, &a, sizeof ia);
  std::memcpy(&ib, &b, sizeof ib);
  const int32_t bits = (ia & mask) | (ib & ~mask);
  float result;
  std::memcpy(&result, &bits, sizeof result);
  return result;
}

// exp(x) for x <= 0 (Cephes-style: range reduction by ln 2, degree-6 polynomial; about 1 ulp):
// exactly 0 below -87.3 (where float's normal range ends), NaN stays NaN. Inline and branch-free
// so that loops calling it vectorize.
inline float expNonPositive(float x) {
  const int32_t underflow = -static_cast<int32_t>(x < -87.33654f);  // all ones where exp(x) < FLT_MIN
  const float xs = selectBits(underflow, -87.0f, x);
  // Round x·log2(e) to an integer n by adding 1.5·2^23 (keeps the loop free of calls).
  const float magic = 12582912.0f;
  const float shifted = xs * 1.44269504088896341f + magic;
  const float n = shifted - magic;
  int32_t shiftedBits, magicBits;
  std::memcpy(&shiftedBits, &shifted, sizeof shiftedBits);
  std::memcpy(&magicBits, &magic, sizeof magicBits);
  const float r = (xs - n * 0.693359375f) - n * -2.12194440e-4f;  // ln 2 split in two for precision
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * r * r + r + 1.0f;
  const int32_t powerBits = (shiftedBits - magicBits + 127) << 23;  // 2^n
  float power;
  std::memcpy(&power, &powerBits, sizeof power);
  return selectBits(underflow, 0.0f, p * power);
}

// s[i] = s[i]·scale + bias[i] (bias may be null); returns max_i s[i] (-inf for n = 0).
float scaleAddMax(float* s, const float* bias, int64_t n, float scale);

// s[i] = exp(s[i] - reference) for s[i] <= reference; returns the sum of the new s[i].
float expShiftedSum(float* s, int64_t n, float reference);

// x[i] *= factor.
void scaleInPlace(float* x, int64_t n, float factor);

// out[i] = x[i] / divisor.
void divideInto(float* out, const float* x, int64_t n, float divisor);

// out[i] += factor · x[i].
void addScaled(float* out, const float* x, int64_t n, float factor);

}  // namespace fan::kernels
