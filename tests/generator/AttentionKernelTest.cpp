// The attention kernels equal the straightforward softmax(q kᵀ s + b) v: the blocked path and the
// flash kernel (tiled, online softmax, multi-threaded) against a float64 LibTorch reference.
#include "kernels/Attention.h"
#include "kernels/FlashAttention.h"
#include "kernels/Parallel.h"
#include "tests/common/TestRegistry.h"
#include "tests/common/ThreadCount.h"

#include <QTest>

namespace {

torch::Tensor reference(const torch::Tensor& q, const torch::Tensor& k, const torch::Tensor& v, double scale,
                        const std::optional<torch::Tensor>& bias) {
  auto d = [](const torch::Tensor& t) { return t.to(torch::kDouble); };
  torch::Tensor scores = torch::matmul(d(q), d(k).transpose(-2, -1)) * scale;
  if (bias) scores = scores + d(*bias);
  return torch::matmul(torch::softmax(scores, -1), d(v));
}

// max |got - want| / max |want|: the error relative to the output's scale.
double relativeError(const torch::Tensor& got, const torch::Tensor& want) {
  return (got.to(torch::kDouble) - want).abs().max().item<double>() / want.abs().max().item<double>();
}

// [B,H,L,D] heads as views of a [B,L,H*D] projection, as the models pass them.
torch::Tensor headViews(int64_t b, int64_t h, int64_t l, int64_t d) {
  return torch::randn({b, l, h * d}).view({b, l, h, d}).transpose(1, 2);
}

}  // namespace

class AttentionKernelTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void blockedEqualsDirect() {
    torch::manual_seed(3);
    const auto q = torch::randn({2, 3, 37, 8}), k = torch::randn({2, 3, 29, 8}), v = torch::randn({2, 3, 29, 8});
    const auto bias = torch::randn({1, 3, 37, 29});
    const auto direct = torch::matmul(torch::softmax(torch::matmul(q, k.transpose(-2, -1)) * 0.35 + bias, -1), v);
    // A tiny score budget forces one query row per block.
    const auto chunked = fan::kernels::blockedAttention(q, k, v, 0.35, bias, 1);
    QVERIFY((direct - chunked).abs().max().item<float>() < 1e-6f);
    QVERIFY((direct - fan::kernels::blockedAttention(q, k, v, 0.35, bias)).abs().max().item<float>() < 1e-6f);
  }

  void kernelLoopsUseEveryThread() {
    // A build without OpenMP for the kernels would run every at::parallel_for on one thread.
    for (int threads : {1, 2}) {
      const fan::test::ThreadCount threadCount(threads);
      QCOMPARE(fan::kernels::parallelLoopThreads(), int64_t(threads));
    }
  }

  void flashEqualsReference_data() {
    QTest::addColumn<int>("threads");
    QTest::addColumn<int>("queryTile");
    QTest::addColumn<int>("keyTile");
    for (int threads : {1, 2}) {
      const fan::kernels::FlashTiles defaults;
      QTest::addRow("%d thread(s), default tiles", threads) << threads << int(defaults.queries) << int(defaults.keys);
      QTest::addRow("%d thread(s), odd tiles 7x13", threads) << threads << 7 << 13;
    }
  }
  void flashEqualsReference() {
    QFETCH(int, threads);
    QFETCH(int, queryTile);
    QFETCH(int, keyTile);
    const fan::test::ThreadCount threadCount(threads);
    const fan::kernels::FlashTiles tiles{queryTile, keyTile};
    torch::manual_seed(7);
    struct Case {
      int64_t b, h, lq, lk, d, dv;
    };
    // Odd sizes, one-row and one-key inputs, several key tiles, the UNet's head dims (40, 80).
    for (const Case& c : {Case{1, 1, 1, 1, 8, 8}, Case{2, 3, 37, 29, 8, 8}, Case{1, 2, 131, 1000, 40, 40},
                          Case{2, 8, 256, 77, 40, 40}, Case{1, 5, 65, 513, 80, 24}, Case{3, 1, 17, 3, 5, 7}}) {
      const auto q = headViews(c.b, c.h, c.lq, c.d), k = headViews(c.b, c.h, c.lk, c.d);
      const auto v = torch::randn({c.b, c.h, c.lk, c.dv});  // contiguous heads too
      const double scale = 1.0 / std::sqrt(double(c.d));
      const std::vector<std::optional<torch::Tensor>> biases{
          std::nullopt, torch::randn({1, c.h, c.lq, c.lk}), torch::randn({c.b, 1, 1, c.lk}) * 3,
          torch::randn({c.lq, c.lk})};
      for (const auto& bias : biases) {
        const auto want = reference(q, k, v, scale, bias);
        const auto flash = fan::kernels::flashAttention(q, k, v, scale, bias, tiles);
        QCOMPARE(flash.sizes(), want.sizes());
        const double error = relativeError(flash, want);
        if (error > 1e-5)
          QFAIL(qPrintable(QStringLiteral("[%1,%2,%3,%4,%5] bias %6: relative error %7")
                               .arg(c.b).arg(c.h).arg(c.lq).arg(c.lk).arg(c.d)
                               .arg(bias ? QString::number(bias->dim()) + "-d" : QStringLiteral("none"))
                               .arg(error)));
      }
    }
  }

  void flashHandlesMasks() {
    torch::manual_seed(11);
    const fan::kernels::FlashTiles tiles{4, 8};
    const auto q = torch::randn({1, 2, 20, 16}), k = torch::randn({1, 2, 20, 16}), v = torch::randn({1, 2, 20, 16});
    // The causal mask (the dtype's lowest value) leaves whole key tiles masked for early rows.
    const auto causal = fan::kernels::causalMask(20, torch::kFloat);
    const auto flashCausal = fan::kernels::flashAttention(q, k, v, 0.25, causal, tiles);
    QVERIFY(relativeError(flashCausal, reference(q, k, v, 0.25, causal)) < 1e-5);
    // -inf in the first key tiles only: rows still attend to the rest (no NaN from -inf - -inf).
    auto infMask = torch::zeros({1, 1, 20, 20});
    infMask.narrow(3, 0, 12).fill_(-std::numeric_limits<float>::infinity());
    const auto masked = fan::kernels::flashAttention(q, k, v, 0.25, infMask, tiles);
    QVERIFY(relativeError(masked, reference(q, k, v, 0.25, infMask)) < 1e-5);
    // A row masked everywhere is NaN, as the straightforward softmax makes it.
    infMask.select(2, 3).fill_(-std::numeric_limits<float>::infinity());
    const auto allMasked = fan::kernels::flashAttention(q, k, v, 0.25, infMask, tiles);
    QVERIFY(allMasked.select(2, 3).isnan().all().item<bool>());
    QVERIFY(!allMasked.select(2, 4).isnan().any().item<bool>());
  }

  // BLAS reads rows in place only where they are real rows: keys and values broadcast along the
  // tokens (row stride 0) are copied first, and a single query row's stride is never used.
  void flashReadsBroadcastAndSingleRowOperands() {
    torch::manual_seed(13);
    const auto q = torch::randn({2, 3, 16, 1}).transpose(2, 3);  // [2,3,1,16], row stride 1
    const auto k = torch::randn({2, 3, 1, 16}).expand({2, 3, 40, 16}), v = torch::randn({2, 3, 40, 8});
    QVERIFY(relativeError(fan::kernels::flashAttention(q, k, v, 0.25), reference(q, k, v, 0.25, std::nullopt)) < 1e-5);
    const auto queries = torch::randn({2, 3, 5, 16});
    const auto broadcastValues = torch::randn({1, 1, 1, 8}).expand({2, 3, 40, 8});
    QVERIFY(relativeError(fan::kernels::flashAttention(queries, k, broadcastValues, 0.25),
                          reference(queries, k, broadcastValues, 0.25, std::nullopt)) < 1e-5);
  }

  void flashOutputMergesHeadsForFree() {
    const auto q = headViews(2, 4, 9, 8);
    const auto out = fan::kernels::flashAttention(q, q, q, 0.3);
    QCOMPARE(out.sizes(), q.sizes());
    QVERIFY(out.transpose(1, 2).is_contiguous());  // [B,L,H,D] memory: reshape to [B,L,H*D] is a view
  }

  void pathRuleKeepsAutogradAndOtherDtypes() {
    torch::manual_seed(5);
    const auto q = torch::randn({1, 2, 300, 40}), k = torch::randn({1, 2, 300, 40}), v = torch::randn({1, 2, 300, 40});
    // Training: inputs that need a gradient take the differentiable path, and gradients flow.
    const auto qGrad = q.clone().requires_grad_(true);
    QCOMPARE(fan::kernels::choosePath(qGrad, k, v, std::nullopt), fan::kernels::AttentionPath::Blocked);
    const auto out = fan::kernels::attention(qGrad, k, v, 0.2);
    out.sum().backward();
    QVERIFY(qGrad.grad().defined() && qGrad.grad().abs().sum().item<double>() > 0);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, fan::kernels::flashAttention(qGrad, k, v, 0.2));
    // The same inputs without grad mode may take the flash kernel.
    {
      const torch::NoGradGuard noGrad;
      QVERIFY(fan::kernels::flashAttentionApplicable(qGrad, k, v, std::nullopt));
    }
    // float64 (and half types) stay on the LibTorch path; a bias that needs a gradient too.
    QCOMPARE(fan::kernels::choosePath(q.to(torch::kDouble), k.to(torch::kDouble), v.to(torch::kDouble), std::nullopt),
             fan::kernels::AttentionPath::Blocked);
    const auto trainedBias = torch::zeros({1, 2, 300, 300}).requires_grad_(true);
    QCOMPARE(fan::kernels::choosePath(q, k, v, trainedBias), fan::kernels::AttentionPath::Blocked);
    // Whichever path the rule picks, attention() equals the reference.
    const torch::NoGradGuard noGrad;
    QVERIFY(relativeError(fan::kernels::attention(q, k, v, 0.2), reference(q, k, v, 0.2, std::nullopt)) < 1e-5);
  }

  void pathRuleFollowsMeasurements() {
    using fan::kernels::AttentionPath;
    auto path = [](int64_t b, int64_t h, int64_t lq, int64_t lk, int64_t d) {
      // The rule reads shapes only: expanded zeros stand in for large inputs.
      const auto q = torch::zeros({1, 1, 1, d}).expand({b, h, lq, d});
      const auto kv = torch::zeros({1, 1, 1, d}).expand({b, h, lk, d});
      return fan::kernels::choosePath(q, kv, kv, std::nullopt);
    };
    QCOMPARE(path(2, 8, 1024, 1024, 40), AttentionPath::Flash);    // UNet self-attention, 256 px
    QCOMPARE(path(2, 8, 1024, 77, 40), AttentionPath::Flash);      // UNet cross-attention
    QCOMPARE(path(2, 8, 64, 64, 160), AttentionPath::Flash);       // UNet's smallest level
    QCOMPARE(path(1, 12, 77, 77, 64), AttentionPath::Flash);       // CLIP-L, one prompt
    QCOMPARE(path(10, 12, 77, 77, 64), AttentionPath::Flash);      // CLIP-L, ten prompts
    QCOMPARE(path(1, 1, 4096, 4096, 512), AttentionPath::Flash);   // VAE mid-block, 512 px
    QCOMPARE(path(1, 1, 16384, 16384, 512), AttentionPath::Flash); // 1 GiB of scores: linear memory
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
