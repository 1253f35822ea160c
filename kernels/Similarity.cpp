#include "kernels/Similarity.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <cmath>
#include <queue>

#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
#include <immintrin.h>
#define FAN_KERNELS_X86 1
#endif

namespace fan::kernels {
namespace {

constexpr int64_t kLanes = 8;

// The lanes and the tail in the one documented order.
inline float combine(const float* lanes, float tail) {
  return ((lanes[0] + lanes[4]) + (lanes[1] + lanes[5])) + ((lanes[2] + lanes[6]) + (lanes[3] + lanes[7])) + tail;
}

inline float tailDot(const float* a, const float* b, int64_t from, int64_t n) {
  float tail = 0;
  for (int64_t i = from; i < n; ++i) tail = std::fma(a[i], b[i], tail);
  return tail;
}

// out[j] = dot(x, ys + j * n) for j < count: lane by lane, for any CPU.
void dotsPortable(const float* x, const float* ys, int64_t count, int64_t n, float* out) {
  const int64_t body = n / kLanes * kLanes;
  for (int64_t j = 0; j < count; ++j) {
    const float* y = ys + j * n;
    float lanes[kLanes] = {0, 0, 0, 0, 0, 0, 0, 0};
    for (int64_t i = 0; i < body; i += kLanes)
      for (int64_t l = 0; l < kLanes; ++l) lanes[l] = std::fma(x[i + l], y[i + l], lanes[l]);
    out[j] = combine(lanes, tailDot(x, y, body, n));
  }
}

#ifdef FAN_KERNELS_X86
// The same arithmetic with the 8 lanes in one AVX register; 8 vectors at a time keep both FMA
// pipes busy (one dependency chain per vector).
__attribute__((target("avx2,fma"))) void dotsAvx2(const float* x, const float* ys, int64_t count, int64_t n,
                                                   float* out) {
  const int64_t body = n / kLanes * kLanes;
  constexpr int kTile = 8;
  int64_t j = 0;
  for (; j + kTile <= count; j += kTile) {
    const float* y = ys + j * n;
    __m256 acc[kTile];
    for (int t = 0; t < kTile; ++t) acc[t] = _mm256_setzero_ps();
    for (int64_t i = 0; i < body; i += kLanes) {
      const __m256 xv = _mm256_loadu_ps(x + i);
      for (int t = 0; t < kTile; ++t) acc[t] = _mm256_fmadd_ps(xv, _mm256_loadu_ps(y + t * n + i), acc[t]);
    }
    for (int t = 0; t < kTile; ++t) {
      float lanes[kLanes];
      _mm256_storeu_ps(lanes, acc[t]);
      out[j + t] = combine(lanes, tailDot(x, y + t * n, body, n));
    }
  }
  for (; j < count; ++j) {
    const float* y = ys + j * n;
    __m256 acc = _mm256_setzero_ps();
    for (int64_t i = 0; i < body; i += kLanes) acc = _mm256_fmadd_ps(_mm256_loadu_ps(x + i), _mm256_loadu_ps(y + i), acc);
    float lanes[kLanes];
    _mm256_storeu_ps(lanes, acc);
    out[j] = combine(lanes, tailDot(x, y, body, n));
  }
}

bool hasAvx2Fma() {
  static const bool has = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  return has;
}
#endif

// out[j] = dot(x, ys + j * n) for j < count.
void dots(const float* x, const float* ys, int64_t count, int64_t n, float* out) {
#ifdef FAN_KERNELS_X86
  if (hasAvx2Fma()) return dotsAvx2(x, ys, count, n, out);
#endif
  dotsPortable(x, ys, count, n, out);
}

at::Tensor asFloatRows(const at::Tensor& t) { return t.to(at::kFloat).contiguous(); }

constexpr int64_t kGrain = 256;  // rows per parallel task

}  // namespace

float dot(const float* a, const float* b, int64_t n) {
  float out = 0;
  dots(a, b, 1, n, &out);
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
  at::parallel_for(0, rows.size(0), kGrain,
                   [&](int64_t begin, int64_t end) { dots(x, r + begin * D, end - begin, D, out + begin); });
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
  at::parallel_for(0, N, kGrain, [&](int64_t begin, int64_t end) {
    dots(qp, rp + begin * D, end - begin, D, o + begin);
    for (int64_t i = begin; i < end; ++i) {
      const float norm = std::sqrt(dot(rp + i * D, rp + i * D, D)) * qNorm;
      o[i] = norm > 0 ? o[i] / norm : 0.0f;
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
  at::parallel_for(0, r.size(0), kGrain, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) {
      const float norm = std::sqrt(dot(in + i * D, in + i * D, D));
      for (int64_t k = 0; k < D; ++k) o[i * D + k] = norm > 0 ? in[i * D + k] / norm : 0.0f;
    }
  });
  return out;
}

std::vector<FarthestPick> farthestFirst(const at::Tensor& unitRows, const std::vector<double>& weights,
                                        std::vector<double> distance, int64_t picks) {
  TORCH_CHECK(unitRows.dim() == 2, "farthestFirst: expected [K, D] rows");
  const at::Tensor rows = asFloatRows(unitRows);
  const int64_t K = rows.size(0), D = rows.size(1);
  TORCH_CHECK(static_cast<int64_t>(weights.size()) == K && static_cast<int64_t>(distance.size()) == K,
              "farthestFirst: weights/distances must have one entry per row");
  picks = std::min(picks, K);
  const float* data = rows.data_ptr<float>();

  // Centres picked so far, copied contiguously; seen[i] = how many of them d_i includes.
  std::vector<float> centres(static_cast<size_t>(std::max<int64_t>(picks, 0) * D));
  std::vector<int64_t> seen(static_cast<size_t>(K), 0);
  std::vector<float> cos(static_cast<size_t>(std::max<int64_t>(picks, 0)));
  struct Bound {
    double score;
    int64_t row;
  };
  // Highest score first; equal scores: the lower row first (the eager traversal's tie rule).
  const auto below = [](const Bound& a, const Bound& b) { return a.score < b.score || (a.score == b.score && a.row > b.row); };
  std::vector<Bound> heapStorage;
  heapStorage.reserve(static_cast<size_t>(K));
  for (int64_t i = 0; i < K; ++i) heapStorage.push_back({weights[i] * distance[i], i});
  std::priority_queue<Bound, std::vector<Bound>, decltype(below)> heap(below, std::move(heapStorage));

  std::vector<FarthestPick> out;
  while (static_cast<int64_t>(out.size()) < picks) {
    const int64_t m = static_cast<int64_t>(out.size());
    const Bound top = heap.top();
    heap.pop();
    const int64_t i = top.row;
    if (seen[i] < m) {  // stale: bring d_i up to date with the centres it has not seen, re-queue
      dots(data + i * D, centres.data() + seen[i] * D, m - seen[i], D, cos.data());
      for (int64_t c = 0; c < m - seen[i]; ++c) distance[i] = std::min(distance[i], 1.0 - static_cast<double>(cos[c]));
      seen[i] = m;
      heap.push({weights[i] * distance[i], i});
      continue;
    }
    out.push_back({i, distance[i]});
    std::copy(data + i * D, data + (i + 1) * D, centres.begin() + m * D);
  }
  return out;
}

}  // namespace fan::kernels
