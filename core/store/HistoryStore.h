// The history store: every profile's prompts, ratings, images, generations, preference choices
// and the embedding cache, in one SQLite file (Qt SQL) under the data directory. The UI and the
// CLI share this API. Torch-free.
//
//   <data>/history.sqlite             the database (owner-only, WAL, foreign keys on)
//   <data>/images/ab/abcd...ef.png    image files, named by the SHA-256 of their bytes
//
// One instance owns one connection and must be used from the thread that created it; open one
// instance per thread (each gets its own connection name). Any number of instances and
// processes may use the same data directory: writers queue on SQLite's lock (busy timeout).
// Errors: std::invalid_argument for bad input (unknown profile, duplicate name, rating out of
// range, ...), std::runtime_error for database and file failures. Every change that writes more
// than one row runs in one transaction: it happens completely or not at all.
#pragma once

#include "core/store/StoreTypes.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <functional>
#include <optional>
#include <utility>
#include <vector>

namespace fan {

struct ImageBlob;
struct ProfileSnapshot;

class HistoryStore {
 public:
  // Opens (creating it owner-only if missing) <dataDir>/history.sqlite and runs forward
  // migrations. The directory must exist (see resolveDataDirectory).
  explicit HistoryStore(const QString& dataDir);
  ~HistoryStore();
  HistoryStore(const HistoryStore&) = delete;
  HistoryStore& operator=(const HistoryStore&) = delete;

  static QString databaseFileName() { return QStringLiteral("history.sqlite"); }
  const QString& dataDir() const { return dataDir_; }
  QString databasePath() const;
  int schemaVersion() const;

  // Runs `work` in one write transaction (joined by every store call inside it); an exception
  // leaving `work` rolls everything back. Nested calls join the outermost transaction.
  void transaction(const std::function<void()>& work);

  // --- Profiles. Names are unique across users, groups and brands, ignoring case (Unicode
  // case folding), so a name always identifies one profile.
  std::vector<Profile> profiles() const;  // by name
  bool isEmpty() const;                   // no profiles at all
  Profile profile(qint64 id) const;
  std::optional<Profile> findProfile(const QString& name) const;
  Profile profileByName(const QString& name) const;  // throws naming the missing profile
  Profile createProfile(ProfileKind kind, const QString& name, const QString& description = {});
  // Keeps created/updated as given (import); invalid times mean now.
  Profile createProfile(const Profile& profile);
  void renameProfile(qint64 id, const QString& newName);
  void setDescription(qint64 id, const QString& description);
  // Deletes the profile with its entries, memberships (both ways), generations and choices.
  void deleteProfile(qint64 id);
  // A new profile of the same kind and description named `newName`, with copies of every
  // entry (ratings, weights, tags, images, times) and, for a group or brand, the same members
  // and member weights. Generations and choices stay with the original. One transaction.
  Profile duplicateProfile(qint64 id, const QString& newName);
  // Everything deleteProfile(id) removes, so restoreProfile can put it back (undo a delete).
  // Take it and delete in one transaction(); see core/store/ProfileSnapshot.h.
  ProfileSnapshot snapshotProfile(qint64 id) const;
  // Recreates a deleted profile from its snapshot under new ids (returned in the profile):
  // entries with tags and images, memberships both ways, generations, choices, and the links
  // other profiles' rows had to it. Links to profiles deleted since are dropped. Throws
  // std::invalid_argument when the name is taken meanwhile; nothing is written then.
  Profile restoreProfile(const ProfileSnapshot& snapshot);

  // --- Group and brand libraries: members are other profiles of any kind, each with a weight
  // (>= 0) that multiplies its entries' weights in the library's effective history.
  void setMember(qint64 libraryId, qint64 memberId, double weight = 1.0);  // adds or updates
  void removeMember(qint64 libraryId, qint64 memberId);
  std::vector<Member> members(qint64 libraryId) const;    // by name
  std::vector<Profile> librariesOf(qint64 memberId) const;

  // --- History entries of one profile.
  qint64 addEntry(qint64 profileId, const NewEntry& entry);
  std::vector<qint64> addEntries(qint64 profileId, const std::vector<NewEntry>& entries);
  HistoryEntry entry(qint64 id) const;
  std::vector<HistoryEntry> entries(qint64 profileId) const;  // the profile's own, oldest first
  int entryCount(qint64 profileId) const;
  void setPrompt(qint64 id, const QString& prompt, const QString& negative);
  void setRating(qint64 id, std::optional<int> rating);
  void setWeight(qint64 id, std::optional<double> weight);
  void setTags(qint64 id, const QStringList& tags);
  // Attaches a stored image (see storeImage) or, with nullopt, detaches the entry's image.
  void setImage(qint64 id, const std::optional<ImageRef>& image);
  void removeEntries(const std::vector<qint64>& ids);  // unknown ids are an error; none removed

  // The history a profile is personalized with: its own entries (member weight 1), then for a
  // group or brand each member's own entries (members by name, one level: a member library's
  // members are not included), each with weight = effective weight x member weight. Entries
  // whose weight comes out 0 are switched off and left out.
  std::vector<WeightedEntry> profilingHistory(qint64 profileId) const;

  // Distinct prompts of every profile's entries and generations, most recently used first (for
  // prompt completion); at most `limit`.
  QStringList recentPrompts(int limit = 5000) const;

  // --- Images (content-addressed files under <data>/images).
  ImageRef storeImage(const ImageBlob& blob);
  QString imagePath(const ImageRef& image) const;
  // Deletes image rows and files no entry or generation uses any more; returns how many.
  // Deleting entries, profiles or generations runs it after their transaction commits.
  int removeUnusedImages();

  // --- Generations.
  qint64 addGeneration(const Generation& generation);  // outputs must be stored images
  Generation generation(qint64 id) const;
  std::vector<Generation> generations(qint64 profileId) const;  // oldest first
  void removeGeneration(qint64 id);
  // A rated output becomes a history entry (source "generated") of `profileId`.
  qint64 addEntryFromGeneration(qint64 generationId, int outputIndex, qint64 profileId,
                                std::optional<int> rating);

  // --- Embedding cache: (encoder fingerprint, text) -> float vector. Safe to clear. Texts are
  // keyed by Tokenizer::normalizeForCache (the one normalizer: texts with equal keys tokenize
  // to equal ids with every tokenizer).
  std::optional<std::vector<float>> cachedEmbedding(const QString& encoder, const QString& text) const;
  // One result per text (misses empty), looked up a chunk of texts per query: what a profile's
  // history matrix needs, at a fraction of the cost of one lookup per entry.
  std::vector<std::optional<std::vector<float>>> cachedEmbeddings(const QString& encoder, const QStringList& texts) const;
  void storeEmbeddings(const QString& encoder,
                       const std::vector<std::pair<QString, std::vector<float>>>& vectors);
  int clearEmbeddingCache(const QString& encoder = {});  // all encoders when empty; returns rows
  int embeddingCacheSize() const;

  // --- Pairwise choices (for later preference fitting).
  qint64 addChoice(qint64 profileId, ChoiceItem winner, ChoiceItem loser);
  std::vector<PairwiseChoice> choices(qint64 profileId) const;  // oldest first
  void removeChoice(qint64 id);

 private:
  void open();
  void requireProfile(qint64 id) const;
  void requireEntry(qint64 id) const;
  void requireUniqueName(const QString& name, qint64 exceptId) const;
  void touchProfile(qint64 id);
  std::vector<HistoryEntry> queryEntries(const QString& where, const QVariantList& values) const;
  qint64 insertEntry(qint64 profileId, const NewEntry& entry, std::optional<qint64> generationId);
  void insertTags(qint64 entryId, const QStringList& tags);
  void restoreGenerations(const ProfileSnapshot& s, qint64 profileId, QHash<qint64, qint64>& generationIds);
  void restoreEntries(const ProfileSnapshot& s, qint64 profileId, const QHash<qint64, qint64>& generationIds,
                      QHash<qint64, qint64>& entryIds);
  // A prepared statement kept for the store's lifetime (bulk inserts run these many times).
  QSqlQuery& statement(const QString& sql);

  QString dataDir_;
  QString connectionName_;
  QSqlDatabase db_;
  QHash<QString, QSqlQuery> statements_;
  int transactionDepth_ = 0;
  bool imageCleanupPending_ = false;  // files go only after the deleting transaction commits
};

}  // namespace fan
