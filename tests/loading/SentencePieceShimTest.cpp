// The sentencepiece shim must load and work inside a process that also runs LibTorch
// (their protobuf copies clash when linked directly; see docs in core/sentencepiece_shim).
#include "core/text/SentencePieceLibrary.h"
#include "tests/common/TestRegistry.h"

#include <QTest>

class SentencePieceShimTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void encodesNextToLibTorch() {
    const torch::Tensor t = torch::ones({2, 2}).matmul(torch::ones({2, 2}));  // LibTorch is live
    QCOMPARE(t.sum().item<float>(), 8.0f);
    fan::SentencePieceModel model(QStringLiteral(FAN_TEST_DATA_DIR "/tokenizers/t5/spiece.model"));
    QCOMPARE(model.pieceCount(), 32000);
    const std::vector<int> expected{3, 9, 6419, 13, 46, 30059, 7494, 3, 9, 4952};
    QCOMPARE(model.encode("a photograph of an astronaut riding a horse"), expected);
    QCOMPARE(model.idToPiece(6419), std::string("\xE2\x96\x81photograph"));
    QCOMPARE(model.pieceToId("\xE2\x96\x81photograph"), 6419);
    QCOMPARE(model.pieceToId("no-such-piece-anywhere"), -1);
    QCOMPARE(model.decode(expected), std::string("a photograph of an astronaut riding a horse"));
    QVERIFY(!fan::sentencePieceShimPath().isEmpty());
  }
  void missingModelNamesTheFile() {
    try {
      fan::SentencePieceModel model(QStringLiteral("/nonexistent/spiece.model"));
      QFAIL("expected an error");
    } catch (const std::exception& e) {
      QVERIFY2(QString::fromUtf8(e.what()).contains("/nonexistent/spiece.model"), e.what());
    }
  }
};

FAN_REGISTER_TEST(SentencePieceShimTest)
#include "SentencePieceShimTest.moc"
