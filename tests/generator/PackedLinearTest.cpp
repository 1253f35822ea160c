// kernels::PackedLinear gives at::linear's result (closer to float64 than BLAS's float32 is), packs
// exactly when it may, keeps gradients and other dtypes on at::linear, and gives back the weight.
#include "kernels/PackedLinear.h"
#include "tests/common/TestRegistry.h"
#include "tests/common/ThreadCount.h"

#include <QTest>

namespace {

// max |got - float64 product| / max |float64 product|
double errorVsFloat64(const torch::Tensor& got, const torch::Tensor& x, const torch::Tensor& w, const torch::Tensor& b) {
  const torch::Tensor exact = at::linear(x.to(torch::kDouble), w.to(torch::kDouble),
                                         b.defined() ? b.to(torch::kDouble) : torch::Tensor());
  return (got.to(torch::kDouble) - exact).abs().max().item<double>() / exact.abs().max().item<double>();
}

}  // namespace

class PackedLinearTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void packsFloat32CpuWeightsWhereTheCpuCan() {
    const torch::Tensor w = torch::randn({40, 24});
    QCOMPARE(fan::kernels::PackedLinear(w).packed(), fan::kernels::PackedLinear::packingAvailable());
    QVERIFY(!fan::kernels::PackedLinear(w.to(torch::kDouble)).packed());
    QVERIFY(!fan::kernels::PackedLinear(w.clone().requires_grad_()).packed());
  }

  void equalsFloat64Product_data() { fan::test::addThreadCountRows(); }
  void equalsFloat64Product() {
    QFETCH(int, threads);
    const fan::test::ThreadCount threadCount(threads);
    const torch::NoGradGuard noGrad;
    torch::manual_seed(11);
    struct Case {
      std::vector<int64_t> x;
      int64_t out;
      bool bias;
    };
    // CLIP-L's 77 tokens and its MLP, one row, rows and columns that fill no tile or panel evenly,
    // a depth over several blocks with a remainder, a 3-d batch, more rows than one row group.
    for (const Case& c : {Case{{1, 77, 768}, 3072, true}, Case{{77, 3072}, 768, true}, Case{{1, 96}, 200, false},
                          Case{{13, 37}, 45, true}, Case{{2, 3, 40}, 7, true}, Case{{300, 401}, 33, true},
                          Case{{5, 1}, 100, false}}) {
      const torch::Tensor x = torch::randn(c.x), w = torch::randn({c.out, c.x.back()});
      const torch::Tensor b = c.bias ? torch::randn({c.out}) : torch::Tensor();
      const torch::Tensor got = fan::kernels::PackedLinear(w, b)(x);
      QCOMPARE(got.sizes(), at::linear(x, w, b).sizes());
      // BLAS's own float32 error on these shapes is up to ~3e-6.
      const double error = errorVsFloat64(got, x, w, b);
      if (error > 3e-6) QFAIL(qPrintable(QStringLiteral("%1 columns: relative error %2").arg(c.out).arg(error)));
    }
  }

  void appliesSeveralLayersToOneInput_data() { fan::test::addThreadCountRows(); }
  void appliesSeveralLayersToOneInput() {
    QFETCH(int, threads);
    const fan::test::ThreadCount threadCount(threads);
    const torch::NoGradGuard noGrad;
    torch::manual_seed(13);
    // Query/key/value-like layers of different widths (one not a whole panel), 77 and 300 rows.
    const torch::Tensor w1 = torch::randn({96, 64}), w2 = torch::randn({45, 64}), w3 = torch::randn({128, 64});
    const torch::Tensor b1 = torch::randn({96}), b3 = torch::randn({128});
    const fan::kernels::PackedLinear l1(w1, b1), l2(w2), l3(w3, b3);
    for (int64_t rows : {77, 300}) {
      const torch::Tensor x = torch::randn({1, rows, 64});
      const std::vector<torch::Tensor> ys = fan::kernels::PackedLinear::applyAll(x, {&l1, &l2, &l3});
      QCOMPARE(ys.size(), size_t(3));
      QVERIFY(errorVsFloat64(ys[0], x, w1, b1) < 1e-6);
      QVERIFY(errorVsFloat64(ys[1], x, w2, torch::Tensor()) < 1e-6);
      QVERIFY(errorVsFloat64(ys[2], x, w3, b3) < 1e-6);
      QCOMPARE(ys[1].sizes(), (std::vector<int64_t>{1, rows, 45}));
    }
    // A layer kept unpacked (float64) among packed ones: each takes its own path.
    const fan::kernels::PackedLinear unpacked(w2.to(torch::kDouble));
    const torch::Tensor xd = torch::randn({5, 64}, torch::kDouble);
    QVERIFY(torch::allclose(fan::kernels::PackedLinear::applyAll(xd, {&unpacked})[0], at::linear(xd, w2.to(torch::kDouble))));
  }

  void readsStridedAndEmptyInputs() {
    const fan::test::ThreadCount threadCount(2);
    const torch::NoGradGuard noGrad;
    const torch::Tensor w = torch::randn({64, 48}), b = torch::randn({64});
    const fan::kernels::PackedLinear layer(w, b);
    const torch::Tensor strided = torch::randn({48, 20}).t();  // [20, 48], column-major
    QVERIFY(errorVsFloat64(layer(strided), strided, w, b) < 1e-6);
    QCOMPARE(layer(torch::randn({0, 48})).sizes(), (std::vector<int64_t>{0, 64}));
  }

  void givesBackTheWeightItPacked() {
    const torch::Tensor w = torch::randn({45, 37}), b = torch::randn({45});
    const fan::kernels::PackedLinear layer(w, b);
    QVERIFY(torch::equal(layer.weight(), w));
    QVERIFY(torch::equal(layer.bias(), b));
  }

  void keepsAutogradOtherDtypesAndShapeErrors() {
    const fan::test::ThreadCount threadCount(2);
    torch::manual_seed(5);
    const torch::Tensor w = torch::randn({256, 64});
    const fan::kernels::PackedLinear layer(w);
    const torch::Tensor x = torch::randn({77, 64}, torch::requires_grad());
    layer(x).sum().backward();
    QVERIFY(x.grad().defined());
    // Column sums of 256 values near 50 in size: BLAS and at::sum round differently (~1e-5).
    QVERIFY(torch::allclose(x.grad(), w.sum(0).expand({77, 64}), 1e-5, 1e-4));
    const torch::Tensor xd = torch::randn({77, 64}, torch::kDouble);
    QVERIFY(torch::equal(fan::kernels::PackedLinear(w.to(torch::kDouble))(xd), at::linear(xd, w.to(torch::kDouble))));
    // Mismatches fail as at::linear's do.
    QVERIFY_THROWS_EXCEPTION(c10::Error, layer(xd));
    QVERIFY_THROWS_EXCEPTION(c10::Error, layer(torch::randn({77, 65})));
  }
};

FAN_REGISTER_TEST(PackedLinearTest)
#include "PackedLinearTest.moc"
