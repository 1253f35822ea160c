#include "kernels/VectorMath.h"

#include <limits>

// One clone per ISA level, chosen by the dynamic loader (GCC/Clang ifunc on x86-64 Linux).
#if defined(__x86_64__) && defined(__linux__) && (defined(__GNUC__) || defined(__clang__))
#define FAN_VECTOR_CLONES __attribute__((target_clones("default", "arch=x86-64-v3", "arch=x86-64-v4")))
#else
#define FAN_VECTOR_CLONES
#endif

namespace fan::kernels {
namespace {

// Reductions keep kLanes partial results, so they vectorize without reassociating floats
// (-ffast-math); the lane order is fixed, so results do not depend on the ISA.
constexpr int kLanes = 16;

float sumLanes(const float* lanes) {
  float total = 0.0f;
  for (int l = 0; l < kLanes; ++l) total += lanes[l];
  return total;
}

}  // namespace

FAN_VECTOR_CLONES float scaleAddMax(float* s, const float* bias, int64_t n, float scale) {
  float lanes[kLanes];
  for (float& l : lanes) l = -std::numeric_limits<float>::infinity();
  int64_t i = 0;
  if (bias) {
    for (; i + kLanes <= n; i += kLanes)
      for (int l = 0; l < kLanes; ++l) {
        s[i + l] = s[i + l] * scale + bias[i + l];
        lanes[l] = lanes[l] > s[i + l] ? lanes[l] : s[i + l];
      }
    for (; i < n; ++i) s[i] = s[i] * scale + bias[i];
  } else {
    for (; i + kLanes <= n; i += kLanes)
      for (int l = 0; l < kLanes; ++l) {
        s[i + l] *= scale;
        lanes[l] = lanes[l] > s[i + l] ? lanes[l] : s[i + l];
      }
    for (; i < n; ++i) s[i] *= scale;
  }
  float best = lanes[0];
  for (int l = 1; l < kLanes; ++l) best = best > lanes[l] ? best : lanes[l];
  for (i = n - n % kLanes; i < n; ++i) best = best > s[i] ? best : s[i];
  return best;
}

FAN_VECTOR_CLONES float expShiftedSum(float* s, int64_t n, float reference) {
  float lanes[kLanes] = {};
  int64_t i = 0;
  for (; i + kLanes <= n; i += kLanes)
    for (int l = 0; l < kLanes; ++l) {
      s[i + l] = expNonPositive(s[i + l] - reference);
      lanes[l] += s[i + l];
    }
  float tail = 0.0f;
  for (; i < n; ++i) {
    s[i] = expNonPositive(s[i] - reference);
    tail += s[i];
  }
  return sumLanes(lanes) + tail;
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

}  // namespace fan::kernels
