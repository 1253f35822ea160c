// A linear layer whose weight is stored once, at load, in the panel layout of a register-blocked
// AVX-512 GEMM. Text encoders multiply few rows (CLIP-L's 77 tokens) by large weights, where BLAS
// re-packs the whole weight on every call: at 77 x 768 -> 3072 (2 threads) the packed product
// takes ~0.7x BLAS's time. From a few hundred rows on BLAS catches up, and beyond ~2000 rows with a
// 3072-deep input it is 5-20% faster (`fan-cli bench linear`); the text encoders use this layer
// anyway, as keeping both layouts would double their weights in memory.
#pragma once

#include <ATen/ATen.h>

#include <initializer_list>
#include <vector>

namespace fan::kernels {

class PackedLinear {
 public:
  PackedLinear() = default;
  // weight [out, in], bias [out] or undefined. A float32 CPU weight that records no gradient is
  // packed when packingAvailable(), and then held only in packed form; any other weight is kept as
  // given and multiplied by kernels::linear.
  explicit PackedLinear(const at::Tensor& weight, const at::Tensor& bias = {});

  // at::linear(x, weight, bias) for x [..., in]. Operands the packed product can't take (another
  // dtype or device, an input that records a gradient) go through at::linear on weight().
  at::Tensor operator()(const at::Tensor& x) const;

  // Each layer's product with the same x: [layer(x) for each layer], as one parallel pass sharing
  // one packing of x when all are packed (a transformer's query, key and value projections).
  static std::vector<at::Tensor> applyAll(const at::Tensor& x, std::initializer_list<const PackedLinear*> layers);

  bool packed() const { return panels_.defined(); }
  at::Tensor weight() const;  // [out, in] as given (rebuilt from the panels when packed)
  const at::Tensor& bias() const { return bias_; }

  static bool packingAvailable();  // this CPU runs AVX-512F

 private:
  at::Tensor weight_;  // only when not packed
  at::Tensor panels_;  // [ceil(out / 32), in, 32]: 32 output columns per panel, zero-padded
  at::Tensor bias_;
  int64_t in_ = 0, out_ = 0;
};

}  // namespace fan::kernels
