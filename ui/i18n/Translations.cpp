#include "ui/i18n/Translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QAction>
#include <QPointer>
#include <QRegularExpression>
#include <QToolBar>
#include <QTranslator>

namespace fan::ui {

namespace {

const QString kResourceDir = QStringLiteral(":/i18n");
const QString kPrefix = QStringLiteral("fan-studio_");
const QString kEnglish = QStringLiteral("en");

// The translators currently installed; owned by the application object so they never outlive it.
struct Installed {
  QString code = kEnglish;
  QPointer<QTranslator> app;
  QPointer<QTranslator> qt;
};

Installed& installed() {
  static Installed state;
  return state;
}

void remove(QPointer<QTranslator>& translator) {
  if (!translator) return;
  QCoreApplication::removeTranslator(translator);
  delete translator;
}

}  // namespace

QStringList availableLanguages() {
  QStringList codes{kEnglish};
  const QStringList files = QDir(kResourceDir).entryList({kPrefix + QStringLiteral("*.qm")}, QDir::Files, QDir::Name);
  for (const QString& file : files) {
    const QString code = file.mid(kPrefix.size(), file.size() - kPrefix.size() - 3);
    if (!codes.contains(code)) codes << code;
  }
  return codes;
}

QString resolveLanguage(const QString& setting) {
  const QStringList codes = availableLanguages();
  if (codes.contains(setting)) return setting;
  if (!setting.isEmpty()) return kEnglish;
  // uiLanguages() lists the user's preferences best first ("de-CH", "de", ...); the translations
  // are per language, so the region is dropped.
  for (const QString& ui : QLocale::system().uiLanguages()) {
    const QString code = QLocale(ui).name().section(QLatin1Char('_'), 0, 0);
    if (codes.contains(code)) return code;
  }
  return kEnglish;
}

QString languageName(const QString& code) {
  if (code == kEnglish) return QStringLiteral("English");  // not "American English"
  const QLocale locale(code);
  if (locale.language() == QLocale::C) return code;
  const QString name = locale.nativeLanguageName();
  if (name.isEmpty()) return code;
  return name.left(1).toUpper() + name.mid(1);  // "français" -> "Français" in a list
}

bool installLanguage(const QString& code) {
  if (!availableLanguages().contains(code)) return false;
  Installed& state = installed();
  remove(state.app);
  remove(state.qt);
  state.code = code;

  // English has a file too: the plural forms of the "%n entry(s)" sources.
  auto* app = new QTranslator(QCoreApplication::instance());
  if (app->load(kPrefix + code, kResourceDir)) {
    QCoreApplication::installTranslator(app);
    state.app = app;
  } else {
    delete app;
  }
  if (code == kEnglish) return true;

  // Qt's own strings (OK/Cancel, file dialogs); optional: Debian ships them in qt6-translations-l10n.
  auto* qt = new QTranslator(QCoreApplication::instance());
  if (qt->load(QStringLiteral("qtbase_") + code, QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
    QCoreApplication::installTranslator(qt);
    state.qt = qt;
  } else {
    delete qt;
  }
  return true;
}

QString currentLanguage() { return installed().code; }

bool qtTranslationLoaded() { return !installed().qt.isNull(); }

QString withoutMnemonic(const QString& text) {
  static const QRegularExpression cjkMnemonic(QStringLiteral("\\(&[^&]\\)"));
  QString s = QString(text).remove(cjkMnemonic).remove(QStringLiteral("...")).remove(QChar(0x2026));
  QString plain;
  for (qsizetype i = 0; i < s.size(); ++i) {
    if (s[i] == QLatin1Char('&')) {
      if (i + 1 < s.size() && s[i + 1] == QLatin1Char('&')) plain += s[++i];  // "&&" is a literal '&'
      continue;
    }
    plain += s[i];
  }
  return plain.trimmed();
}

void plainToolBarTexts(QToolBar* bar) {
  for (QAction* action : bar->actions()) {
    if (action->isSeparator()) continue;
    const auto update = [action] { action->setIconText(withoutMnemonic(action->text())); };  // no-op when unchanged
    update();
    QObject::connect(action, &QAction::changed, action, update);
  }
}

}  // namespace fan::ui
