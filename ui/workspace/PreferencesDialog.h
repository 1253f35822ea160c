// Preferences: data directory, model folders, device (CUDA only when present), compute
// threads, language (English plus the translations installed), default sampler.
#pragma once

#include "ui/workspace/WorkspaceSettings.h"

#include <QDialog>

class QComboBox;
class QLineEdit;
class QListWidget;
class QSpinBox;

namespace fan::ui {

class PreferencesDialog : public QDialog {
  Q_OBJECT
 public:
  PreferencesDialog(const WorkspaceSettings& settings, QWidget* parent = nullptr);
  WorkspaceSettings settings() const;  // the dialog's values over the ones it was given

  QComboBox* deviceBox() const { return device_; }
  QComboBox* languageBox() const { return language_; }

 private:
  WorkspaceSettings original_;
  QLineEdit* dataDir_;
  QListWidget* models_;
  QComboBox* device_;
  QSpinBox* threads_;
  QComboBox* language_;
  QComboBox* sampler_;
};

}  // namespace fan::ui
