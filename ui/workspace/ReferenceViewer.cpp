#include "ui/workspace/ReferenceViewer.h"

#include "core/store/HistoryStore.h"

#include <QHeaderView>
#include <QImageReader>
#include <QLabel>
#include <QSlider>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace fan::ui {

namespace {

constexpr int kThumb = 48;
constexpr int kWeightScale = 100;  // slider units per weight 1.0
constexpr int kWeightMax = 300;

QPixmap thumbnail(const QString& path) {
  QImageReader reader(path);
  reader.setAutoTransform(true);
  const QSize size = reader.size();
  if (size.isValid()) reader.setScaledSize(size.scaled(kThumb, kThumb, Qt::KeepAspectRatio));
  return QPixmap::fromImage(reader.read());
}

QString stars(std::optional<int> rating) {
  return rating ? QString::number(*rating) + QChar(0x2605) : QObject::tr("–");
}

}  // namespace

ReferenceViewer::ReferenceViewer(HistoryStore& store, QWidget* parent) : QWidget(parent), store_(store) {
  table_ = new QTableWidget(0, ColumnCount, this);
  table_->setHorizontalHeaderLabels({tr("#"), tr("Image"), tr("Prompt"), tr("Rating"), tr("Weight"), tr("Pin"), tr("Exclude")});
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  table_->horizontalHeader()->setSectionResizeMode(Prompt, QHeaderView::Stretch);
  table_->setWordWrap(true);
  table_->verticalHeader()->hide();
  table_->verticalHeader()->setDefaultSectionSize(kThumb + 4);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setToolTip(tr("The references profiling picked, in pick order. Each weight slider changes that "
                        "reference's share of the personalized condition."));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(table_);
}

void ReferenceViewer::showReferences(const std::vector<Reference>& references) {
  references_ = references;
  edited_ = false;
  table_->setRowCount(0);
  table_->setRowCount(int(references.size()));
  bool thumbnails = false;
  for (int row = 0; row < int(references.size()); ++row) {
    addRow(row, references[size_t(row)]);
    thumbnails |= !static_cast<QLabel*>(table_->cellWidget(row, Thumbnail))->pixmap().isNull();
  }
  table_->setColumnHidden(Thumbnail, !thumbnails);  // room for the prompts when no entry has an image
}

void ReferenceViewer::addRow(int row, const Reference& reference) {
  auto* order = new QTableWidgetItem(QString::number(row + 1));
  order->setToolTip(tr("Pick order"));
  table_->setItem(row, Order, order);
  auto* prompt = new QTableWidgetItem(reference.prompt);
  prompt->setToolTip(reference.prompt);
  table_->setItem(row, Prompt, prompt);
  std::optional<HistoryEntry> entry;
  if (reference.entryId >= 0) {
    try {
      entry = store_.entry(reference.entryId);
    } catch (const std::exception&) {  // deleted since profiling: shown without its details
    }
  }
  auto* image = new QLabel(table_);
  image->setAlignment(Qt::AlignCenter);
  if (entry && entry->image) image->setPixmap(thumbnail(store_.imagePath(*entry->image)));
  image->setToolTip(entry && entry->image ? tr("The entry's image") : tr("No image"));
  table_->setCellWidget(row, Thumbnail, image);
  auto* rating = new QTableWidgetItem(stars(entry ? entry->rating : std::nullopt));
  rating->setToolTip(entry && entry->rating ? tr("Rated %n star(s)", nullptr, *entry->rating) : tr("Not rated"));
  table_->setItem(row, Rating, rating);

  auto* slider = new QSlider(Qt::Horizontal, table_);
  slider->setRange(0, kWeightMax);
  slider->setMinimumWidth(80);
  slider->setValue(int(std::lround(reference.weight * kWeightScale)));
  slider->setToolTip(tr("This reference's weight (%1); 0 switches it off.").arg(reference.weight, 0, 'f', 2));
  connect(slider, &QSlider::valueChanged, this, [slider](int v) {
    slider->setToolTip(tr("This reference's weight (%1); 0 switches it off.").arg(double(v) / kWeightScale, 0, 'f', 2));
  });
  connect(slider, &QSlider::sliderReleased, this, [this] {
    edited_ = true;
    Q_EMIT weightsChanged();
  });
  connect(slider, &QSlider::actionTriggered, this, [this, slider](int action) {
    if (action != QAbstractSlider::SliderMove && !slider->isSliderDown()) {  // keys and page clicks
      edited_ = true;
      QMetaObject::invokeMethod(this, &ReferenceViewer::weightsChanged, Qt::QueuedConnection);
    }
  });
  table_->setCellWidget(row, Weight, slider);

  const qint64 id = reference.entryId;
  auto toggle = [this, id, row](Column column, const QString& text, const QString& tip, QSet<qint64>& set) {
    auto* button = new QToolButton(table_);
    button->setText(text);
    button->setCheckable(true);
    button->setChecked(set.contains(id));
    button->setEnabled(id >= 0);
    button->setToolTip(id >= 0 ? tip : tr("Only stored history entries can be pinned or excluded."));
    connect(button, &QToolButton::toggled, this, [this, id, &set](bool on) {
      if (on) set.insert(id);
      else set.remove(id);
      Q_EMIT selectionChanged();
    });
    table_->setCellWidget(row, column, button);
  };
  toggle(Pin, tr("Pin"), tr("Always use this entry as a reference (profile again)."), pinned_);
  toggle(Exclude, tr("Exclude"), tr("Leave this entry out of profiling (profile again)."), excluded_);
}

QSlider* ReferenceViewer::weightSlider(int row) const { return qobject_cast<QSlider*>(table_->cellWidget(row, Weight)); }

void ReferenceViewer::setWeights(const std::vector<double>& weights) {
  for (int row = 0; row < int(weights.size()) && row < table_->rowCount(); ++row) {
    QSlider* slider = weightSlider(row);
    const QSignalBlocker block(slider);
    slider->setValue(int(std::lround(weights[size_t(row)] * kWeightScale)));
  }
}

std::vector<double> ReferenceViewer::weights() const {
  std::vector<double> out;
  for (int row = 0; row < table_->rowCount(); ++row) {
    // An untouched slider keeps the exact weight (the slider's steps would round it).
    const double shown = double(weightSlider(row)->value()) / kWeightScale;
    const double original = references_[size_t(row)].weight;
    out.push_back(std::lround(original * kWeightScale) == weightSlider(row)->value() ? original : shown);
  }
  return out;
}

void ReferenceViewer::clearPinsAndExclusions() {
  pinned_.clear();
  excluded_.clear();
}

}  // namespace fan::ui
