#include "kernels/Similarity.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <queue>
#include <thread>
#include <utility>

#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
#include <immintrin.h>
#define FAN_KERNELS_X86 1
#endif

namespace fan::kernels {
namespace {

constexpr int64_t kLanes = 8;
constexpr int64_t kScreenChunk = 64;  // centres screened per step of a farthest-first update
// Candidates per farthest-first slice (thread), at least: smaller traversals are too short to
// repay a parallel region per pick.
constexpr int64_t kMinSliceRows = 1024;
constexpr int64_t kResolveStep = 4;  // exact distances computed together when resolving pending centres

// The lanes and the tail in the one documented order.
inline float combine(const float* lanes, float tail) {
  return ((lanes[0] + lanes[4]) + (lanes[1] + lanes[5])) + ((lanes[2] + lanes[6]) + (lanes[3] + lanes[7])) + tail;
}

inline float tailDot(const float* a, const float* b, int64_t from, int64_t n) {
  float tail = 0;
  for (int64_t i = from; i < n; ++i) tail = std::fma(a[i], b[i], tail);
  return tail;
}

// Up to kTile independent dot products dot(xs[t], ys[t]) per call: independent chains keep the
// FMA pipes busy, and each result depends only on its own two vectors.
constexpr int kTile = 8;

// out[t] = dot(xs[t], ys[t]) for t < count <= kTile: lane by lane, for any CPU.
void tileDotsPortable(const float* const* xs, const float* const* ys, int count, int64_t n, float* out) {
  const int64_t body = n / kLanes * kLanes;
  for (int t = 0; t < count; ++t) {
    float lanes[kLanes] = {0, 0, 0, 0, 0, 0, 0, 0};
    for (int64_t i = 0; i < body; i += kLanes)
      for (int64_t l = 0; l < kLanes; ++l) lanes[l] = std::fma(xs[t][i + l], ys[t][i + l], lanes[l]);
    out[t] = combine(lanes, tailDot(xs[t], ys[t], body, n));
  }
}

#ifdef FAN_KERNELS_X86
// The same arithmetic with the 8 lanes in one AVX register.
__attribute__((target("avx2,fma"))) void tileDotsAvx2(const float* const* xs, const float* const* ys, int count,
                                                       int64_t n, float* out) {
  const int64_t body = n / kLanes * kLanes;
  const float* x[kTile];
  const float* y[kTile];
  for (int t = 0; t < kTile; ++t) {  // a short tile repeats its last pair (results dropped)
    x[t] = xs[std::min(t, count - 1)];
    y[t] = ys[std::min(t, count - 1)];
  }
  __m256 acc[kTile];
  for (int t = 0; t < kTile; ++t) acc[t] = _mm256_setzero_ps();
  for (int64_t i = 0; i < body; i += kLanes)
    for (int t = 0; t < kTile; ++t) acc[t] = _mm256_fmadd_ps(_mm256_loadu_ps(x[t] + i), _mm256_loadu_ps(y[t] + i), acc[t]);
  for (int t = 0; t < count; ++t) {
    float lanes[kLanes];
    _mm256_storeu_ps(lanes, acc[t]);
    out[t] = combine(lanes, tailDot(x[t], y[t], body, n));
  }
}

bool hasAvx2Fma() {
  static const bool has = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  return has;
}
#endif

void tileDots(const float* const* xs, const float* const* ys, int count, int64_t n, float* out) {
#ifdef FAN_KERNELS_X86
  if (hasAvx2Fma()) return tileDotsAvx2(xs, ys, count, n, out);
#endif
  tileDotsPortable(xs, ys, count, n, out);
}

// out[j] = dot(xs[j], ys[j]) for j < count.
void pairDots(const float* const* xs, const float* const* ys, int64_t count, int64_t n, float* out) {
  for (int64_t j = 0; j < count; j += kTile)
    tileDots(xs + j, ys + j, static_cast<int>(std::min<int64_t>(kTile, count - j)), n, out + j);
}

// out[j] = dot(x, ys + j * n) for j < count.
void dots(const float* x, const float* ys, int64_t count, int64_t n, float* out) {
  const float* xs[kTile];
  const float* y[kTile];
  for (int64_t j = 0; j < count; j += kTile) {
    const int tile = static_cast<int>(std::min<int64_t>(kTile, count - j));
    for (int t = 0; t < tile; ++t) xs[t] = x, y[t] = ys + (j + t) * n;
    tileDots(xs, y, tile, n, out + j);
  }
}

// out[j] = |rows[j]|^2 for j < count, rows contiguous [count, n].
void squaredNorms(const float* rows, int64_t count, int64_t n, float* out) {
  const float* r[kTile];
  for (int64_t j = 0; j < count; j += kTile) {
    const int tile = static_cast<int>(std::min<int64_t>(kTile, count - j));
    for (int t = 0; t < tile; ++t) r[t] = rows + (j + t) * n;
    tileDots(r, r, tile, n, out + j);
  }
}

at::Tensor asFloatRows(const at::Tensor& t) { return t.to(at::kFloat).contiguous(); }

constexpr int64_t kGrain = 256;  // rows per cache-sized block of a row loop

// Runs rounds of `jobs` independent jobs on the calling thread plus helper threads that live as
// long as this object. Jobs are claimed from a shared counter, so the caller simply does every
// job no helper has taken (a busy or descheduled helper never holds a round up unless it is
// running a job), which at::parallel_for's fixed split cannot promise on a shared machine.
class RoundWorkers {
 public:
  RoundWorkers(int64_t helpers, int64_t jobs) : jobs_(jobs) {
    next_.store(jobs_);
    for (int64_t h = 0; h < helpers; ++h) threads_.emplace_back([this] { helperLoop(); });
  }
  ~RoundWorkers() {
    stop_.store(true);
    for (std::thread& t : threads_) t.join();
  }
  RoundWorkers(const RoundWorkers&) = delete;
  RoundWorkers& operator=(const RoundWorkers&) = delete;

  // job(j) for every j < jobs, once each; returns when all are done (rethrows a job's exception).
  void run(const std::function<void(int64_t)>& job) {
    job_ = &job;
    done_.store(0);
    next_.store(0);  // opens the round (seq_cst: publishes job_ to the helpers that claim)
    work();
    for (int spins = 0; done_.load() < jobs_; ++spins) backoff(spins);
    if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
  }

 private:
  void work() {
    for (int64_t j = next_.load(); j < jobs_; j = next_.load()) {
      if (!next_.compare_exchange_weak(j, j + 1)) continue;
      try {
        (*job_)(j);
      } catch (...) {
        const std::lock_guard<std::mutex> lock(errorMutex_);
        if (!error_) error_ = std::current_exception();
      }
      done_.fetch_add(1);
    }
  }

  void helperLoop() {
    for (int spins = 0; !stop_.load(); ++spins) {
      if (next_.load() < jobs_) {
        work();
        spins = 0;
      } else {
        backoff(spins);
      }
    }
  }

  static void backoff(int spins) {
    if (spins < 2048) {
#ifdef FAN_KERNELS_X86
      _mm_pause();
#endif
    } else {
      std::this_thread::yield();
    }
  }

  const int64_t jobs_;
  std::atomic<int64_t> next_{0}, done_{0};
  std::atomic<bool> stop_{false};
  const std::function<void(int64_t)>* job_ = nullptr;
  std::exception_ptr error_;
  std::mutex errorMutex_;
  std::vector<std::thread> threads_;
};

constexpr int64_t kParallelRows = 2048;  // rows per thread, at least, before row loops go parallel

// f(begin, end) over blocks covering [0, n): one block per compute thread for large n.
void parallelRows(int64_t n, const std::function<void(int64_t, int64_t)>& f) {
  const int64_t jobs = std::clamp<int64_t>(n / kParallelRows, 1, at::get_num_threads());
  if (jobs == 1) return f(0, n);
  const int64_t per = (n + jobs - 1) / jobs;
  RoundWorkers workers(jobs - 1, jobs);
  workers.run([&](int64_t j) { f(std::min(n, j * per), std::min(n, (j + 1) * per)); });
}


// --- Integer dot products of int8 codes (exact: any order gives the same int32) -------------

constexpr int64_t kCodeAlign = 64;  // code rows are zero-padded to a multiple of 64 bytes

void codeDotsPortable(const int8_t* x, const int8_t* ys, int64_t count, int64_t stride, int32_t* out) {
  for (int64_t j = 0; j < count; ++j) {
    const int8_t* y = ys + j * stride;
    int32_t sum = 0;
    for (int64_t k = 0; k < stride; ++k) sum += int32_t(x[k]) * int32_t(y[k]);
    out[j] = sum;
  }
}

#ifdef FAN_KERNELS_X86
// |x| * (y with x's sign) in unsigned x signed byte pairs: no saturation, as codes lie in [-127, 127].
__attribute__((target("avx2"))) void codeDotsAvx2(const int8_t* x, const int8_t* ys, int64_t count, int64_t stride,
                                                  int32_t* out) {
  const __m256i ones = _mm256_set1_epi16(1);
  for (int64_t j = 0; j < count; ++j) {
    const int8_t* y = ys + j * stride;
    __m256i acc = _mm256_setzero_si256();
    for (int64_t k = 0; k < stride; k += 32) {
      const __m256i xv = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(x + k));
      const __m256i yv = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(y + k));
      const __m256i pairs = _mm256_maddubs_epi16(_mm256_sign_epi8(xv, xv), _mm256_sign_epi8(yv, xv));
      acc = _mm256_add_epi32(acc, _mm256_madd_epi16(pairs, ones));
    }
    const __m128i s = _mm_add_epi32(_mm256_castsi256_si128(acc), _mm256_extracti128_si256(acc, 1));
    const __m128i s2 = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0x4e));
    out[j] = _mm_cvtsi128_si32(_mm_add_epi32(s2, _mm_shuffle_epi32(s2, 0xb1)));
  }
}

// VNNI multiplies unsigned by signed bytes: x + 128 (unsigned) times y, minus 128 * sum(y).
__attribute__((target("avx512f,avx512bw,avx512vnni"))) void codeDotsVnni(const int8_t* x, const int8_t* ys,
                                                                         int64_t count, int64_t stride,
                                                                         const int32_t* ySums, int32_t* out) {
  constexpr int kCodeTile = 4;
  const __m512i bias = _mm512_set1_epi8(static_cast<char>(0x80));
  int64_t j = 0;
  for (; j < count; j += kCodeTile) {
    const int tile = static_cast<int>(std::min<int64_t>(kCodeTile, count - j));
    __m512i acc[kCodeTile] = {_mm512_setzero_si512(), _mm512_setzero_si512(), _mm512_setzero_si512(), _mm512_setzero_si512()};
    for (int64_t k = 0; k < stride; k += 64) {
      const __m512i xu = _mm512_xor_si512(_mm512_loadu_si512(x + k), bias);  // x + 128 as unsigned bytes
      for (int t = 0; t < tile; ++t)
        acc[t] = _mm512_dpbusd_epi32(acc[t], xu, _mm512_loadu_si512(ys + (j + t) * stride + k));
    }
    for (int t = 0; t < tile; ++t) out[j + t] = _mm512_reduce_add_epi32(acc[t]) - 128 * ySums[j + t];
  }
}

bool hasVnni() {
  static const bool has = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                          __builtin_cpu_supports("avx512vnni");
  return has;
}
bool hasAvx2() {
  static const bool has = __builtin_cpu_supports("avx2");
  return has;
}
#endif

// out[j] = sum_k x[k] * (ys + j * stride)[k], exactly.
void codeDots(const int8_t* x, const int8_t* ys, int64_t count, int64_t stride, const int32_t* ySums, int32_t* out) {
#ifdef FAN_KERNELS_X86
  if (hasVnni()) return codeDotsVnni(x, ys, count, stride, ySums, out);
  if (hasAvx2()) return codeDotsAvx2(x, ys, count, stride, out);
#endif
  (void)ySums;
  codeDotsPortable(x, ys, count, stride, out);
}

// out = in / |in| (zero stays zero), given |in|^2 from the fixed-order dot.
void scaleToUnit(const float* in, float squaredNorm, int64_t n, float* out) {
  const float norm = std::sqrt(squaredNorm);
  for (int64_t k = 0; k < n; ++k) out[k] = norm > 0 ? in[k] / norm : 0.0f;
}

void normalizeRow(const float* in, int64_t n, float* out) {
  float squared = 0;
  tileDots(&in, &in, 1, n, &squared);
  scaleToUnit(in, squared, n, out);
}

struct CodeStats {
  double maxAbs, squaredNorm, dotCodes, squaredCodes;  // max|u|, |u|^2, <u, q>, |q|^2
  int32_t codeSum;
};

// Codes one element: q = v * inverse rounded (|v * inverse| <= 127 up to rounding, so no clamp is
// needed; any integer code is sound, the residual accounts for it).
inline int32_t codeOf(float v, float inverse) { return static_cast<int32_t>(std::nearbyint(v * inverse)); }

float maxAbsolute(const float* u, int64_t n) {
  float maxAbs = 0;
  for (int64_t k = 0; k < n; ++k) maxAbs = std::max(maxAbs, std::abs(u[k]));
  return maxAbs;
}

// The codes of u (step max|u| / 127) with the sums the error bound needs, element by element.
CodeStats codeRowPortable(const float* u, int64_t n, int8_t* q, float maxAbs) {
  const float inverse = maxAbs > 0 ? 127.0f / maxAbs : 0.0f;
  CodeStats out{maxAbs, 0, 0, 0, 0};
  for (int64_t k = 0; k < n; ++k) {
    const int32_t c = codeOf(u[k], inverse);
    q[k] = static_cast<int8_t>(c);
    out.squaredNorm += static_cast<double>(u[k]) * u[k];
    out.dotCodes += static_cast<double>(u[k]) * c;
    out.squaredCodes += c * c;
    out.codeSum += c;
  }
  return out;
}

#ifdef FAN_KERNELS_X86
// The same with 8 elements per step (the double sums in another order: they only feed bounds,
// whose rounding allowance covers any order).
__attribute__((target("avx2,fma"))) CodeStats codeRowAvx2(const float* u, int64_t n, int8_t* q, float maxAbs) {
  const float inverse = maxAbs > 0 ? 127.0f / maxAbs : 0.0f;
  const __m256 inv = _mm256_set1_ps(inverse);
  __m256d norm = _mm256_setzero_pd(), dotq = _mm256_setzero_pd();
  __m256i squares = _mm256_setzero_si256(), sums = _mm256_setzero_si256();
  const int64_t body = n / kLanes * kLanes;
  for (int64_t k = 0; k < body; k += kLanes) {
    const __m256 v = _mm256_loadu_ps(u + k);
    const __m256i c = _mm256_cvtps_epi32(_mm256_round_ps(_mm256_mul_ps(v, inv), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
    int32_t codes[kLanes];
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(codes), c);
    for (int64_t l = 0; l < kLanes; ++l) q[k + l] = static_cast<int8_t>(codes[l]);
    const __m256 cf = _mm256_cvtepi32_ps(c);
    for (const __m128 half : {_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1)}) norm = _mm256_fmadd_pd(_mm256_cvtps_pd(half), _mm256_cvtps_pd(half), norm);
    dotq = _mm256_fmadd_pd(_mm256_cvtps_pd(_mm256_castps256_ps128(v)), _mm256_cvtps_pd(_mm256_castps256_ps128(cf)), dotq);
    dotq = _mm256_fmadd_pd(_mm256_cvtps_pd(_mm256_extractf128_ps(v, 1)), _mm256_cvtps_pd(_mm256_extractf128_ps(cf, 1)), dotq);
    squares = _mm256_add_epi32(squares, _mm256_mullo_epi32(c, c));
    sums = _mm256_add_epi32(sums, c);
  }
  CodeStats out = codeRowPortable(u + body, n - body, q + body, maxAbs);
  double d[4];
  int32_t i[kLanes];
  _mm256_storeu_pd(d, norm);
  out.squaredNorm += (d[0] + d[1]) + (d[2] + d[3]);
  _mm256_storeu_pd(d, dotq);
  out.dotCodes += (d[0] + d[1]) + (d[2] + d[3]);
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(i), squares);
  for (const int32_t x : i) out.squaredCodes += x;
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(i), sums);
  for (const int32_t x : i) out.codeSum += x;
  return out;
}
#endif

// q = u * 127 / max|u| rounded to nearest, with the sums the error bound needs.
CodeStats codeRow(const float* u, int64_t n, int8_t* q) {
  const float maxAbs = maxAbsolute(u, n);
#ifdef FAN_KERNELS_X86
  if (hasAvx2Fma()) return codeRowAvx2(u, n, q, maxAbs);
#endif
  return codeRowPortable(u, n, q, maxAbs);
}

// Unit rows of the candidates, made on first use (unitRows' arithmetic, so the same bits), each
// with a rigorous int8 sketch for screening farthest-first updates. Row i is coded as
// q_i ~ u_i / step_i in [-127, 127], step_i = max|u_i| / 127; with r_i = ||u_i - step_i q_i||,
// |<u_i, u_j> - step_i step_j <q_i, q_j>| <= r_i ||u_j|| + ||step_i q_i|| r_j. The float kernel's own
// rounding (at most D/8 + 12 roundings on any product's way: the lane chain, the lane combination,
// the tail) adds at most gamma ||u_i|| ||u_j|| (Higham's gamma_k). So the sketch bounds the exact
// distance 1 - dot(u_i, u_j) from both sides, at a quarter of the float rows' memory traffic.
class CandidateRows {
 public:
  CandidateRows(const float* rows, const std::vector<int64_t>& candidates, int64_t dim)
      : rows_(rows), candidates_(candidates), dim_(dim), stride_((dim + kCodeAlign - 1) / kCodeAlign * kCodeAlign),
        unit_(new float[candidates.size() * static_cast<size_t>(dim)]),
        codes_(new int8_t[candidates.size() * static_cast<size_t>(stride_)]), meta_(candidates.size()),
        made_(candidates.size(), 0) {
    const double roundings = static_cast<double>(dim / kLanes + 4 + kLanes);
    const double unit = std::ldexp(1.0, -24);
    gamma_ = roundings * unit / (1 - roundings * unit);
  }
  int64_t dim() const { return dim_; }
  int64_t stride() const { return stride_; }
  double gamma() const { return gamma_; }

  struct Row {
    const float* unit;
    const int8_t* codes;
    double step, residual, codeNorm, norm;
    int32_t codeSum;
  };
  const Row& row(int64_t i) {
    if (!made_[i]) make(i);
    return meta_[i];
  }

 private:
  void make(int64_t i) {
    float* u = unit_.get() + i * dim_;
    normalizeRow(rows_ + candidates_[i] * dim_, dim_, u);
    int8_t* q = codes_.get() + i * stride_;
    const CodeStats c = codeRow(u, dim_, q);
    std::fill(q + dim_, q + stride_, int8_t(0));
    // |u - step q|^2 = |u|^2 - 2 step <u, q> + step^2 |q|^2: the products are exact in double, the
    // sums of n terms round by at most n 2^-53 times the sum of the terms' magnitudes (doubled here).
    const double step = c.maxAbs / 127;
    const double residual = c.squaredNorm - 2 * step * c.dotCodes + step * step * c.squaredCodes;
    const double magnitude = c.squaredNorm + 2 * step * std::sqrt(c.squaredNorm * c.squaredCodes) + step * step * c.squaredCodes;
    const double rounding = static_cast<double>(dim_ + 4) * std::ldexp(magnitude, -52) + 1e-300;
    meta_[i] = {u, q, step, std::sqrt(std::max(residual, 0.0) + rounding) * (1 + 1e-12), step * std::sqrt(c.squaredCodes),
                std::sqrt(c.squaredNorm) * (1 + 1e-12), c.codeSum};
    made_[i] = 1;
  }

  const float* rows_;
  const std::vector<int64_t>& candidates_;
  int64_t dim_, stride_;
  double gamma_;
  std::unique_ptr<float[]> unit_;  // uninitialized: only the rows made are touched
  std::unique_ptr<int8_t[]> codes_;
  std::vector<Row> meta_;
  std::vector<char> made_;  // not vector<bool>: slices make their own rows concurrently
};

// The centres picked so far, in pick order: codes contiguous for streaming, sketch data per centre.
class Centres {
 public:
  Centres(const CandidateRows& rows, int64_t capacity) : stride_(rows.stride()) {
    codes_.reserve(static_cast<size_t>(capacity * stride_));
    step_.reserve(static_cast<size_t>(capacity));
    sums_.reserve(static_cast<size_t>(capacity));
    unit_.reserve(static_cast<size_t>(capacity));
  }
  int64_t size() const { return static_cast<int64_t>(unit_.size()); }
  const float* unit(int64_t c) const { return unit_[c]; }

  void add(const CandidateRows::Row& r) {
    codes_.insert(codes_.end(), r.codes, r.codes + stride_);
    step_.push_back(r.step);
    sums_.push_back(r.codeSum);
    unit_.push_back(r.unit);
    maxNorm_ = std::max(maxNorm_, r.norm);
    maxResidual_ = std::max(maxResidual_, r.residual);
  }

  // Screens row x against centres [from, from + count), count <= kScreenChunk: upper bounds
  // upper[k] and lower bounds upper[k] - 2 * error of their distances, where error bounds every
  // |sketch - exact| of x with any centre so far.
  double screen(const CandidateRows::Row& x, double gamma, int64_t from, int64_t count, double* upper) const {
    int32_t dots[kScreenChunk];
    codeDots(x.codes, codes_.data() + from * stride_, count, stride_, sums_.data() + from, dots);
    // widened for the double rounding of this arithmetic
    const double error = ((x.residual + gamma * x.norm) * maxNorm_ + x.codeNorm * maxResidual_) * (1 + 1e-6) + 1e-10;
    for (int64_t k = 0; k < count; ++k) upper[k] = 1.0 - static_cast<double>(dots[k]) * x.step * step_[from + k] + error;
    return error;
  }

 private:
  int64_t stride_;
  std::vector<int8_t> codes_;
  std::vector<double> step_;
  std::vector<int32_t> sums_;
  std::vector<const float*> unit_;
  double maxNorm_ = 0, maxResidual_ = 0;
};

}  // namespace

float dot(const float* a, const float* b, int64_t n) {
  float out = 0;
  tileDots(&a, &b, 1, n, &out);
  return out;
}

void rowDots(const at::Tensor& rows, const at::Tensor& v, float* out) {
  TORCH_CHECK(rows.dim() == 2 && rows.scalar_type() == at::kFloat && rows.is_contiguous(),
              "rowDots: expected contiguous float32 [K, D] rows");
  TORCH_CHECK(v.dim() == 1 && v.size(0) == rows.size(1), "rowDots: vector width mismatch");
  const at::Tensor vec = asFloatRows(v);
  const float* r = rows.data_ptr<float>();
  const float* x = vec.data_ptr<float>();
  const int64_t D = rows.size(1);
  parallelRows(rows.size(0), [&](int64_t begin, int64_t end) { dots(x, r + begin * D, end - begin, D, out + begin); });
}

at::Tensor cosineSimilarity(const at::Tensor& rows, const at::Tensor& query) {
  TORCH_CHECK(rows.dim() == 2 && query.dim() == 1 && rows.size(1) == query.size(0),
              "cosineSimilarity: expected rows N x D and query D, got ", rows.sizes(), " and ", query.sizes());
  const at::Tensor r = asFloatRows(rows);
  const at::Tensor q = asFloatRows(query);
  const int64_t N = r.size(0), D = r.size(1);
  at::Tensor out = at::empty({N}, r.options());
  const float* rp = r.data_ptr<float>();
  const float* qp = q.data_ptr<float>();
  const float qNorm = std::sqrt(dot(qp, qp, D));
  float* o = out.data_ptr<float>();
  parallelRows(N, [&](int64_t from, int64_t to) {
    float squares[kGrain];
    for (int64_t begin = from; begin < to; begin += kGrain) {  // the norms pass re-reads the block from L2
      const int64_t end = std::min(to, begin + kGrain);
      dots(qp, rp + begin * D, end - begin, D, o + begin);
      squaredNorms(rp + begin * D, end - begin, D, squares);
      for (int64_t i = begin; i < end; ++i) {
        const float norm = std::sqrt(squares[i - begin]) * qNorm;
        o[i] = norm > 0 ? o[i] / norm : 0.0f;
      }
    }
  });
  return out;
}

at::Tensor unitRows(const at::Tensor& rows) {
  TORCH_CHECK(rows.dim() == 2, "unitRows: expected [K, D] rows, got ", rows.sizes());
  const at::Tensor r = asFloatRows(rows);
  at::Tensor out = at::empty_like(r);
  const int64_t D = r.size(1);
  const float* in = r.data_ptr<float>();
  float* o = out.data_ptr<float>();
  parallelRows(r.size(0), [&](int64_t from, int64_t to) {
    float squares[kGrain];
    for (int64_t begin = from; begin < to; begin += kGrain) {
      const int64_t end = std::min(to, begin + kGrain);
      squaredNorms(in + begin * D, end - begin, D, squares);
      for (int64_t i = begin; i < end; ++i) scaleToUnit(in + i * D, squares[i - begin], D, o + i * D);
    }
  });
  return out;
}

namespace {

// One slice of the candidates (positions k with k % slices == slice): a heap of upper bounds and
// the lazy state of each of its candidates. Slices run on their own threads and touch only their
// own candidates; they share the (read-only during a pick) centres.
class Slice {
 public:
  struct Bound {
    double score;
    int64_t row;
  };

  Slice(int64_t slice, int64_t slices, const std::vector<double>& weights, const std::vector<double>& initialDistance)
      : slices_(slices), weights_(weights) {
    std::vector<Bound> bounds;
    for (int64_t k = slice; k < static_cast<int64_t>(weights.size()); k += slices) {
      bounds.push_back({weights[k] * initialDistance[k], k});
      state_.push_back({initialDistance[k], initialDistance[k]});
    }
    heap_ = Heap(below, std::move(bounds));
  }

  // Brings the slice's top candidate up to date and exact, unless its bound drops below `rival`
  // (another slice's exact top score: then no candidate here can be this pick). Returns the exact
  // top (row -1 when there is none).
  Bound advance(CandidateRows& unit, const Centres& centres, const std::atomic<double>& rival) {
    const int64_t m = centres.size();
    while (!heap_.empty() && heap_.top().score >= rival.load(std::memory_order_relaxed)) {
      const int64_t i = heap_.top().row;
      Candidate& c = state_[i / slices_];
      const CandidateRows::Row& x = unit.row(i);
      if (c.seen == m && c.pending.empty()) return heap_.top();  // exact and up to date: the slice's argmax
      heap_.pop();
      if (c.seen < m) screen(c, i, x, unit.gamma(), centres, rival);
      else resolve(c, x, unit.dim(), centres);
      heap_.push({weights_[i] * c.bound, i});
    }
    return {0, -1};
  }

  // Takes the exact top found by advance() as a pick; returns its exact distance.
  double pick() {
    const int64_t i = heap_.top().row;
    heap_.pop();
    return state_[i / slices_].exact;
  }

  // Highest score first; equal scores: the lower row first (the eager traversal's tie rule).
  static bool below(const Bound& a, const Bound& b) { return a.score < b.score || (a.score == b.score && a.row > b.row); }

 private:
  // exact = min of the seed distance and the exactly computed centre distances; bound = an upper
  // bound of d over the `seen` centres screened so far (= exact when nothing is pending);
  // pending = screened centres that may hold the minimum (lower bound <= bound).
  struct Candidate {
    double exact, bound;
    int64_t seen = 0;
    std::vector<std::pair<int64_t, double>> pending;  // (centre, lower bound of its distance)
  };

  // Screens the centres c has not seen, a chunk at a time; stops early once its bound drops below
  // the slice's next candidate or another slice's exact top (it cannot be this pick; the rest can
  // wait).
  void screen(Candidate& c, int64_t i, const CandidateRows::Row& x, double gamma, const Centres& centres,
              const std::atomic<double>& rival) {
    double upper[kScreenChunk];
    while (c.seen < centres.size()) {
      const int64_t count = std::min(kScreenChunk, centres.size() - c.seen);
      const double error = centres.screen(x, gamma, c.seen, count, upper);
      for (int64_t k = 0; k < count; ++k) c.bound = std::min(c.bound, upper[k]);
      for (int64_t k = 0; k < count; ++k)
        if (upper[k] - 2 * error <= c.bound) c.pending.emplace_back(c.seen + k, upper[k] - 2 * error);
      c.seen += count;
      const double score = weights_[i] * c.bound;
      if (score < rival.load(std::memory_order_relaxed) || (!heap_.empty() && below({score, i}, heap_.top()))) break;
    }
    // A centre whose lower bound exceeds the bound cannot hold the minimum.
    c.pending.erase(std::remove_if(c.pending.begin(), c.pending.end(),
                                   [&](const std::pair<int64_t, double>& p) { return p.second > c.bound; }),
                    c.pending.end());
  }

  // Up to date but not exact: the exact distances of the few centres that may be the nearest. The
  // nearest is among them (its lower bound <= its distance <= bound), so the minimum is exact.
  // Nearest-looking first, a few at a time, until the next lower bound exceeds the exact minimum.
  void resolve(Candidate& c, const CandidateRows::Row& x, int64_t dim, const Centres& centres) {
    std::sort(c.pending.begin(), c.pending.end(),
              [](const std::pair<int64_t, double>& a, const std::pair<int64_t, double>& b) { return a.second < b.second; });
    const int64_t n = static_cast<int64_t>(c.pending.size());
    for (int64_t j = 0; j < n && c.pending[j].second <= c.exact; j += kResolveStep) {
      const int64_t count = std::min(kResolveStep, n - j);
      const float* self[kResolveStep];
      const float* rows[kResolveStep];
      float cos[kResolveStep];
      for (int64_t k = 0; k < count; ++k) self[k] = x.unit, rows[k] = centres.unit(c.pending[j + k].first);
      pairDots(self, rows, count, dim, cos);
      for (int64_t k = 0; k < count; ++k) c.exact = std::min(c.exact, 1.0 - static_cast<double>(cos[k]));
    }
    c.pending.clear();
    c.bound = c.exact;
  }

  using Heap = std::priority_queue<Bound, std::vector<Bound>, bool (*)(const Bound&, const Bound&)>;
  int64_t slices_;
  const std::vector<double>& weights_;
  std::vector<Candidate> state_;  // by row / slices
  Heap heap_{below};
};

}  // namespace

std::vector<FarthestPick> farthestFirst(const at::Tensor& rows, const std::vector<int64_t>& candidates,
                                        const std::vector<double>& weights, const std::vector<double>& initialDistance,
                                        int64_t picks) {
  TORCH_CHECK(rows.dim() == 2 && rows.scalar_type() == at::kFloat && rows.is_contiguous(),
              "farthestFirst: expected contiguous float32 [N, D] rows");
  const int64_t K = static_cast<int64_t>(candidates.size());
  TORCH_CHECK(static_cast<int64_t>(weights.size()) == K && static_cast<int64_t>(initialDistance.size()) == K,
              "farthestFirst: weights/distances must have one entry per candidate");
  for (const int64_t r : candidates) TORCH_CHECK(r >= 0 && r < rows.size(0), "farthestFirst: candidate row out of range");
  picks = std::max<int64_t>(0, std::min(picks, K));
  CandidateRows unit(rows.data_ptr<float>(), candidates, rows.size(1));
  Centres centres(unit, picks);

  // One slice per compute thread. Each pick: every slice makes its own top exact in parallel (a slice
  // gives up once its bound is below another slice's exact top), then the best exact top wins
  // (ties: lower row), as in the sequential traversal. The result does not depend on the slicing.
  const int64_t slices = std::clamp<int64_t>(at::get_num_threads(), 1, std::max<int64_t>(1, K / kMinSliceRows));
  std::vector<Slice> parts;
  for (int64_t s = 0; s < slices; ++s) parts.emplace_back(s, slices, weights, initialDistance);
  std::vector<Slice::Bound> tops(static_cast<size_t>(slices));
  std::vector<std::atomic<double>> rivals(static_cast<size_t>(slices));  // the best exact top of the other slices
  RoundWorkers workers(slices - 1, slices);

  std::vector<FarthestPick> out;
  while (static_cast<int64_t>(out.size()) < picks) {
    for (auto& r : rivals) r.store(-std::numeric_limits<double>::infinity());
    const std::function<void(int64_t)> advance = [&](int64_t s) {
      tops[s] = parts[s].advance(unit, centres, rivals[s]);
      if (tops[s].row < 0) return;
      for (int64_t t = 0; t < slices; ++t) {  // raise the other slices' rival score
        double seen = rivals[t].load();
        while (t != s && seen < tops[s].score && !rivals[t].compare_exchange_weak(seen, tops[s].score)) {
        }
      }
    };
    workers.run(advance);
    int64_t best = -1;
    for (int64_t s = 0; s < slices; ++s)
      if (tops[s].row >= 0 && (best < 0 || Slice::below(tops[best], tops[s]))) best = s;
    const int64_t i = tops[best].row;
    out.push_back({i, parts[best].pick()});
    centres.add(unit.row(i));
  }
  return out;
}

}  // namespace fan::kernels
