// The alpha sweep: personalized images of one seed at alpha start, start+step, ..., stop
// (generated in the background; clicking one sets alpha), and a chart of how each alpha's
// condition moves away from the target and toward the references; with the demo model, also
// the judge's target fidelity and preference alignment per alpha.
#pragma once

#include "ui/workspace/EngineTypes.h"

#include <QWidget>

class QCustomPlot;
class QEvent;
class QDoubleSpinBox;
class QListWidget;
class QPushButton;

namespace fan::ui {

class SweepPanel : public QWidget {
  Q_OBJECT
 public:
  explicit SweepPanel(QWidget* parent = nullptr);

  // The alphas of the configured range (inclusive, rounded to the step's decimals).
  std::vector<double> alphas() const;
  void startSweep();
  void addImage(const SweepImage& image);
  void endSweep();
  void setRunEnabled(bool on);

  QListWidget* strip() const { return strip_; }
  QCustomPlot* chart() const { return chart_; }
  QPushButton* runButton() const { return run_; }

 Q_SIGNALS:
  void runRequested();
  void cancelRequested();
  void alphaChosen(double alpha);

 protected:
  void changeEvent(QEvent* event) override;  // follows a light/dark palette switch

 private:
  void showJudgeGraphs(bool on);

  QDoubleSpinBox* start_;
  QDoubleSpinBox* stop_;
  QDoubleSpinBox* step_;
  QPushButton* run_;
  QPushButton* cancel_;
  QListWidget* strip_;
  QCustomPlot* chart_;
};

}  // namespace fan::ui
