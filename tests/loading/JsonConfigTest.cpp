// JsonConfig reads the non-standard Infinity / -Infinity / NaN that Python's json module writes
// (diffusers saves DPM-Solver's lambda_min_clipped = -Infinity), without touching strings.
#include "core/io/JsonConfig.h"
#include "core/io/Safetensors.h"
#include "core/schedulers/Scheduler.h"
#include "core/schedulers/SchedulerFactory.h"
#include "tests/common/TestRegistry.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

namespace {

fan::JsonConfig configFrom(const QTemporaryDir& tmp, const QByteArray& text) {
  const QString path = tmp.filePath(QStringLiteral("scheduler_config.json"));
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text) != text.size())
    qFatal("cannot write %s", qPrintable(path));
  file.close();
  return fan::JsonConfig::fromFile(path);
}

}  // namespace

class JsonConfigTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void readsPythonNonFiniteNumbers() {
    QTemporaryDir tmp;
    const fan::JsonConfig json = configFrom(
        tmp, "{\"_class_name\": \"DPMSolverMultistepScheduler\", \"lambda_min_clipped\": -Infinity,"
             " \"a\": Infinity, \"b\": NaN, \"note\": \"NaN and -Infinity stay text\", \"c\": [1, -Infinity]}");
    QVERIFY(std::isinf(json.getDouble("lambda_min_clipped", 0)) && json.getDouble("lambda_min_clipped", 0) < 0);
    QVERIFY(std::isinf(json.getDouble("a", 0)) && json.getDouble("a", 0) > 0);
    QVERIFY(std::isnan(json.getDouble("b", 0)));
    QCOMPARE(json.getString("note", {}), std::string("NaN and -Infinity stay text"));
    // A non-finite value is still not a string or an integer.
    QVERIFY_THROWS_EXCEPTION(fan::LoadError, json.getInt("a", 0));
  }

  void dpmSolverConfigWithMinusInfinityBuilds() {
    QTemporaryDir tmp;
    const fan::JsonConfig json = configFrom(
        tmp, "{\"_class_name\": \"DPMSolverMultistepScheduler\", \"beta_schedule\": \"scaled_linear\","
             " \"beta_start\": 0.00085, \"beta_end\": 0.012, \"lambda_min_clipped\": -Infinity}");
    const auto scheduler = fan::makeScheduler(json, "DPM++ 2M Karras");
    QVERIFY(std::isinf(scheduler->config().lambdaMinClipped));
    QCOMPARE(fan::samplerDisplayName(*scheduler), std::string("DPM++ 2M Karras"));
  }

  void malformedWordsAreStillErrors() {
    QTemporaryDir tmp;
    QVERIFY_THROWS_EXCEPTION(fan::LoadError, configFrom(tmp, "{\"a\": Infinit}"));
    QVERIFY_THROWS_EXCEPTION(fan::LoadError, configFrom(tmp, "{\"a\": -NaN}"));
  }
};

FAN_REGISTER_TEST(JsonConfigTest)
#include "JsonConfigTest.moc"
