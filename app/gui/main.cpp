// fan-studio: the desktop application.
#include "core/runtime/Runtime.h"
#include "core/store/DataDirectory.h"
#include "core/store/DemoData.h"
#include "core/store/HistoryStore.h"
#include "ui/StoreWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>

#include <exception>
#include <memory>

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setApplicationName(QStringLiteral("fan-studio"));
  QApplication::setOrganizationName(QStringLiteral("fan-studio"));
  QApplication::setApplicationDisplayName(QObject::tr("FAN Studio"));
  QCommandLineParser parser;
  parser.setApplicationDescription(QObject::tr("Preference-aware personalized text-to-image generation."));
  parser.addHelpOption();
  QCommandLineOption dataDir(QStringLiteral("data-dir"),
                             QObject::tr("Data directory (default: $FAN_STUDIO_DATA_DIR or the user's app data folder)."),
                             QStringLiteral("DIR"));
  parser.addOption(dataDir);
  parser.process(app);
  fan::configureThreads(0);

  std::unique_ptr<fan::HistoryStore> store;
  try {
    store = std::make_unique<fan::HistoryStore>(fan::resolveDataDirectory(parser.value(dataDir)));
    if (store->isEmpty()) fan::seedDemoData(*store);  // a first start shows real data, not an empty window
  } catch (const std::exception& e) {
    QMessageBox::critical(nullptr, QObject::tr("FAN Studio"),
                          QObject::tr("Cannot open the history store:\n%1").arg(QString::fromUtf8(e.what())));
    return 2;
  }
  fan::ui::StoreWindow window(*store);
  window.show();
  return app.exec();
}
