// Helpers shared by the store tests: temporary data folders, small images, raw SQL checks.
#pragma once

#include "core/store/HistoryStore.h"

#include <QColor>
#include <QDir>
#include <QImage>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

namespace fan::test {

// Writes a w x h PNG filled with `color` and returns its path.
inline QString writePng(const QString& path, int w, int h, QColor color) {
  QImage image(w, h, QImage::Format_RGB32);
  image.fill(color);
  QDir().mkpath(QFileInfo(path).path());
  if (!image.save(path, "PNG")) qFatal("cannot write %s", qPrintable(path));
  return path;
}

// Runs one statement on a separate raw connection (to look under the store's API).
inline QVariant rawScalar(const QString& dbPath, const QString& statement) {
  QVariant result;
  {
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw-check"));
    db.setDatabaseName(dbPath);
    if (!db.open()) qFatal("cannot open %s", qPrintable(dbPath));
    QSqlQuery q(db);
    if (!q.exec(statement)) qFatal("raw query failed: %s", qPrintable(statement));
    if (q.next()) result = q.value(0);
  }
  QSqlDatabase::removeDatabase(QStringLiteral("raw-check"));
  return result;
}

inline NewEntry entry(const QString& prompt, std::optional<int> rating = std::nullopt,
                      std::optional<double> weight = std::nullopt, QStringList tags = {}) {
  NewEntry e;
  e.prompt = prompt;
  e.rating = rating;
  e.weight = weight;
  e.tags = std::move(tags);
  return e;
}

// QVERIFY_THROWS_EXCEPTION exists only from Qt 6.3 with a different spelling in older
// releases; this also checks the message names what went wrong.
#define FAN_VERIFY_THROWS(Exception, expression, messagePart)                                   \
  do {                                                                                           \
    bool fanThrew = false;                                                                       \
    try {                                                                                        \
      expression;                                                                                \
    } catch (const Exception& fanError) {                                                        \
      fanThrew = true;                                                                           \
      QVERIFY2(QString::fromUtf8(fanError.what()).contains(QString(messagePart)), fanError.what()); \
    }                                                                                            \
    QVERIFY2(fanThrew, "expected " #Exception " from " #expression);                             \
  } while (false)

}  // namespace fan::test
