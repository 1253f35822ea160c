// FAN settings: alpha (live), sample size, the advanced attention options, and the reference
// viewer. Changes that only re-encode (alpha, PA layers, skip mode, query start, weights) emit
// attentionChanged(); those that need profiling again emit profilingChanged().
#pragma once

#include "ui/workspace/EngineTypes.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QSlider;
class QSpinBox;
class QTimer;

namespace fan {
class HistoryStore;
}

namespace fan::ui {

class ReferenceViewer;

class PersonalizationPanel : public QWidget {
  Q_OBJECT
 public:
  explicit PersonalizationPanel(HistoryStore& store, QWidget* parent = nullptr);

  // Throws std::invalid_argument for a malformed PA layer set (the message names it).
  AttentionOptions attention() const;
  double alpha() const;
  double sampleSize() const;
  CfgNegative cfgNegative() const;
  int clipSkip() const;
  void setAlpha(double alpha);
  void showProfiling(const ProfilingView& view);
  void setStatus(const QString& text);

  ReferenceViewer* references() const { return references_; }
  QSlider* alphaSlider() const { return alpha_; }
  QSlider* sampleSizeSlider() const { return sampleSize_; }
  QComboBox* paLayersBox() const { return paLayers_; }

 Q_SIGNALS:
  void attentionChanged();
  void profilingChanged();

 private:
  void updateLabels();

  QSlider* alpha_;
  QLabel* alphaLabel_;
  QSlider* sampleSize_;
  QLabel* sampleSizeLabel_;
  QGroupBox* advanced_;
  QComboBox* paLayers_;
  QComboBox* skipMode_;
  QComboBox* queryStart_;
  QComboBox* cfgNegative_;
  QSpinBox* clipSkip_;
  QLabel* status_;
  ReferenceViewer* references_;
  QTimer* alphaDebounce_;
};

}  // namespace fan::ui
