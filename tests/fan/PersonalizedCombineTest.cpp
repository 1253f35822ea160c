// The fused personalized-attention combine (kernels/PersonalizedCombine) equals the path it
// replaces in PersonalizedAttention: each condition's attention output, weighted and summed.
// End to end, the FAN goldens (PersonalizedAttentionTest) run through the fused kernel.
#include "kernels/Attention.h"
#include "kernels/PersonalizedCombine.h"
#include "tests/common/TestRegistry.h"
#include "tests/common/ThreadCount.h"

#include <QTest>

namespace {

// The replaced path: per-condition attention [C,H,L,D], times the coefficients, summed.
torch::Tensor straightforward(const torch::Tensor& q, const torch::Tensor& k, const torch::Tensor& v, double scale,
                              const torch::Tensor& bias, const std::vector<double>& coefficients) {
  const int64_t n = k.size(0);
  const torch::Tensor perCondition =
      fan::kernels::blockedAttention(q.expand({n, -1, -1, -1}), k, v, scale, bias);
  const torch::Tensor coef = torch::tensor(coefficients, torch::kDouble).to(torch::kFloat);
  return (perCondition * coef.view({-1, 1, 1, 1})).sum(0, true);
}

double relativeError(const torch::Tensor& got, const torch::Tensor& want) {
  return (got - want).abs().max().item<double>() / want.abs().max().item<double>();
}

}  // namespace

class PersonalizedCombineTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void fusedEqualsWeightedSum_data() {
    QTest::addColumn<int>("threads");
    QTest::newRow("1 thread") << 1;
    QTest::newRow("2 threads") << 2;
  }
  void fusedEqualsWeightedSum() {
    QFETCH(int, threads);
    const fan::test::ThreadCount threadCount(threads);
    const torch::NoGradGuard noGrad;
    torch::manual_seed(21);
    // CLIP-L-sized layer, target + 8 references, causal mask; the P stream's queries as head views.
    const int64_t n = 9, H = 12, L = 77, D = 64;
    const auto q = torch::randn({1, L, H * D}).view({1, L, H, D}).transpose(1, 2);
    const auto k = torch::randn({n, H, L, D}), v = torch::randn({n, H, L, D});
    const auto causal = fan::kernels::causalMask(L, torch::kFloat);
    const std::vector<double> alphaHalf{0.5, 0.1, 0.05, 0.05, 0.1, 0.05, 0.05, 0.05, 0.05};
    const auto fused = fan::kernels::personalizedCombine(q, k, v, 0.125, causal, alphaHalf);
    QCOMPARE(fused.sizes(), (c10::IntArrayRef{1, H, L, D}));
    QVERIFY(relativeError(fused, straightforward(q, k, v, 0.125, causal, alphaHalf)) < 1e-6);

    // T5-like: per-condition bias (position bias + padding masks), odd length, zero coefficients
    // (alpha 1 drops the target; weight 0 drops a reference).
    const int64_t m = 4, L2 = 23, D2 = 16;
    const auto q2 = torch::randn({1, 3, L2, D2}), k2 = torch::randn({m, 3, L2, D2}), v2 = torch::randn({m, 3, L2, D2});
    auto bias = torch::randn({1, 3, L2, L2}).repeat({m, 1, 1, 1});
    bias.narrow(0, 1, 1).narrow(3, 17, 6).fill_(std::numeric_limits<float>::lowest());  // padded reference
    const std::vector<double> alphaOne{0.0, 0.75, 0.0, 0.25};
    const auto fused2 = fan::kernels::personalizedCombine(q2, k2, v2, 1.0, bias, alphaOne);
    QVERIFY(relativeError(fused2, straightforward(q2, k2, v2, 1.0, bias, alphaOne)) < 1e-6);
  }

  void refusesWhatItCannotTake() {
    const auto q = torch::randn({1, 2, 5, 4}), k = torch::randn({3, 2, 5, 4});
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             fan::kernels::personalizedCombine(q, k, k, 0.5, std::nullopt, {1.0, 0.0}));
    QVERIFY(!fan::kernels::personalizedCombineApplicable(q.to(torch::kDouble), k, k, std::nullopt));
    QVERIFY(!fan::kernels::personalizedCombineApplicable(torch::randn({2, 2, 5, 4}), k, k, std::nullopt));
    // Inputs that need a gradient keep the differentiable path.
    const auto trained = k.clone().requires_grad_(true);
    QVERIFY(!fan::kernels::personalizedCombineApplicable(q, trained, k, std::nullopt));
  }
};

FAN_REGISTER_TEST(PersonalizedCombineTest)
#include "PersonalizedCombineTest.moc"
