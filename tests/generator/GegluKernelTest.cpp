// kernels::geglu (hidden · erf-GELU(gate) in one pass) matches the exact GELU computed in float64
// to 1e-6 of |hidden| · max(1, |gate|) on every input range, tails included, at 1-3 threads; it keeps ATen's
// path for gradients and other dtypes and rejects a projection without two equal halves.
#include "kernels/Geglu.h"
#include "tests/common/TestRegistry.h"
#include "tests/common/ThreadCount.h"

#include <QTest>

namespace {

torch::Tensor exactGeglu(const torch::Tensor& projection) {
  const std::vector<torch::Tensor> halves = projection.to(torch::kDouble).chunk(2, -1);
  return halves[0] * at::gelu(halves[1]);
}

}  // namespace

class GegluKernelTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void matchesExactGelu_data() { fan::test::addThreadCountRows(); }
  void matchesExactGelu() {
    QFETCH(int, threads);
    const fan::test::ThreadCount threadCount(threads);
    const torch::NoGradGuard noGrad;
    torch::manual_seed(11);
    // A UNet feed-forward shape, a width that is no multiple of the 16 vector lanes, one row, and
    // gates from -30 to 30 (deep in both tails, where erf saturates and exp underflows).
    const torch::Tensor sweep = torch::linspace(-30, 30, 2 * 4001).view({2, 4001});
    for (const torch::Tensor& gate :
         {torch::randn({2, 300, 256}) * 3, torch::randn({7, 37}) * 4, torch::randn({1, 5}), sweep}) {
      const torch::Tensor projection = torch::cat({torch::randn_like(gate), gate}, -1);
      const torch::Tensor got = fan::kernels::geglu(projection);
      const torch::Tensor want = exactGeglu(projection);
      QCOMPARE(got.sizes(), want.sizes());
      QCOMPARE(got.scalar_type(), torch::kFloat);
      // GELU's error grows with |x| (erf's absolute error times x/2); the product scales it by |hidden|.
      const torch::Tensor hidden = projection.narrow(-1, 0, gate.size(-1)).to(torch::kDouble);
      const torch::Tensor scale = (hidden.abs() * gate.to(torch::kDouble).abs().clamp_min(1)).clamp_min(1e-30);
      const double error = ((got.to(torch::kDouble) - want).abs() / scale).max().item<double>();
      if (error > 1e-6) QFAIL(qPrintable(QStringLiteral("shape %1: error %2").arg(gate.numel()).arg(error)));
    }
  }

  void keepsAutogradAndOtherDtypes() {
    torch::manual_seed(12);
    const torch::Tensor projection = torch::randn({4, 32}, torch::requires_grad());
    fan::kernels::geglu(projection).sum().backward();
    QVERIFY(projection.grad().defined());
    const torch::Tensor doubles = torch::randn({4, 32}, torch::kDouble);
    QVERIFY(torch::allclose(fan::kernels::geglu(doubles), exactGeglu(doubles), 0, 1e-12));
  }

  void rejectsOddWidths() {
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, fan::kernels::geglu(torch::randn({3, 7})));
  }
};

FAN_REGISTER_TEST(GegluKernelTest)
#include "GegluKernelTest.moc"
