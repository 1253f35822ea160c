#include "core/demo/PersonalizedSample.h"

#include "core/demo/DemoEvaluation.h"

namespace fan::demo {

namespace {

constexpr double kOffStyleReference = 0.1;  // a liked entry outside the taste, as real histories have
constexpr double kTargetOverrides = 0.2;    // the target names a value against the taste: the target wins

bool chance(std::mt19937& rng, double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; }

std::optional<Size> maybeSize(std::mt19937& rng, const Scene& scene) {
  return chance(rng, 0.3) ? std::optional<Size>(scene.size()) : std::nullopt;
}

// 1-3 of a random scene's attributes.
Attributes randomTaste(std::mt19937& rng) {
  const Attributes all = Attributes::of(randomScene(rng));
  Attributes taste;
  while (taste.count() == 0 || taste.count() == 4) {
    taste = {};
    if (chance(rng, 0.5)) taste.shape = all.shape;
    if (chance(rng, 0.5)) taste.colour = all.colour;
    if (chance(rng, 0.5)) taste.background = all.background;
    if (chance(rng, 0.5)) taste.pattern = all.pattern;
  }
  return taste;
}

// A history entry: the taste always named, the rest of the scene named as training captions do.
QString referenceCaption(std::mt19937& rng, const Attributes& taste) {
  const bool offStyle = chance(rng, kOffStyleReference);
  const Scene scene = offStyle ? randomScene(rng) : randomScene(rng, taste);
  Attributes named = Attributes::of(scene);
  if (!taste.shape && !chance(rng, 0.7)) named.shape.reset();
  if (!taste.colour && !chance(rng, 0.7)) named.colour.reset();
  if (!taste.background && !chance(rng, 0.7)) named.background.reset();
  if (!taste.pattern && !chance(rng, 0.7)) named.pattern.reset();
  return caption(named, maybeSize(rng, scene), TemplateSet::Training, rng);
}

// The target names the attributes outside the taste (each with some probability, at least one)
// and, sometimes, one attribute of the taste with another value.
Attributes targetNames(std::mt19937& rng, const Scene& base, const Attributes& taste) {
  const Attributes all = Attributes::of(base);
  Attributes named;
  while (named.count() == 0) {
    if (!taste.shape && chance(rng, 0.85)) named.shape = all.shape;
    if (!taste.colour && chance(rng, 0.85)) named.colour = all.colour;
    if (!taste.background && chance(rng, 0.85)) named.background = all.background;
    if (!taste.pattern && chance(rng, 0.85)) named.pattern = all.pattern;
  }
  if (chance(rng, kTargetOverrides)) {
    const Attributes other = Attributes::of(randomScene(rng));
    if (taste.shape && other.shape != taste.shape) named.shape = other.shape;
    else if (taste.pattern && other.pattern != taste.pattern) named.pattern = other.pattern;
    else if (taste.colour && other.colour != taste.colour && other.colour != all.background) named.colour = other.colour;
    else if (taste.background && other.background != taste.background && other.background != all.colour)
      named.background = other.background;
  }
  return named;
}

}  // namespace

PersonalizedSample personalizedSample(std::mt19937& rng) {
  PersonalizedSample s;
  const Attributes taste = randomTaste(rng);
  const int references = std::uniform_int_distribution<int>(2, 4)(rng);
  std::vector<std::pair<QString, double>> history;
  for (int i = 0; i < references; ++i) {
    s.references << referenceCaption(rng, taste);
    s.weights.push_back(std::uniform_real_distribution<double>(0.4, 1.0)(rng));
    history.emplace_back(s.references.back(), s.weights.back());
  }
  s.alpha = std::uniform_real_distribution<double>(0.2, 1.0)(rng);

  const Scene base = randomScene(rng, taste);
  const Attributes named = targetNames(rng, base, taste);
  s.target = caption(named, maybeSize(rng, base), TemplateSet::Training, rng);

  // Where the target is silent, the history's dominant values; a dominant colour that would
  // paint the object in the background's colour (or back) gives way to the target's.
  const Attributes dominant = dominantAttributes(history);
  s.shown = named;
  if (!s.shown.shape) s.shown.shape = dominant.shape;
  if (!s.shown.pattern) s.shown.pattern = dominant.pattern;
  if (!s.shown.colour && dominant.colour != s.shown.background) s.shown.colour = dominant.colour;
  if (!s.shown.background && dominant.background != s.shown.colour) s.shown.background = dominant.background;
  // The base scene keeps its position and size (the target may name the size).
  Scene fixed = randomScene(rng, s.shown);
  fixed.centerX = base.centerX;
  fixed.centerY = base.centerY;
  fixed.radius = base.radius;
  s.scene = fixed;
  return s;
}

}  // namespace fan::demo
