// kernels::linear (few-row products split over threads by output columns) gives what at::linear
// gives (to 1e-6 relative), takes at::linear's path where it must (gradients, other dtypes, many rows),
// and treats odd shapes as at::linear does.
#include "kernels/Linear.h"
#include "tests/common/TestRegistry.h"
#include "tests/common/ThreadCount.h"

#include <QTest>

class LinearKernelTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void equalsAtLinear_data() { fan::test::addThreadCountRows(); }
  void equalsAtLinear() {
    QFETCH(int, threads);
    const fan::test::ThreadCount threadCount(threads);
    const torch::NoGradGuard noGrad;
    torch::manual_seed(3);
    struct Case {
      std::vector<int64_t> x;
      int64_t out;
      bool bias;
    };
    // CLIP-L's 77 tokens, odd column counts that do not divide evenly, one row, a 3-d batch, and
    // a product with more rows than the split takes.
    for (const Case& c : {Case{{1, 77, 768}, 3072, true}, Case{{77, 96}, 129, true}, Case{{1, 96}, 200, false},
                          Case{{2, 3, 40}, 255, true}, Case{{300, 64}, 256, true}, Case{{5, 16}, 100, true}}) {
      const torch::Tensor x = torch::randn(c.x), w = torch::randn({c.out, c.x.back()});
      const torch::Tensor b = c.bias ? torch::randn({c.out}) : torch::Tensor();
      const torch::Tensor want = at::linear(x, w, b);
      const torch::Tensor got = fan::kernels::linear(x, w, b);
      QCOMPARE(got.sizes(), want.sizes());
      // The same dot products, though BLAS may order a short sum differently for another shape.
      const double error = (got - want).abs().max().item<double>() / want.abs().max().item<double>();
      if (error > 1e-6) QFAIL(qPrintable(QStringLiteral("%1 columns: relative error %2").arg(c.out).arg(error)));
    }
  }

  void keepsAutogradAndOtherDtypes() {
    const fan::test::ThreadCount threadCount(2);
    torch::manual_seed(5);
    const torch::Tensor x = torch::randn({77, 64}, torch::requires_grad()), w = torch::randn({256, 64});
    const torch::Tensor y = fan::kernels::linear(x, w);
    y.sum().backward();
    QVERIFY(x.grad().defined());
    QVERIFY(torch::allclose(x.grad(), w.sum(0).expand({77, 64})));
    const torch::Tensor xd = torch::randn({77, 64}, torch::kDouble), wd = torch::randn({256, 64}, torch::kDouble);
    QVERIFY(torch::equal(fan::kernels::linear(xd, wd), at::linear(xd, wd)));
  }

  void followsAtLinearOnOddShapes() {
    const fan::test::ThreadCount threadCount(2);
    const torch::NoGradGuard noGrad;
    QVERIFY_THROWS_EXCEPTION(c10::Error, fan::kernels::linear(torch::randn({77, 64}), torch::randn({256, 65})));
    // A one-element bias broadcasts, as at::linear's does.
    const torch::Tensor x = torch::randn({77, 64}), w = torch::randn({256, 64}), b = torch::randn({1});
    QVERIFY(torch::equal(fan::kernels::linear(x, w, b), at::linear(x, w, b)));
  }
};

FAN_REGISTER_TEST(LinearKernelTest)
#include "LinearKernelTest.moc"
