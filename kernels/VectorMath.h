// Row primitives of the attention kernels. VectorMath.cpp builds each for baseline x86-64,
// AVX2+FMA and AVX-512 and picks one at load time (target_clones), so the package runs on any
// x86-64 CPU. The two reductions work on 16-float lanes (GCC/Clang vector extensions): a fixed
// lane order keeps their results independent of the ISA, and the explicit vectors make them
// vectorize, which plain loops over a max or a call-free exp did not.
#pragma once

#include <cstdint>
#include <cstring>

// 64-byte vectors only ever live inside the always-inlined helpers below, never across a call,
// so GCC's warning that returning them changes the ABI without AVX-512 does not apply.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpsabi"

namespace fan::kernels {

constexpr int kLanes = 16;
using Lanes = float __attribute__((vector_size(kLanes * sizeof(float))));
using LaneBits = int32_t __attribute__((vector_size(kLanes * sizeof(int32_t))));

// The integer type with the shape of F: float -> int32_t, Lanes -> LaneBits.
template <typename F>
struct BitsOf {
  using type = int32_t;
};
template <>
struct BitsOf<Lanes> {
  using type = LaneBits;
};

template <typename To, typename From>
[[gnu::always_inline]] inline To bitCast(const From& from) {
  static_assert(sizeof(To) == sizeof(From));
  To to;
  std::memcpy(&to, &from, sizeof to);
  return to;
}

[[gnu::always_inline]] inline Lanes loadLanes(const float* p) {
  Lanes v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
[[gnu::always_inline]] inline void storeLanes(float* p, const Lanes& v) { std::memcpy(p, &v, sizeof v); }

// All ones where x < limit, else all zeros.
[[gnu::always_inline]] inline int32_t lessMask(float x, float limit) { return -static_cast<int32_t>(x < limit); }
[[gnu::always_inline]] inline LaneBits lessMask(const Lanes& x, float limit) { return x < limit; }

// Bitwise select (mask ? a : b) for masks of all ones or all zeros: branch-free, and float ?:
// with NaN semantics keeps GCC from vectorizing without -ffast-math.
template <typename F>
[[gnu::always_inline]] inline F selectBits(const typename BitsOf<F>::type& mask, const F& a, const F& b) {
  using Bits = typename BitsOf<F>::type;
  return bitCast<F>(Bits((bitCast<Bits>(a) & mask) | (bitCast<Bits>(b) & ~mask)));
}

// |x|, by clearing the sign bit (NaN stays NaN).
template <typename F>
[[gnu::always_inline]] inline F absolute(const F& x) {
  using Bits = typename BitsOf<F>::type;
  return bitCast<F>(Bits(bitCast<Bits>(x) & 0x7fffffff));
}

// exp(x) for x <= 0 (Cephes-style: range reduction by ln 2, degree-6 polynomial; about 1 ulp):
// exactly 0 below -87.3 (where float's normal range ends), NaN stays NaN. Branch-free and the
// same arithmetic for one float and for 16 lanes.
template <typename F>
[[gnu::always_inline]] inline F expNonPositive(const F& x) {
  using Bits = typename BitsOf<F>::type;
  const Bits underflow = lessMask(x, -87.33654f);  // where exp(x) < FLT_MIN
  const F xs = selectBits<F>(underflow, F{} - 87.0f, x);
  // Round x·log2(e) to an integer n by adding 1.5·2^23 (keeps the loop free of calls).
  const float magic = 12582912.0f;
  const F shifted = xs * 1.44269504088896341f + magic;
  const F n = shifted - magic;
  const F r = (xs - n * 0.693359375f) - n * -2.12194440e-4f;  // ln 2 split in two for precision
  F p = F{} + 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * r * r + r + 1.0f;
  const Bits powerBits = (bitCast<Bits>(shifted) - bitCast<int32_t>(magic) + 127) << 23;  // 2^n
  return selectBits<F>(underflow, F{}, p * bitCast<F>(powerBits));
}

// GELU with the erf, x·Φ(x) = x/2·(1 + erf(x/√2)). erf by Abramowitz & Stegun 7.1.26 (absolute
// error <= 1.5e-7): erfc(z) = t·poly(t)·exp(-z²) with t = 1/(1 + p·z) for z = |x|/√2 >= 0, and
// 1 + erf(x/√2) is erfc(z) for negative x (no cancellation: small values keep their precision)
// and 2 - erfc(z) otherwise.
template <typename F>
[[gnu::always_inline]] inline F geluErf(const F& x) {
  const F z = absolute(x) * 0.70710678118654752f;
  const F t = 1.0f / (z * 0.3275911f + 1.0f);
  F poly = t * 1.061405429f - 1.453152027f;
  poly = poly * t + 1.421413741f;
  poly = poly * t - 0.284496736f;
  poly = poly * t + 0.254829592f;
  const F complement = poly * t * expNonPositive(F{} - z * z);  // erfc(z)
  return x * 0.5f * selectBits<F>(lessMask(x, 0.0f), complement, 2.0f - complement);
}

// CLIP's quick_gelu, x·sigmoid(1.702·x). The sigmoid of y is 1/(1 + e) for y >= 0 and e/(1 + e)
// below, with e = exp(-|y|): exp never sees a positive argument, so nothing overflows.
template <typename F>
[[gnu::always_inline]] inline F quickGelu(const F& x) {
  const F y = x * 1.702f;
  const F e = expNonPositive(F{} - absolute(y));
  const F sigmoid = selectBits<F>(lessMask(y, 0.0f), e, F{} + 1.0f) / (e + 1.0f);
  return x * sigmoid;
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

// out[i] = hidden[i] · geluErf(gate[i]).
void gatedGelu(float* out, const float* hidden, const float* gate, int64_t n);

// out[i] = quickGelu(x[i]).
void quickGeluInto(float* out, const float* x, int64_t n);

}  // namespace fan::kernels

#pragma GCC diagnostic pop
