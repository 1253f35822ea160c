#include "ui/workspace/PlotStyle.h"

#include <qcustomplot.h>

#include <QPalette>

namespace fan::ui {

void applyPalette(QCustomPlot* plot, const QPalette& palette) {
  const QColor text = palette.color(QPalette::WindowText);
  QColor grid = text;
  grid.setAlpha(50);
  QColor legend = palette.color(QPalette::Base);
  legend.setAlpha(170);  // points behind the legend stay visible
  plot->setBackground(palette.color(QPalette::Base));
  for (QCPAxis* axis : {plot->xAxis, plot->yAxis}) {
    axis->setBasePen(QPen(text));
    axis->setTickPen(QPen(text));
    axis->setSubTickPen(QPen(text));
    axis->setTickLabelColor(text);
    axis->setLabelColor(text);
    axis->grid()->setPen(QPen(grid, 0, Qt::DotLine));
  }
  plot->legend->setBrush(legend);
  plot->legend->setBorderPen(QPen(text));
  plot->legend->setTextColor(text);
}

}  // namespace fan::ui
