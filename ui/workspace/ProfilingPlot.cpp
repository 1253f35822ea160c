#include "ui/workspace/ProfilingPlot.h"

#include "ui/workspace/PlotStyle.h"

#include <qcustomplot.h>

#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace fan::ui {

namespace {

constexpr int kSizeClasses = 4;    // point size by weight: 4 classes keep the plot fast for big histories
constexpr double kHitPixels = 8;

std::vector<QPointF> pointsOf(const QCPGraph* graph) {
  std::vector<QPointF> out;
  if (!graph) return out;
  for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it) out.emplace_back(it->key, it->value);
  return out;
}

QCPGraph* scatter(QCustomPlot* plot, const QString& name, QCPScatterStyle style) {
  QCPGraph* g = plot->addGraph();
  g->setName(name);
  g->setLineStyle(QCPGraph::lsNone);
  g->setScatterStyle(style);
  // Points keep their order (pick order, history order) rather than being sorted by x.
  return g;
}

void addPoint(QCPGraph* g, QPointF p) { g->data()->add(QCPGraphData(p.x(), p.y())); }

}  // namespace

ProfilingPlot::ProfilingPlot(QWidget* parent) : QWidget(parent) {
  plot_ = new QCustomPlot(this);
  plot_->setToolTip(tr("History prompts (PCA of their conditions; size = weight), the target (star), stage-1 "
                       "candidates (rings) and the picks in pick order. Click a point to select its entry."));
  plot_->legend->setVisible(true);
  applyPalette(plot_, palette());
  plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
  plot_->setMinimumHeight(180);
  plot_->setMouseTracking(true);
  connect(plot_, &QCustomPlot::mouseMove, this, &ProfilingPlot::hover);
  connect(plot_, &QCustomPlot::mousePress, this, &ProfilingPlot::click);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(plot_);
  clear(tr("Select a profile and type a prompt to see its profiling."));
}

void ProfilingPlot::clear(const QString& message) {
  view_ = {};
  plot_->clearGraphs();
  plot_->clearItems();
  historyGraphs_.clear();
  plotted_.clear();
  candidates_ = picks_ = target_ = nullptr;
  auto* text = new QCPItemText(plot_);
  text->position->setType(QCPItemPosition::ptAxisRectRatio);
  text->position->setCoords(0.5, 0.5);
  text->setText(message);
  text->setColor(palette().color(QPalette::WindowText));
  plot_->replot();
}

void ProfilingPlot::showProfiling(const ProfilingView& view) {
  clear({});
  plot_->clearItems();
  view_ = view;
  const HistoryProjection& pr = view.projection;
  double maxWeight = 0;
  for (const Reference& r : view.history) maxWeight = std::max(maxWeight, r.weight);
  for (int c = 0; c < kSizeClasses; ++c) {
    QCPScatterStyle style(QCPScatterStyle::ssDisc, QColor(70, 110, 170, 150), 4 + 3 * c);
    historyGraphs_.push_back(scatter(plot_, c == 0 ? tr("history") : QString(), style));
    if (c > 0) plot_->legend->removeItem(plot_->legend->itemCount() - 1);
  }
  for (size_t i = 0; i < pr.history.size() && i < view.history.size(); ++i) {
    const double share = maxWeight > 0 ? view.history[i].weight / maxWeight : 0;
    const int c = std::clamp(int(std::ceil(share * kSizeClasses)) - 1, 0, kSizeClasses - 1);
    addPoint(historyGraphs_[size_t(c)], pr.history[i]);
  }
  // Where each history point ended up (graph data is sorted by key).
  for (size_t i = 0; i < pr.history.size() && i < view.history.size(); ++i)
    for (int c = 0; c < kSizeClasses; ++c) {
      const auto* data = historyGraphs_[size_t(c)]->data().data();
      const auto it = std::find_if(data->constBegin(), data->constEnd(), [&](const QCPGraphData& d) {
        return d.key == pr.history[i].x() && d.value == pr.history[i].y();
      });
      if (it != data->constEnd()) {
        plotted_.emplace_back(c, int(it - data->constBegin()));
        break;
      }
    }
  candidates_ = scatter(plot_, tr("candidates"), QCPScatterStyle(QCPScatterStyle::ssCircle, QColor(230, 140, 20), 14));
  for (int index : view.report.candidates) addPoint(candidates_, pr.history.at(size_t(index)));
  picks_ = scatter(plot_, tr("picks"), QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(200, 40, 40), 9));
  for (size_t k = 0; k < view.report.picks.size(); ++k) {
    const QPointF p = pr.history.at(size_t(view.report.picks[k].index));
    addPoint(picks_, p);
    auto* label = new QCPItemText(plot_);
    label->position->setCoords(p.x(), p.y());
    label->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
    label->setPadding(QMargins(6, 0, 0, 2));
    label->setText(QString::number(k + 1));
    label->setColor(QColor(200, 40, 40));
  }
  target_ = scatter(plot_, tr("target"), QCPScatterStyle(QCPScatterStyle::ssStar, QColor(20, 150, 60), 18));
  addPoint(target_, pr.target);
  plot_->xAxis->setLabel(tr("PC 1 (%1%)").arg(pr.explained[0] * 100, 0, 'f', 0));
  plot_->yAxis->setLabel(tr("PC 2 (%1%)").arg(pr.explained[1] * 100, 0, 'f', 0));
  plot_->rescaleAxes();
  plot_->xAxis->scaleRange(1.15);
  plot_->yAxis->scaleRange(1.15);
  plot_->replot();
}

std::vector<QPointF> ProfilingPlot::historyPoints() const {
  // In history order (the graphs hold them by size class, sorted).
  std::vector<QPointF> out(plotted_.size());
  for (size_t i = 0; i < plotted_.size(); ++i) {
    const QCPGraph* g = historyGraphs_.at(size_t(plotted_[i].first));
    const auto it = g->data()->at(plotted_[i].second);
    out[i] = QPointF(it->key, it->value);
  }
  return out;
}

std::vector<QPointF> ProfilingPlot::candidatePoints() const { return pointsOf(candidates_); }
std::vector<QPointF> ProfilingPlot::pickPoints() const { return pointsOf(picks_); }

QStringList ProfilingPlot::pickLabels() const {
  QStringList labels;
  for (int i = 0; i < plot_->itemCount(); ++i)
    if (auto* t = qobject_cast<QCPItemText*>(plot_->item(i))) labels << t->text();
  return labels;
}

QPointF ProfilingPlot::targetPoint() const {
  const std::vector<QPointF> p = pointsOf(target_);
  return p.empty() ? QPointF() : p.front();
}

QPoint ProfilingPlot::pixelOf(int historyIndex) const {
  const QPointF p = view_.projection.history.at(size_t(historyIndex));
  return QPoint(int(std::lround(plot_->xAxis->coordToPixel(p.x()))), int(std::lround(plot_->yAxis->coordToPixel(p.y()))));
}

int ProfilingPlot::historyIndexAt(const QPoint& pos) const {
  int best = -1;
  double bestDistance = kHitPixels;
  for (int i = 0; i < int(view_.projection.history.size()); ++i) {
    const double d = QLineF(QPointF(pixelOf(i)), QPointF(pos)).length();
    if (d <= bestDistance) {
      bestDistance = d;
      best = i;
    }
  }
  return best;
}

void ProfilingPlot::hover(QMouseEvent* event) {
  const int i = historyIndexAt(event->pos());
  if (i < 0 || size_t(i) >= view_.history.size()) {
    QToolTip::hideText();
    return;
  }
  const Reference& r = view_.history[size_t(i)];
  const auto pick = std::find_if(view_.report.picks.begin(), view_.report.picks.end(),
                                 [i](const ProfilePick& p) { return p.index == i; });
  QString text = tr("%1\nweight %2").arg(r.prompt).arg(r.weight, 0, 'f', 2);
  if (pick != view_.report.picks.end())
    text += tr("\npick %1").arg(int(pick - view_.report.picks.begin()) + 1);
  QToolTip::showText(event->globalPosition().toPoint(), text, plot_);
}

void ProfilingPlot::click(QMouseEvent* event) {
  const int i = historyIndexAt(event->pos());
  if (i >= 0 && size_t(i) < view_.history.size() && view_.history[size_t(i)].entryId >= 0)
    Q_EMIT entryClicked(view_.history[size_t(i)].entryId);
}

void ProfilingPlot::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  if (event->type() == QEvent::PaletteChange) {
    applyPalette(plot_, palette());
    plot_->replot();
  }
}

}  // namespace fan::ui
