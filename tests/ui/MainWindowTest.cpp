// The main window driven like a user (QTest clicks, keys, slider moves) on a temporary store
// and the tiny SD fixture: profiling shown as the engine computes it, live alpha re-encodes,
// target/personalized pairs bit-identical to `fan-cli generate`, alpha 0, rating and pairwise
// choices, cancel, the event-loop stall during generation, profile files named on the command
// line, and a screenshot for people.
#include "core/fan/FanEngine.h"
#include "core/pipelines/Generator.h"
#include "core/pipelines/PngParameters.h"
#include "core/store/HistoryStore.h"
#include "core/store/ProfileExchange.h"
#include "tests/common/TestRegistry.h"
#include "tests/ui/UiTestUtil.h"
#include "ui/i18n/Translations.h"
#include "ui/library/HistoryPanel.h"
#include "ui/library/ProfileListModel.h"
#include "ui/library/ProfilesPanel.h"
#include "ui/workspace/ImagePane.h"
#include "ui/workspace/MainWindow.h"
#include "ui/workspace/PersonalizationPanel.h"
#include "ui/workspace/PreferencesDialog.h"
#include "ui/workspace/PreviewPanel.h"
#include "ui/workspace/ProfilingPlot.h"
#include "ui/workspace/PromptPanel.h"
#include "ui/workspace/ReferenceViewer.h"
#include "ui/workspace/SweepPanel.h"
#include "core/runtime/Runtime.h"

#include <qcustomplot.h>

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QListWidget>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTabWidget>
#include <QTimer>
#include <QToolButton>

#include <algorithm>
#include <cmath>

using namespace fan;
using namespace fan::ui;

namespace {

const QString kModel = QStringLiteral(FAN_TEST_DATA_DIR "/models/tiny-sd");
const QString kPrompt = QStringLiteral("a red fox in the snow");

// Records the longest gap between 5 ms timer ticks: how long the event loop was blocked.
class StallMeter {
 public:
  StallMeter() {
    timer_.setInterval(5);
    QObject::connect(&timer_, &QTimer::timeout, [this] {
      maxGapMs_ = std::max(maxGapMs_, clock_.restart());
    });
    clock_.start();
    timer_.start();
  }
  qint64 maxGapMs() const { return maxGapMs_; }

 private:
  QTimer timer_;
  QElapsedTimer clock_;
  qint64 maxGapMs_ = 0;
};

QImage rgb(const QImage& image) { return image.convertToFormat(QImage::Format_RGB888); }

}  // namespace

class MainWindowTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  std::unique_ptr<HistoryStore> store_;
  std::unique_ptr<MainWindow> window_;
  qint64 profile_ = 0;
  qint64 worstStallMs_ = 0;

  GeneratedPair generatePair() {
    QSignalSpy pairs(window_->engine(), &Engine::pairReady);
    QSignalSpy finished(window_->engine(), &Engine::finished);
    const StallMeter meter;
    QTest::mouseClick(window_->promptPanel()->generateButton(), Qt::LeftButton);
    const auto generated = [&] {
      return std::any_of(finished.begin(), finished.end(),
                         [](const QList<QVariant>& args) { return args.at(1).value<JobKind>() == JobKind::Generate; });
    };
    QElapsedTimer waited;
    waited.start();
    while (!generated() && waited.elapsed() < 60000) QTest::qWait(10);
    worstStallMs_ = std::max(worstStallMs_, meter.maxGapMs());
    qInfo("event-loop stall during a tiny-model pair generation: max %lld ms", meter.maxGapMs());
    if (pairs.count() != 1) qFatal("expected one pair, got %d", int(pairs.count()));
    return pairs.first().at(1).value<GeneratedPair>();
  }

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir_.filePath("config"));
    store_ = std::make_unique<HistoryStore>(dir_.path());
    profile_ = store_->createProfile(ProfileKind::User, QStringLiteral("Tester")).id;
    const QStringList subjects{"fox", "owl", "lighthouse", "castle", "violin", "teapot"};
    const QStringList styles{"watercolor", "neon poster", "pastel outline", "oil painting", "pixel art"};
    std::vector<NewEntry> entries;
    for (int i = 0; i < 30; ++i) {
      NewEntry e;
      e.prompt = QStringLiteral("%1 of a %2, detail %3").arg(styles[i % 5], subjects[i % 6]).arg(i);
      e.rating = 1 + i % 5;
      entries.push_back(e);
    }
    store_->addEntries(profile_, entries);

    WorkspaceSettings settings;
    settings.model = kModel;
    settings.threads = 1;  // as fan-cli --threads 1 below; tests share 2 cores
    window_ = std::make_unique<MainWindow>(*store_, settings);
    window_->show();
    window_->activateWindow();
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
    QTRY_VERIFY_WITH_TIMEOUT(window_->engine()->model().has_value(), 60000);
    QVERIFY2(window_->statusText().contains(QStringLiteral("tiny-sd (SD 1.x)")), qPrintable(window_->statusText()));
    QCOMPARE(window_->promptPanel()->widthBox()->value(), window_->engine()->model()->defaultSize.width());
  }

  void profilingMatchesTheEngine() {
    window_->profilesPanel()->selectProfile(profile_);
    QTest::keyClicks(window_->promptPanel()->targetEdit(), kPrompt);
    QTRY_VERIFY_WITH_TIMEOUT(window_->profiling() && window_->profiling()->job.request.target == kPrompt, 60000);
    const ProfilingView& view = *window_->profiling();

    // The same request on a FanEngine of our own.
    const std::unique_ptr<Generator> generator = Generator::load(kModel);
    FanEngine engine(generator->conditioner(), store_.get());
    PersonalizationRequest request;
    request.target = kPrompt;
    request.profile = QStringLiteral("Tester");
    const PersonalizationResult expected = engine.personalize(request);
    const HistoryProjection projection = engine.projection();
    QVERIFY(!expected.references.empty());

    QCOMPARE(view.report.picks.size(), expected.report.picks.size());
    const ReferenceViewer* viewer = window_->personalizationPanel()->references();
    QCOMPARE(viewer->table()->rowCount(), int(expected.references.size()));
    for (int row = 0; row < viewer->table()->rowCount(); ++row) {
      QCOMPARE(view.report.picks[size_t(row)].index, expected.report.picks[size_t(row)].index);
      QCOMPARE(viewer->table()->item(row, ReferenceViewer::Prompt)->text(), expected.references[size_t(row)].prompt);
      QCOMPARE(viewer->table()->item(row, ReferenceViewer::Order)->text(), QString::number(row + 1));
      QCOMPARE(viewer->weights()[size_t(row)], expected.references[size_t(row)].weight);
    }
    const ProfilingPlot* plot = window_->profilingPlot();
    QCOMPARE(plot->historyPoints(), projection.history);
    QCOMPARE(plot->targetPoint(), projection.target);
    std::vector<QPointF> picks, candidates;
    for (const ProfilePick& p : expected.report.picks) picks.push_back(projection.history[size_t(p.index)]);
    for (int c : expected.report.candidates) candidates.push_back(projection.history[size_t(c)]);
    std::vector<QPointF> plottedCandidates = plot->candidatePoints();
    const auto byX = [](QPointF a, QPointF b) { return a.x() < b.x() || (a.x() == b.x() && a.y() < b.y()); };
    std::sort(candidates.begin(), candidates.end(), byX);
    std::sort(plottedCandidates.begin(), plottedCandidates.end(), byX);
    QCOMPARE(plottedCandidates, candidates);
    std::vector<QPointF> plottedPicks = plot->pickPoints(), sortedPicks = picks;
    std::sort(plottedPicks.begin(), plottedPicks.end(), byX);
    std::sort(sortedPicks.begin(), sortedPicks.end(), byX);
    QCOMPARE(plottedPicks, sortedPicks);
    QStringList numbers;
    for (size_t k = 0; k < picks.size(); ++k) numbers << QString::number(k + 1);
    QCOMPARE(plot->pickLabels(), numbers);

    // Clicking the first pick selects its entry in the history view.
    bottomTabToPlot();
    const int first = expected.report.picks[0].index;
    QTest::mouseClick(plot->plot(), Qt::LeftButton, {}, plot->pixelOf(first));
    QTRY_COMPARE(window_->historyPanel()->selectedEntryIds(), std::vector<qint64>{expected.references[0].entryId});
  }

  void alphaSliderReencodes() {
    QSignalSpy updated(window_->engine(), &Engine::updated);
    QSlider* alpha = window_->personalizationPanel()->alphaSlider();
    QCOMPARE(alpha->value(), 40);
    alpha->setFocus();
    QTest::keyClick(alpha, Qt::Key_PageUp);  // +0.1
    QVERIFY(updated.wait(30000));
    QCOMPARE(updated.last().first().value<UpdateView>().attention.alpha, 0.5);
    QVERIFY(window_->statusText().contains(QStringLiteral("re-encoded")));
  }

  void pairIsBitIdenticalToFanCli() {
    PromptPanel* prompt = window_->promptPanel();
    prompt->stepsBox()->setValue(3);
    prompt->seedEdit()->setText(QStringLiteral("1234"));
    prompt->seedLock()->setChecked(true);
    const GeneratedPair pair = generatePair();
    QCOMPARE(pair.seed, quint64(1234));
    QVERIFY(pair.personalized != pair.target);  // alpha 0.5 changes the image

    QProcess cli;
    const QString out = dir_.filePath(QStringLiteral("cli"));
    cli.start(QStringLiteral(FAN_CLI_PATH),
              {"--threads", "1", "--data-dir", dir_.path(), "generate", "--model", kModel, "--profile", "Tester",
               "--steps", "3", "--seed", "1234", "--cfg", "7.5", "--alpha", "0.5", "--out", out, kPrompt});
    QVERIFY(cli.waitForFinished(120000));
    QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
    const QString stem = out + QStringLiteral("/00001-1234");
    QCOMPARE(rgb(pair.target), rgb(QImage(stem + "-target.png")));
    QCOMPARE(rgb(pair.personalized), rgb(QImage(stem + "-personalized.png")));
    QCOMPARE(formatParameters(pair.targetParameters), *readPngParameters(stem + "-target.png"));
    QCOMPARE(formatParameters(pair.personalizedParameters), *readPngParameters(stem + "-personalized.png"));

    // Saving from the pane writes the same PNG parameters.
    const QString saved = dir_.filePath(QStringLiteral("saved.png"));
    QVERIFY(window_->previewPanel()->personalizedPane()->saveTo(saved));
    QCOMPARE(*readPngParameters(saved), *readPngParameters(stem + "-personalized.png"));
    QCOMPARE(rgb(QImage(saved)), rgb(pair.personalized));
  }

  void ratingAndChoiceAreStored() {
    const int before = store_->entryCount(profile_);
    const GeneratedPair* pair = window_->previewPanel()->currentPair();
    QVERIFY(pair && pair->personalizedGeneration > 0 && pair->targetGeneration > 0);
    QTest::mouseClick(window_->previewPanel()->personalizedPane()->rateButton(4), Qt::LeftButton);
    QCOMPARE(store_->entryCount(profile_), before + 1);
    const HistoryEntry added = store_->entries(profile_).back();
    QCOMPARE(added.rating, std::optional<int>(4));
    QVERIFY(added.source == EntrySource::Generated);
    QCOMPARE(added.generationId, std::optional<qint64>(pair->personalizedGeneration));
    QVERIFY(added.image.has_value());
    QTest::mouseClick(window_->previewPanel()->personalizedPane()->rateButton(5), Qt::LeftButton);  // re-rate
    QCOMPARE(store_->entryCount(profile_), before + 1);
    QCOMPARE(store_->entry(added.id).rating, std::optional<int>(5));

    QTest::mouseClick(window_->previewPanel()->targetPane()->preferButton(), Qt::LeftButton);
    const std::vector<PairwiseChoice> choices = store_->choices(profile_);
    QCOMPARE(choices.size(), size_t(1));
    QCOMPARE(choices[0].winner, (ChoiceItem{ChoiceItem::Kind::Generation, pair->targetGeneration}));
    QCOMPARE(choices[0].loser, (ChoiceItem{ChoiceItem::Kind::Generation, pair->personalizedGeneration}));
  }

  void alphaZeroGivesTheTargetImage() {
    QSignalSpy updated(window_->engine(), &Engine::updated);
    window_->personalizationPanel()->alphaSlider()->setValue(0);
    QVERIFY(updated.wait(30000));
    // Ctrl+Enter generates.
    QSignalSpy finished(window_->engine(), &Engine::finished);
    QSignalSpy pairs(window_->engine(), &Engine::pairReady);
    window_->activateWindow();
    QTest::keyClick(window_->promptPanel()->targetEdit(), Qt::Key_Return, Qt::ControlModifier);
    QVERIFY(pairs.wait(60000));
    const GeneratedPair pair = pairs.first().at(1).value<GeneratedPair>();
    QCOMPARE(rgb(pair.personalized), rgb(pair.target));
    QCOMPARE(pair.personalizedParameters.value(QStringLiteral("FAN alpha")), QStringLiteral("0"));
  }

  void referenceWeightSliderReencodes() {
    settle();  // the rating above re-profiles after a pause
    const ReferenceViewer* viewer = window_->personalizationPanel()->references();
    const std::vector<double> before = viewer->weights();
    QSignalSpy updated(window_->engine(), &Engine::updated);
    QSlider* first = viewer->weightSlider(0);
    first->setFocus();
    QTest::keyClick(first, Qt::Key_PageUp);  // +0.1
    QVERIFY(updated.wait(30000));
    const UpdateView view = updated.last().first().value<UpdateView>();
    QCOMPARE(view.weights.size(), before.size());
    QCOMPARE(view.weights[0], double(std::lround(before[0] * 100) + first->pageStep()) / 100);
    for (size_t i = 1; i < before.size(); ++i) QCOMPARE(view.weights[i], before[i]);
  }

  void excludeAndPinProfileAgain() {
    ReferenceViewer* viewer = window_->personalizationPanel()->references();
    const std::vector<Reference> picked = window_->profiling()->references;
    QVERIFY(picked.size() >= 3);
    QSignalSpy personalized(window_->engine(), &Engine::personalized);
    QTest::mouseClick(qobject_cast<QToolButton*>(viewer->table()->cellWidget(0, ReferenceViewer::Exclude)), Qt::LeftButton);
    QVERIFY(personalized.wait(30000));
    const ProfilingView excluded = *window_->profiling();
    QCOMPARE(excluded.job.request.excludedEntries, std::vector<qint64>{picked[0].entryId});
    for (const Reference& r : excluded.references) QVERIFY(r.entryId != picked[0].entryId);

    const int last = viewer->table()->rowCount() - 1;
    const qint64 pinned = excluded.references[size_t(last)].entryId;
    QTest::mouseClick(qobject_cast<QToolButton*>(viewer->table()->cellWidget(last, ReferenceViewer::Pin)), Qt::LeftButton);
    QVERIFY(personalized.wait(30000));
    const ProfilingView view = *window_->profiling();
    QCOMPARE(view.references.front().entryId, pinned);  // pinned entries come first
    QVERIFY(view.report.picks.front().pinned);
    QCOMPARE(viewer->table()->item(0, ReferenceViewer::Prompt)->text(), view.references.front().prompt);
  }

  void sweepStripAndChart() {
    QSignalSpy images(window_->engine(), &Engine::sweepImage);
    QSignalSpy finished(window_->engine(), &Engine::finished);
    window_->promptPanel()->stepsBox()->setValue(2);
    QTest::mouseClick(window_->sweepPanel()->runButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(finished.begin(), finished.end(),
                                         [](const QList<QVariant>& a) { return a.at(1).value<JobKind>() == JobKind::Sweep; }),
                             60000);
    QCOMPARE(images.count(), 11);  // 0, 0.1, ..., 1
    QCOMPARE(window_->sweepPanel()->strip()->count(), 11);
    const QCPGraph* toTarget = window_->sweepPanel()->chart()->graph(0);
    QCOMPARE(toTarget->dataCount(), 11);
    const SweepImage first = images.first().at(1).value<SweepImage>();
    const SweepImage last = images.last().at(1).value<SweepImage>();
    QCOMPARE(first.alpha, 0.0);
    QCOMPARE(last.alpha, 1.0);
    QVERIFY(std::abs(first.shift.cosineToTarget - 1.0) < 1e-5);  // alpha 0 is the target condition
    QVERIFY(last.shift.cosineToTarget < first.shift.cosineToTarget);
    QCOMPARE(toTarget->data()->at(0)->value, first.shift.cosineToTarget);
    QVERIFY(first.image != last.image);
    // Clicking an image of the strip sets alpha.
    QListWidget* strip = window_->sweepPanel()->strip();
    const QRect third = strip->visualItemRect(strip->item(3));
    QTest::mouseClick(strip->viewport(), Qt::LeftButton, {}, third.center());
    QCOMPARE(window_->personalizationPanel()->alphaSlider()->value(), 30);
  }

  void preferencesOfferOnlyRealChoices() {
    PreferencesDialog dialog(window_->settings());
    QCOMPARE(dialog.deviceBox()->count(), cudaAvailable() ? 2 : 1);
    QCOMPARE(dialog.deviceBox()->itemData(0).toString(), QStringLiteral("cpu"));
    QCOMPARE(dialog.languageBox()->count(), 1 + int(availableLanguages().size()));  // + the system's
    QCOMPARE(dialog.languageBox()->itemData(1).toString(), QStringLiteral("en"));
    QCOMPARE(dialog.settings().threads, 1);
  }

  void ctrlFFocusesTheHistoryFilter() {
    window_->activateWindow();
    window_->promptPanel()->targetEdit()->setFocus();
    QTest::keyClick(window_.get(), Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(QApplication::focusWidget() && window_->historyPanel()->isAncestorOf(QApplication::focusWidget()));
    QVERIFY(qobject_cast<QLineEdit*>(QApplication::focusWidget()));
  }

  void screenshot() {
    const QString dir = QStringLiteral(FAN_BUILD_DIR "/screenshots");
    QVERIFY(QDir().mkpath(dir));
    for (const auto& [tab, name] : {std::pair<QWidget*, QString>{window_->profilingPlot(), "main-window.png"},
                                    {window_->sweepPanel(), "main-window-sweep.png"}}) {
      window_->bottomTabs()->setCurrentWidget(tab);
      QTest::qWait(50);
      const QImage shot = window_->grab().toImage();
      QVERIFY(!shot.isNull());
      QVERIFY(shot.save(dir + "/" + name));
      qInfo("screenshot: %s/%s (%dx%d)", qPrintable(dir), qPrintable(name), shot.width(), shot.height());
    }
  }

  void cancelLeavesTheHistoryUntouched() {
    const int entries = store_->entryCount(profile_);
    const size_t generations = store_->generations(profile_).size();
    window_->promptPanel()->stepsBox()->setValue(400);
    QSignalSpy progress(window_->engine(), &Engine::progress);
    QSignalSpy cancelled(window_->engine(), &Engine::cancelled);
    const StallMeter meter;
    QTest::mouseClick(window_->promptPanel()->generateButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(progress.count() >= 5, 60000);
    QTest::keyClick(window_.get(), Qt::Key_Escape);
    QVERIFY(cancelled.wait(30000));
    worstStallMs_ = std::max(worstStallMs_, meter.maxGapMs());
    qInfo("event-loop stall during a long tiny-model generation: max %lld ms", meter.maxGapMs());
    QVERIFY(progress.count() < 800);
    QCOMPARE(window_->previewPanel()->pairCount(), 0);
    QVERIFY(window_->promptPanel()->generateButton()->isEnabled());
    QCOMPARE(store_->entryCount(profile_), entries);
    QCOMPARE(store_->generations(profile_).size(), generations);
  }

  // `fan-studio FILE...` (the desktop file's %F): an exported profile is imported and shown; a
  // broken and a missing file are named in the same report, and nothing of them is imported.
  void commandLineProfileFilesAreImported() {
    QTemporaryDir files;
    QVERIFY(QDir().mkpath(files.filePath(QStringLiteral("other"))));
    HistoryStore other(files.filePath(QStringLiteral("other")));
    const qint64 mina = other.createProfile(ProfileKind::User, QStringLiteral("Mina")).id;
    NewEntry e;
    e.prompt = QStringLiteral("ink drawing of a heron");
    e.rating = 5;
    other.addEntries(mina, {e});
    const QString good = exportProfile(other, mina, files.path());
    QCOMPARE(QFileInfo(good).fileName(), QStringLiteral("Mina.fanprofile.json"));
    const QString broken = files.filePath(QStringLiteral("broken.fanprofile.json"));
    QFile truncated(broken);
    QVERIFY(truncated.open(QIODevice::WriteOnly) && truncated.write("{\"format\": \"fan-studio-profile\", ") > 0);
    truncated.close();
    const QString missing = files.filePath(QStringLiteral("missing.fanprofile.json"));
    const size_t profiles = store_->profiles().size();

    window_->importProfileFiles({good, broken, missing});
    QTRY_VERIFY_WITH_TIMEOUT(!window_->profilesPanel()->isBusy(), 30000);
    const std::optional<Profile> imported = store_->findProfile(QStringLiteral("Mina"));
    QVERIFY(imported);
    QCOMPARE(store_->entries(imported->id).front().prompt, e.prompt);
    QCOMPARE(store_->profiles().size(), profiles + 1);
    QVERIFY(window_->profilesPanel()->listModel()->rowOf(imported->id) >= 0);
    QCOMPARE(window_->profilesPanel()->currentProfileId(), imported->id);
    const QString report = fan::test::takeErrorBox(window_.get());
    QVERIFY2(report.contains(QStringLiteral("'Mina' imported from Mina.fanprofile.json with 1 entr")), qPrintable(report));
    QVERIFY2(report.contains(QStringLiteral("Could not import %1:\n%1: not valid JSON at byte 33").arg(broken)),
             qPrintable(report));
    QVERIFY2(report.contains(QStringLiteral("Could not import %1:\ncannot read %1").arg(missing)), qPrintable(report));
    window_->profilesPanel()->selectProfile(profile_);
  }

  void cleanupTestCase() {
    qInfo("worst event-loop stall over the generations above: %lld ms", worstStallMs_);
    QVERIFY2(worstStallMs_ < 50, qPrintable(QString::number(worstStallMs_)));
    window_.reset();
  }

 private:
  // Lets debounced requests start and the engine finish them.
  void settle() {
    QTest::qWait(600);
    QTRY_VERIFY_WITH_TIMEOUT(!window_->engine()->isBusy(), 30000);
  }

  void bottomTabToPlot() {
    window_->bottomTabs()->setCurrentWidget(window_->profilingPlot());
    QTest::qWait(50);  // laid out and replotted
    window_->profilingPlot()->plot()->replot();
  }
};

FAN_REGISTER_TEST(MainWindowTest)
#include "MainWindowTest.moc"
