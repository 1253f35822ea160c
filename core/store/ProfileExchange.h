// Exporting one profile to a folder and importing it again (torch-free).
//
//   <dir>/profile.json        {"format": "fan-studio-profile", "version": 1, "profile": {...},
//                              "members": [{"name", "weight"}], "entries": [{...}]}
//   <dir>/images/<sha256>.<format>
//
// Everything a profile is made of travels: kind, name, description, times (ISO 8601 UTC, ms),
// members by name and weight, and per entry prompt, negative, rating, weight, tags, source,
// created time and image. Store-local ids do not. The output is deterministic (sorted keys,
// entries oldest first), so export -> import into a fresh store -> export gives identical bytes.
#pragma once

#include "core/store/HistoryStore.h"

namespace fan {

// Writes the profile into `dir`, which must be missing or empty. Throws std::runtime_error.
void exportProfile(const HistoryStore& store, qint64 profileId, const QString& dir);

struct ProfileImportResult {
  Profile profile;
  int entries = 0;
  QStringList missingMembers;  // member names not present in this store (not linked)
};

// Creates a new profile from an exported folder (or its profile.json), in one transaction:
// nothing is written when any field is invalid, an image is missing or does not match its
// hash, or the name is taken. `newName` replaces the document's name when given. Members are
// linked by name when the store has them. Errors name the file and the field.
ProfileImportResult importProfile(HistoryStore& store, const QString& path, const QString& newName = {});

// Adds an exported profile's entries (with their images) to an existing profile, in one
// transaction with the same checks as importProfile; the document's name, kind and members are
// not used. Returns how many entries were added.
int importProfileEntries(HistoryStore& store, qint64 profileId, const QString& path);

}  // namespace fan
