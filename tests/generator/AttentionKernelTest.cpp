// The chunked attention kernel equals the one-shot softmax(q kᵀ s + b) v it replaces.
#include "kernels/Attention.h"
#include "tests/common/TestRegistry.h"

#include <QTest>

class AttentionKernelTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void chunkedEqualsDirect() {
    torch::manual_seed(3);
    const auto q = torch::randn({2, 3, 37, 8}), k = torch::randn({2, 3, 29, 8}), v = torch::randn({2, 3, 29, 8});
    const auto bias = torch::randn({1, 3, 37, 29});
    const auto direct = torch::matmul(torch::softmax(torch::matmul(q, k.transpose(-2, -1)) * 0.35 + bias, -1), v);
    // A tiny score budget forces one query row per block.
    const auto chunked = fan::kernels::attention(q, k, v, 0.35, bias, 1);
    QVERIFY((direct - chunked).abs().max().item<float>() < 1e-6f);
    QVERIFY((direct - fan::kernels::attention(q, k, v, 0.35, bias)).abs().max().item<float>() < 1e-6f);
  }
  void causalMaskBlocksTheFuture() {
    const auto mask = fan::kernels::causalMask(4, torch::kFloat);
    QCOMPARE(mask[0][0][1][1].item<float>(), 0.0f);
    QCOMPARE(mask[0][0][1][0].item<float>(), 0.0f);
    QVERIFY(mask[0][0][1][2].item<float>() < -1e38f);
    // Half types get their own lowest value instead of overflowing.
    QCOMPARE(fan::kernels::causalMask(3, torch::kHalf)[0][0][0][2].item<float>(), -65504.0f);
    QVERIFY(fan::kernels::causalMask(3, torch::kBFloat16)[0][0][0][2].item<float>() < -3e38f);
  }
};

FAN_REGISTER_TEST(AttentionKernelTest)
#include "AttentionKernelTest.moc"
