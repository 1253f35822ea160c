#include "core/store/StoreTypes.h"

#include <cmath>
#include <stdexcept>

namespace fan {

namespace {

template <typename Enum, size_t N>
Enum fromString(const QString& text, const char* (&names)[N], const char* what) {
  for (size_t i = 0; i < N; ++i)
    if (text == QLatin1String(names[i])) return static_cast<Enum>(i);
  QStringList accepted;
  for (const char* name : names) accepted << QLatin1String(name);
  throw std::invalid_argument(QStringLiteral("unknown %1 '%2' (expected one of: %3)")
                                  .arg(QLatin1String(what), text, accepted.join(QStringLiteral(", ")))
                                  .toStdString());
}

// Indexed by the enum values.
const char* kKindNames[] = {"user", "group", "brand"};
const char* kSourceNames[] = {"typed", "imported", "generated"};

}  // namespace

QString toString(ProfileKind kind) { return QLatin1String(kKindNames[static_cast<int>(kind)]); }
QString toString(EntrySource source) { return QLatin1String(kSourceNames[static_cast<int>(source)]); }

ProfileKind profileKindFromString(const QString& text) {
  return fromString<ProfileKind>(text, kKindNames, "profile kind");
}
EntrySource entrySourceFromString(const QString& text) {
  return fromString<EntrySource>(text, kSourceNames, "entry source");
}

void validateRating(std::optional<int> rating) {
  if (rating && (*rating < 1 || *rating > 5))
    throw std::invalid_argument("rating " + std::to_string(*rating) + " is out of range (expected 1-5 stars)");
}

void validateWeight(std::optional<double> weight, const char* what) {
  if (weight && !(std::isfinite(*weight) && *weight >= 0))
    throw std::invalid_argument(QStringLiteral("%1 %2 is invalid (expected a finite number >= 0; 0 switches it off)")
                                    .arg(QLatin1String(what))
                                    .arg(*weight)
                                    .toStdString());
}

double effectiveWeight(std::optional<int> rating, std::optional<double> explicitWeight) {
  validateRating(rating);
  validateWeight(explicitWeight);
  if (explicitWeight) return *explicitWeight;
  if (rating) return *rating / 5.0;
  return 0.6;
}

}  // namespace fan
