// Running fan-cli (FAN_CLI_PATH) from tests, and reading the images it writes.
#pragma once

#include <QDir>
#include <QImage>
#include <QProcess>
#include <QString>
#include <QStringList>

namespace fan::test {

struct CliRun {
  int exitCode = -1;  // -1 when fan-cli crashed
  QString out, err;
};

// Runs fan-cli with one compute thread (tests run side by side, and OpenMP's spinning threads on
// an oversubscribed machine made a 3-step tiny run take 16 s instead of 0.3 s) on `dataDir`,
// which is also the working directory (the default --out folder). Aborts the test run when
// fan-cli does not finish within `timeoutMs`.
inline CliRun runCli(const QStringList& args, const QString& dataDir, int timeoutMs = 180000) {
  QProcess p;
  p.setWorkingDirectory(dataDir);
  p.start(QStringLiteral(FAN_CLI_PATH), QStringList{"--threads", "1", "--data-dir", dataDir} + args);
  if (!p.waitForFinished(timeoutMs)) qFatal("fan-cli did not finish: %s", qPrintable(args.join(' ')));
  return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
          QString::fromUtf8(p.readAllStandardError())};
}

inline QImage readRgbImage(const QString& path) {
  QImage img(path);
  if (img.isNull()) qFatal("cannot read %s", qPrintable(path));
  return img.convertToFormat(QImage::Format_RGB888);
}

inline QStringList pngFiles(const QString& dir) { return QDir(dir).entryList({"*.png"}, QDir::Files, QDir::Name); }

}  // namespace fan::test
