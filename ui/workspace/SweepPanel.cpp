#include "ui/workspace/SweepPanel.h"

#include "ui/workspace/PlotStyle.h"

#include <qcustomplot.h>

#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include <cmath>

namespace fan::ui {

namespace {

constexpr int kIcon = 96;
constexpr int kFidelity = 2, kAlignment = 3, kGraphs = 4;  // graphs 0, 1: cosines

QDoubleSpinBox* alphaBox(double value, const QString& tip, QWidget* parent) {
  auto* box = new QDoubleSpinBox(parent);
  box->setRange(0.0, 1.0);
  box->setDecimals(2);
  box->setSingleStep(0.05);
  box->setValue(value);
  box->setToolTip(tip);
  return box;
}

QString percentText(const std::optional<double>& share) {
  return share ? QStringLiteral("%1%").arg(100 * *share, 0, 'f', 0) : QStringLiteral("–");
}

}  // namespace

SweepPanel::SweepPanel(QWidget* parent) : QWidget(parent) {
  start_ = alphaBox(0.0, tr("First alpha of the sweep."), this);
  stop_ = alphaBox(1.0, tr("Last alpha of the sweep (included)."), this);
  step_ = alphaBox(0.1, tr("Alpha step between images."), this);
  step_->setMinimum(0.01);
  run_ = new QPushButton(tr("Run sweep"), this);
  run_->setToolTip(tr("Generate one personalized image per alpha with the prompt area's seed and settings."));
  connect(run_, &QPushButton::clicked, this, &SweepPanel::runRequested);
  cancel_ = new QPushButton(tr("Cancel"), this);
  cancel_->setToolTip(tr("Stop the sweep after the current step."));
  cancel_->setEnabled(false);
  connect(cancel_, &QPushButton::clicked, this, &SweepPanel::cancelRequested);

  strip_ = new QListWidget(this);
  strip_->setViewMode(QListView::IconMode);
  strip_->setFlow(QListView::LeftToRight);
  strip_->setWrapping(false);
  strip_->setIconSize(QSize(kIcon, kIcon));
  strip_->setMinimumHeight(kIcon + 40);
  strip_->setToolTip(tr("Personalized images by alpha. Click one to use its alpha."));
  connect(strip_, &QListWidget::itemClicked, this,
          [this](QListWidgetItem* item) { Q_EMIT alphaChosen(item->data(Qt::UserRole).toDouble()); });

  chart_ = new QCustomPlot(this);
  chart_->setToolTip(tr("Cosine of each alpha's personalized condition (token-averaged) to the target's and to the "
                        "references' weighted mean."));
  chart_->setMinimumHeight(160);
  chart_->legend->setVisible(true);
  applyPalette(chart_, palette());
  // The legend in a row above the chart: inside, it would hide the curves' ends.
  chart_->plotLayout()->insertRow(0);
  chart_->plotLayout()->addElement(0, 0, chart_->legend);
  chart_->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
  chart_->plotLayout()->setRowStretchFactor(0, 0.001);
  chart_->xAxis->setLabel(tr("alpha"));
  chart_->yAxis->setLabel(tr("cosine"));
  chart_->addGraph()->setName(tr("to target"));
  chart_->graph(0)->setPen(QPen(QColor(20, 150, 60), 2));
  chart_->addGraph()->setName(tr("to references"));
  chart_->graph(1)->setPen(QPen(QColor(200, 40, 40), 2));
  // The demo judge's measurements, on their own axis (percent), shown once a sweep has them.
  chart_->yAxis2->setLabel(tr("judged %"));
  chart_->yAxis2->setRange(0, 100);
  chart_->addGraph(chart_->xAxis, chart_->yAxis2)->setName(tr("target fidelity"));
  chart_->graph(kFidelity)->setPen(QPen(QColor(30, 90, 200), 2, Qt::DashLine));
  chart_->addGraph(chart_->xAxis, chart_->yAxis2)->setName(tr("preference alignment"));
  chart_->graph(kAlignment)->setPen(QPen(QColor(170, 60, 190), 2, Qt::DashLine));
  for (int g = 0; g < kGraphs; ++g) chart_->graph(g)->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 6));
  showJudgeGraphs(false);

  auto* controls = new QHBoxLayout;
  for (auto [label, box] : {std::pair<QString, QWidget*>{tr("from"), start_}, {tr("to"), stop_}, {tr("step"), step_}}) {
    controls->addWidget(new QLabel(label, this));
    controls->addWidget(box);
  }
  controls->addStretch();
  controls->addWidget(run_);
  controls->addWidget(cancel_);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(controls);
  auto* body = new QHBoxLayout;
  body->addWidget(strip_, 3);
  body->addWidget(chart_, 2);
  layout->addLayout(body, 1);
}

std::vector<double> SweepPanel::alphas() const {
  std::vector<double> out;
  const double step = step_->value();
  const int count = int(std::floor((stop_->value() - start_->value()) / step + 1e-9)) + 1;
  for (int i = 0; i < count; ++i) out.push_back(std::round((start_->value() + i * step) * 1e6) / 1e6);
  return out;
}

void SweepPanel::startSweep() {
  strip_->clear();
  for (int g = 0; g < kGraphs; ++g) chart_->graph(g)->data()->clear();
  showJudgeGraphs(false);
  chart_->replot();
  run_->setEnabled(false);
  cancel_->setEnabled(true);
}

void SweepPanel::addImage(const SweepImage& image) {
  auto* item = new QListWidgetItem(QIcon(QPixmap::fromImage(image.image.scaled(kIcon, kIcon, Qt::KeepAspectRatio,
                                                                               Qt::FastTransformation))),
                                   QStringLiteral("α %1").arg(image.alpha, 0, 'f', 2), strip_);
  item->setData(Qt::UserRole, image.alpha);
  item->setToolTip(formatParameters(image.parameters));
  chart_->graph(0)->addData(image.alpha, image.shift.cosineToTarget);
  chart_->graph(1)->addData(image.alpha, image.shift.cosineToReferences);
  if (image.fidelity) chart_->graph(kFidelity)->addData(image.alpha, 100 * *image.fidelity);
  if (image.alignment) chart_->graph(kAlignment)->addData(image.alpha, 100 * *image.alignment);
  if (image.fidelity || image.alignment) {
    showJudgeGraphs(true);
    item->setToolTip(item->toolTip() + QLatin1Char('\n') +
                     tr("Judged over %n image(s): target fidelity %1, preference alignment %2.", nullptr,
                        image.judgedImages)
                         .arg(percentText(image.fidelity), percentText(image.alignment)));
  }
  chart_->graph(0)->rescaleAxes();
  chart_->graph(1)->rescaleAxes(true);
  chart_->xAxis->setRange(-0.05, 1.05);
  chart_->replot();
}

void SweepPanel::showJudgeGraphs(bool on) {
  chart_->yAxis2->setVisible(on);
  for (int g : {kFidelity, kAlignment}) {
    chart_->graph(g)->setVisible(on);
    if (on) chart_->graph(g)->addToLegend();
    else chart_->graph(g)->removeFromLegend();
  }
}

void SweepPanel::endSweep() {
  run_->setEnabled(true);
  cancel_->setEnabled(false);
}

void SweepPanel::setRunEnabled(bool on) { run_->setEnabled(on); }

void SweepPanel::changeEvent(QEvent* event) {
  QWidget::changeEvent(event);
  if (event->type() == QEvent::PaletteChange) {
    applyPalette(chart_, palette());
    chart_->replot();
  }
}

}  // namespace fan::ui
