#include "ui/HistoryTableModel.h"

#include <QLocale>

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

}  // namespace

HistoryTableModel::HistoryTableModel(HistoryStore& store, QObject* parent) : QAbstractTableModel(parent), store_(store) {}

void HistoryTableModel::setProfile(qint64 profileId, bool showMembers) {
  profileId_ = profileId;
  showMembers_ = showMembers;
  reload();
}

void HistoryTableModel::reload() {
  beginResetModel();
  rows_.clear();
  if (profileId_ != 0 && showMembers_) {
    rows_ = store_.profilingHistory(profileId_);
  } else if (profileId_ != 0) {
    const QString owner = store_.profile(profileId_).name;
    for (HistoryEntry& e : store_.entries(profileId_)) {
      const double weight = e.effectiveWeight();
      rows_.push_back({std::move(e), owner, 1.0, weight});
    }
  }
  endResetModel();
}

int HistoryTableModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(rows_.size()); }
int HistoryTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant HistoryTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case Prompt: return tr("Prompt");
    case Rating: return tr("Rating");
    case Weight: return tr("Weight");
    case EffectiveWeight: return tr("Effective weight");
    case Tags: return tr("Tags");
    case Owner: return tr("From");
    case Source: return tr("Source");
    case Image: return tr("Image");
    case Created: return tr("Created");
    default: return {};
  }
}

QVariant HistoryTableModel::display(const WeightedEntry& row, int column) const {
  const HistoryEntry& e = row.entry;
  const QLocale locale;
  switch (column) {
    case Prompt: return e.prompt;
    case Rating: return stars(e.rating);
    case Weight: return e.weight ? locale.toString(*e.weight, 'f', 2) : tr("auto");
    case EffectiveWeight:
      return row.weight > 0 ? locale.toString(row.weight, 'f', 2) : tr("off");
    case Tags: return e.tags.join(QStringLiteral(", "));
    case Owner:
      return row.memberWeight == 1.0 ? row.ownerName : tr("%1 (x%2)").arg(row.ownerName, locale.toString(row.memberWeight));
    case Source: return sourceLabel(e.source);
    case Image: return e.image ? tr("%1 x %2 %3").arg(e.image->width).arg(e.image->height).arg(e.image->format) : QString();
    case Created: return locale.toString(e.created.toLocalTime(), QLocale::ShortFormat);
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

QVariant HistoryTableModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= int(rows_.size())) return {};
  const WeightedEntry& row = rows_[size_t(index.row())];
  switch (role) {
    case Qt::DisplayRole: return display(row, index.column());
    case SortRole: return sortKey(row, index.column());
    case EntryIdRole: return row.entry.id;
    case Qt::ToolTipRole:
      if (index.column() == Prompt && !row.entry.negative.isEmpty())
        return tr("%1\n\nNegative: %2").arg(row.entry.prompt, row.entry.negative);
      if (index.column() == Image && row.entry.image) return store_.imagePath(*row.entry.image);
      return {};
    case Qt::TextAlignmentRole:
      if (index.column() == Weight || index.column() == EffectiveWeight)
        return int(Qt::AlignRight | Qt::AlignVCenter);
      return {};
    default: return {};
  }
}

}  // namespace fan::ui
