// The references profiling picked, in pick order: prompt, thumbnail of the entry's image,
// rating, its own weight slider, and pin / exclude toggles (the next profiling keeps pinned
// entries and leaves excluded ones out).
#pragma once

#include "ui/workspace/EngineTypes.h"

#include <QSet>
#include <QWidget>

class QTableWidget;
class QSlider;

namespace fan {
class HistoryStore;
}

namespace fan::ui {

class ReferenceViewer : public QWidget {
  Q_OBJECT
 public:
  enum Column { Order, Thumbnail, Prompt, Rating, Weight, Pin, Exclude, ColumnCount };

  ReferenceViewer(HistoryStore& store, QWidget* parent = nullptr);

  void showReferences(const std::vector<Reference>& references);
  void setWeights(const std::vector<double>& weights);
  // The weights as the sliders show them, one per reference.
  std::vector<double> weights() const;
  bool weightsEdited() const { return edited_; }
  const QSet<qint64>& pinned() const { return pinned_; }
  const QSet<qint64>& excluded() const { return excluded_; }
  void clearPinsAndExclusions();

  QTableWidget* table() const { return table_; }
  QSlider* weightSlider(int row) const;

 Q_SIGNALS:
  void weightsChanged();     // a weight slider was released
  void selectionChanged();   // pins or exclusions changed: profile again

 private:
  void addRow(int row, const Reference& reference);

  HistoryStore& store_;
  QTableWidget* table_;
  std::vector<Reference> references_;
  QSet<qint64> pinned_;
  QSet<qint64> excluded_;
  bool edited_ = false;
};

}  // namespace fan::ui
