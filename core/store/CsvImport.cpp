#include "core/store/CsvImport.h"

#include "core/store/ImageFiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStringDecoder>

#include <algorithm>
#include <stdexcept>

namespace fan {

namespace {

constexpr int kProgressEvery = 1000;

bool endsField(QChar c) { return c == QLatin1Char(',') || c == QLatin1Char('\n') || c == QLatin1Char('\r'); }

// Reads one record starting at `i`; returns an error message for a malformed one (its
// remaining text up to the end of the physical line is skipped).
class CsvReader {
 public:
  explicit CsvReader(const QString& text) : text_(text) {}
  bool atEnd() const { return i_ >= text_.size(); }
  int line() const { return line_; }

  QString read(QStringList& fields) {
    QString problem;
    for (;;) {
      QString field;
      const QString fieldProblem = atQuote() ? readQuoted(field) : readPlain(field);
      if (problem.isEmpty()) problem = fieldProblem;
      if (!fieldProblem.isEmpty()) skipLine();
      fields << field;
      if (!atEnd() && text_[i_] == QLatin1Char(',')) {
        ++i_;
        continue;
      }
      endLine();
      return problem;
    }
  }

 private:
  bool atQuote() const { return !atEnd() && text_[i_] == QLatin1Char('"'); }

  QString readQuoted(QString& field) {
    ++i_;
    while (!atEnd()) {
      const QChar c = text_[i_++];
      if (c != QLatin1Char('"')) {
        if (c == QLatin1Char('\n')) ++line_;
        field += c;
      } else if (atQuote()) {  // "" inside quotes is one quote
        field += c;
        ++i_;
      } else {
        return atEnd() || endsField(text_[i_]) ? QString() : QStringLiteral("unexpected text after a closing quote");
      }
    }
    return QStringLiteral("a quoted field is not closed before the end of the file");
  }

  QString readPlain(QString& field) {
    const qsizetype start = i_;
    while (!atEnd() && !endsField(text_[i_])) ++i_;
    field = text_.mid(start, i_ - start);
    return field.contains(QLatin1Char('"')) ? QStringLiteral("a quote inside an unquoted field (quote the whole field)")
                                            : QString();
  }

  void skipLine() {
    while (!atEnd() && text_[i_] != QLatin1Char('\n')) ++i_;
  }
  void endLine() {
    if (!atEnd() && text_[i_] == QLatin1Char('\r')) ++i_;
    if (!atEnd() && text_[i_] == QLatin1Char('\n')) {
      ++i_;
      ++line_;
    }
  }

  const QString& text_;
  qsizetype i_ = 0;
  int line_ = 1;
};

QString readUtf8(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly))
    throw std::invalid_argument(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()).toStdString());
  QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
  const QString text = decoder.decode(file.readAll());
  if (decoder.hasError()) throw std::invalid_argument(QStringLiteral("%1: not UTF-8 text").arg(path).toStdString());
  return text;  // the decoder drops a leading byte order mark
}

bool isHeader(const CsvRecord& r) {
  return r.fields.size() >= 2 && r.fields[0].trimmed().compare(QLatin1String("prompt"), Qt::CaseInsensitive) == 0 &&
         r.fields[1].trimmed().compare(QLatin1String("rating"), Qt::CaseInsensitive) == 0;
}

struct Row {
  NewEntry entry;
  std::optional<ImageBlob> image;
};

// Checks one record; throws std::invalid_argument describing what is wrong with it.
Row parseRow(const CsvRecord& r, const QDir& base) {
  if (r.fields.size() < 2 || r.fields.size() > 3)
    throw std::invalid_argument(QStringLiteral("expected 2 or 3 columns (prompt,rating[,image]), got %1")
                                    .arg(r.fields.size())
                                    .toStdString());
  Row row;
  row.entry.prompt = r.fields[0].trimmed();
  if (row.entry.prompt.isEmpty()) throw std::invalid_argument("the prompt is empty");
  row.entry.source = EntrySource::Imported;
  const QString rating = r.fields[1].trimmed();
  if (!rating.isEmpty()) {
    bool ok = false;
    const int stars = rating.toInt(&ok);
    if (!ok || stars < 1 || stars > 5)
      throw std::invalid_argument(
          QStringLiteral("rating '%1' is not a whole number of stars 1-5 (or empty)").arg(rating).toStdString());
    row.entry.rating = stars;
  }
  const QString image = r.fields.size() == 3 ? r.fields[2].trimmed() : QString();
  if (!image.isEmpty()) row.image = readImageFile(base.filePath(image));
  return row;
}

QString csvField(const QString& value) {
  const bool quote = value.contains(QLatin1Char(',')) || value.contains(QLatin1Char('"')) ||
                     value.contains(QLatin1Char('\n')) || value.contains(QLatin1Char('\r'));
  if (!quote) return value;
  QString escaped = value;
  escaped.replace(QLatin1String("\""), QLatin1String("\"\""));
  return QLatin1Char('"') + escaped + QLatin1Char('"');
}

}  // namespace

std::vector<CsvRecord> parseCsv(const QString& text, std::vector<CsvRowError>& errors) {
  std::vector<CsvRecord> records;
  CsvReader reader(text);
  while (!reader.atEnd()) {
    CsvRecord record;
    record.line = reader.line();
    const QString problem = reader.read(record.fields);
    if (!problem.isEmpty()) errors.push_back({record.line, problem});
    else if (!(record.fields.size() == 1 && record.fields[0].trimmed().isEmpty())) records.push_back(record);
  }
  return records;
}

CsvImportResult importCsv(HistoryStore& store, qint64 profileId, const QString& csvPath, CsvErrorMode mode,
                          const std::function<void(int, int)>& progress) {
  store.profile(profileId);  // fail early, before reading images
  CsvImportResult result;
  std::vector<CsvRecord> records = parseCsv(readUtf8(csvPath), result.errors);
  if (!records.empty() && isHeader(records.front())) records.erase(records.begin());
  const QDir base = QFileInfo(csvPath).absoluteDir();
  std::vector<Row> rows;
  for (const CsvRecord& record : records) {
    try {
      rows.push_back(parseRow(record, base));
    } catch (const std::invalid_argument& e) {
      result.errors.push_back({record.line, QString::fromUtf8(e.what())});
    }
  }
  std::sort(result.errors.begin(), result.errors.end(), [](const auto& a, const auto& b) { return a.line < b.line; });
  if (!result.errors.empty() && mode == CsvErrorMode::RollBack) {
    result.rolledBack = true;
    return result;
  }
  const int total = int(rows.size());
  store.transaction([&] {
    std::vector<NewEntry> chunk;
    for (int i = 0; i < total; ++i) {
      Row& row = rows[size_t(i)];
      if (row.image) row.entry.image = store.storeImage(*row.image);
      chunk.push_back(std::move(row.entry));
      if (chunk.size() == kProgressEvery || i + 1 == total) {
        store.addEntries(profileId, chunk);
        chunk.clear();
        if (progress) progress(i + 1, total);
      }
    }
  });
  result.imported = total;
  return result;
}

int exportCsv(const HistoryStore& store, const qint64 profileId, const QString& csvPath) {
  const std::vector<HistoryEntry> entries = store.entries(profileId);
  const QFileInfo info(csvPath);
  const QString imageFolder = info.completeBaseName() + QStringLiteral("-images");
  QString text = QStringLiteral("prompt,rating,image\r\n");
  for (const HistoryEntry& e : entries) {
    QString image;
    if (e.image) {
      image = imageFolder + QLatin1Char('/') + imageFileName(*e.image);
      const QString target = info.absoluteDir().filePath(image);
      if (!QDir().mkpath(QFileInfo(target).path()) ||
          (!QFile::exists(target) && !QFile::copy(store.imagePath(*e.image), target)))
        throw std::runtime_error(
            QStringLiteral("cannot copy image %1 to %2").arg(store.imagePath(*e.image), target).toStdString());
    }
    text += csvField(e.prompt) + QLatin1Char(',') + (e.rating ? QString::number(*e.rating) : QString()) +
            QLatin1Char(',') + csvField(image) + QStringLiteral("\r\n");
  }
  QSaveFile file(csvPath);
  const QByteArray bytes = text.toUtf8();
  if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
    throw std::runtime_error(QStringLiteral("cannot write %1: %2").arg(csvPath, file.errorString()).toStdString());
  return int(entries.size());
}

}  // namespace fan
