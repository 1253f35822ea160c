// Importing history entries from a spreadsheet's CSV export, and exporting a profile's entries
// in the same format (torch-free).
//
// Rows are  prompt,rating[,image]  (RFC 4180: fields may be quoted with "..." and contain commas,
// doubled quotes and line breaks). An optional header row starting with "prompt" is skipped,
// blank lines are ignored, the rating may be empty (unrated), and an image path is relative
// to the CSV file's folder. UTF-8, with or without a byte order mark.
#pragma once

#include "core/store/HistoryStore.h"

#include <functional>

namespace fan {

struct CsvRecord {
  int line = 0;  // where the record starts (1-based); a quoted field may span lines
  QStringList fields;
};

struct CsvRowError {
  int line = 0;
  QString message;
};

// Splits CSV text into records; malformed records (an unterminated quote, text after a closing
// quote, a quote inside an unquoted field) go to `errors` instead.
std::vector<CsvRecord> parseCsv(const QString& text, std::vector<CsvRowError>& errors);

enum class CsvErrorMode {
  SkipBadRows,  // import every good row, report the bad ones
  RollBack,     // any bad row: import nothing
};

struct CsvImportResult {
  int imported = 0;
  std::vector<CsvRowError> errors;  // by line
  bool rolledBack = false;          // RollBack mode found errors: nothing was written
};

// Adds the file's rows to `profileId` (source "imported") in one transaction, after checking
// every row. `progress(written, total)` is called while writing (every 1000 rows); an exception
// thrown from it (e.g. the user cancelled) rolls the whole import back and propagates.
// Throws std::invalid_argument when the file cannot be read or is not UTF-8.
CsvImportResult importCsv(HistoryStore& store, qint64 profileId, const QString& csvPath, CsvErrorMode mode,
                          const std::function<void(int written, int total)>& progress = {});

// Writes the profile's own entries, oldest first, as  prompt,rating,image  with a header row
// (fields quoted where needed, UTF-8, CRLF line ends as RFC 4180 asks). Images are copied into
// the folder "<csv base name>-images" beside the file and named relative to it, so importCsv
// reads the file back. Only prompt, rating and image travel (the JSON export keeps
// everything). The CSV is replaced atomically. Returns the number of rows; throws
// std::runtime_error when a file cannot be written.
int exportCsv(const HistoryStore& store, qint64 profileId, const QString& csvPath);

}  // namespace fan
