#include "kernels/VectorMath.h"

#include <algorithm>
#include <limits>

// Lanes values never cross a call here either (VectorMath.h).
#pragma GCC diagnostic ignored "-Wpsabi"

// One clone per ISA level, chosen by the dynamic loader (GCC/Clang ifunc on x86-64 Linux).
#if defined(__x86_64__) && defined(__linux__) && (defined(__GNUC__) || defined(__clang__))
#define FAN_VECTOR_CLONES __attribute__((target_clones("default", "arch=x86-64-v3", "arch=x86-64-v4")))
#else
#define FAN_VECTOR_CLONES
#endif

namespace fan::kernels {
namespace {

// Lane 0 first, then 1, ...: the same order on every ISA.
[[gnu::always_inline]] inline float sumLanes(const Lanes& lanes) {
  float total = 0.0f;
  for (int l = 0; l < kLanes; ++l) total += lanes[l];
  return total;
}

}  // namespace

FAN_VECTOR_CLONES float scaleAddMax(float* s, const float* bias, int64_t n, float scale) {
  Lanes best = Lanes{} - std::numeric_limits<float>::infinity();
  int64_t i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    Lanes v = loadLanes(s + i) * scale;
    if (bias) v += loadLanes(bias + i);
    storeLanes(s + i, v);
    best = best > v ? best : v;
  }
  float result = best[0];
  for (int l = 1; l < kLanes; ++l) result = result > best[l] ? result : best[l];
  for (; i < n; ++i) {
    s[i] = bias ? s[i] * scale + bias[i] : s[i] * scale;
    result = result > s[i] ? result : s[i];
  }
  return result;
}

FAN_VECTOR_CLONES float expShiftedSum(float* s, int64_t n, float reference) {
  Lanes sums{};
  if (n < kLanes) {
    // One vector on a copy padded with -inf (exp gives 0 there) rather than n scalar exps.
    float padded[kLanes];
    std::fill_n(padded, kLanes, -std::numeric_limits<float>::infinity());
    std::copy_n(s, n, padded);
    sums = expNonPositive(loadLanes(padded) - reference);
    storeLanes(padded, sums);
    std::copy_n(padded, n, s);
    return sumLanes(sums);
  }
  // A partial last vector (13 of CLIP's 77 tokens) is the vector ending at s[n-1], overlapping
  // the full ones: computed from the inputs before they are overwritten, stored after them and
  // summed only in its lanes past them. Scalar exps there took as long as the whole row.
  const int64_t full = n / kLanes * kLanes, last = n - kLanes;
  const bool partial = full < n;
  const Lanes lastExp = partial ? expNonPositive(loadLanes(s + last) - reference) : Lanes{};
  for (int64_t i = 0; i < full; i += kLanes) {
    const Lanes e = expNonPositive(loadLanes(s + i) - reference);
    storeLanes(s + i, e);
    sums += e;
  }
  if (partial) {
    storeLanes(s + last, lastExp);
    const Lanes laneIndex = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
    const LaneBits past = laneIndex >= static_cast<float>(full - last);
    sums += selectBits<Lanes>(past, lastExp, Lanes{});
  }
  return sumLanes(sums);
}

FAN_VECTOR_CLONES void scaleInPlace(float* x, int64_t n, float factor) {
  for (int64_t i = 0; i < n; ++i) x[i] *= factor;
}

FAN_VECTOR_CLONES void divideInto(float* out, const float* x, int64_t n, float divisor) {
  for (int64_t i = 0; i < n; ++i) out[i] = x[i] / divisor;
}

FAN_VECTOR_CLONES void addScaled(float* out, const float* x, int64_t n, float factor) {
  for (int64_t i = 0; i < n; ++i) out[i] += factor * x[i];
}

FAN_VECTOR_CLONES void gatedGelu(float* out, const float* hidden, const float* gate, int64_t n) {
  int64_t i = 0;
  for (; i + kLanes <= n; i += kLanes) storeLanes(out + i, loadLanes(hidden + i) * geluErf(loadLanes(gate + i)));
  for (; i < n; ++i) out[i] = hidden[i] * geluErf(gate[i]);
}

FAN_VECTOR_CLONES void quickGeluInto(float* out, const float* x, int64_t n) {
  int64_t i = 0;
  for (; i + kLanes <= n; i += kLanes) storeLanes(out + i, quickGelu(loadLanes(x + i)));
  for (; i < n; ++i) out[i] = quickGelu(x[i]);
}

}  // namespace fan::kernels
