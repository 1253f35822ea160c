// Plain value types of the history store (torch-free; shared by core, ui and the CLI).
#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace fan {

enum class ProfileKind { User, Group, Brand };
enum class EntrySource { Typed, Imported, Generated };

// Stable spellings used in the database, JSON and the CLI ("user", "typed", ...).
QString toString(ProfileKind kind);
QString toString(EntrySource source);
// Throw std::invalid_argument naming the accepted values.
ProfileKind profileKindFromString(const QString& text);
EntrySource entrySourceFromString(const QString& text);

// fan-method.md §0: the explicit weight if set, else rating/5 for a 1-5 star rating, else 0.6
// (an unrated entry counts as three stars). 0 switches an entry off. Throws
// std::invalid_argument for a negative (or non-finite) weight or a rating outside 1-5.
double effectiveWeight(std::optional<int> rating, std::optional<double> explicitWeight);
// The checks effectiveWeight applies, for callers that store the values.
void validateRating(std::optional<int> rating);
void validateWeight(std::optional<double> weight, const char* what = "weight");

struct Profile {
  qint64 id = 0;
  ProfileKind kind = ProfileKind::User;
  QString name;
  QString description;
  QDateTime created;  // UTC, millisecond precision
  QDateTime updated;  // last change of name or description
};

// A member of a group or brand library, with the weight its entries get there.
struct Member {
  Profile profile;
  double weight = 1.0;
};

// An image file kept by the store under <data>/images, addressed by the SHA-256 of its bytes.
struct ImageRef {
  QString hash;    // lowercase hex SHA-256
  QString format;  // as Qt's image reader names it: "png", "jpeg", ...
  int width = 0;
  int height = 0;
};

struct HistoryEntry {
  qint64 id = 0;
  qint64 profileId = 0;
  QString prompt;
  QString negative;               // empty = none
  std::optional<int> rating;      // 1-5 stars
  std::optional<double> weight;   // explicit preference weight (>= 0)
  std::optional<ImageRef> image;
  QStringList tags;               // sorted, unique
  EntrySource source = EntrySource::Typed;
  std::optional<qint64> generationId;  // the generation this entry's image came from
  QDateTime created;

  double effectiveWeight() const { return fan::effectiveWeight(rating, weight); }
};

// What a caller supplies to add an entry. The image is either a file to copy into the store
// (imageFile) or one already stored (image).
struct NewEntry {
  QString prompt;
  QString negative;
  std::optional<int> rating;
  std::optional<double> weight;
  QString imageFile;
  std::optional<ImageRef> image;
  QStringList tags;
  EntrySource source = EntrySource::Typed;
  QDateTime created;  // invalid = now
};

// One entry of a profile's effective history (see HistoryStore::profilingHistory).
struct WeightedEntry {
  HistoryEntry entry;
  QString ownerName;     // the profile the entry belongs to
  double memberWeight;   // 1 for the profile's own entries
  double weight;         // entry.effectiveWeight() * memberWeight, > 0
};

struct GenerationReference {
  std::optional<qint64> entryId;  // empty once the entry was deleted
  QString prompt;                 // the reference text as used (kept when the entry goes)
  double weight = 0;
};

// One run of the generator: everything needed to reproduce it, and its outputs.
struct Generation {
  qint64 id = 0;
  std::optional<qint64> profileId;  // empty for an unpersonalized run
  QString prompt;
  QString negative;
  QString modelFingerprint;
  QString scheduler;
  int steps = 0;
  double guidance = 0;
  int width = 0;
  int height = 0;
  qint64 seed = 0;
  double alpha = 0;
  double sampleSize = 0;
  std::vector<GenerationReference> references;
  std::vector<ImageRef> outputs;
  qint64 durationMs = 0;
  QDateTime created;
};

// A side of a pairwise choice: a history entry or a generation.
struct ChoiceItem {
  enum class Kind { Entry, Generation } kind = Kind::Entry;
  qint64 id = 0;
  bool operator==(const ChoiceItem& o) const { return kind == o.kind && id == o.id; }
};

struct PairwiseChoice {
  qint64 id = 0;
  qint64 profileId = 0;
  ChoiceItem winner;
  ChoiceItem loser;
  QDateTime created;
};

}  // namespace fan
