// HistoryStore: history entries, their tags and images, and the profiling view of a history.
#include "core/store/HistoryStore.h"

#include "core/store/ImageFiles.h"
#include "core/store/SqlUtil.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSaveFile>

#include <algorithm>
#include <stdexcept>

namespace fan {

namespace {

const QString kEntrySelect = QStringLiteral(
    "SELECT e.id, e.profile_id, e.prompt, e.negative_prompt, e.rating, e.weight, e.image_hash, i.format, "
    "i.width, i.height, e.source, e.generation_id, e.created_at "
    "FROM history_entries e LEFT JOIN images i ON i.hash = e.image_hash");

HistoryEntry readEntry(const QSqlQuery& q) {
  HistoryEntry e;
  e.id = q.value(0).toLongLong();
  e.profileId = q.value(1).toLongLong();
  e.prompt = q.value(2).toString();
  e.negative = q.value(3).toString();
  e.rating = sql::optionalInt(q.value(4));
  e.weight = sql::optionalDouble(q.value(5));
  if (!q.value(6).isNull())
    e.image = ImageRef{q.value(6).toString(), q.value(7).toString(), q.value(8).toInt(), q.value(9).toInt()};
  e.source = entrySourceFromString(q.value(10).toString());
  e.generationId = sql::optionalId(q.value(11));
  e.created = sql::fromMs(q.value(12));
  return e;
}

// Trimmed, non-empty, unique, sorted: tags are a set.
QStringList cleanTags(const QStringList& tags) {
  QStringList result;
  for (const QString& tag : tags)
    if (!tag.trimmed().isEmpty()) result << tag.trimmed();
  result.sort();
  result.removeDuplicates();
  return result;
}

void validatePrompt(const QString& prompt) {
  if (prompt.trimmed().isEmpty()) throw std::invalid_argument("a history entry needs a non-empty prompt");
}

std::invalid_argument noEntry(qint64 id) {
  return std::invalid_argument("no history entry with id " + std::to_string(id));
}

}  // namespace

// --- Entries ------------------------------------------------------------------------------

void HistoryStore::requireEntry(qint64 id) const {
  if (!sql::scalar(db_, QStringLiteral("SELECT EXISTS (SELECT 1 FROM history_entries WHERE id = ?)"), {id}).toBool())
    throw noEntry(id);
}

void HistoryStore::insertTags(qint64 entryId, const QStringList& tags) {
  QSqlQuery& insert = statement(QStringLiteral("INSERT INTO entry_tags (entry_id, tag) VALUES (?, ?)"));
  for (const QString& tag : cleanTags(tags)) sql::execWith(insert, {entryId, tag});
}

qint64 HistoryStore::insertEntry(qint64 profileId, const NewEntry& entry, std::optional<qint64> generationId) {
  validatePrompt(entry.prompt);
  validateRating(entry.rating);
  validateWeight(entry.weight);
  std::optional<ImageRef> image = entry.image;
  if (!entry.imageFile.isEmpty()) image = storeImage(readImageFile(entry.imageFile));
  const QDateTime created = entry.created.isValid() ? entry.created : sql::nowUtc();
  QSqlQuery& insert = statement(
      QStringLiteral("INSERT INTO history_entries (profile_id, prompt, negative_prompt, rating, weight, image_hash, "
                     "source, generation_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  sql::execWith(
      insert,
      {profileId, entry.prompt, sql::text(entry.negative), sql::nullable(entry.rating), sql::nullable(entry.weight),
       image ? QVariant(image->hash) : QVariant(), toString(entry.source), sql::nullable(generationId),
       sql::toMs(created)});
  const qint64 id = insert.lastInsertId().toLongLong();
  insertTags(id, entry.tags);
  return id;
}

qint64 HistoryStore::addEntry(qint64 profileId, const NewEntry& entry) {
  return addEntries(profileId, {entry}).front();
}

std::vector<qint64> HistoryStore::addEntries(qint64 profileId, const std::vector<NewEntry>& entries) {
  std::vector<qint64> ids;
  ids.reserve(entries.size());
  transaction([&] {
    requireProfile(profileId);
    for (const NewEntry& entry : entries) ids.push_back(insertEntry(profileId, entry, std::nullopt));
  });
  return ids;
}

std::vector<HistoryEntry> HistoryStore::queryEntries(const QString& where, const QVariantList& values) const {
  QSqlQuery q = sql::prepare(db_, kEntrySelect + QStringLiteral(" WHERE ") + where +
                                      QStringLiteral(" ORDER BY e.created_at, e.id"),
                             values);
  q.setForwardOnly(true);
  sql::exec(q);
  std::vector<HistoryEntry> result;
  QHash<qint64, size_t> index;
  while (q.next()) {
    index.insert(q.value(0).toLongLong(), result.size());
    result.push_back(readEntry(q));
  }
  QSqlQuery tags = sql::prepare(db_,
                                QStringLiteral("SELECT t.entry_id, t.tag FROM entry_tags t JOIN history_entries e "
                                               "ON e.id = t.entry_id WHERE ") +
                                    where + QStringLiteral(" ORDER BY t.entry_id, t.tag"),
                                values);
  tags.setForwardOnly(true);
  sql::exec(tags);
  while (tags.next()) result[index.value(tags.value(0).toLongLong())].tags << tags.value(1).toString();
  return result;
}

HistoryEntry HistoryStore::entry(qint64 id) const {
  auto found = queryEntries(QStringLiteral("e.id = ?"), {id});
  if (found.empty()) throw noEntry(id);
  return found.front();
}

std::vector<HistoryEntry> HistoryStore::entries(qint64 profileId) const {
  requireProfile(profileId);
  return queryEntries(QStringLiteral("e.profile_id = ?"), {profileId});
}

int HistoryStore::entryCount(qint64 profileId) const {
  requireProfile(profileId);
  return sql::scalar(db_, QStringLiteral("SELECT count(*) FROM history_entries WHERE profile_id = ?"), {profileId})
      .toInt();
}

void HistoryStore::setPrompt(qint64 id, const QString& prompt, const QString& negative) {
  validatePrompt(prompt);
  QSqlQuery q = sql::run(db_, QStringLiteral("UPDATE history_entries SET prompt = ?, negative_prompt = ? WHERE id = ?"),
                         {prompt, sql::text(negative), id});
  if (q.numRowsAffected() != 1) throw noEntry(id);
}

void HistoryStore::setRating(qint64 id, std::optional<int> rating) {
  validateRating(rating);
  QSqlQuery q = sql::run(db_, QStringLiteral("UPDATE history_entries SET rating = ? WHERE id = ?"),
                         {sql::nullable(rating), id});
  if (q.numRowsAffected() != 1) throw noEntry(id);
}

void HistoryStore::setWeight(qint64 id, std::optional<double> weight) {
  validateWeight(weight);
  QSqlQuery q = sql::run(db_, QStringLiteral("UPDATE history_entries SET weight = ? WHERE id = ?"),
                         {sql::nullable(weight), id});
  if (q.numRowsAffected() != 1) throw noEntry(id);
}

void HistoryStore::setTags(qint64 id, const QStringList& tags) {
  transaction([&] {
    requireEntry(id);
    sql::run(db_, QStringLiteral("DELETE FROM entry_tags WHERE entry_id = ?"), {id});
    insertTags(id, tags);
  });
}

void HistoryStore::setImage(qint64 id, const std::optional<ImageRef>& image) {
  transaction([&] {
    requireEntry(id);
    if (image && !sql::scalar(db_, QStringLiteral("SELECT EXISTS (SELECT 1 FROM images WHERE hash = ?)"), {image->hash})
                      .toBool())
      throw std::invalid_argument(
          QStringLiteral("image %1 is not a stored image (store it first)").arg(image->hash).toStdString());
    sql::run(db_, QStringLiteral("UPDATE history_entries SET image_hash = ? WHERE id = ?"),
             {image ? QVariant(image->hash) : QVariant(), id});
    imageCleanupPending_ = true;  // the previous image may be unused now
  });
}

void HistoryStore::removeEntries(const std::vector<qint64>& ids) {
  transaction([&] {
    for (qint64 id : ids) {
      QSqlQuery q = sql::run(db_, QStringLiteral("DELETE FROM history_entries WHERE id = ?"), {id});
      if (q.numRowsAffected() != 1) throw noEntry(id);
    }
    imageCleanupPending_ = true;
  });
}

std::vector<WeightedEntry> HistoryStore::profilingHistory(qint64 profileId) const {
  const Profile owner = profile(profileId);
  std::vector<WeightedEntry> result;
  auto append = [&](const Profile& from, double memberWeight) {
    for (HistoryEntry& e : entries(from.id)) {
      const double weight = e.effectiveWeight() * memberWeight;
      if (weight > 0) result.push_back({std::move(e), from.name, memberWeight, weight});
    }
  };
  append(owner, 1.0);
  if (owner.kind != ProfileKind::User)
    for (const Member& member : members(profileId)) append(member.profile, member.weight);
  return result;
}

QStringList HistoryStore::recentPrompts(int limit) const {
  QSqlQuery q = sql::run(db_,
                         QStringLiteral("SELECT prompt FROM (SELECT prompt, created_at FROM history_entries UNION ALL "
                                        "SELECT prompt, created_at FROM generations) "
                                        "GROUP BY prompt ORDER BY max(created_at) DESC, prompt LIMIT ?"),
                         {limit});
  QStringList result;
  while (q.next()) result << q.value(0).toString();
  return result;
}

// --- Images -------------------------------------------------------------------------------

QString HistoryStore::imagePath(const ImageRef& image) const {
  return QDir(dataDir_).filePath(QStringLiteral("images/%1/%2").arg(image.hash.left(2), imageFileName(image)));
}

ImageRef HistoryStore::storeImage(const ImageBlob& blob) {
  const QString path = imagePath(blob.ref);
  if (!QFile::exists(path)) {
    const QString root = QDir(dataDir_).filePath(QStringLiteral("images"));
    if (!QDir().mkpath(QFileInfo(path).path()))
      throw std::runtime_error(QStringLiteral("cannot create %1").arg(QFileInfo(path).path()).toStdString());
    QFile::setPermissions(root, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(blob.bytes) != blob.bytes.size() || !file.commit())
      throw std::runtime_error(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()).toStdString());
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
  }
  sql::run(db_,
           QStringLiteral("INSERT OR IGNORE INTO images (hash, format, width, height, byte_size, created_at) "
                          "VALUES (?, ?, ?, ?, ?, ?)"),
           {blob.ref.hash, blob.ref.format, blob.ref.width, blob.ref.height, qint64(blob.bytes.size()),
            sql::toMs(sql::nowUtc())});
  return blob.ref;
}

int HistoryStore::removeUnusedImages() {
  if (transactionDepth_ > 0) {  // the outermost transaction runs it after committing
    imageCleanupPending_ = true;
    return 0;
  }
  std::vector<ImageRef> unused;
  transaction([&] {
    QSqlQuery q = sql::run(db_, QStringLiteral(
        "SELECT hash, format FROM images WHERE "
        "NOT EXISTS (SELECT 1 FROM history_entries WHERE image_hash = images.hash) AND "
        "NOT EXISTS (SELECT 1 FROM generation_outputs WHERE image_hash = images.hash)"));
    while (q.next()) unused.push_back(ImageRef{q.value(0).toString(), q.value(1).toString(), 0, 0});
    for (const ImageRef& image : unused)
      sql::run(db_, QStringLiteral("DELETE FROM images WHERE hash = ?"), {image.hash});
  });
  for (const ImageRef& image : unused) QFile::remove(imagePath(image));
  return int(unused.size());
}

}  // namespace fan
