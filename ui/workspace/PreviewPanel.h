// Target and personalized images side by side (same seed), the per-step progress bar, an
// optional live preview, Cancel, and a picker for the runs of a batch.
#pragma once

#include "ui/workspace/EngineTypes.h"

#include <QWidget>

#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;

namespace fan::ui {

class ImagePane;

class PreviewPanel : public QWidget {
  Q_OBJECT
 public:
  explicit PreviewPanel(QWidget* parent = nullptr);

  void startRun(bool personalized);
  void showProgress(const StepProgress& progress);
  void addPair(const GeneratedPair& pair);
  void endRun(const QString& message);  // hides the progress bar, shows `message`

  bool livePreview() const;
  void setRatingEnabled(bool on, const QString& whyNot);
  const GeneratedPair* currentPair() const;
  int pairCount() const { return int(pairs_.size()); }
  ImagePane* targetPane() const { return target_; }
  ImagePane* personalizedPane() const { return personalized_; }
  QPushButton* cancelButton() const { return cancel_; }
  QProgressBar* progressBar() const { return progress_; }

 Q_SIGNALS:
  void cancelRequested();
  // `personalized` tells which image of the current pair.
  void rated(bool personalized, int stars);
  void preferred(bool personalized);

 private:
  void showPair(int index);

  ImagePane* target_;
  ImagePane* personalized_;
  QProgressBar* progress_;
  QLabel* status_;
  QPushButton* cancel_;
  QCheckBox* live_;
  QComboBox* runs_;
  std::vector<GeneratedPair> pairs_;
};

}  // namespace fan::ui
