// Dropping a PNG onto the prompt area fills prompt, negative prompt, seed, steps, sampler,
// guidance and size from its "parameters" text: FAN Studio's own images and other SD tools'.
#include "core/pipelines/PngParameters.h"
#include "tests/common/TestRegistry.h"
#include "ui/workspace/PromptPanel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QDropEvent>
#include <QFile>
#include <QImage>
#include <QLineEdit>
#include <QMimeData>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QUrl>

namespace {

QString writeImage(const QTemporaryDir& dir, const QString& name, const QString& parameters) {
  QImage image(16, 16, QImage::Format_RGB888);
  image.fill(Qt::darkCyan);
  const QString path = dir.filePath(name);
  fan::writePng(path, image, parameters);
  return path;
}

// Sends DragEnter then Drop of `path` to `target`; returns whether the drop was accepted.
bool dropFile(QWidget* target, const QString& path) {
  QMimeData mime;
  mime.setUrls({QUrl::fromLocalFile(path)});
  mime.setText(path);  // what a file manager also offers: the line edits must not take it as text
  QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
  QCoreApplication::sendEvent(target, &enter);
  if (!enter.isAccepted()) return false;
  QDropEvent drop(QPointF(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
  QCoreApplication::sendEvent(target, &drop);
  return drop.isAccepted();
}

}  // namespace

class PromptDropTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void fanStudioImageFillsTheFields() {
    QTemporaryDir dir;
    fan::ImageParameters p;
    p.prompt = QStringLiteral("a lighthouse at dusk, oil painting");
    p.negative = QStringLiteral("blurry, text");
    p.fields = {{QStringLiteral("Steps"), QStringLiteral("23")},      {QStringLiteral("Sampler"), QStringLiteral("DPM++ 2M Karras")},
                {QStringLiteral("CFG scale"), QStringLiteral("6.5")}, {QStringLiteral("Seed"), QStringLiteral("4242424242")},
                {QStringLiteral("Size"), QStringLiteral("640x384")},  {QStringLiteral("FAN alpha"), QStringLiteral("0.4")}};
    const QString path = writeImage(dir, QStringLiteral("fan.png"), fan::formatParameters(p));

    fan::ui::PromptPanel panel;
    QSignalSpy edited(&panel, &fan::ui::PromptPanel::targetEdited);
    QSignalSpy status(&panel, &fan::ui::PromptPanel::statusMessage);
    QVERIFY(dropFile(panel.targetEdit(), path));  // onto the prompt line itself
    QCOMPARE(panel.targetEdit()->text(), p.prompt);
    QCOMPARE(panel.negativeEdit()->text(), p.negative);
    QCOMPARE(panel.stepsBox()->value(), 23);
    QCOMPARE(panel.samplerBox()->currentData().toString(), QStringLiteral("DPM++ 2M Karras"));
    QCOMPARE(panel.guidanceBox()->value(), 6.5);
    QCOMPARE(panel.widthBox()->value(), 640);
    QCOMPARE(panel.heightBox()->value(), 384);
    QCOMPARE(panel.seedEdit()->text(), QStringLiteral("4242424242"));
    QVERIFY(panel.seedLock()->isChecked());
    QCOMPARE(panel.params().sampling.seed, quint64(4242424242));
    QCOMPARE(edited.count(), 1);
    QVERIFY(status.last().at(0).toString().contains(QStringLiteral("fan.png")));
  }

  void otherToolsTextIsRead() {
    // As AUTOMATIC1111 writes it: unknown keys, a quoted value, no FAN fields.
    QTemporaryDir dir;
    const QString text = QStringLiteral(
        "masterpiece, a red fox in the snow\nNegative prompt: lowres\n"
        "Steps: 31, Sampler: Euler a, CFG scale: 9, Seed: 77, Size: 512x768, Model hash: abcd1234, "
        "Model: sd15, Lora hashes: \"a: 1, b: 2\", Version: v1.6.0");
    const QString path = writeImage(dir, QStringLiteral("a1111.png"), text);
    fan::ui::PromptPanel panel;
    QVERIFY(dropFile(&panel, path));
    QCOMPARE(panel.targetEdit()->text(), QStringLiteral("masterpiece, a red fox in the snow"));
    QCOMPARE(panel.negativeEdit()->text(), QStringLiteral("lowres"));
    QCOMPARE(panel.stepsBox()->value(), 31);
    QCOMPARE(panel.samplerBox()->currentData().toString(), QStringLiteral("Euler a"));
    QCOMPARE(panel.guidanceBox()->value(), 9.0);
    QCOMPARE(panel.heightBox()->value(), 768);
    QCOMPARE(panel.seedEdit()->text(), QStringLiteral("77"));
  }

  void imagesWithoutParametersChangeNothing() {
    QTemporaryDir dir;
    QImage plain(8, 8, QImage::Format_RGB888);
    plain.fill(Qt::red);
    const QString bare = dir.filePath(QStringLiteral("bare.png"));
    QVERIFY(plain.save(bare));
    const QString broken = dir.filePath(QStringLiteral("broken.png"));
    QFile f(broken);
    QVERIFY(f.open(QIODevice::WriteOnly) && f.write("not a png") > 0);
    f.close();

    fan::ui::PromptPanel panel;
    panel.targetEdit()->setText(QStringLiteral("keep me"));
    QSignalSpy status(&panel, &fan::ui::PromptPanel::statusMessage);
    QVERIFY(dropFile(&panel, bare));
    QVERIFY(status.last().at(0).toString().contains(QStringLiteral("no generation parameters")));
    QVERIFY(dropFile(&panel, broken));
    QVERIFY(status.last().at(0).toString().contains(QStringLiteral("broken.png")));
    QCOMPARE(panel.targetEdit()->text(), QStringLiteral("keep me"));
    QVERIFY(!panel.seedLock()->isChecked());
    // A non-PNG file is not offered to the panel at all.
    QVERIFY(!dropFile(&panel, dir.filePath(QStringLiteral("notes.txt"))));
  }
};

FAN_REGISTER_TEST(PromptDropTest)
#include "PromptDropTest.moc"
