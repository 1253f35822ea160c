// QCustomPlot draws black on white by default; this makes a plot follow the widget palette
// (light or dark, as the system chooses).
#pragma once

class QCustomPlot;
class QPalette;

namespace fan::ui {

void applyPalette(QCustomPlot* plot, const QPalette& palette);

}  // namespace fan::ui
