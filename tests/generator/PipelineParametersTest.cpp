// Generation parameters in PNG files ("parameters" text chunk, the common SD tools' format):
// formatting, parsing (ours and other tools' texts), tEXt / iTXt chunks, and file round trips.
#include "core/pipelines/Generator.h"
#include "core/pipelines/PngParameters.h"
#include "tests/common/TestRegistry.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

namespace {

QImage testImage() {
  QImage image(7, 5, QImage::Format_RGB888);
  for (int y = 0; y < image.height(); ++y)
    for (int x = 0; x < image.width(); ++x) image.setPixelColor(x, y, QColor(x * 30, y * 50, (x * y * 13) % 256));
  return image;
}

fan::ImageParameters sample() {
  fan::GenerationParams params;
  params.prompt = QStringLiteral("a red circle, on a blue background");
  params.negative = QStringLiteral("blurry");
  params.clipSkip = 2;
  params.sampling.guidanceScale = 7.5;
  fan::GenerationOutput out;
  out.sampler = QStringLiteral("DPM++ 2M Karras");
  out.steps = 20;
  out.seed = 4294967297ULL;
  out.width = 512;
  out.height = 768;
  fan::ImageParameters p = fan::imageParameters(params, out, QStringLiteral("my, model"), QStringLiteral("0123abcd"));
  fan::addFanParameters(p, {0.4, 0.1, {"12", "15", "3"}, QStringLiteral("pa=skip:1 skip=self query=target cfg_negative=default")});
  return p;
}

}  // namespace

class PipelineParametersTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void formatsTheCommonLayout() {
    QCOMPARE(fan::formatParameters(sample()),
             QStringLiteral("a red circle, on a blue background\n"
                            "Negative prompt: blurry\n"
                            "Steps: 20, Sampler: DPM++ 2M Karras, CFG scale: 7.5, Seed: 4294967297, Size: 512x768, "
                            "Model hash: 0123abcd, Model: \"my, model\", Clip skip: 2, FAN alpha: 0.4, "
                            "FAN sample size: 0.1, FAN references: 12;15;3, "
                            "FAN options: pa=skip:1 skip=self query=target cfg_negative=default"));
    fan::ImageParameters noNegative = sample();
    noNegative.negative.clear();
    QVERIFY(!fan::formatParameters(noNegative).contains("Negative prompt"));
  }

  void parsesWhatItWrites() {
    fan::ImageParameters p = sample();
    p.prompt = QStringLiteral("line one\nline two with \"quotes\"");
    p.negative = QStringLiteral("neg one\nneg two");
    p.set(QStringLiteral("Note"), QStringLiteral("a \"quoted\", comma\nand newline"));
    const fan::ImageParameters back = fan::parseParameters(fan::formatParameters(p));
    QCOMPARE(back.prompt, p.prompt);
    QCOMPARE(back.negative, p.negative);
    QCOMPARE(back.fields, p.fields);
    QCOMPARE(back.value("Model"), QStringLiteral("my, model"));
    QCOMPARE(back.value("FAN references").split(';'), (QStringList{"12", "15", "3"}));
  }

  void parsesOtherToolsTexts() {
    const fan::ImageParameters p = fan::parseParameters(QStringLiteral(
        "masterpiece, 1girl\nNegative prompt: lowres, bad anatomy\n"
        "Steps: 28, Sampler: Euler a, CFG scale: 7, Seed: 123, Size: 512x512, Model hash: 925997e9, "
        "Lora hashes: \"add_detail: 7c6bad76eb54\", Version: v1.6.0"));
    QCOMPARE(p.prompt, QStringLiteral("masterpiece, 1girl"));
    QCOMPARE(p.negative, QStringLiteral("lowres, bad anatomy"));
    QCOMPARE(p.value("Sampler"), QStringLiteral("Euler a"));
    QCOMPARE(p.value("Lora hashes"), QStringLiteral("add_detail: 7c6bad76eb54"));
    QCOMPARE(p.value("Version"), QStringLiteral("v1.6.0"));
    // Without a parameter line everything is prompt.
    const fan::ImageParameters bare = fan::parseParameters(QStringLiteral("just a prompt, nothing else"));
    QCOMPARE(bare.prompt, QStringLiteral("just a prompt, nothing else"));
    QVERIFY(bare.fields.isEmpty());
  }

  void writesATextChunkAfterTheHeader() {
    const QString text = fan::formatParameters(sample());
    const QByteArray png = fan::encodePng(testImage(), text);
    QCOMPARE(png.mid(33 + 4, 4), QByteArray("tEXt"));
    const quint32 length = qFromBigEndian<quint32>(png.constData() + 33);
    QCOMPARE(png.mid(33 + 8, int(length)), QByteArray("parameters") + '\0' + text.toLatin1());
    QImage back;
    QVERIFY(back.loadFromData(png, "png"));
    QCOMPARE(back.text("parameters"), text);  // libpng checked the chunk's CRC
    QCOMPARE(back.convertToFormat(QImage::Format_RGB888), testImage());
  }

  void roundTripsUnicodeThroughFiles() {
    QTemporaryDir tmp;
    fan::ImageParameters p = sample();
    p.prompt = QStringLiteral("café au lait, 猫, 🎨");
    const QString text = fan::formatParameters(p);
    const QString path = tmp.filePath("u.png");
    fan::writePng(path, testImage(), text);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll().mid(33 + 4, 4), QByteArray("iTXt"));
    QCOMPARE(fan::readPngParameters(path).value_or(QString()), text);
    QCOMPARE(fan::parseParameters(*fan::readPngParameters(path)).prompt, p.prompt);
  }

  void readsFilesWithoutParametersAndRejectsNonImages() {
    QTemporaryDir tmp;
    const QString plain = tmp.filePath("plain.png");
    QVERIFY(testImage().save(plain, "png"));
    QVERIFY(!fan::readPngParameters(plain).has_value());
    const QString bogus = tmp.filePath("bogus.png");
    QFile f(bogus);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("not a png");
    f.close();
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, fan::readPngParameters(bogus));
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, fan::writePng(tmp.filePath("missing/dir/x.png"), testImage(), "x"));
  }
};

FAN_REGISTER_TEST(PipelineParametersTest)
#include "PipelineParametersTest.moc"
