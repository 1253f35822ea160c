// Exporting one profile to a document with its images, and importing it again (torch-free).
//
//   <name>.fanprofile.json    {"format": "fan-studio-profile", "version": 1, "profile": {...},
//                              "members": [{"name", "weight"}], "entries": [{...}]}
//   images/<sha256>.<format>  beside the document
//
// Image files are named by their content, so several exports may share a folder and its
// images/. Exports of earlier versions named the document profile.json; they import as before.
//
// Everything a profile is made of travels: kind, name, description, times (ISO 8601 UTC, ms),
// members by name and weight, and per entry prompt, negative, rating, weight, tags, source,
// created time and image. Store-local ids do not. The output is deterministic (sorted keys,
// entries oldest first), so export -> import into a fresh store -> export gives identical bytes.
#pragma once

#include "core/store/HistoryStore.h"

namespace fan {

// The suffix of export documents (the desktop MIME type matches it).
QString profileExportSuffix();  // ".fanprofile.json"
// An export's default file name: "<profile name>.fanprofile.json", with the characters that
// file systems or shells reject replaced by '_'.
QString profileExportFileName(const QString& profileName);

enum class ExistingExport { Refuse, Replace };

// Writes the profile to `path`: a document path ending in ".json", or a folder (created when
// missing) that receives profileExportFileName(). Images go into images/ beside the document.
// An existing document is refused unless `existing` is Replace (a save dialog asked the user).
// Returns the document's path. Throws std::runtime_error.
QString exportProfile(const HistoryStore& store, qint64 profileId, const QString& path,
                      ExistingExport existing = ExistingExport::Refuse);

struct ProfileImportResult {
  Profile profile;
  int entries = 0;
  QStringList missingMembers;  // member names not present in this store (not linked)
};

// Creates a new profile from an export document, or a folder holding exactly one
// (*.fanprofile.json, else an earlier version's profile.json), in one transaction:
// nothing is written when any field is invalid, an image is missing or does not match its
// hash, or the name is taken. `newName` replaces the document's name when given. Members are
// linked by name when the store has them. Errors name the file and the field.
ProfileImportResult importProfile(HistoryStore& store, const QString& path, const QString& newName = {});

// Adds an exported profile's entries (with their images) to an existing profile, in one
// transaction with the same checks as importProfile; the document's name, kind and members are
// not used. Returns how many entries were added.
int importProfileEntries(HistoryStore& store, qint64 profileId, const QString& path);

}  // namespace fan
