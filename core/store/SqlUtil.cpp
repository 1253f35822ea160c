#include "core/store/SqlUtil.h"

#include <QSqlError>

#include <stdexcept>

namespace fan::sql {

namespace {

[[noreturn]] void fail(const QSqlError& error, const QString& statement) {
  throw std::runtime_error(QStringLiteral("database error: %1 (in: %2)")
                               .arg(error.text(), statement.simplified().left(200))
                               .toStdString());
}

}  // namespace

QSqlQuery prepare(const QSqlDatabase& db, const QString& statement, const QVariantList& values) {
  QSqlQuery query(db);
  if (!query.prepare(statement)) fail(query.lastError(), statement);
  for (const QVariant& value : values) query.addBindValue(value);
  return query;
}

void exec(QSqlQuery& query) {
  if (!query.exec()) fail(query.lastError(), query.lastQuery());
}

void execWith(QSqlQuery& query, const QVariantList& values) {
  for (qsizetype i = 0; i < values.size(); ++i) query.bindValue(int(i), values[i]);
  exec(query);
}

QSqlQuery run(const QSqlDatabase& db, const QString& statement, const QVariantList& values) {
  QSqlQuery query = prepare(db, statement, values);
  exec(query);
  return query;
}

QVariant scalar(const QSqlDatabase& db, const QString& statement, const QVariantList& values) {
  QSqlQuery query = run(db, statement, values);
  return query.next() ? query.value(0) : QVariant();
}

Transaction::Transaction(QSqlDatabase db) : db_(std::move(db)) {
  run(db_, QStringLiteral("BEGIN IMMEDIATE"));
}

Transaction::~Transaction() {
  if (!open_) return;
  QSqlQuery rollback(db_);
  rollback.exec(QStringLiteral("ROLLBACK"));  // nothing more to do if even this fails
}

void Transaction::commit() {
  run(db_, QStringLiteral("COMMIT"));
  open_ = false;
}

}  // namespace fan::sql
