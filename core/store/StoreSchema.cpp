#include "core/store/StoreSchema.h"

#include "core/store/SqlUtil.h"

#include <QSet>
#include <QStringList>

#include <stdexcept>

namespace fan::store {

namespace {

// Frozen once released: a change to an existing version's statements would not reach the
// databases that already ran them. Add a new version instead (tests/data/store holds a v1 file).
const QStringList kVersion1 = {
    QStringLiteral(R"(CREATE TABLE profiles (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('user', 'group', 'brand')),
  name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
  description TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL))"),
    QStringLiteral(R"(CREATE TABLE profile_members (
  library_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
  member_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
  weight REAL NOT NULL DEFAULT 1.0 CHECK (weight >= 0),
  PRIMARY KEY (library_id, member_id),
  CHECK (library_id <> member_id)) WITHOUT ROWID)"),
    QStringLiteral("CREATE INDEX profile_members_member ON profile_members(member_id)"),
    QStringLiteral(R"(CREATE TRIGGER profile_members_library_kind BEFORE INSERT ON profile_members
  WHEN (SELECT kind FROM profiles WHERE id = NEW.library_id) = 'user'
  BEGIN SELECT RAISE(ABORT, 'only groups and brands have members'); END)"),
    QStringLiteral(R"(CREATE TABLE images (
  hash TEXT PRIMARY KEY,
  format TEXT NOT NULL,
  width INTEGER NOT NULL CHECK (width > 0),
  height INTEGER NOT NULL CHECK (height > 0),
  byte_size INTEGER NOT NULL,
  created_at INTEGER NOT NULL) WITHOUT ROWID)"),
    QStringLiteral(R"(CREATE TABLE generations (
  id INTEGER PRIMARY KEY,
  profile_id INTEGER REFERENCES profiles(id) ON DELETE CASCADE,
  prompt TEXT NOT NULL,
  negative_prompt TEXT NOT NULL DEFAULT '',
  model_fingerprint TEXT NOT NULL,
  scheduler TEXT NOT NULL,
  steps INTEGER NOT NULL CHECK (steps > 0),
  guidance REAL NOT NULL,
  width INTEGER NOT NULL CHECK (width > 0),
  height INTEGER NOT NULL CHECK (height > 0),
  seed INTEGER NOT NULL,
  alpha REAL NOT NULL CHECK (alpha >= 0 AND alpha <= 1),
  sample_size REAL NOT NULL CHECK (sample_size >= 0 AND sample_size <= 1),
  duration_ms INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL))"),
    QStringLiteral("CREATE INDEX generations_profile ON generations(profile_id, created_at)"),
    QStringLiteral(R"(CREATE TABLE history_entries (
  id INTEGER PRIMARY KEY,
  profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
  prompt TEXT NOT NULL,
  negative_prompt TEXT NOT NULL DEFAULT '',
  rating INTEGER CHECK (rating BETWEEN 1 AND 5),
  weight REAL CHECK (weight >= 0),
  image_hash TEXT REFERENCES images(hash),
  source TEXT NOT NULL CHECK (source IN ('typed', 'imported', 'generated')),
  generation_id INTEGER REFERENCES generations(id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL))"),
    QStringLiteral("CREATE INDEX history_entries_profile ON history_entries(profile_id, created_at)"),
    QStringLiteral("CREATE INDEX history_entries_image ON history_entries(image_hash)"),
    QStringLiteral("CREATE INDEX history_entries_generation ON history_entries(generation_id)"),
    QStringLiteral(R"(CREATE TABLE entry_tags (
  entry_id INTEGER NOT NULL REFERENCES history_entries(id) ON DELETE CASCADE,
  tag TEXT NOT NULL,
  PRIMARY KEY (entry_id, tag)) WITHOUT ROWID)"),
    QStringLiteral("CREATE INDEX entry_tags_tag ON entry_tags(tag)"),
    QStringLiteral(R"(CREATE TABLE generation_references (
  generation_id INTEGER NOT NULL REFERENCES generations(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  entry_id INTEGER REFERENCES history_entries(id) ON DELETE SET NULL,
  prompt TEXT NOT NULL,
  weight REAL NOT NULL CHECK (weight >= 0),
  PRIMARY KEY (generation_id, position)) WITHOUT ROWID)"),
    QStringLiteral("CREATE INDEX generation_references_entry ON generation_references(entry_id)"),
    QStringLiteral(R"(CREATE TABLE generation_outputs (
  generation_id INTEGER NOT NULL REFERENCES generations(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  image_hash TEXT NOT NULL REFERENCES images(hash),
  PRIMARY KEY (generation_id, position)) WITHOUT ROWID)"),
    QStringLiteral("CREATE INDEX generation_outputs_image ON generation_outputs(image_hash)"),
    QStringLiteral(R"(CREATE TABLE embedding_cache (
  encoder TEXT NOT NULL,
  text TEXT NOT NULL,
  dim INTEGER NOT NULL CHECK (dim > 0),
  vector BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (encoder, text)) WITHOUT ROWID)"),
    QStringLiteral(R"(CREATE TABLE pairwise_choices (
  id INTEGER PRIMARY KEY,
  profile_id INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
  winner_entry_id INTEGER REFERENCES history_entries(id) ON DELETE CASCADE,
  winner_generation_id INTEGER REFERENCES generations(id) ON DELETE CASCADE,
  loser_entry_id INTEGER REFERENCES history_entries(id) ON DELETE CASCADE,
  loser_generation_id INTEGER REFERENCES generations(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  CHECK ((winner_entry_id IS NULL) <> (winner_generation_id IS NULL)),
  CHECK ((loser_entry_id IS NULL) <> (loser_generation_id IS NULL))))"),
    QStringLiteral("CREATE INDEX pairwise_choices_profile ON pairwise_choices(profile_id)"),
    QStringLiteral("CREATE INDEX pairwise_choices_winner_entry ON pairwise_choices(winner_entry_id)"),
    QStringLiteral("CREATE INDEX pairwise_choices_winner_generation ON pairwise_choices(winner_generation_id)"),
    QStringLiteral("CREATE INDEX pairwise_choices_loser_entry ON pairwise_choices(loser_entry_id)"),
    QStringLiteral("CREATE INDEX pairwise_choices_loser_generation ON pairwise_choices(loser_generation_id)"),
};

void runAll(const QSqlDatabase& db, const QStringList& statements) {
  for (const QString& statement : statements) sql::run(db, statement);
}

void migrateTo1(const QSqlDatabase& db) { runAll(db, kVersion1); }

// Names that were distinct under v1's ASCII-only NOCASE but fold to the same key get the
// profile id appended (later profiles only), so opening never fails and nothing is lost.
void migrateTo2(const QSqlDatabase& db) {
  sql::run(db, QStringLiteral("ALTER TABLE profiles ADD COLUMN name_key TEXT NOT NULL DEFAULT ''"));
  QSqlQuery rows = sql::run(db, QStringLiteral("SELECT id, name FROM profiles ORDER BY id"));
  QSet<QString> taken;
  while (rows.next()) {
    const qint64 id = rows.value(0).toLongLong();
    QString name = rows.value(1).toString();
    while (taken.contains(nameKey(name))) name += QStringLiteral(" (%1)").arg(id);
    taken.insert(nameKey(name));
    sql::run(db, QStringLiteral("UPDATE profiles SET name = ?, name_key = ? WHERE id = ?"),
             {name, nameKey(name), id});
  }
  sql::run(db, QStringLiteral("CREATE UNIQUE INDEX profiles_name_key ON profiles(name_key)"));
}

using Migration = void (*)(const QSqlDatabase&);
const Migration kMigrations[kLatestSchemaVersion] = {migrateTo1, migrateTo2};

}  // namespace

int schemaVersion(const QSqlDatabase& db) {
  return sql::scalar(db, QStringLiteral("PRAGMA user_version")).toInt();
}

void migrate(const QSqlDatabase& db, int target) {
  if (target < 1 || target > kLatestSchemaVersion)
    throw std::invalid_argument("schema version " + std::to_string(target) + " does not exist");
  sql::Transaction transaction(db);
  const int current = schemaVersion(db);
  if (current > target)
    throw std::runtime_error(QStringLiteral("%1: schema version %2 is newer than this FAN Studio "
                                            "understands (%3); use a newer FAN Studio")
                                 .arg(db.databaseName())
                                 .arg(current)
                                 .arg(target)
                                 .toStdString());
  for (int version = current + 1; version <= target; ++version) kMigrations[version - 1](db);
  if (current == target) return;  // nothing written: the destructor's rollback is a no-op
  sql::run(db, QStringLiteral("PRAGMA user_version = %1").arg(target));
  transaction.commit();
}

QString nameKey(const QString& name) {
  return name.trimmed().normalized(QString::NormalizationForm_KC).toCaseFolded();
}

}  // namespace fan::store
