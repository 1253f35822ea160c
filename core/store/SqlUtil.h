// Small Qt SQL helpers for the store: every failure becomes a std::runtime_error that carries
// the driver's message and the statement, so no error is silently dropped.
#pragma once

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>

#include <optional>

namespace fan::sql {

// Prepares `statement`; binds `values` positionally when given.
QSqlQuery prepare(const QSqlDatabase& db, const QString& statement, const QVariantList& values = {});
// Executes a prepared query (after binding); throws on failure.
void exec(QSqlQuery& query);
// Re-binds a prepared query's positional values and executes it (for statements run many times).
void execWith(QSqlQuery& query, const QVariantList& values);
// Prepare + bind + exec in one step; returns the query positioned before its first row.
QSqlQuery run(const QSqlDatabase& db, const QString& statement, const QVariantList& values = {});
// The first column of the first row (invalid QVariant when there is no row).
QVariant scalar(const QSqlDatabase& db, const QString& statement, const QVariantList& values = {});

// Qt binds a null QString as SQL NULL; text columns that may be empty want ''.
inline QVariant text(const QString& s) { return s.isNull() ? QVariant(QStringLiteral("")) : QVariant(s); }

template <typename T>
QVariant nullable(const std::optional<T>& value) {
  return value ? QVariant::fromValue(*value) : QVariant();
}
inline std::optional<int> optionalInt(const QVariant& v) {
  return v.isNull() ? std::nullopt : std::optional<int>(v.toInt());
}
inline std::optional<qint64> optionalId(const QVariant& v) {
  return v.isNull() ? std::nullopt : std::optional<qint64>(v.toLongLong());
}
inline std::optional<double> optionalDouble(const QVariant& v) {
  return v.isNull() ? std::nullopt : std::optional<double>(v.toDouble());
}

// Times are stored as milliseconds since the epoch (UTC).
inline qint64 toMs(const QDateTime& t) { return t.toMSecsSinceEpoch(); }
inline QDateTime fromMs(const QVariant& v) { return QDateTime::fromMSecsSinceEpoch(v.toLongLong(), Qt::UTC); }
// Now, truncated to what the database keeps.
inline QDateTime nowUtc() { return QDateTime::fromMSecsSinceEpoch(QDateTime::currentMSecsSinceEpoch(), Qt::UTC); }

// A write transaction. BEGIN IMMEDIATE takes the write lock up front: a deferred transaction
// that reads first can fail with SQLITE_BUSY when it upgrades, which the busy timeout does not
// retry. Rolls back unless commit() was called.
class Transaction {
 public:
  explicit Transaction(QSqlDatabase db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  QSqlDatabase db_;
  bool open_ = true;
};

}  // namespace fan::sql
