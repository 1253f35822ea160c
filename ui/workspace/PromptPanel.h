// The prompt area: target and negative prompt (completed from the store's prompts), the model
// picker, sampler, steps, guidance, size, seed (lock / new random), batch count and Generate.
#pragma once

#include "ui/workspace/EngineTypes.h"

#include <QWidget>

class QAbstractItemModel;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QToolButton;

namespace fan::ui {

class PromptPanel : public QWidget {
  Q_OBJECT
 public:
  explicit PromptPanel(QWidget* parent = nullptr);

  void setCompletionModel(QAbstractItemModel* prompts);
  // The loaded model: shows its folder and family, sets the size step and the defaults the
  // user has not changed.
  void setModel(const ModelInfo& model);
  void setModelPending(const QString& folder, const QString& message);
  void setDefaultSampler(const QString& sampler);  // empty = the model's own
  void setBusy(bool busy);

  QString target() const;
  // The settings of the next run (CLIP skip 1: the personalization panel owns it). Rolls a new
  // seed first unless the seed is locked.
  GenerationParams nextParams();
  GenerationParams params() const;  // as shown, without rolling
  int batchCount() const;

  QLineEdit* targetEdit() const { return target_; }
  QLineEdit* negativeEdit() const { return negative_; }
  QComboBox* samplerBox() const { return sampler_; }
  QSpinBox* stepsBox() const { return steps_; }
  QDoubleSpinBox* guidanceBox() const { return guidance_; }
  QSpinBox* widthBox() const { return width_; }
  QSpinBox* heightBox() const { return height_; }
  QLineEdit* seedEdit() const { return seed_; }
  QToolButton* seedLock() const { return lock_; }
  QSpinBox* batchBox() const { return batch_; }
  QPushButton* generateButton() const { return generate_; }

 Q_SIGNALS:
  void generateRequested();
  void chooseModelRequested();
  void targetEdited();  // prompt or negative changed (the GUI re-profiles after a pause)

 public Q_SLOTS:
  void rollSeed();

 private:
  QLineEdit* target_;
  QLineEdit* negative_;
  QLabel* modelLabel_;
  QComboBox* sampler_;
  QSpinBox* steps_;
  QDoubleSpinBox* guidance_;
  QSpinBox* width_;
  QSpinBox* height_;
  QLineEdit* seed_;
  QToolButton* lock_;
  QSpinBox* batch_;
  QPushButton* generate_;
};

}  // namespace fan::ui
