// HistoryStore: generations, pairwise choices and the embedding cache.
#include "core/store/HistoryStore.h"

#include "core/store/SqlUtil.h"
#include "core/text/Tokenizer.h"

#include <QtEndian>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace fan {

namespace {

std::invalid_argument noGeneration(qint64 id) {
  return std::invalid_argument("no generation with id " + std::to_string(id));
}

void validateGeneration(const Generation& g) {
  auto require = [](bool ok, const char* what) {
    if (!ok) throw std::invalid_argument(std::string("generation: ") + what);
  };
  require(!g.prompt.trimmed().isEmpty(), "the prompt must not be empty");
  require(!g.modelFingerprint.isEmpty(), "the model fingerprint must not be empty");
  require(!g.scheduler.isEmpty(), "the scheduler must not be empty");
  require(g.steps > 0, "steps must be > 0");
  require(g.width > 0 && g.height > 0, "width and height must be > 0");
  require(std::isfinite(g.guidance), "guidance must be a finite number");
  require(g.alpha >= 0 && g.alpha <= 1, "alpha must be in [0, 1]");
  require(g.sampleSize >= 0 && g.sampleSize <= 1, "sample_size must be in [0, 1]");
  require(g.durationMs >= 0, "duration must be >= 0");
  for (const GenerationReference& r : g.references) validateWeight(r.weight, "reference weight");
}

const QString kGenerationColumns = QStringLiteral(
    "id, profile_id, prompt, negative_prompt, model_fingerprint, scheduler, steps, guidance, width, height, seed, "
    "alpha, sample_size, duration_ms, created_at");

Generation readGeneration(const QSqlQuery& q) {
  Generation g;
  g.id = q.value(0).toLongLong();
  g.profileId = sql::optionalId(q.value(1));
  g.prompt = q.value(2).toString();
  g.negative = q.value(3).toString();
  g.modelFingerprint = q.value(4).toString();
  g.scheduler = q.value(5).toString();
  g.steps = q.value(6).toInt();
  g.guidance = q.value(7).toDouble();
  g.width = q.value(8).toInt();
  g.height = q.value(9).toInt();
  g.seed = q.value(10).toLongLong();
  g.alpha = q.value(11).toDouble();
  g.sampleSize = q.value(12).toDouble();
  g.durationMs = q.value(13).toLongLong();
  g.created = sql::fromMs(q.value(14));
  return g;
}

QVariant entryOf(const ChoiceItem& item) {
  return item.kind == ChoiceItem::Kind::Entry ? QVariant(item.id) : QVariant();
}
QVariant generationOf(const ChoiceItem& item) {
  return item.kind == ChoiceItem::Kind::Generation ? QVariant(item.id) : QVariant();
}
ChoiceItem readChoiceItem(const QVariant& entryId, const QVariant& generationId) {
  if (!entryId.isNull()) return {ChoiceItem::Kind::Entry, entryId.toLongLong()};
  return {ChoiceItem::Kind::Generation, generationId.toLongLong()};
}

// Vectors are stored as little-endian float32 so the file reads the same on any machine.
QByteArray toBlob(const std::vector<float>& v) {
  QByteArray blob(qsizetype(v.size() * sizeof(float)), Qt::Uninitialized);
  qToLittleEndian<float>(v.data(), qsizetype(v.size()), blob.data());
  return blob;
}

}  // namespace

// --- Generations --------------------------------------------------------------------------

qint64 HistoryStore::addGeneration(const Generation& g) {
  validateGeneration(g);
  qint64 id = 0;
  transaction([&] {
    if (g.profileId) requireProfile(*g.profileId);
    const QDateTime created = g.created.isValid() ? g.created : sql::nowUtc();
    QSqlQuery q = sql::run(
        db_,
        QStringLiteral("INSERT INTO generations (profile_id, prompt, negative_prompt, model_fingerprint, scheduler, "
                       "steps, guidance, width, height, seed, alpha, sample_size, duration_ms, created_at) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {sql::nullable(g.profileId), g.prompt, sql::text(g.negative), g.modelFingerprint, g.scheduler, g.steps, g.guidance,
         g.width, g.height, g.seed, g.alpha, g.sampleSize, g.durationMs, sql::toMs(created)});
    id = q.lastInsertId().toLongLong();
    for (size_t i = 0; i < g.references.size(); ++i) {
      const GenerationReference& r = g.references[i];
      if (r.entryId) requireEntry(*r.entryId);
      sql::run(db_,
               QStringLiteral("INSERT INTO generation_references (generation_id, position, entry_id, prompt, weight) "
                              "VALUES (?, ?, ?, ?, ?)"),
               {id, qint64(i), sql::nullable(r.entryId), sql::text(r.prompt), r.weight});
    }
    for (size_t i = 0; i < g.outputs.size(); ++i) {
      if (!sql::scalar(db_, QStringLiteral("SELECT EXISTS (SELECT 1 FROM images WHERE hash = ?)"), {g.outputs[i].hash})
               .toBool())
        throw std::invalid_argument(
            QStringLiteral("generation output %1 is not a stored image (store it first)").arg(g.outputs[i].hash).toStdString());
      sql::run(db_, QStringLiteral("INSERT INTO generation_outputs (generation_id, position, image_hash) VALUES (?, ?, ?)"),
               {id, qint64(i), g.outputs[i].hash});
    }
  });
  return id;
}

Generation HistoryStore::generation(qint64 id) const {
  QSqlQuery q = sql::run(db_, QStringLiteral("SELECT %1 FROM generations WHERE id = ?").arg(kGenerationColumns), {id});
  if (!q.next()) throw noGeneration(id);
  Generation g = readGeneration(q);
  QSqlQuery refs = sql::run(db_,
                            QStringLiteral("SELECT entry_id, prompt, weight FROM generation_references "
                                           "WHERE generation_id = ? ORDER BY position"),
                            {id});
  while (refs.next())
    g.references.push_back({sql::optionalId(refs.value(0)), refs.value(1).toString(), refs.value(2).toDouble()});
  QSqlQuery outs = sql::run(db_,
                            QStringLiteral("SELECT i.hash, i.format, i.width, i.height FROM generation_outputs o "
                                           "JOIN images i ON i.hash = o.image_hash WHERE o.generation_id = ? "
                                           "ORDER BY o.position"),
                            {id});
  while (outs.next())
    g.outputs.push_back({outs.value(0).toString(), outs.value(1).toString(), outs.value(2).toInt(), outs.value(3).toInt()});
  return g;
}

std::vector<Generation> HistoryStore::generations(qint64 profileId) const {
  requireProfile(profileId);
  QSqlQuery q = sql::run(db_, QStringLiteral("SELECT id FROM generations WHERE profile_id = ? ORDER BY created_at, id"),
                         {profileId});
  std::vector<Generation> result;
  while (q.next()) result.push_back(generation(q.value(0).toLongLong()));
  return result;
}

void HistoryStore::removeGeneration(qint64 id) {
  transaction([&] {
    QSqlQuery q = sql::run(db_, QStringLiteral("DELETE FROM generations WHERE id = ?"), {id});
    if (q.numRowsAffected() != 1) throw noGeneration(id);
    imageCleanupPending_ = true;
  });
}

qint64 HistoryStore::addEntryFromGeneration(qint64 generationId, int outputIndex, qint64 profileId,
                                            std::optional<int> rating) {
  qint64 id = 0;
  transaction([&] {
    const Generation g = generation(generationId);
    if (outputIndex < 0 || outputIndex >= int(g.outputs.size()))
      throw std::invalid_argument(QStringLiteral("generation %1 has %2 output(s); no output %3")
                                      .arg(generationId)
                                      .arg(g.outputs.size())
                                      .arg(outputIndex)
                                      .toStdString());
    requireProfile(profileId);
    NewEntry entry;
    entry.prompt = g.prompt;
    entry.negative = g.negative;
    entry.rating = rating;
    entry.image = g.outputs[size_t(outputIndex)];
    entry.source = EntrySource::Generated;
    id = insertEntry(profileId, entry, generationId);
  });
  return id;
}

// --- Pairwise choices ---------------------------------------------------------------------

qint64 HistoryStore::addChoice(qint64 profileId, ChoiceItem winner, ChoiceItem loser) {
  if (winner == loser) throw std::invalid_argument("a pairwise choice needs two different items");
  qint64 id = 0;
  transaction([&] {
    requireProfile(profileId);
    for (const ChoiceItem& item : {winner, loser}) {
      if (item.kind == ChoiceItem::Kind::Entry) requireEntry(item.id);
      else generation(item.id);  // throws when missing
    }
    QSqlQuery q = sql::run(db_,
                           QStringLiteral("INSERT INTO pairwise_choices (profile_id, winner_entry_id, "
                                          "winner_generation_id, loser_entry_id, loser_generation_id, created_at) "
                                          "VALUES (?, ?, ?, ?, ?, ?)"),
                           {profileId, entryOf(winner), generationOf(winner), entryOf(loser), generationOf(loser),
                            sql::toMs(sql::nowUtc())});
    id = q.lastInsertId().toLongLong();
  });
  return id;
}

std::vector<PairwiseChoice> HistoryStore::choices(qint64 profileId) const {
  requireProfile(profileId);
  QSqlQuery q = sql::run(db_,
                         QStringLiteral("SELECT id, winner_entry_id, winner_generation_id, loser_entry_id, "
                                        "loser_generation_id, created_at FROM pairwise_choices WHERE profile_id = ? "
                                        "ORDER BY created_at, id"),
                         {profileId});
  std::vector<PairwiseChoice> result;
  while (q.next())
    result.push_back({q.value(0).toLongLong(), profileId, readChoiceItem(q.value(1), q.value(2)),
                      readChoiceItem(q.value(3), q.value(4)), sql::fromMs(q.value(5))});
  return result;
}

void HistoryStore::removeChoice(qint64 id) {
  QSqlQuery q = sql::run(db_, QStringLiteral("DELETE FROM pairwise_choices WHERE id = ?"), {id});
  if (q.numRowsAffected() != 1) throw std::invalid_argument("no pairwise choice with id " + std::to_string(id));
}

// --- Embedding cache ----------------------------------------------------------------------

namespace {

// A stored vector; a damaged row (blob size not dim floats) is a cache miss, never a wrong vector.
std::optional<std::vector<float>> decodeEmbedding(qsizetype dim, const QByteArray& blob) {
  if (dim <= 0 || blob.size() != dim * qsizetype(sizeof(float))) return std::nullopt;
  std::vector<float> v(static_cast<size_t>(dim));
  qFromLittleEndian<float>(blob.constData(), dim, v.data());
  return v;
}

constexpr qsizetype kLookupChunk = 200;  // texts per query (binding cost grows with the square of the count)

}  // namespace

std::optional<std::vector<float>> HistoryStore::cachedEmbedding(const QString& encoder, const QString& text) const {
  return std::move(cachedEmbeddings(encoder, {text}).front());
}

std::vector<std::optional<std::vector<float>>> HistoryStore::cachedEmbeddings(const QString& encoder,
                                                                              const QStringList& texts) const {
  std::vector<std::optional<std::vector<float>>> out(static_cast<size_t>(texts.size()));
  QHash<QString, std::vector<qsizetype>> positions;  // normalized text -> its positions in `texts`
  QStringList keys;                                   // distinct normalized texts, first-seen order
  for (qsizetype i = 0; i < texts.size(); ++i) {
    const QString key = Tokenizer::normalizeForCache(texts[i]);
    std::vector<qsizetype>& at = positions[key];
    if (at.empty()) keys << key;
    at.push_back(i);
  }
  for (qsizetype start = 0; start < keys.size(); start += kLookupChunk) {
    const qsizetype count = std::min(kLookupChunk, keys.size() - start);
    QVariantList values{encoder};
    for (qsizetype k = start; k < start + count; ++k) values << keys[k];
    QStringList marks(count, QStringLiteral("?"));
    QSqlQuery q = sql::prepare(db_,
                               QStringLiteral("SELECT text, dim, vector FROM embedding_cache WHERE encoder = ? AND text IN (%1)")
                                   .arg(marks.join(QLatin1Char(','))),
                               values);
    q.setForwardOnly(true);
    sql::exec(q);
    while (q.next()) {
      const std::optional<std::vector<float>> v = decodeEmbedding(q.value(1).toLongLong(), q.value(2).toByteArray());
      if (!v) continue;
      for (const qsizetype i : positions.value(q.value(0).toString())) out[static_cast<size_t>(i)] = *v;
    }
  }
  return out;
}

void HistoryStore::storeEmbeddings(const QString& encoder,
                                   const std::vector<std::pair<QString, std::vector<float>>>& vectors) {
  if (encoder.isEmpty()) throw std::invalid_argument("embedding cache: the encoder fingerprint must not be empty");
  for (const auto& [text, v] : vectors)
    if (v.empty()) throw std::invalid_argument(QStringLiteral("embedding cache: empty vector for '%1'").arg(text).toStdString());
  transaction([&] {
    const qint64 now = sql::toMs(sql::nowUtc());
    for (const auto& [text, v] : vectors)
      sql::run(db_,
               QStringLiteral("INSERT OR REPLACE INTO embedding_cache (encoder, text, dim, vector, created_at) "
                              "VALUES (?, ?, ?, ?, ?)"),
               {encoder, Tokenizer::normalizeForCache(text), qint64(v.size()), toBlob(v), now});
  });
}

int HistoryStore::clearEmbeddingCache(const QString& encoder) {
  QSqlQuery q = encoder.isEmpty()
                    ? sql::run(db_, QStringLiteral("DELETE FROM embedding_cache"))
                    : sql::run(db_, QStringLiteral("DELETE FROM embedding_cache WHERE encoder = ?"), {encoder});
  return q.numRowsAffected();
}

int HistoryStore::embeddingCacheSize() const {
  return sql::scalar(db_, QStringLiteral("SELECT count(*) FROM embedding_cache")).toInt();
}

}  // namespace fan
