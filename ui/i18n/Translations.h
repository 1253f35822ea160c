// The user interface languages: English (the source strings) plus every translation embedded as a
// Qt resource (:/i18n/fan-studio_<code>.qm, built from translations/*.ts). Installs FAN Studio's
// translator together with Qt's own (qtbase_<code>.qm from Qt's translations folder, when the
// system has it) so standard dialogs and buttons follow. Torch-free.
#pragma once

#include <QString>
#include <QStringList>

class QToolBar;

namespace fan::ui {

// "en" first, then the embedded translations' codes ("de", "ko", ...) by name.
QStringList availableLanguages();

// The language a setting asks for: an available code as is; empty means the first of the system
// locale's UI languages that is available; anything else (or no match) falls back to "en".
QString resolveLanguage(const QString& setting);

// The language's own name for itself ("Deutsch", "한국어"), or the code when Qt knows none.
QString languageName(const QString& code);

// Makes `code` the application's language: replaces the translators installed by an earlier
// call ("en" installs only the English plural forms). Call before creating widgets (strings are
// read at construction). Returns false, changing nothing, when `code` is not available.
bool installLanguage(const QString& code);

// The language installed last ("en" before any call).
QString currentLanguage();

// Whether Qt's own translation (standard buttons and dialogs) was found for the current language.
bool qtTranslationLoaded();

// An action's text as a text-only tool button should show it: without the accelerator, including
// the CJK form "파일(&F)" whose "(F)" Qt would keep, and without a trailing ellipsis.
QString withoutMnemonic(const QString& text);

// Makes the bar's current actions show withoutMnemonic(text) and keep doing so when their text
// changes (e.g. "Undo delete of '%1'").
void plainToolBarTexts(QToolBar* bar);

}  // namespace fan::ui
