// The profiling plot: the history's token-averaged conditions projected to 2-D (PCA computed in
// core), sized by weight, the target, the stage-1 candidates, and the picks numbered in pick
// order. Hovering shows an entry's prompt; clicking selects it.
#pragma once

#include "ui/workspace/EngineTypes.h"

#include <QWidget>

class QCustomPlot;
class QEvent;
class QCPGraph;
class QMouseEvent;

namespace fan::ui {

class ProfilingPlot : public QWidget {
  Q_OBJECT
 public:
  explicit ProfilingPlot(QWidget* parent = nullptr);

  void showProfiling(const ProfilingView& view);
  void clear(const QString& message);

  // What is plotted, in history order / pick order (for tests and accessibility).
  std::vector<QPointF> historyPoints() const;
  std::vector<QPointF> candidatePoints() const;
  std::vector<QPointF> pickPoints() const;
  QStringList pickLabels() const;
  QPointF targetPoint() const;
  // The history index nearest to a widget position (within a few pixels), or -1.
  int historyIndexAt(const QPoint& plotPosition) const;
  QPoint pixelOf(int historyIndex) const;
  QCustomPlot* plot() const { return plot_; }

 Q_SIGNALS:
  void entryClicked(qint64 entryId);

 protected:
  void changeEvent(QEvent* event) override;  // follows a light/dark palette switch

 private:
  void hover(QMouseEvent* event);
  void click(QMouseEvent* event);

  QCustomPlot* plot_;
  ProfilingView view_;
  std::vector<QCPGraph*> historyGraphs_;  // one per weight size class
  std::vector<std::pair<int, int>> plotted_;  // per history entry: (graph, data index)
  QCPGraph* candidates_ = nullptr;
  QCPGraph* picks_ = nullptr;
  QCPGraph* target_ = nullptr;
};

}  // namespace fan::ui
