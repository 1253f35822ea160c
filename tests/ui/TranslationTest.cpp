// German and Korean are complete: with each translation installed, the main window (on a
// temporary store and the tiny SD fixture), its menus and its dialogs show no string that still
// equals its English value (built once without a translator), apart from a short list of proper
// names and units. Also checks the language list and how settings resolve to a language.
#include "core/schedulers/SchedulerFactory.h"
#include "core/store/HistoryStore.h"
#include "tests/common/TestRegistry.h"
#include "ui/i18n/Translations.h"
#include "ui/library/EntryDialog.h"
#include "ui/library/HistoryPanel.h"
#include "ui/library/ImportReportDialog.h"
#include "ui/library/MembersDialog.h"
#include "ui/library/ProfilesPanel.h"
#include "ui/workspace/MainWindow.h"
#include "ui/workspace/PreferencesDialog.h"

#include <qcustomplot.h>

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLibraryInfo>
#include <QLineEdit>
#include <QMap>
#include <QMenu>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QProcess>
#include <QProgressBar>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTextEdit>
#include <QToolButton>
#include <QXmlStreamReader>

#include <algorithm>
#include <memory>
#include <vector>

using namespace fan;
using namespace fan::ui;

namespace {

const QString kModel = QStringLiteral(FAN_TEST_DATA_DIR "/models/tiny-sd");

// Words that stay the same in every language: names and units. German keeps a few English
// terms of the field on purpose (see translations/: "Prompt", "Seed", "Sampler").
const QStringList kAllowedWords{
    "FAN", "Studio", "CFG", "PNG", "CSV", "JSON", "SD", "SDXL", "x", "px", "MiB", "ms", "s",
    "CPU", "CUDA", "GPU", "LibTorch", "Qt", "PCA", "CLIP", "PA", "VAE", "OK", "Esc", "Ctrl",
    "diffusers", "α"};
const QMap<QString, QStringList> kAllowedWordsByLanguage{
    {"de", {"Prompt", "Seed", "Sampler"}},
    {"ko", {}},
};

// One visible string: where it is shown and whether Qt's own translation provides it.
struct Shown {
  QString text;
  bool fromQt = false;
};
using Texts = QMap<QString, Shown>;  // "<widget path> <property>" -> text

// A path that names the same widget in two windows built the same way.
QString pathOf(const QObject* object) {
  QStringList parts;
  for (const QObject* o = object; o; o = o->parent()) {
    const QObject* parent = o->parent();
    const int index = parent ? int(parent->children().indexOf(const_cast<QObject*>(o))) : 0;
    parts.prepend(QStringLiteral("%1#%2:%3").arg(QString::fromLatin1(o->metaObject()->className()), o->objectName())
                      .arg(index));
  }
  return parts.join(QLatin1Char('/'));
}

class Walker {
 public:
  Texts texts;

  void add(const QObject* owner, const QString& what, const QString& text, bool fromQt = false) {
    if (!text.trimmed().isEmpty()) texts.insert(pathOf(owner) + QLatin1Char(' ') + what, {text, fromQt});
  }

  void walkAction(const QAction* a) {
    add(a, QStringLiteral("text"), a->text());
    add(a, QStringLiteral("toolTip"), a->toolTip());
    add(a, QStringLiteral("statusTip"), a->statusTip());
    add(a, QStringLiteral("whatsThis"), a->whatsThis());
  }

  void walkModelHeaders(const QObject* owner, const QAbstractItemModel* model) {
    if (!model) return;
    for (int c = 0; c < model->columnCount(); ++c)
      for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole)})
        add(owner, QStringLiteral("header%1/%2").arg(c).arg(role),
            model->headerData(c, Qt::Horizontal, role).toString());
  }

  void walkPlot(QCustomPlot* plot) {
    for (QCPAxis* axis : plot->axisRect()->axes()) add(plot, QStringLiteral("axis%1").arg(axis->axisType()), axis->label());
    for (int i = 0; i < plot->plottableCount(); ++i) add(plot, QStringLiteral("plottable%1").arg(i), plot->plottable(i)->name());
    for (int i = 0; i < plot->itemCount(); ++i)
      if (auto* text = qobject_cast<QCPItemText*>(plot->item(i))) add(plot, QStringLiteral("item%1").arg(i), text->text());
    for (int i = 0; i < plot->plotLayout()->elementCount(); ++i)
      if (auto* title = qobject_cast<QCPTextElement*>(plot->plotLayout()->elementAt(i)))
        add(plot, QStringLiteral("title%1").arg(i), title->text());
  }

  void walkWidget(const QWidget* w) {
    if (w->isWindow() || qobject_cast<const QDockWidget*>(w)) add(w, QStringLiteral("windowTitle"), w->windowTitle());
    add(w, QStringLiteral("toolTip"), w->toolTip());
    add(w, QStringLiteral("statusTip"), w->statusTip());
    add(w, QStringLiteral("whatsThis"), w->whatsThis());
    for (const QAction* a : w->actions()) walkAction(a);
    if (auto* b = qobject_cast<const QAbstractButton*>(w)) {
      const auto* box = qobject_cast<const QDialogButtonBox*>(w->parent());
      add(w, QStringLiteral("text"), b->text(),
          box && box->standardButton(const_cast<QAbstractButton*>(b)) != QDialogButtonBox::NoButton);
    }
    if (auto* l = qobject_cast<const QLabel*>(w)) add(w, QStringLiteral("text"), l->text());
    if (auto* g = qobject_cast<const QGroupBox*>(w)) add(w, QStringLiteral("title"), g->title());
    if (auto* m = qobject_cast<const QMenu*>(w)) add(w, QStringLiteral("title"), m->title());
    if (auto* e = qobject_cast<const QLineEdit*>(w)) add(w, QStringLiteral("placeholder"), e->placeholderText());
    if (auto* e = qobject_cast<const QPlainTextEdit*>(w)) add(w, QStringLiteral("placeholder"), e->placeholderText());
    if (auto* e = qobject_cast<const QTextEdit*>(w)) add(w, QStringLiteral("placeholder"), e->placeholderText());
    if (auto* p = qobject_cast<const QProgressBar*>(w)) add(w, QStringLiteral("format"), p->format());
    if (auto* s = qobject_cast<const QAbstractSpinBox*>(w)) add(w, QStringLiteral("special"), s->specialValueText());
    if (auto* s = qobject_cast<const QSpinBox*>(w)) {
      add(w, QStringLiteral("prefix"), s->prefix());
      add(w, QStringLiteral("suffix"), s->suffix());
    }
    if (auto* s = qobject_cast<const QDoubleSpinBox*>(w)) {
      add(w, QStringLiteral("prefix"), s->prefix());
      add(w, QStringLiteral("suffix"), s->suffix());
    }
    if (auto* c = qobject_cast<const QComboBox*>(w)) {
      add(w, QStringLiteral("placeholder"), c->placeholderText());
      // An editable combo's items are values to type (e.g. PA layer sets), not labels.
      for (int i = 0; i < (c->isEditable() ? 0 : c->count()); ++i) {
        add(w, QStringLiteral("item%1").arg(i), c->itemText(i));
        add(w, QStringLiteral("itemTip%1").arg(i), c->itemData(i, Qt::ToolTipRole).toString());
      }
    }
    if (auto* t = qobject_cast<const QTabBar*>(w))
      for (int i = 0; i < t->count(); ++i) {
        add(w, QStringLiteral("tab%1").arg(i), t->tabText(i));
        add(w, QStringLiteral("tabTip%1").arg(i), t->tabToolTip(i));
      }
    if (auto* v = qobject_cast<const QAbstractItemView*>(w)) walkModelHeaders(w, v->model());
    if (auto* plot = qobject_cast<const QCustomPlot*>(w)) walkPlot(const_cast<QCustomPlot*>(plot));  // its getters are not const
  }

  void walk(const QWidget* root) {
    walkWidget(root);
    for (const QWidget* w : root->findChildren<QWidget*>()) walkWidget(w);
    for (const QAction* a : root->findChildren<QAction*>()) walkAction(a);
  }
};


// One message of a .ts file as lupdate left it.
struct TsMessage {
  QString where;  // "file:line" of its first use
  QString source;
  QStringList translations;  // one per plural form
  bool unfinished = false;
};

std::vector<TsMessage> readTs(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) qFatal("cannot read %s", qPrintable(path));
  std::vector<TsMessage> messages;
  QXmlStreamReader xml(&file);
  bool numerus = false;
  while (!xml.atEnd()) {
    if (xml.readNext() != QXmlStreamReader::StartElement) continue;
    const auto name = xml.name();
    if (name == QLatin1String("message")) {
      messages.emplace_back();
      numerus = xml.attributes().value("numerus") == QLatin1String("yes");
    } else if (messages.empty()) {
      continue;  // the context's <name>
    } else if (name == QLatin1String("location") && messages.back().where.isEmpty()) {
      const auto a = xml.attributes();
      const QString file = QFileInfo(QFileInfo(path).dir(), a.value("filename").toString()).canonicalFilePath();
      messages.back().where = file + ':' + a.value("line").toString();
    } else if (name == QLatin1String("source")) {
      messages.back().source = xml.readElementText();
    } else if (name == QLatin1String("translation")) {
      messages.back().unfinished = xml.attributes().value("type") == QLatin1String("unfinished");
      if (!numerus) messages.back().translations << xml.readElementText();
    } else if (name == QLatin1String("numerusform")) {
      messages.back().translations << xml.readElementText();
    }
  }
  if (xml.hasError()) qFatal("%s: %s", qPrintable(path), qPrintable(xml.errorString()));
  return messages;
}

// Placeholders (%1, %n, %v, ...) and the accelerator count must survive translation.
QString formatProblem(const QString& source, const QString& translation) {
  static const QRegularExpression placeholder(QStringLiteral("%(\\d+|[nvmp])"));
  static const QRegularExpression accelerator(QStringLiteral("&(?!&)\\S"));
  const auto collect = [](const QString& text) {
    QStringList found;
    for (auto it = placeholder.globalMatch(text); it.hasNext();) found << it.next().captured();
    found.removeDuplicates();
    found.sort();
    return found;
  };
  if (collect(source) != collect(translation)) return QStringLiteral("placeholders differ");
  if (QString(source).replace("&&", "").count(accelerator) != QString(translation).replace("&&", "").count(accelerator))
    return QStringLiteral("accelerator count differs");
  return {};
}

}  // namespace

class TranslationTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  std::unique_ptr<HistoryStore> store_;
  qint64 team_ = 0;
  // Texts that are the same in every language, longest first: what the store holds (names,
  // prompts, tags), the sampler names and each language's own name.
  QStringList data_;

  // The main window on the test store, shown, with the tiny model loaded.
  std::unique_ptr<MainWindow> openWindow() {
    WorkspaceSettings settings;
    settings.model = kModel;
    settings.threads = 1;
    auto window = std::make_unique<MainWindow>(*store_, settings);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get())) qFatal("main window not exposed");
    QElapsedTimer waited;
    waited.start();
    while (!window->engine()->model().has_value() && waited.elapsed() < 60000) QTest::qWait(10);
    if (!window->engine()->model().has_value()) qFatal("the tiny model did not load");
    QTest::qWait(50);
    return window;
  }

  // Everything the user can see: the main window with a model loaded and its dialogs.
  Texts collect(const QString& language) {
    Walker walker;
    const std::unique_ptr<MainWindow> opened = openWindow();
    MainWindow& window = *opened;
    const WorkspaceSettings& settings = window.settings();
    walker.walk(&window);
    screenshot(&window, QStringLiteral("main-window-%1.png").arg(language));

    PreferencesDialog preferences(settings, &window);
    walker.walk(&preferences);
    screenshot(&preferences, QStringLiteral("preferences-%1.png").arg(language));
    EntryDialog entry({QStringLiteral("winter")}, &window);
    walker.walk(&entry);
    MembersDialog members(*store_, team_, &window);
    walker.walk(&members);
    ImportReportDialog report(QStringLiteral("history.csv"), 2, {{3, QStringLiteral("the rating is not 1-5")}}, &window);
    walker.walk(&report);
    return walker.texts;
  }

  // For people checking layouts (long German labels, Korean glyphs): build/screenshots/.
  static void screenshot(QWidget* widget, const QString& name) {
    const QString dir = QStringLiteral(FAN_BUILD_DIR "/screenshots");
    if (!QDir().mkpath(dir) || !widget->grab().save(dir + QLatin1Char('/') + name)) qWarning("cannot save %s", qPrintable(name));
  }

  // Whether an English text holds something to translate: words left after removing the
  // store's data and the allowed names and units.
  bool needsTranslation(QString text, const QString& language) const {
    for (const QString& value : data_) text.remove(value);
    static const QRegularExpression placeholder(QStringLiteral("%(\\d+|[a-zA-Z])"));
    text.remove(placeholder);
    static const QRegularExpression word(QStringLiteral("\\p{L}+"));
    for (auto it = word.globalMatch(text); it.hasNext();) {
      const QString w = it.next().captured();
      if (!kAllowedWords.contains(w) && !kAllowedWordsByLanguage.value(language).contains(w)) return true;
    }
    return false;
  }

  // Builds everything with `language` installed and lists the strings still equal to English.
  void checkLanguage(const QString& language) {
    if (english_.isEmpty()) {
      QVERIFY(installLanguage(QStringLiteral("en")));
      english_ = collect(QStringLiteral("en"));
      QVERIFY2(english_.size() > 150, qPrintable(QString::number(english_.size())));
    }
    QVERIFY(installLanguage(language));
    QCOMPARE(currentLanguage(), language);
    const bool qtTranslated = qtTranslationLoaded();
    if (!qtTranslated) qWarning("Qt's own %s translation is not installed: standard buttons not checked", qPrintable(language));
    const Texts translated = collect(language);
    QVERIFY(installLanguage(QStringLiteral("en")));

    QStringList missing;
    int checked = 0;
    for (auto it = english_.cbegin(); it != english_.cend(); ++it) {
      const auto other = translated.constFind(it.key());
      if (other == translated.cend() || !needsTranslation(it->text, language) || (it->fromQt && !qtTranslated)) continue;
      ++checked;
      if (other->text == it->text) missing << QStringLiteral("%1  [%2]").arg(it->text, it.key().section(QLatin1Char('/'), -1));
    }
    qInfo("%s: %d strings checked, %d untranslated", qPrintable(language), checked, int(missing.size()));
    QVERIFY2(checked > 150, qPrintable(QString::number(checked)));
    QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("untranslated (%1):\n").arg(language) + missing.join('\n')));
  }

  Texts english_;  // the walk without a translator, once

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir_.filePath("config"));
    store_ = std::make_unique<HistoryStore>(dir_.path());
    const qint64 tester = store_->createProfile(ProfileKind::User, QStringLiteral("Tester")).id;
    team_ = store_->createProfile(ProfileKind::Group, QStringLiteral("Team")).id;
    store_->setMember(team_, tester);
    NewEntry e;
    e.prompt = QStringLiteral("watercolor of a fox");
    e.rating = 4;
    e.tags = {QStringLiteral("winter")};
    store_->addEntries(tester, {e});
    data_ = {kModel, QStringLiteral("tiny-sd"), QStringLiteral("Tester"), QStringLiteral("Team"), e.prompt, QStringLiteral("winter"),
             QStringLiteral("history.csv"), QStringLiteral("the rating is not 1-5")};
    for (const std::string& name : schedulerNames()) data_ << QString::fromStdString(name);
    for (const QString& code : availableLanguages()) data_ << languageName(code);
    std::sort(data_.begin(), data_.end(), [](const QString& a, const QString& b) { return a.size() > b.size(); });
  }

  void languagesAreEmbedded() {
    const QStringList codes = availableLanguages();
    QCOMPARE(codes.first(), QStringLiteral("en"));
    QVERIFY2(codes.contains("de") && codes.contains("ko"), qPrintable(codes.join(',')));
    QCOMPARE(resolveLanguage(QStringLiteral("ko")), QStringLiteral("ko"));
    QCOMPARE(resolveLanguage(QStringLiteral("xx")), QStringLiteral("en"));
    QVERIFY(codes.contains(resolveLanguage(QString())));  // the system locale's, or English
    QCOMPARE(languageName(QStringLiteral("de")), QStringLiteral("Deutsch"));
    QCOMPARE(languageName(QStringLiteral("ko")), QStringLiteral("한국어"));
    QVERIFY(!installLanguage(QStringLiteral("xx")));
    QCOMPARE(currentLanguage(), QStringLiteral("en"));

    // Plural forms, English included ("%n entry(s)" is only the source).
    const auto entries = [](int n) { return QCoreApplication::translate("fan::ui::ProfileListModel", "%1 · %n entry(s)", nullptr, n); };
    QVERIFY(installLanguage(QStringLiteral("en")));
    QCOMPARE(entries(1), QStringLiteral("%1 · 1 entry"));
    QCOMPARE(entries(2), QStringLiteral("%1 · 2 entries"));
    QVERIFY(installLanguage(QStringLiteral("de")));
    QCOMPARE(entries(1), QStringLiteral("%1 · 1 Eintrag"));
    QCOMPARE(entries(3), QStringLiteral("%1 · 3 Einträge"));
    QVERIFY(installLanguage(QStringLiteral("ko")));
    QCOMPARE(entries(3), QStringLiteral("%1 · 항목 3개"));
    QVERIFY(installLanguage(QStringLiteral("en")));
  }

  // lupdate over today's sources (into copies of the .ts files): every string of ui/ and app/gui
  // has a finished translation with its placeholders and accelerator intact. Catches strings
  // added since the last `update_translations`, including ones no walk can reach (errors).
  void sourcesAreTranslated() {
    const QString root = QDir(QStringLiteral(FAN_TEST_DATA_DIR "/../..")).canonicalPath();
    const QString lupdate = QLibraryInfo::path(QLibraryInfo::BinariesPath) + QStringLiteral("/lupdate");
    if (!QFileInfo(lupdate).isExecutable()) QSKIP("lupdate is not installed (qt6-l10n-tools)");
    QTemporaryDir work;
    QStringList tsFiles;
    for (const QString& language : {QStringLiteral("de"), QStringLiteral("ko"), QStringLiteral("en")}) {
      const QString copy = work.filePath(QStringLiteral("fan-studio_%1.ts").arg(language));
      QVERIFY(QFile::copy(QStringLiteral("%1/translations/fan-studio_%2.ts").arg(root, language), copy));
      QStringList args{"-silent", "-no-obsolete", "-locations", "absolute", "-I", root, root + "/ui", root + "/app/gui",
                       "-ts", copy};
      if (language == QLatin1String("en")) args.prepend(QStringLiteral("-pluralonly"));  // English: plural forms only
      QProcess process;
      process.start(lupdate, args);
      QVERIFY(process.waitForFinished(60000));
      QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
      tsFiles << copy;
    }

    for (const QString& ts : tsFiles) {
      const std::vector<TsMessage> messages = readTs(ts);
      QVERIFY2(messages.size() > (ts.endsWith("_en.ts") ? 10 : 300), qPrintable(QString::number(messages.size())));
      QStringList problems;
      for (const TsMessage& m : messages) {
        const bool empty = std::any_of(m.translations.begin(), m.translations.end(), [](const QString& t) { return t.isEmpty(); });
        if (m.unfinished || m.translations.isEmpty() || empty) {
          problems << QStringLiteral("%1: untranslated: %2").arg(m.where, m.source);
          continue;
        }
        for (const QString& t : m.translations)
          if (const QString problem = formatProblem(m.source, t); !problem.isEmpty())
            problems << QStringLiteral("%1: %2: %3 -> %4").arg(m.where, problem, m.source, t);
      }
      qInfo("%s: %d messages", qPrintable(QFileInfo(ts).fileName()), int(messages.size()));
      QVERIFY2(problems.isEmpty(), qPrintable(QFileInfo(ts).fileName() + QStringLiteral(
          " (run `cmake --build <build> --target update_translations` and translate):\n") + problems.join('\n')));
    }
  }

  // Text-only tool buttons show no accelerator, not even Korean's "(N)" of "새로 만들기(&N)".
  void toolBarsShowNoMnemonics() {
    QCOMPARE(withoutMnemonic(QStringLiteral("파일(&F)")), QStringLiteral("파일"));
    QCOMPARE(withoutMnemonic(QStringLiteral("Import &CSV...")), QStringLiteral("Import CSV"));
    QCOMPARE(withoutMnemonic(QStringLiteral("Save && close…")), QStringLiteral("Save & close"));
    QVERIFY(installLanguage(QStringLiteral("ko")));
    const ProfilesPanel profiles(*store_);
    const HistoryPanel history(*store_);
    static const QRegularExpression mnemonic(QStringLiteral("&|\\([A-Z]\\)"));
    int buttons = 0;
    for (const QWidget* panel : {static_cast<const QWidget*>(&profiles), static_cast<const QWidget*>(&history)})
      for (const QToolButton* button : panel->findChildren<QToolButton*>()) {
        if (!button->defaultAction()) continue;  // the toolbar's overflow button
        ++buttons;
        QVERIFY2(!button->text().contains(mnemonic), qPrintable(button->text()));
      }
    QVERIFY(installLanguage(QStringLiteral("en")));
    QVERIFY2(buttons > 8, qPrintable(QString::number(buttons)));
  }

  // Within each menu of the main window (the menu bar included) no two items share an accelerator
  // key, in English and in each translation, so Alt+key reaches one item.
  void menusHaveDistinctAccelerators() {
    static const QRegularExpression accelerator(QStringLiteral("&([^&])"));
    for (const QString& language : {QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("ko")}) {
      QVERIFY(installLanguage(language));
      const std::unique_ptr<MainWindow> window = openWindow();
      QList<const QWidget*> menus{window->menuBar()};
      for (const QMenu* menu : window->findChildren<QMenu*>()) menus << menu;
      QStringList clashes;
      for (const QWidget* menu : menus) {
        QMap<QChar, QStringList> byKey;
        for (const QAction* a : menu->actions())
          if (const auto m = accelerator.match(a->text()); m.hasMatch() && a->isVisible()) byKey[m.captured(1).at(0).toLower()] << a->text();
        for (const QStringList& texts : byKey)
          if (texts.size() > 1) clashes << texts.join(QStringLiteral(" | "));
      }
      QVERIFY(installLanguage(QStringLiteral("en")));
      QVERIFY2(clashes.isEmpty(), qPrintable(language + QStringLiteral(":\n") + clashes.join('\n')));
    }
  }

  void germanIsComplete() { checkLanguage(QStringLiteral("de")); }
  void koreanIsComplete() { checkLanguage(QStringLiteral("ko")); }

  void cleanupTestCase() { installLanguage(QStringLiteral("en")); }
};

FAN_REGISTER_TEST(TranslationTest)
#include "TranslationTest.moc"
