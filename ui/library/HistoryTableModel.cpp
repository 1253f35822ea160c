#include "ui/library/HistoryTableModel.h"

#include <QFont>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

#include <set>
#include <stdexcept>

namespace fan::ui {

namespace {

QString stars(std::optional<int> rating) {
  if (!rating) return HistoryTableModel::tr("unrated");
  return QString(*rating, QChar(0x2605)) + QString(5 - *rating, QChar(0x2606));
}

QString sourceLabel(EntrySource source) {
  switch (source) {
    case EntrySource::Typed: return HistoryTableModel::tr("typed");
    case EntrySource::Imported: return HistoryTableModel::tr("imported");
    case EntrySource::Generated: return HistoryTableModel::tr("generated");
  }
  return {};
}

QString number(double value) { return QLocale().toString(value, 'f', 2); }

// "0,75" in a German locale and "0.75" anywhere; an empty text means automatic.
std::optional<double> parseWeight(const QVariant& value) {
  if (value.isNull()) return std::nullopt;
  if (value.typeId() == QMetaType::Double || value.typeId() == QMetaType::Int) return value.toDouble();
  const QString text = value.toString().trimmed();
  if (text.isEmpty()) return std::nullopt;
  bool ok = false;
  double weight = QLocale().toDouble(text, &ok);
  if (!ok) weight = QLocale::c().toDouble(text, &ok);
  if (!ok)
    throw std::invalid_argument(
        HistoryTableModel::tr("'%1' is not a weight (a number >= 0, or empty for automatic)").arg(text).toStdString());
  return weight;
}

}  // namespace

HistoryTableModel::HistoryTableModel(HistoryStore& store, QObject* parent)
    : QAbstractTableModel(parent), store_(store), thumbnails_(new ThumbnailCache(kThumbnailSize, 400, this)) {
  // A thumbnail loaded in the background repaints the rows showing that image.
  connect(thumbnails_, &ThumbnailCache::ready, this, [this](const QString& path) {
    for (size_t i = 0; i < rows_.size(); ++i)
      if (rows_[i].entry.image && store_.imagePath(*rows_[i].entry.image) == path)
        Q_EMIT dataChanged(index(int(i), Image), index(int(i), Image), {Qt::DecorationRole});
  });
}

void HistoryTableModel::setProfile(qint64 profileId, bool showMembers) {
  profileId_ = std::max<qint64>(profileId, 0);
  showMembers_ = showMembers;
  reload();
}

void HistoryTableModel::reload() {
  beginResetModel();
  rows_.clear();
  try {
    if (profileId_ != 0 && showMembers_) {
      rows_ = store_.profilingHistory(profileId_);
    } else if (profileId_ != 0) {
      const QString owner = store_.profile(profileId_).name;
      for (HistoryEntry& e : store_.entries(profileId_)) {
        const double weight = e.effectiveWeight();
        rows_.push_back({std::move(e), owner, 1.0, weight});
      }
    }
  } catch (const std::exception& e) {  // e.g. the profile was deleted by another process
    rows_.clear();
    profileId_ = 0;
    endResetModel();
    Q_EMIT editFailed(QString::fromUtf8(e.what()));
    return;
  }
  endResetModel();
}

int HistoryTableModel::rowOfEntry(qint64 entryId) const {
  for (size_t i = 0; i < rows_.size(); ++i)
    if (rows_[i].entry.id == entryId) return int(i);
  return -1;
}

QStringList HistoryTableModel::tags() const {
  std::set<QString> all;
  for (const WeightedEntry& row : rows_) all.insert(row.entry.tags.begin(), row.entry.tags.end());
  return QStringList(all.begin(), all.end());
}

void HistoryTableModel::refreshEntries(const std::vector<qint64>& ids) {
  try {
    for (qint64 id : ids) {
      const int row = rowOfEntry(id);
      if (row < 0) continue;
      WeightedEntry& r = rows_[size_t(row)];
      r.entry = store_.entry(id);
      r.weight = r.entry.effectiveWeight() * r.memberWeight;
      Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
  } catch (const std::exception&) {  // e.g. removed by another process meanwhile: show what is there
    reload();
  }
}

int HistoryTableModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(rows_.size()); }
int HistoryTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant HistoryTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal) return {};
  if (role == Qt::ToolTipRole) {
    switch (section) {
      case Rating: return tr("1-5 stars: click a star or press 1-5 (0 clears) to rate");
      case Weight: return tr("Weight override: double-click to edit; empty means automatic (rating / 5, or 0.6 unrated)");
      case EffectiveWeight: return tr("The weight the entry gets in personalization (x the member weight)");
      case Owner: return tr("The profile the entry belongs to (members' entries are read-only here)");
      case Image: return tr("Attach an image with the toolbar or by dropping an image file on a row");
      default: return {};
    }
  }
  if (role != Qt::DisplayRole) return {};
  switch (section) {
    case Prompt: return tr("Prompt");
    case Rating: return tr("Rating");
    case Weight: return tr("Weight");
    case EffectiveWeight: return tr("Effective weight");
    case Tags: return tr("Tags");
    case Owner: return tr("From");
    case Source: return tr("Source");
    case Image: return tr("Image");
    case Created: return tr("Date");
    default: return {};
  }
}

QVariant HistoryTableModel::display(const WeightedEntry& row, int column) const {
  const HistoryEntry& e = row.entry;
  switch (column) {
    case Prompt: return e.prompt;
    case Rating: return stars(e.rating);
    case Weight: return e.weight ? number(*e.weight) : tr("auto (%1)").arg(number(e.effectiveWeight()));
    case EffectiveWeight: return row.weight > 0 ? number(row.weight) : tr("off");
    case Tags: return e.tags.join(QStringLiteral(", "));
    case Owner:
      return row.memberWeight == 1.0 ? row.ownerName
                                     : tr("%1 (x%2)").arg(row.ownerName, QLocale().toString(row.memberWeight));
    case Source: return sourceLabel(e.source);
    case Image: return e.image ? tr("%1 x %2").arg(e.image->width).arg(e.image->height) : QString();
    case Created: return QLocale().toString(e.created.toLocalTime(), QLocale::ShortFormat);
    default: return {};
  }
}

QVariant HistoryTableModel::sortKey(const WeightedEntry& row, int column) const {
  const HistoryEntry& e = row.entry;
  switch (column) {
    case Rating: return e.rating.value_or(0);
    case Weight: return e.weight.value_or(-1.0);  // "auto" sorts below every explicit weight
    case EffectiveWeight: return row.weight;
    case Image: return e.image ? qint64(e.image->width) * e.image->height : 0;
    case Created: return e.created;
    default: return display(row, column);
  }
}

QVariant HistoryTableModel::toolTip(const WeightedEntry& row, int column) const {
  const HistoryEntry& e = row.entry;
  switch (column) {
    case Prompt:
      return e.negative.isEmpty() ? e.prompt : tr("%1\n\nNegative: %2").arg(e.prompt, e.negative);
    case Rating: return tr("Click a star or press 1-5 to rate, 0 to clear");
    case Weight:
      return e.weight ? tr("Explicit weight %1 (double-click; clear the text for automatic)").arg(number(*e.weight))
                      : tr("Automatic weight %1 from the rating (double-click to override)").arg(number(e.effectiveWeight()));
    case Image:
      return e.image ? tr("%1\n%2 x %3 %4").arg(store_.imagePath(*e.image)).arg(e.image->width).arg(e.image->height).arg(e.image->format)
                     : tr("No image: drop an image file here to attach one");
    default: return {};
  }
}

QVariant HistoryTableModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= int(rows_.size())) return {};
  const WeightedEntry& row = rows_[size_t(index.row())];
  switch (role) {
    case Qt::DisplayRole: return display(row, index.column());
    case Qt::EditRole:
      if (index.column() == Rating) return row.entry.rating.value_or(0);
      if (index.column() == Weight) return row.entry.weight ? number(*row.entry.weight) : QString();
      return display(row, index.column());
    case Qt::DecorationRole:
      if (index.column() == Image && row.entry.image)
        return thumbnails_->thumbnail(store_.imagePath(*row.entry.image));
      return {};
    case Qt::FontRole:
      if (index.column() == Weight && !row.entry.weight) {
        QFont font;
        font.setItalic(true);
        return font;
      }
      return {};
    case Qt::ForegroundRole:
      if (!isOwnRow(index.row())) return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
      return {};
    case SortRole: return sortKey(row, index.column());
    case EntryIdRole: return row.entry.id;
    case RatingRole: return row.entry.rating.value_or(0);
    case Qt::ToolTipRole: return toolTip(row, index.column());
    case Qt::TextAlignmentRole:
      if (index.column() == Weight || index.column() == EffectiveWeight) return int(Qt::AlignRight | Qt::AlignVCenter);
      return {};
    default: return {};
  }
}

Qt::ItemFlags HistoryTableModel::flags(const QModelIndex& index) const {
  Qt::ItemFlags f = QAbstractTableModel::flags(index);
  if (!index.isValid()) return f;
  if (isOwnRow(index.row()) && (index.column() == Rating || index.column() == Weight)) f |= Qt::ItemIsEditable;
  if (isOwnRow(index.row())) f |= Qt::ItemIsDropEnabled;
  return f;
}

void HistoryTableModel::writeEdit(const HistoryEntry& entry, int column, const QVariant& value) {
  if (column == Rating) {
    const int stars = value.isNull() ? 0 : value.toInt();
    store_.setRating(entry.id, stars == 0 ? std::nullopt : std::optional<int>(stars));
  } else {
    store_.setWeight(entry.id, parseWeight(value));
  }
}

bool HistoryTableModel::setData(const QModelIndex& index, const QVariant& value, int role) {
  if (role != Qt::EditRole || !(flags(index) & Qt::ItemIsEditable)) return false;
  const qint64 id = rows_[size_t(index.row())].entry.id;
  try {
    writeEdit(rows_[size_t(index.row())].entry, index.column(), value);
    refreshEntries({id});
  } catch (const std::exception& e) {
    Q_EMIT editFailed(QString::fromUtf8(e.what()));
    return false;
  }
  Q_EMIT entryEdited(id);
  return true;
}

}  // namespace fan::ui
