// HistoryStore: opening, transactions, profiles and memberships.
#include "core/store/HistoryStore.h"

#include "core/store/SqlUtil.h"
#include "core/store/StoreSchema.h"

#include <QDir>
#include <QFile>
#include <QSqlError>

#include <atomic>
#include <stdexcept>

namespace fan {

namespace {

constexpr auto kOwnerOnly = QFile::ReadOwner | QFile::WriteOwner;
constexpr int kBusyTimeoutMs = 30000;

QString uniqueConnectionName() {
  static std::atomic<quint64> counter{0};
  return QStringLiteral("fan-history-store-%1").arg(++counter);
}

// SQLite creates its -wal/-shm files with the database file's mode, so making the file
// owner-only (before SQLite first opens it) keeps all three private.
void ensureOwnerOnly(const QString& path) {
  QFile file(path);
  if (!file.exists() && !file.open(QIODevice::WriteOnly | QIODevice::NewOnly, kOwnerOnly) && !file.exists())
    throw std::runtime_error(
        QStringLiteral("cannot create %1: %2").arg(path, file.errorString()).toStdString());
  file.close();
  file.setPermissions(kOwnerOnly);  // also tightens a file copied in from elsewhere
}

const QString kProfileColumns = QStringLiteral("id, kind, name, description, created_at, updated_at");

Profile readProfile(const QSqlQuery& q, int first = 0) {
  Profile p;
  p.id = q.value(first).toLongLong();
  p.kind = profileKindFromString(q.value(first + 1).toString());
  p.name = q.value(first + 2).toString();
  p.description = q.value(first + 3).toString();
  p.created = sql::fromMs(q.value(first + 4));
  p.updated = sql::fromMs(q.value(first + 5));
  return p;
}

QString cleanName(const QString& name) {
  const QString trimmed = name.trimmed();
  if (trimmed.isEmpty()) throw std::invalid_argument("a profile name must not be empty");
  return trimmed;
}

}  // namespace

HistoryStore::HistoryStore(const QString& dataDir)
    : dataDir_(QDir(dataDir).absolutePath()), connectionName_(uniqueConnectionName()) {
  open();
}

HistoryStore::~HistoryStore() {
  statements_.clear();  // prepared statements must go before their connection
  db_.close();
  db_ = QSqlDatabase();  // the connection must have no handle left before removal
  QSqlDatabase::removeDatabase(connectionName_);
}

QString HistoryStore::databasePath() const { return QDir(dataDir_).filePath(databaseFileName()); }

void HistoryStore::open() {
  if (!QDir(dataDir_).exists())
    throw std::runtime_error(QStringLiteral("data directory %1 does not exist").arg(dataDir_).toStdString());
  const QString path = databasePath();
  ensureOwnerOnly(path);
  db_ = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName_);
  db_.setDatabaseName(path);
  db_.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(kBusyTimeoutMs));
  if (!db_.open())
    throw std::runtime_error(
        QStringLiteral("cannot open %1: %2").arg(path, db_.lastError().text()).toStdString());
  sql::run(db_, QStringLiteral("PRAGMA foreign_keys = ON"));
  const QString mode = sql::scalar(db_, QStringLiteral("PRAGMA journal_mode = WAL")).toString();
  if (mode.compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0)
    throw std::runtime_error(
        QStringLiteral("%1: could not switch to WAL mode (got '%2')").arg(path, mode).toStdString());
  // In WAL mode NORMAL is crash-safe for the application (a killed process loses nothing
  // committed); only an OS crash may drop the last commits.
  sql::run(db_, QStringLiteral("PRAGMA synchronous = NORMAL"));
  store::migrate(db_);
}

QSqlQuery& HistoryStore::statement(const QString& sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) it = statements_.insert(sql, sql::prepare(db_, sql));
  return *it;
}

int HistoryStore::schemaVersion() const { return store::schemaVersion(db_); }

void HistoryStore::transaction(const std::function<void()>& work) {
  if (transactionDepth_ > 0) {
    work();
    return;
  }
  {
    sql::Transaction tx(db_);
    struct Depth {
      int& depth;
      explicit Depth(int& d) : depth(d) { ++depth; }
      ~Depth() { --depth; }
    } depth(transactionDepth_);
    work();
    tx.commit();
  }
  if (imageCleanupPending_) {  // outside the transaction: files go only once the rows are gone
    imageCleanupPending_ = false;
    removeUnusedImages();
  }
}

// --- Profiles -----------------------------------------------------------------------------

std::vector<Profile> HistoryStore::profiles() const {
  QSqlQuery q = sql::run(db_, QStringLiteral("SELECT %1 FROM profiles ORDER BY name_key, id").arg(kProfileColumns));
  std::vector<Profile> result;
  while (q.next()) result.push_back(readProfile(q));
  return result;
}

bool HistoryStore::isEmpty() const {
  return !sql::scalar(db_, QStringLiteral("SELECT EXISTS (SELECT 1 FROM profiles)")).toBool();
}

Profile HistoryStore::profile(qint64 id) const {
  QSqlQuery q = sql::run(db_, QStringLiteral("SELECT %1 FROM profiles WHERE id = ?").arg(kProfileColumns), {id});
  if (!q.next()) throw std::invalid_argument("no profile with id " + std::to_string(id));
  return readProfile(q);
}

std::optional<Profile> HistoryStore::findProfile(const QString& name) const {
  QSqlQuery q = sql::run(db_, QStringLiteral("SELECT %1 FROM profiles WHERE name_key = ?").arg(kProfileColumns),
                         {store::nameKey(name)});
  if (!q.next()) return std::nullopt;
  return readProfile(q);
}

Profile HistoryStore::profileByName(const QString& name) const {
  if (auto found = findProfile(name)) return *found;
  throw std::invalid_argument(QStringLiteral("no profile named '%1'").arg(name).toStdString());
}

void HistoryStore::requireProfile(qint64 id) const {
  if (!sql::scalar(db_, QStringLiteral("SELECT EXISTS (SELECT 1 FROM profiles WHERE id = ?)"), {id}).toBool())
    throw std::invalid_argument("no profile with id " + std::to_string(id));
}

void HistoryStore::requireUniqueName(const QString& name, qint64 exceptId) const {
  const auto existing = findProfile(name);
  if (existing && existing->id != exceptId)
    throw std::invalid_argument(QStringLiteral("a %1 named '%2' already exists (names are unique across "
                                               "users, groups and brands, ignoring case)")
                                    .arg(toString(existing->kind), existing->name)
                                    .toStdString());
}

Profile HistoryStore::createProfile(ProfileKind kind, const QString& name, const QString& description) {
  Profile p;
  p.kind = kind;
  p.name = name;
  p.description = description;
  return createProfile(p);
}

Profile HistoryStore::createProfile(const Profile& profile) {
  Profile p = profile;
  p.name = cleanName(p.name);
  if (!p.created.isValid()) p.created = sql::nowUtc();
  if (!p.updated.isValid()) p.updated = p.created;
  transaction([&] {
    requireUniqueName(p.name, 0);
    QSqlQuery q = sql::run(db_, QStringLiteral("INSERT INTO profiles (kind, name, name_key, description, "
                                               "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)"),
                           {toString(p.kind), p.name, store::nameKey(p.name), sql::text(p.description), sql::toMs(p.created),
                            sql::toMs(p.updated)});
    p.id = q.lastInsertId().toLongLong();
  });
  return this->profile(p.id);
}

void HistoryStore::touchProfile(qint64 id) {
  sql::run(db_, QStringLiteral("UPDATE profiles SET updated_at = ? WHERE id = ?"), {sql::toMs(sql::nowUtc()), id});
}

void HistoryStore::renameProfile(qint64 id, const QString& newName) {
  const QString name = cleanName(newName);
  transaction([&] {
    requireProfile(id);
    requireUniqueName(name, id);
    sql::run(db_, QStringLiteral("UPDATE profiles SET name = ?, name_key = ? WHERE id = ?"),
             {name, store::nameKey(name), id});
    touchProfile(id);
  });
}

void HistoryStore::setDescription(qint64 id, const QString& description) {
  transaction([&] {
    requireProfile(id);
    sql::run(db_, QStringLiteral("UPDATE profiles SET description = ? WHERE id = ?"), {sql::text(description), id});
    touchProfile(id);
  });
}

void HistoryStore::deleteProfile(qint64 id) {
  transaction([&] {
    requireProfile(id);
    sql::run(db_, QStringLiteral("DELETE FROM profiles WHERE id = ?"), {id});
    imageCleanupPending_ = true;
  });
}

// --- Memberships --------------------------------------------------------------------------

void HistoryStore::setMember(qint64 libraryId, qint64 memberId, double weight) {
  validateWeight(weight, "member weight");
  transaction([&] {
    const Profile library = profile(libraryId);
    const Profile member = profile(memberId);
    if (library.kind == ProfileKind::User)
      throw std::invalid_argument(
          QStringLiteral("'%1' is a user; only groups and brands have members").arg(library.name).toStdString());
    if (libraryId == memberId)
      throw std::invalid_argument(
          QStringLiteral("'%1' cannot be a member of itself").arg(library.name).toStdString());
    sql::run(db_, QStringLiteral("INSERT INTO profile_members (library_id, member_id, weight) VALUES (?, ?, ?) "
                                 "ON CONFLICT (library_id, member_id) DO UPDATE SET weight = excluded.weight"),
             {libraryId, memberId, weight});
  });
}

void HistoryStore::removeMember(qint64 libraryId, qint64 memberId) {
  transaction([&] {
    QSqlQuery q = sql::run(db_, QStringLiteral("DELETE FROM profile_members WHERE library_id = ? AND member_id = ?"),
                           {libraryId, memberId});
    if (q.numRowsAffected() != 1)
      throw std::invalid_argument(QStringLiteral("'%1' is not a member of '%2'")
                                      .arg(profile(memberId).name, profile(libraryId).name)
                                      .toStdString());
  });
}

std::vector<Member> HistoryStore::members(qint64 libraryId) const {
  requireProfile(libraryId);
  QSqlQuery q = sql::run(db_,
                         QStringLiteral("SELECT p.id, p.kind, p.name, p.description, p.created_at, p.updated_at, "
                                        "m.weight FROM profile_members m JOIN profiles p ON p.id = m.member_id "
                                        "WHERE m.library_id = ? ORDER BY p.name_key"),
                         {libraryId});
  std::vector<Member> result;
  while (q.next()) result.push_back({readProfile(q), q.value(6).toDouble()});
  return result;
}

std::vector<Profile> HistoryStore::librariesOf(qint64 memberId) const {
  requireProfile(memberId);
  QSqlQuery q = sql::run(db_,
                         QStringLiteral("SELECT p.id, p.kind, p.name, p.description, p.created_at, p.updated_at "
                                        "FROM profile_members m JOIN profiles p ON p.id = m.library_id "
                                        "WHERE m.member_id = ? ORDER BY p.name_key"),
                         {memberId});
  std::vector<Profile> result;
  while (q.next()) result.push_back(readProfile(q));
  return result;
}

}  // namespace fan
