// kernels::quickGelu (x · sigmoid(1.702 x) in one pass) matches the same function computed in
// float64 to 1e-6 relative per unit of |1.702 x| (plus 1e-30 absolute for the underflowing tail),
// from -100 to 100 and on CLIP-shaped activations at 1-3 threads, keeps NaN and infinities as
// ATen's ops do, and keeps ATen's path for gradients and other dtypes.
#include "kernels/QuickGelu.h"
#include "tests/common/TestRegistry.h"
#include "tests/common/ThreadCount.h"

#include <QTest>

#include <limits>

namespace {

torch::Tensor exactQuickGelu(const torch::Tensor& x) {
  const torch::Tensor d = x.to(torch::kDouble);
  return d * torch::sigmoid(1.702 * d);
}

}  // namespace

class QuickGeluKernelTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void matchesFloat64_data() { fan::test::addThreadCountRows(); }
  void matchesFloat64() {
    QFETCH(int, threads);
    const fan::test::ThreadCount threadCount(threads);
    const torch::NoGradGuard noGrad;
    torch::manual_seed(21);
    // CLIP-L's MLP activations for 10 prompts, a size no multiple of the 16 lanes, a transposed
    // (non-contiguous) input, and a sweep through both tails.
    const torch::Tensor sweep = torch::linspace(-100, 100, 20001);
    for (const torch::Tensor& x :
         {torch::randn({10, 77, 3072}) * 3, torch::randn({7, 37}) * 4, torch::randn({37, 7}).t(), sweep}) {
      const torch::Tensor got = fan::kernels::quickGelu(x);
      QCOMPARE(got.sizes(), x.sizes());
      QCOMPARE(got.scalar_type(), torch::kFloat);
      const torch::Tensor want = exactQuickGelu(x);
      // Rounding 1.702·x to float alone moves exp(1.702·x) by up to |1.702·x|·6e-8 relative in the
      // negative tail (ATen's float32 ops reach 1.3e-6 there), so the error is measured per unit of it.
      const torch::Tensor units = (1.702 * x.to(torch::kDouble)).abs().clamp_min(1);
      const double error =
          ((got.to(torch::kDouble) - want).abs() / (want.abs() * units + 1e-30)).max().item<double>();
      if (error > 1e-6) QFAIL(qPrintable(QStringLiteral("%1 values: relative error %2").arg(x.numel()).arg(error)));
    }
  }

  void keepsSpecialValuesAsAten() {
    const float inf = std::numeric_limits<float>::infinity(), nan = std::numeric_limits<float>::quiet_NaN();
    const torch::Tensor x = torch::tensor({inf, -inf, nan, 0.0f, -0.0f, 1e-40f});
    const torch::Tensor got = fan::kernels::quickGelu(x), want = x * torch::sigmoid(1.702 * x);
    QVERIFY(torch::equal(got.isnan(), want.isnan()));
    QVERIFY(torch::equal(got.nan_to_num(0), want.nan_to_num(0)));
  }

  void keepsAutogradAndOtherDtypes() {
    torch::manual_seed(22);
    const torch::Tensor x = torch::randn({4, 32}, torch::requires_grad());
    fan::kernels::quickGelu(x).sum().backward();
    QVERIFY(x.grad().defined());
    const torch::Tensor doubles = torch::randn({4, 32}, torch::kDouble);
    QVERIFY(torch::allclose(fan::kernels::quickGelu(doubles), exactQuickGelu(doubles), 0, 1e-12));
  }
};

FAN_REGISTER_TEST(QuickGeluKernelTest)
#include "QuickGeluKernelTest.moc"
