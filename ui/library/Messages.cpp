#include "ui/library/Messages.h"

#include <QMessageBox>

namespace fan::ui {

namespace {

void showMessage(QWidget* parent, QMessageBox::Icon icon, const QString& title, const QString& message) {
  auto* box = new QMessageBox(icon, title, message, QMessageBox::Ok, parent);
  box->setAttribute(Qt::WA_DeleteOnClose);
  box->setTextFormat(Qt::PlainText);  // store messages quote user text (names, prompts)
  box->open();
}

}  // namespace

void showError(QWidget* parent, const QString& title, const QString& message) {
  showMessage(parent, QMessageBox::Warning, title, message);
}

void showInformation(QWidget* parent, const QString& title, const QString& message) {
  showMessage(parent, QMessageBox::Information, title, message);
}

bool confirm(QWidget* parent, const QString& title, const QString& question) {
  QMessageBox box(QMessageBox::Question, title, question, QMessageBox::Yes | QMessageBox::No, parent);
  box.setDefaultButton(QMessageBox::No);
  box.setTextFormat(Qt::PlainText);
  return box.exec() == QMessageBox::Yes;
}

}  // namespace fan::ui
