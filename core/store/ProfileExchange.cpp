#include "core/store/ProfileExchange.h"

#include "core/store/ImageFiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <cmath>
#include <stdexcept>

namespace fan {

namespace {

const QString kFormat = QStringLiteral("fan-studio-profile");
constexpr int kFormatVersion = 1;
const QString kDocumentName = QStringLiteral("profile.json");

QString isoTime(const QDateTime& t) { return t.toUTC().toString(Qt::ISODateWithMs); }

// --- export -------------------------------------------------------------------------------

QJsonValue nullOr(const std::optional<int>& v) { return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null); }
QJsonValue nullOr(const std::optional<double>& v) { return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null); }

QJsonValue exportImage(const HistoryStore& store, const std::optional<ImageRef>& image, const QDir& out) {
  if (!image) return QJsonValue::Null;
  const QString file = QStringLiteral("images/") + imageFileName(*image);
  const QString source = store.imagePath(*image);
  if (!QFile::exists(out.filePath(file)) && !QFile::copy(source, out.filePath(file)))
    throw std::runtime_error(
        QStringLiteral("cannot copy image %1 to %2").arg(source, out.filePath(file)).toStdString());
  return QJsonObject{{QStringLiteral("file"), file},
                     {QStringLiteral("sha256"), image->hash},
                     {QStringLiteral("format"), image->format},
                     {QStringLiteral("width"), image->width},
                     {QStringLiteral("height"), image->height}};
}

QJsonObject exportEntry(const HistoryStore& store, const HistoryEntry& e, const QDir& out) {
  return QJsonObject{{QStringLiteral("prompt"), e.prompt},
                     {QStringLiteral("negative"), e.negative},
                     {QStringLiteral("rating"), nullOr(e.rating)},
                     {QStringLiteral("weight"), nullOr(e.weight)},
                     {QStringLiteral("tags"), QJsonArray::fromStringList(e.tags)},
                     {QStringLiteral("source"), toString(e.source)},
                     {QStringLiteral("created"), isoTime(e.created)},
                     {QStringLiteral("image"), exportImage(store, e.image, out)}};
}

// --- import: a JSON value that knows where it is, so every error names file and field -----

class Field {
 public:
  Field(QJsonValue value, QString where) : value_(std::move(value)), where_(std::move(where)) {}

  [[noreturn]] void fail(const QString& expected) const {
    QString got = value_.isUndefined() ? QStringLiteral("nothing (missing)")
                                       : QString::fromUtf8(QJsonDocument(QJsonArray{value_}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
    if (got.size() > 60) got = got.left(57) + QStringLiteral("...");
    throw std::invalid_argument(QStringLiteral("%1: expected %2, got %3").arg(where_, expected, got).toStdString());
  }
  bool isNull() const { return value_.isNull() || value_.isUndefined(); }
  Field operator[](const char* key) const {
    if (!value_.isObject()) fail(QStringLiteral("an object"));
    return Field(value_.toObject().value(QLatin1String(key)), where_ + QLatin1Char('.') + QLatin1String(key));
  }
  std::vector<Field> items() const {
    if (!value_.isArray()) fail(QStringLiteral("an array"));
    std::vector<Field> result;
    const QJsonArray array = value_.toArray();
    for (qsizetype i = 0; i < array.size(); ++i)
      result.emplace_back(array.at(i), QStringLiteral("%1[%2]").arg(where_).arg(i));
    return result;
  }
  QString string() const {
    if (!value_.isString()) fail(QStringLiteral("a string"));
    return value_.toString();
  }
  QString stringOr(const QString& fallback) const { return value_.isUndefined() ? fallback : string(); }
  QString nonEmptyString() const {
    if (!value_.isString() || value_.toString().trimmed().isEmpty()) fail(QStringLiteral("a non-empty string"));
    return value_.toString();
  }
  double number() const {
    if (!value_.isDouble() || !std::isfinite(value_.toDouble())) fail(QStringLiteral("a number"));
    return value_.toDouble();
  }
  int integer(int lo, int hi) const {
    const double v = value_.isDouble() ? value_.toDouble() : NAN;
    if (!(v >= lo && v <= hi && v == std::floor(v))) fail(QStringLiteral("an integer %1-%2").arg(lo).arg(hi));
    return int(v);
  }
  QDateTime time() const {
    const QDateTime t = QDateTime::fromString(value_.toString(), Qt::ISODateWithMs);
    if (!value_.isString() || !t.isValid()) fail(QStringLiteral("an ISO 8601 time such as 2024-05-01T12:00:00.000Z"));
    return t.toUTC();
  }
  template <typename Parse>
  auto parsed(Parse parse) const {  // for values with their own checks (enum spellings, weights)
    try {
      return parse(*this);
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument(QStringLiteral("%1: %2").arg(where_, QString::fromUtf8(e.what())).toStdString());
    }
  }
  const QString& where() const { return where_; }

 private:
  QJsonValue value_;
  QString where_;
};

struct ParsedEntry {
  NewEntry entry;
  std::optional<ImageBlob> image;
};

// Only files inside the export folder: a document must not make the import read elsewhere.
ImageBlob readExportedImage(const Field& image, const QDir& base) {
  const QString file = image["file"].nonEmptyString();
  if (QDir::isAbsolutePath(file) || QDir::cleanPath(file).startsWith(QLatin1String("..")))
    image["file"].fail(QStringLiteral("a path inside the export folder"));
  ImageBlob blob = readImageFile(base.filePath(file));
  if (blob.ref.hash != image["sha256"].string())
    throw std::invalid_argument(QStringLiteral("%1: %2 does not match its sha256 %3 (the file changed or is damaged)")
                                    .arg(image.where(), file, image["sha256"].string())
                                    .toStdString());
  return blob;
}

ParsedEntry parseEntry(const Field& f, const QDir& base) {
  ParsedEntry parsed;
  NewEntry& e = parsed.entry;
  e.prompt = f["prompt"].nonEmptyString();
  e.negative = f["negative"].stringOr(QString());
  if (!f["rating"].isNull()) e.rating = f["rating"].integer(1, 5);
  if (!f["weight"].isNull()) e.weight = f["weight"].parsed([](const Field& w) {
      const double value = w.number();
      validateWeight(value);
      return value;
    });
  for (const Field& tag : f["tags"].items()) e.tags << tag.string();
  e.source = f["source"].parsed([](const Field& s) { return entrySourceFromString(s.string()); });
  e.created = f["created"].time();
  if (!f["image"].isNull()) parsed.image = readExportedImage(f["image"], base);
  return parsed;
}

QJsonDocument readDocument(const QString& file) {
  QFile in(file);
  if (!in.open(QIODevice::ReadOnly))
    throw std::invalid_argument(QStringLiteral("cannot read %1: %2").arg(file, in.errorString()).toStdString());
  QJsonParseError error;
  const QJsonDocument doc = QJsonDocument::fromJson(in.readAll(), &error);
  if (error.error != QJsonParseError::NoError)
    throw std::invalid_argument(QStringLiteral("%1: not valid JSON at byte %2: %3")
                                    .arg(file)
                                    .arg(error.offset)
                                    .arg(error.errorString())
                                    .toStdString());
  return doc;
}

}  // namespace

void exportProfile(const HistoryStore& store, qint64 profileId, const QString& dir) {
  const Profile p = store.profile(profileId);
  QDir out(dir);
  if (out.exists() && !out.isEmpty())
    throw std::runtime_error(QStringLiteral("export folder %1 is not empty").arg(out.absolutePath()).toStdString());
  if (!out.mkpath(QStringLiteral("images")))
    throw std::runtime_error(QStringLiteral("cannot create %1").arg(out.filePath(QStringLiteral("images"))).toStdString());
  QJsonArray members;
  for (const Member& m : store.members(profileId))
    members.append(QJsonObject{{QStringLiteral("name"), m.profile.name}, {QStringLiteral("weight"), m.weight}});
  QJsonArray entries;
  for (const HistoryEntry& e : store.entries(profileId)) entries.append(exportEntry(store, e, out));
  const QJsonObject doc{{QStringLiteral("format"), kFormat},
                        {QStringLiteral("version"), kFormatVersion},
                        {QStringLiteral("profile"),
                         QJsonObject{{QStringLiteral("kind"), toString(p.kind)},
                                     {QStringLiteral("name"), p.name},
                                     {QStringLiteral("description"), p.description},
                                     {QStringLiteral("created"), isoTime(p.created)},
                                     {QStringLiteral("updated"), isoTime(p.updated)}}},
                        {QStringLiteral("members"), members},
                        {QStringLiteral("entries"), entries}};
  QSaveFile file(out.filePath(kDocumentName));
  const QByteArray bytes = QJsonDocument(doc).toJson(QJsonDocument::Indented);
  if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
    throw std::runtime_error(QStringLiteral("cannot write %1: %2").arg(file.fileName(), file.errorString()).toStdString());
}

namespace {

struct ParsedDocument {
  Profile profile;
  std::vector<std::pair<QString, double>> members;
  std::vector<ParsedEntry> entries;
};

// Reads and checks a whole export before the store is touched.
ParsedDocument readExport(const QString& path) {
  const QString file = QFileInfo(path).isDir() ? QDir(path).filePath(kDocumentName) : path;
  const QDir base = QFileInfo(file).absoluteDir();
  const Field root(readDocument(file).object(), QFileInfo(file).fileName());
  if (root["format"].string() != kFormat) root["format"].fail(QStringLiteral("\"%1\"").arg(kFormat));
  root["version"].integer(kFormatVersion, kFormatVersion);

  ParsedDocument doc;
  const Field pf = root["profile"];
  doc.profile.kind = pf["kind"].parsed([](const Field& k) { return profileKindFromString(k.string()); });
  doc.profile.name = pf["name"].nonEmptyString();
  doc.profile.description = pf["description"].stringOr(QString());
  doc.profile.created = pf["created"].time();
  doc.profile.updated = pf["updated"].time();
  for (const Field& m : root["members"].items())
    doc.members.emplace_back(m["name"].nonEmptyString(), m["weight"].parsed([](const Field& w) {
      const double value = w.number();
      validateWeight(value, "member weight");
      return value;
    }));
  for (const Field& e : root["entries"].items()) doc.entries.push_back(parseEntry(e, base));
  return doc;
}

// Inside the caller's transaction.
int addParsedEntries(HistoryStore& store, qint64 profileId, std::vector<ParsedEntry>& parsed) {
  std::vector<NewEntry> entries;
  for (ParsedEntry& p : parsed) {
    if (p.image) p.entry.image = store.storeImage(*p.image);
    entries.push_back(std::move(p.entry));
  }
  return int(store.addEntries(profileId, entries).size());
}

}  // namespace

ProfileImportResult importProfile(HistoryStore& store, const QString& path, const QString& newName) {
  ParsedDocument doc = readExport(path);
  if (!newName.isEmpty()) doc.profile.name = newName;
  ProfileImportResult result;
  store.transaction([&] {
    result.profile = store.createProfile(doc.profile);
    for (const auto& [name, weight] : doc.members) {
      if (auto member = store.findProfile(name)) store.setMember(result.profile.id, member->id, weight);
      else result.missingMembers << name;
    }
    result.entries = addParsedEntries(store, result.profile.id, doc.entries);
  });
  return result;
}

int importProfileEntries(HistoryStore& store, qint64 profileId, const QString& path) {
  store.profile(profileId);  // fail early, before reading images
  ParsedDocument doc = readExport(path);
  int added = 0;
  store.transaction([&] { added = addParsedEntries(store, profileId, doc.entries); });
  return added;
}

}  // namespace fan
