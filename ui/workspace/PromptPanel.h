// The prompt area: target and negative prompt (completed from the store's prompts), the model
// picker, sampler, steps, guidance, size, seed (lock / new random), batch count and Generate.
// Dropping a PNG made by FAN Studio or another Stable Diffusion tool onto it fills the fields
// from the image's "parameters" text.
#pragma once

#include "ui/workspace/EngineTypes.h"

#include "core/pipelines/PngParameters.h"

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

  // Fills prompt, negative prompt, steps, sampler, guidance, size and seed (locking it) from an
  // image's parameters; fields the text lacks keep their values. Returns what was applied, for
  // the status line, e.g. "prompt, negative prompt, steps, seed".
  QStringList applyImageParameters(const ImageParameters& parameters);
  // Reads `pngPath`'s parameters and applies them; emits statusMessage either way.
  bool loadImageParameters(const QString& pngPath);

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
  void statusMessage(const QString& message);

 public Q_SLOTS:
  void rollSeed();

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

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
