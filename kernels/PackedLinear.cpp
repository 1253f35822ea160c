#include "kernels/PackedLinear.h"

#include "kernels/Float32Inference.h"
#include "kernels/Linear.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <vector>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define FAN_PACKED_LINEAR 1
#include <immintrin.h>
// Only these functions use AVX-512; the build targets baseline x86-64 and checks the CPU at run time.
#define FAN_AVX512 __attribute__((target("avx512f")))
#endif

namespace fan::kernels {
namespace {

constexpr int64_t kPanelWidth = 32;  // output columns per panel: two 16-float registers
constexpr int kTileRows = 14;        // 14 rows x 2 registers = 28 accumulators of the 32 zmm
// Depth block: a panel's block (192 x 32 floats, 24 KiB) stays in L1 while the tiles of a row
// group pass over it; each block's sum starts from zero and is added to the output once, which also
// keeps float32 rounding below BLAS's (PackedLinearTest compares with float64).
constexpr int64_t kDepthBlock = 192;
constexpr int64_t kRowGroup = 7 * kTileRows;  // rows whose packed block (98 x 192 floats) stays in L2
constexpr double kMinFlopsPerThread = 2e6;    // smaller shares cost more in thread wake-ups than they save

#ifdef FAN_PACKED_LINEAR

// One tile: out[r, 0..32) (=|+=) Σ_k x[k, r] · panel[k, 0..32) for r < rows, over `depth` steps of
// the packed row tile x ([depth][kTileRows]) and panel ([depth][32]). `add` (a bias or null) is
// added when the tile is written first; later depth blocks accumulate onto what is there.
template <int Rows>
FAN_AVX512 void tile(const float* x, const float* panel, int64_t depth, float* out, int64_t ldOut, const float* add,
                     bool accumulate, __mmask16 low, __mmask16 high) {
  __m512 acc[Rows][2];
#pragma GCC unroll 16
  for (int r = 0; r < Rows; ++r) acc[r][0] = acc[r][1] = _mm512_setzero_ps();
  for (int64_t k = 0; k < depth; ++k) {
    const __m512 w0 = _mm512_loadu_ps(panel + k * kPanelWidth), w1 = _mm512_loadu_ps(panel + k * kPanelWidth + 16);
#pragma GCC unroll 16
    for (int r = 0; r < Rows; ++r) {
      const __m512 a = _mm512_set1_ps(x[k * kTileRows + r]);
      acc[r][0] = _mm512_fmadd_ps(a, w0, acc[r][0]);
      acc[r][1] = _mm512_fmadd_ps(a, w1, acc[r][1]);
    }
  }
  const __m512 add0 = add ? _mm512_maskz_loadu_ps(low, add) : _mm512_setzero_ps();
  const __m512 add1 = add ? _mm512_maskz_loadu_ps(high, add + 16) : _mm512_setzero_ps();
#pragma GCC unroll 16
  for (int r = 0; r < Rows; ++r) {
    float* row = out + r * ldOut;
    const __m512 base0 = accumulate ? _mm512_maskz_loadu_ps(low, row) : add0;
    const __m512 base1 = accumulate ? _mm512_maskz_loadu_ps(high, row + 16) : add1;
    _mm512_mask_storeu_ps(row, low, _mm512_add_ps(acc[r][0], base0));
    _mm512_mask_storeu_ps(row + 16, high, _mm512_add_ps(acc[r][1], base1));
  }
}

// tile<rows> for a run-time row count 1..Rows (the last tile of a product).
template <int Rows>
FAN_AVX512 void tileOf(int rows, const float* x, const float* panel, int64_t depth, float* out, int64_t ldOut,
                       const float* add, bool accumulate, __mmask16 low, __mmask16 high) {
  if constexpr (Rows > 0) {
    if (rows == Rows) return tile<Rows>(x, panel, depth, out, ldOut, add, accumulate, low, high);
    tileOf<Rows - 1>(rows, x, panel, depth, out, ldOut, add, accumulate, low, high);
  }
}

__mmask16 columnMask(int64_t columns) { return columns >= 16 ? 0xFFFF : static_cast<__mmask16>((1u << columns) - 1); }

struct Output {
  const float* panels;  // [panelCount][in][32]
  const float* bias;    // [out] or null
  float* y;             // [rows, out]
  int64_t out, panelCount;
};

// One work item: one output's panel for one row group, over the whole depth. The panel's depth
// block stays in L1 while the group's tiles pass over it.
FAN_AVX512 void computeItem(const float* packedX, int64_t rows, int64_t in, const Output& o, int64_t group,
                            int64_t panel) {
  const int64_t column = panel * kPanelWidth, width = std::min(kPanelWidth, o.out - column);
  const __mmask16 low = columnMask(width), high = columnMask(std::max<int64_t>(width - 16, 0));
  const float* add = o.bias ? o.bias + column : nullptr;
  const int64_t rowEnd = std::min(rows, (group + 1) * kRowGroup);
  for (int64_t k0 = 0; k0 < in; k0 += kDepthBlock) {
    const float* panelBlock = o.panels + (panel * in + k0) * kPanelWidth;
    const int64_t depth = std::min(kDepthBlock, in - k0);
    for (int64_t r0 = group * kRowGroup; r0 < rowEnd; r0 += kTileRows) {
      const float* x = packedX + ((r0 / kTileRows) * in + k0) * kTileRows;
      tileOf<kTileRows>(static_cast<int>(std::min<int64_t>(kTileRows, rowEnd - r0)), x, panelBlock, depth,
                        o.y + r0 * o.out + column, o.out, add, k0 > 0, low, high);
    }
  }
}

// x [rows, in] (contiguous) into row tiles of kTileRows interleaved along the depth, so a tile's
// k-th step reads its rows' values from one place.
at::Tensor packRows(const at::Tensor& x, int64_t rows, int64_t in) {
  const int64_t tiles = (rows + kTileRows - 1) / kTileRows;
  at::Tensor packed = at::empty({tiles, in, kTileRows}, x.options());
  const float* src = x.data_ptr<float>();
  float* dst = packed.data_ptr<float>();
  const int64_t grain = std::max<int64_t>(1, (1 << 16) / std::max<int64_t>(1, in * kTileRows));
  at::parallel_for(0, tiles, grain, [&](int64_t begin, int64_t end) {
    for (int64_t t = begin; t < end; ++t)
      for (int64_t r = 0; r < kTileRows && t * kTileRows + r < rows; ++r) {
        const float* row = src + (t * kTileRows + r) * in;
        float* column = dst + t * in * kTileRows + r;
        for (int64_t k = 0; k < in; ++k) column[k * kTileRows] = row[k];
      }
  });
  return packed;
}

#endif  // FAN_PACKED_LINEAR

}  // namespace

bool PackedLinear::packingAvailable() {
#ifdef FAN_PACKED_LINEAR
  static const bool available = __builtin_cpu_supports("avx512f");
  return available;
#else
  return false;
#endif
}

PackedLinear::PackedLinear(const at::Tensor& weight, const at::Tensor& bias) : bias_(bias) {
  TORCH_CHECK(weight.dim() == 2, "PackedLinear: weight must be [out, in], got ", weight.sizes());
  TORCH_CHECK(!bias.defined() || (bias.dim() == 1 && bias.size(0) == weight.size(0)), "PackedLinear: bias must be [",
              weight.size(0), "], got ", bias.sizes());
  out_ = weight.size(0);
  in_ = weight.size(1);
  const bool packable = packingAvailable() && in_ > 0 && out_ > 0 &&
                        float32CpuInference({&weight}) && !weight.requires_grad() &&
                        (!bias.defined() || (float32CpuInference({&bias}) && !bias.requires_grad()));
  if (!packable) {
    weight_ = weight;
    return;
  }
  const int64_t panels = (out_ + kPanelWidth - 1) / kPanelWidth;
  const at::Tensor padded = at::constant_pad_nd(weight, {0, 0, 0, panels * kPanelWidth - out_});
  panels_ = padded.view({panels, kPanelWidth, in_}).transpose(1, 2).contiguous();
  if (bias_.defined()) bias_ = bias_.contiguous();
}

at::Tensor PackedLinear::weight() const {
  if (!packed()) return weight_;
  return panels_.transpose(1, 2).reshape({-1, in_}).narrow(0, 0, out_).contiguous();
}

at::Tensor PackedLinear::operator()(const at::Tensor& x) const { return applyAll(x, {this}).front(); }

std::vector<at::Tensor> PackedLinear::applyAll(const at::Tensor& x, std::initializer_list<const PackedLinear*> layers) {
  const int64_t in = layers.size() > 0 ? (*layers.begin())->in_ : 0;
  bool shared = float32CpuInference({&x}) && x.dim() > 0 && x.size(-1) == in;
  for (const PackedLinear* layer : layers) shared = shared && layer->packed() && layer->in_ == in;
  std::vector<at::Tensor> outputs;
  if (!shared) {
    for (const PackedLinear* layer : layers)
      outputs.push_back(layer->packed() ? at::linear(x, layer->weight(), layer->bias_)
                                        : linear(x, layer->weight_, layer->bias_));
    return outputs;
  }
#ifdef FAN_PACKED_LINEAR
  const int64_t rows = x.numel() / in;
  std::vector<Output> work;
  int64_t panelsPerGroup = 0;
  for (const PackedLinear* layer : layers) {
    outputs.push_back(at::empty({rows, layer->out_}, x.options()));
    work.push_back({layer->panels_.data_ptr<float>(), layer->bias_.defined() ? layer->bias_.data_ptr<float>() : nullptr,
                    outputs.back().data_ptr<float>(), layer->out_, layer->panels_.size(0)});
    panelsPerGroup += work.back().panelCount;
  }
  if (rows > 0) {
    const at::Tensor packedX = packRows(x.reshape({rows, in}).contiguous(), rows, in);
    const float* px = packedX.data_ptr<float>();
    const int64_t groups = (rows + kRowGroup - 1) / kRowGroup;
    const double itemFlops = 2.0 * static_cast<double>(std::min(rows, kRowGroup) * kPanelWidth * in);
    const auto grain = static_cast<int64_t>(std::max(1.0, kMinFlopsPerThread / itemFlops));
    // Items run group by group, each group through every output's panels, so a group's packed rows
    // stay in L2 for all of them.
    at::parallel_for(0, groups * panelsPerGroup, grain, [&](int64_t begin, int64_t end) {
      for (int64_t item = begin; item < end; ++item) {
        int64_t panel = item % panelsPerGroup;
        auto o = work.begin();
        for (; panel >= o->panelCount; ++o) panel -= o->panelCount;
        computeItem(px, rows, in, *o, item / panelsPerGroup, panel);
      }
    });
  }
  std::vector<int64_t> shape(x.sizes().begin(), x.sizes().end());
  for (at::Tensor& y : outputs) {
    shape.back() = y.size(1);
    y = y.view(shape);
  }
  return outputs;
#else
  TORCH_CHECK(false, "PackedLinear: packed layers need the x86-64 build");  // packingAvailable() is false
#endif
}

}  // namespace fan::kernels
