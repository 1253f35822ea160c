// Message boxes of the library panels. Errors open window-modal without blocking (the caller
// goes on; nothing waits on a nested event loop); confirmations block and return the answer.
#pragma once

#include <QString>

class QWidget;

namespace fan::ui {

void showError(QWidget* parent, const QString& title, const QString& message);
void showInformation(QWidget* parent, const QString& title, const QString& message);
// "title", "question" with Yes/No (No is the default); true for Yes.
bool confirm(QWidget* parent, const QString& title, const QString& question);

}  // namespace fan::ui
