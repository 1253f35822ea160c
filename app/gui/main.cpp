// fan-studio: the desktop application.
#include "core/runtime/Runtime.h"
#include "core/store/DataDirectory.h"
#include "core/store/DemoData.h"
#include "core/store/HistoryStore.h"
#include "ui/i18n/Translations.h"
#include "ui/workspace/MainWindow.h"
#include "ui/workspace/WorkspaceSettings.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QMessageBox>

#include <exception>
#include <memory>

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setApplicationName(QStringLiteral("fan-studio"));
  QApplication::setOrganizationName(QStringLiteral("fan-studio"));
  const fan::ui::WorkspaceSettings settings = fan::ui::WorkspaceSettings::load();
  fan::ui::installLanguage(fan::ui::resolveLanguage(settings.language));  // before any widget
  QApplication::setApplicationDisplayName(QObject::tr("FAN Studio"));
  QCommandLineParser parser;
  parser.setApplicationDescription(QObject::tr("Preference-aware personalized text-to-image generation."));
  parser.addHelpOption();
  QCommandLineOption dataDir(QStringLiteral("data-dir"),
                             QObject::tr("Data directory (default: the preferences' choice, $FAN_STUDIO_DATA_DIR or "
                                         "the user's app data folder)."),
                             QStringLiteral("DIR"));
  QCommandLineOption model(QStringLiteral("model"), QObject::tr("A diffusers model folder to load."), QStringLiteral("DIR"));
  parser.addOption(dataDir);
  parser.addOption(model);
  parser.addPositionalArgument(QStringLiteral("files"), QObject::tr("Exported profiles (.fanprofile.json) to import."),
                               QStringLiteral("[FILE...]"));
  parser.process(app);
  fan::installLargeTensorAllocator();
  fan::configureThreads(settings.threads);

  std::unique_ptr<fan::HistoryStore> store;
  try {
    const QString dir = parser.isSet(dataDir) ? parser.value(dataDir) : settings.dataDir;
    store = std::make_unique<fan::HistoryStore>(fan::resolveDataDirectory(dir));
    if (store->isEmpty()) fan::seedDemoData(*store);  // a first start shows real data, not an empty window
  } catch (const std::exception& e) {
    QMessageBox::critical(nullptr, QObject::tr("FAN Studio"),
                          QObject::tr("Cannot open the history store:\n%1").arg(QString::fromUtf8(e.what())));
    return 2;
  }
  fan::ui::WorkspaceSettings startup = settings;
  if (parser.isSet(model)) startup.model = QDir(parser.value(model)).absolutePath();
  fan::ui::MainWindow window(*store, startup);
  window.show();
  if (!parser.positionalArguments().isEmpty()) window.importProfileFiles(parser.positionalArguments());
  return app.exec();
}
