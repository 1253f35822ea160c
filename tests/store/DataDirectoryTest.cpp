#include "core/store/DataDirectory.h"
#include "tests/common/TestRegistry.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

class DataDirectoryTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void explicitOptionWins() {
    QTemporaryDir tmp;
    qputenv("FAN_STUDIO_DATA_DIR", tmp.filePath("env").toUtf8());
    QCOMPARE(fan::resolveDataDirectory(tmp.filePath("opt")), tmp.filePath("opt"));
    QVERIFY(QFileInfo(tmp.filePath("opt")).isDir());
    QCOMPARE(fan::resolveDataDirectory(), tmp.filePath("env"));
    QCOMPARE(QFileInfo(tmp.filePath("env")).permissions() & (QFile::ReadGroup | QFile::ReadOther), 0);
  }
};

FAN_REGISTER_TEST(DataDirectoryTest)
#include "DataDirectoryTest.moc"
