// The workspace engine (Engine + EngineWorker on their own thread) without widgets: re-encode
// coalescing, cancel of queued and running generations, and readable errors.
#include "core/store/HistoryStore.h"
#include "tests/common/TestRegistry.h"
#include "ui/workspace/Engine.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace fan;
using namespace fan::ui;

namespace {

const QString kModel = QStringLiteral(FAN_TEST_DATA_DIR "/models/tiny-sd");
const QString kSdxl = QStringLiteral(FAN_TEST_DATA_DIR "/models/tiny-sdxl");

PersonalizeJob explicitJob() {
  PersonalizeJob job;
  job.request.target = QStringLiteral("a red circle on a blue background");
  job.request.references = {{QStringLiteral("a watercolor painting with vibrant colors"), 1.0, -1},
                            {QStringLiteral("neon purple checker background, retro poster"), 2.0, -1},
                            {QStringLiteral("pastel outline drawing of a star"), 0.5, -1}};
  job.request.sampleSize = 0;  // every reference
  return job;
}

}  // namespace

class WorkspaceEngineTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  std::unique_ptr<Engine> engine_;

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    engine_ = std::make_unique<Engine>(dir_.path(), 1);
    QSignalSpy loaded(engine_.get(), &Engine::modelLoaded);
    engine_->loadModel(kModel, QStringLiteral("cpu"));
    QVERIFY(loaded.wait(60000));
    QCOMPARE(engine_->model()->family, QStringLiteral("SD 1.x"));
    QCOMPARE(engine_->model()->name, QStringLiteral("tiny-sd"));
    QSignalSpy personalized(engine_.get(), &Engine::personalized);
    engine_->personalize(explicitJob());
    QVERIFY(personalized.wait(60000));
    const auto view = personalized.first().first().value<ProfilingView>();
    QCOMPARE(view.references.size(), size_t(3));
    QCOMPARE(view.projection.history.size(), size_t(3));
  }

  void fastAlphaChangesAreCoalesced() {
    QSignalSpy updated(engine_.get(), &Engine::updated);
    const int before = engine_->updatesRun();
    AttentionOptions attention;
    for (int i = 1; i <= 50; ++i) {  // a slider dragged across 50 positions within one event-loop turn
      attention.alpha = i / 50.0;
      engine_->requestUpdate({}, attention);
    }
    QTRY_VERIFY_WITH_TIMEOUT(!engine_->isBusy(), 60000);
    const int ran = engine_->updatesRun() - before;
    qInfo("50 alpha requests -> %d re-encode(s)", ran);
    QVERIFY2(ran >= 1 && ran <= 2, qPrintable(QString::number(ran)));
    QVERIFY(updated.count() >= 1 && updated.count() <= 2);
    QCOMPARE(updated.last().first().value<UpdateView>().attention.alpha, 1.0);  // the latest won
  }

  void emptyProfilePersonalizesWithoutReferences() {
    {
      HistoryStore store(dir_.path());
      store.createProfile(ProfileKind::User, QStringLiteral("Newcomer"));
    }
    PersonalizeJob job = explicitJob();
    job.request.references.clear();
    job.request.profile = QStringLiteral("Newcomer");
    job.request.sampleSize = 0.1;
    QSignalSpy personalized(engine_.get(), &Engine::personalized);
    QSignalSpy failed(engine_.get(), &Engine::failed);
    engine_->personalize(job);
    QTRY_VERIFY_WITH_TIMEOUT(!engine_->isBusy(), 60000);
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().at(2).toString()));
    QCOMPARE(personalized.count(), 1);
    const ProfilingView view = personalized.first().first().value<ProfilingView>();
    QVERIFY(view.references.empty());
    QVERIFY(view.projection.history.empty());
  }

  void profilingRequestsAreCoalesced() {
    QSignalSpy personalized(engine_.get(), &Engine::personalized);
    for (int i = 0; i < 20; ++i) {  // a prompt typed with pauses while the engine is busy
      PersonalizeJob job = explicitJob();
      job.request.target = QStringLiteral("a red circle, take %1").arg(i);
      engine_->personalize(job);
    }
    QTRY_VERIFY_WITH_TIMEOUT(!engine_->isBusy(), 60000);
    QVERIFY2(personalized.count() >= 1 && personalized.count() <= 2, qPrintable(QString::number(personalized.count())));
    QCOMPARE(personalized.last().first().value<ProfilingView>().job.request.target, QStringLiteral("a red circle, take 19"));
  }

  void sweepIsCancellable() {
    SweepJob job;
    job.params.prompt = explicitJob().request.target;
    job.params.sampling.steps = 400;
    job.personalization = explicitJob();
    job.alphas = {0.0, 0.5, 1.0};
    QSignalSpy progress(engine_.get(), &Engine::progress);
    QSignalSpy images(engine_.get(), &Engine::sweepImage);
    QSignalSpy cancelled(engine_.get(), &Engine::cancelled);
    const int id = engine_->sweep(job);
    QVERIFY(progress.wait(60000));
    engine_->cancel();
    QVERIFY(cancelled.wait(30000));
    QCOMPARE(cancelled.first().first().toInt(), id);
    QCOMPARE(cancelled.first().at(1).value<JobKind>(), JobKind::Sweep);
    QCOMPARE(images.count(), 0);
  }

  void cancelStopsRunningAndQueuedGenerations() {
    GenerationJob job;
    job.params.prompt = explicitJob().request.target;
    job.params.sampling.steps = 400;  // long enough to be cancelled while running
    job.params.sampling.seed = 3;
    job.personalization = explicitJob();
    QSignalSpy progress(engine_.get(), &Engine::progress);
    QSignalSpy cancelled(engine_.get(), &Engine::cancelled);
    QSignalSpy pairs(engine_.get(), &Engine::pairReady);
    const int running = engine_->generate(job);
    const int queued = engine_->generate(job);
    QVERIFY(progress.wait(60000));
    engine_->cancel();
    QTRY_COMPARE_WITH_TIMEOUT(cancelled.count(), 2, 30000);
    QCOMPARE(cancelled.at(0).first().toInt(), running);
    QCOMPARE(cancelled.at(1).first().toInt(), queued);
    QCOMPARE(pairs.count(), 0);
    QVERIFY(progress.count() < 400);
    QTRY_VERIFY_WITH_TIMEOUT(!engine_->isBusy(), 60000);
  }

  void batchRunsConsecutiveSeeds() {
    GenerationJob job;
    job.params.prompt = explicitJob().request.target;
    job.params.sampling.steps = 2;
    job.params.sampling.seed = 10;
    job.personalization = explicitJob();
    job.batchCount = 2;
    QSignalSpy pairs(engine_.get(), &Engine::pairReady);
    engine_->generate(job);
    job.batchCount = 1;
    job.params.sampling.seed = 11;
    engine_->generate(job);
    QTRY_COMPARE_WITH_TIMEOUT(pairs.count(), 3, 60000);
    const auto pair = [&](int i) { return pairs.at(i).at(1).value<GeneratedPair>(); };
    QCOMPARE(pair(0).seed, quint64(10));
    QCOMPARE(pair(1).seed, quint64(11));
    QCOMPARE(pair(1).batchIndex, 1);
    QVERIFY(pair(0).target != pair(1).target);
    QCOMPARE(pair(2).target, pair(1).target);  // batch run 2 is the run of seed + 1
    QCOMPARE(pair(2).personalized, pair(1).personalized);
  }

  // Issue 8: an SDXL folder needs no flags; its pairs equal fan-cli's for the same references.
  void sdxlPairsEqualFanCli() {
    Engine engine(dir_.path(), 1);
    QSignalSpy loaded(&engine, &Engine::modelLoaded);
    engine.loadModel(kSdxl, QStringLiteral("cpu"));
    QVERIFY(loaded.wait(60000));
    QCOMPARE(engine.model()->family, QStringLiteral("SDXL"));
    QCOMPARE(engine.model()->defaultGuidance, 5.0);

    GenerationJob job;
    job.params.prompt = explicitJob().request.target;
    job.params.sampling.steps = 2;
    job.params.sampling.seed = 99;
    job.params.sampling.guidanceScale = engine.model()->defaultGuidance;
    job.personalization = explicitJob();
    QSignalSpy pairs(&engine, &Engine::pairReady);
    engine.generate(job);
    QVERIFY(pairs.wait(120000));
    const GeneratedPair pair = pairs.first().at(1).value<GeneratedPair>();
    QVERIFY(pair.target != pair.personalized);

    QTemporaryDir out;
    QFile refs(out.filePath("refs.json"));
    QVERIFY(refs.open(QIODevice::WriteOnly));
    QJsonArray items;
    for (const Reference& r : explicitJob().request.references)
      items.append(QJsonObject{{"prompt", r.prompt}, {"weight", r.weight}});
    refs.write(QJsonDocument(items).toJson());
    refs.close();
    QProcess cli;
    cli.start(QStringLiteral(FAN_CLI_PATH), {"--threads", "1", "--data-dir", dir_.path(), "generate", "--model", kSdxl,
                                             "--refs", refs.fileName(), "--sample-size", "0", "--steps", "2", "--seed",
                                             "99", "--out", out.path(), job.params.prompt});
    QVERIFY(cli.waitForFinished(120000));
    QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
    const QString stem = out.filePath(QStringLiteral("00001-99"));
    QCOMPARE(pair.target.convertToFormat(QImage::Format_RGB888), QImage(stem + "-target.png").convertToFormat(QImage::Format_RGB888));
    QCOMPARE(pair.personalized.convertToFormat(QImage::Format_RGB888),
             QImage(stem + "-personalized.png").convertToFormat(QImage::Format_RGB888));
    QCOMPARE(formatParameters(pair.personalizedParameters), *readPngParameters(stem + "-personalized.png"));
  }

  void errorsAreMessagesNotCrashes() {
    QSignalSpy failed(engine_.get(), &Engine::failed);
    engine_->loadModel(dir_.path(), QStringLiteral("cpu"));  // no model_index.json
    QVERIFY(failed.wait(30000));
    QVERIFY2(failed.last().at(2).toString().contains(QStringLiteral("model_index.json")),
             qPrintable(failed.last().at(2).toString()));
    QCOMPARE(engine_->model()->name, QStringLiteral("tiny-sd"));  // the loaded model stays

    PersonalizeJob bad = explicitJob();
    bad.request.profile = QStringLiteral("Nobody");
    bad.request.references.clear();
    bad.request.sampleSize = 0.1;
    engine_->personalize(bad);
    QVERIFY(failed.wait(30000));
    QVERIFY2(failed.last().at(2).toString().contains(QStringLiteral("Nobody")), qPrintable(failed.last().at(2).toString()));

    GenerationJob job;
    job.params.prompt = QStringLiteral("x");
    job.params.sampling.steps = 2;
    job.params.sampling.width = 31;  // not a multiple of the VAE factor
    engine_->generate(job);
    QVERIFY(failed.wait(30000));
    QVERIFY2(failed.last().at(2).toString().contains(QStringLiteral("31")), qPrintable(failed.last().at(2).toString()));
  }
};

FAN_REGISTER_TEST(WorkspaceEngineTest)
#include "WorkspaceEngineTest.moc"
