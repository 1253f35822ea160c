// Helpers for widget tests that drive real panels: answering modal dialogs, finding actions,
// reading error boxes.
#pragma once

#include <QAction>
#include <QApplication>
#include <QDeadlineTimer>
#include <QList>
#include <QMessageBox>
#include <QPointer>
#include <QString>
#include <QTimer>
#include <QWidget>

#include <functional>

namespace fan::test {

// Answers the next modal dialog of type T from inside its exec() (gives up after 5 s). A
// dialog the answer left open (a failed check returns early) is rejected, so no test hangs.
template <typename T>
inline void whenModal(std::function<void(T*)> answer) {
  auto* timer = new QTimer;
  const QDeadlineTimer deadline(5000);
  QObject::connect(timer, &QTimer::timeout, [timer, answer, deadline] {
    QPointer<T> dialog = qobject_cast<T*>(QApplication::activeModalWidget());
    if (!dialog && !deadline.hasExpired()) return;
    timer->stop();
    timer->deleteLater();
    if (!dialog) return;
    answer(dialog);
    if (dialog && dialog->isVisible()) dialog->reject();
  });
  timer->start(10);
}

inline QAction* actionNamed(const QList<QAction*>& actions, const QString& textPart) {
  for (QAction* a : actions)
    if (a->text().remove(QLatin1Char('&')).contains(textPart, Qt::CaseInsensitive)) return a;
  qFatal("no action named like %s", qPrintable(textPart));
}

inline QString takeErrorBox(QWidget* panel) {
  for (QMessageBox* box : panel->findChildren<QMessageBox*>()) {
    if (!box->isVisible()) continue;
    const QString text = box->text();
    box->close();
    return text;
  }
  return {};
}

}  // namespace fan::test
