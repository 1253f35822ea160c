// The history database's schema and its forward migrations (internal to core/store and its tests).
#pragma once

#include <QSqlDatabase>
#include <QString>

namespace fan::store {

// v1: profiles, memberships, images, history entries + tags, generations (+ references,
//     outputs), embedding cache, pairwise choices.
// v2: profiles.name_key, the Unicode case-folded name with a unique index (v1's NOCASE
//     collation folds ASCII only, so "Émile" and "émile" could coexist).
constexpr int kLatestSchemaVersion = 2;

// PRAGMA user_version of the open database (0 for a new file).
int schemaVersion(const QSqlDatabase& db);

// Brings the database to `target` inside one write transaction, re-reading the version under
// the lock so two processes opening a new file at once migrate it once. Throws
// std::runtime_error when the file is newer than `target` (written by a newer FAN Studio).
void migrate(const QSqlDatabase& db, int target = kLatestSchemaVersion);

// The form in which profile names must be unique: NFKC, case-folded, trimmed.
QString nameKey(const QString& name);

}  // namespace fan::store
