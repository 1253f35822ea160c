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
const QString kSuffix = QStringLiteral(".fanprofile.json");
const QString kLegacyDocumentName = QStringLiteral("profile.json");  // exports before the suffix
constexpr int kMaxFileNameBytes = 200;  // file systems allow 255; room for "~" or " (2)" copies

QString isoTime(const QDateTime& t) { return t.toUTC().toString(Qt::ISODateWithMs); }

// --- export -------------------------------------------------------------------------------

QJsonValue nullOr(const std::optional<int>& v) { return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null); }
QJsonValue nullOr(const std::optional<double>& v) { return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null); }

// Whether `path` already holds the image with this hash (another export into the same folder).
bool hasImage(const QString& path, const QString& hash) {
  if (!QFileInfo::exists(path)) return false;
  try {
    return readImageFile(path).ref.hash == hash;
  } catch (const std::invalid_argument&) {
    return false;
  }
}

QJsonValue exportImage(const HistoryStore& store, const std::optional<ImageRef>& image, const QDir& out) {
  if (!image) return QJsonValue::Null;
  const QString file = QStringLiteral("images/") + imageFileName(*image);
  if (!hasImage(out.filePath(file), image->hash)) {
    const QString source = store.imagePath(*image);
    QFile::remove(out.filePath(file));  // a damaged copy of an earlier export
    if (!QFile::copy(source, out.filePath(file)))
      throw std::runtime_error(
          QStringLiteral("cannot copy image %1 to %2").arg(source, out.filePath(file)).toStdString());
  }
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

QString profileExportSuffix() { return kSuffix; }

QString profileExportFileName(const QString& profileName) {
  static const QString rejected = QStringLiteral("/\\:*?\"<>|");
  QString base;
  for (const QChar c : profileName) base += (c.category() == QChar::Other_Control || rejected.contains(c)) ? QChar(u'_') : c;
  base = base.trimmed();
  while (base.startsWith(QLatin1Char('.'))) base.remove(0, 1);  // not a hidden file
  while (base.toUtf8().size() > kMaxFileNameBytes) base.chop(base.back().isLowSurrogate() ? 2 : 1);
  return (base.isEmpty() ? QStringLiteral("profile") : base) + kSuffix;
}

QString exportProfile(const HistoryStore& store, qint64 profileId, const QString& path, ExistingExport existing) {
  const Profile p = store.profile(profileId);
  const bool toFolder = QFileInfo(path).isDir() || !path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive);
  const QString document = toFolder ? QDir(path).filePath(profileExportFileName(p.name)) : path;
  if (existing == ExistingExport::Refuse && QFileInfo::exists(document))
    throw std::runtime_error(QStringLiteral("%1 already exists").arg(QFileInfo(document).absoluteFilePath()).toStdString());
  const QDir out = QFileInfo(document).absoluteDir();
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
  QSaveFile file(document);  // last and atomic: a document never names images that are not there
  const QByteArray bytes = QJsonDocument(doc).toJson(QJsonDocument::Indented);
  if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
    throw std::runtime_error(QStringLiteral("cannot write %1: %2").arg(file.fileName(), file.errorString()).toStdString());
  return document;
}

namespace {

struct ParsedDocument {
  Profile profile;
  std::vector<std::pair<QString, double>> members;
  std::vector<ParsedEntry> entries;
};

// The document of an export given as a file or as the folder holding it.
QString exportDocument(const QString& path) {
  if (!QFileInfo(path).isDir()) return path;
  const QDir dir(path);
  const QStringList documents = dir.entryList({QLatin1Char('*') + kSuffix}, QDir::Files, QDir::Name);
  if (documents.size() > 1)
    throw std::invalid_argument(QStringLiteral("%1 holds %2 exported profiles (%3); choose one file")
                                    .arg(dir.absolutePath())
                                    .arg(documents.size())
                                    .arg(documents.join(QStringLiteral(", ")))
                                    .toStdString());
  if (documents.size() == 1) return dir.filePath(documents.front());
  if (dir.exists(kLegacyDocumentName)) return dir.filePath(kLegacyDocumentName);
  throw std::invalid_argument(QStringLiteral("%1 holds no exported profile (a *%2 file, or profile.json)")
                                  .arg(dir.absolutePath(), kSuffix)
                                  .toStdString());
}

// Reads and checks a whole export before the store is touched.
ParsedDocument readExport(const QString& path) {
  const QString file = exportDocument(path);
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
