// The embedded demo model in the workspace: an alpha sweep is judged (target fidelity and
// preference alignment per alpha, over 4 images each) and the sweep chart shows both curves.
#include "core/runtime/ResourcePaths.h"
#include "core/store/DemoData.h"
#include "core/store/HistoryStore.h"
#include "tests/common/TestRegistry.h"
#include "ui/workspace/Engine.h"
#include "ui/workspace/SweepPanel.h"

#include <qcustomplot.h>

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace fan;
using namespace fan::ui;

class DemoSweepTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void sweepIsJudgedAndCharted() {
    QTemporaryDir dir;
    {
      HistoryStore store(dir.path());
      seedDemoData(store);
    }
    const QString model = embeddedModelDir();
    QVERIFY2(!model.isEmpty(), "no embedded model under resources/models");
    Engine engine(dir.path(), 1);
    QSignalSpy loaded(&engine, &Engine::modelLoaded);
    engine.loadModel(model, QStringLiteral("cpu"));
    QVERIFY(loaded.wait(60000));

    SweepJob job;
    job.params.prompt = QStringLiteral("a red star");
    job.params.sampling.steps = 20;
    job.params.sampling.guidanceScale = 5;
    job.params.sampling.seed = 1;
    job.personalization.request.target = job.params.prompt;
    job.personalization.request.profile = QStringLiteral("Demo artist");
    job.alphas = {0.0, 1.0};
    QSignalSpy images(&engine, &Engine::sweepImage);
    QSignalSpy failed(&engine, &Engine::failed);
    engine.sweep(job);
    QTRY_VERIFY_WITH_TIMEOUT(images.count() == 2 || !failed.isEmpty(), 60000);
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().at(2).toString()));

    SweepPanel panel;
    panel.startSweep();
    QVERIFY(!panel.chart()->graph(2)->visible());
    for (const QList<QVariant>& signal : images) {
      const SweepImage image = signal.at(1).value<SweepImage>();
      qInfo("alpha %.1f: fidelity %.2f, alignment %.2f over %d images", image.alpha, image.fidelity.value_or(-1),
            image.alignment.value_or(-1), image.judgedImages);
      QCOMPARE(image.judgedImages, 4);
      QVERIFY(image.fidelity && *image.fidelity >= 0 && *image.fidelity <= 1);
      QVERIFY(image.alignment && *image.alignment >= 0 && *image.alignment <= 1);  // the target leaves the background unnamed
      panel.addImage(image);
    }
    for (int graph : {2, 3}) {
      QVERIFY(panel.chart()->graph(graph)->visible());
      QCOMPARE(panel.chart()->graph(graph)->dataCount(), 2);
    }
  }
};

FAN_REGISTER_TEST(DemoSweepTest)
#include "DemoSweepTest.moc"
