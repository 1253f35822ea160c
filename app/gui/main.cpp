// fan-studio: the desktop application.
#include "core/runtime/Runtime.h"
#include "core/store/DataDirectory.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLabel>

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setApplicationName(QStringLiteral("fan-studio"));
  QApplication::setOrganizationName(QStringLiteral("fan-studio"));
  QCommandLineParser parser;
  parser.addHelpOption();
  QCommandLineOption dataDir(QStringLiteral("data-dir"), QObject::tr("Data directory."), QStringLiteral("DIR"));
  parser.addOption(dataDir);
  parser.process(app);
  fan::configureThreads(0);
  QLabel label(fan::resolveDataDirectory(parser.value(dataDir)));
  label.show();
  return app.exec();
}
