#include "core/demo/DemoWorld.h"

#include <QRegularExpression>
#include <QSet>

#include <cmath>

namespace fan::demo {

namespace {

constexpr const char* kShapeNames[] = {"circle", "square", "triangle", "star"};
constexpr const char* kColourNames[] = {"red", "orange", "yellow", "green", "blue", "purple"};
constexpr const char* kPatternNames[] = {"plain", "stripes", "checker"};
// Saturated, well separated in RGB so pixel statistics can tell them apart after blur and noise.
constexpr float kRgb[kColours][3] = {{220, 40, 40}, {245, 145, 30}, {240, 220, 50},
                                     {50, 170, 70},  {45, 85, 215},  {145, 60, 195}};
constexpr float kTintToWhite = 0.45f;  // stripes and checks alternate the colour with this tint
constexpr int kCell = 4;               // stripe width / check size: one VAE latent cell (32/8)

template <typename T>
const T& pick(std::mt19937& rng, const std::vector<T>& items) {
  return items[std::uniform_int_distribution<size_t>(0, items.size() - 1)(rng)];
}

bool chance(std::mt19937& rng, double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; }

// Even-odd rule point-in-polygon.
bool insidePolygon(const std::vector<std::array<float, 2>>& poly, float x, float y) {
  bool inside = false;
  for (size_t i = 0, j = poly.size() - 1; i < poly.size(); j = i++) {
    const auto& a = poly[i];
    const auto& b = poly[j];
    if ((a[1] > y) != (b[1] > y) && x < (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]) + a[0]) inside = !inside;
  }
  return inside;
}

// Vertices on alternating radii, the first pointing up.
std::vector<std::array<float, 2>> radialPolygon(const Scene& s, int points, float innerRatio) {
  std::vector<std::array<float, 2>> poly;
  const int n = innerRatio > 0 ? points * 2 : points;
  for (int i = 0; i < n; ++i) {
    const double angle = -M_PI / 2 + 2 * M_PI * i / n;
    const float r = (innerRatio > 0 && i % 2 == 1) ? s.radius * innerRatio : s.radius;
    poly.push_back({s.centerX + float(r * std::cos(angle)), s.centerY + float(r * std::sin(angle))});
  }
  return poly;
}

struct ShapeTest {
  explicit ShapeTest(const Scene& s) : scene(s) {
    if (s.shape == Shape::Triangle) {
      Scene bigger = s;
      bigger.radius *= 1.15f;  // same visual weight as the other shapes
      poly = radialPolygon(bigger, 3, 0);
    } else if (s.shape == Shape::Star) {
      poly = radialPolygon(s, 5, 0.5f);
    }
  }
  bool operator()(float x, float y) const {
    const float dx = x - scene.centerX, dy = y - scene.centerY;
    switch (scene.shape) {
      case Shape::Circle: return dx * dx + dy * dy <= scene.radius * scene.radius;
      case Shape::Square: return std::max(std::abs(dx), std::abs(dy)) <= 0.82f * scene.radius;
      default: return insidePolygon(poly, x, y);
    }
  }
  const Scene& scene;
  std::vector<std::array<float, 2>> poly;
};

bool tinted(Pattern p, int x, int y) {
  if (p == Pattern::Stripes) return (x / kCell) % 2 == 1;
  if (p == Pattern::Checker) return (x / kCell + y / kCell) % 2 == 1;
  return false;
}

// ---- captions -----------------------------------------------------------------------------

const std::vector<QString> kSmallWords{"small", "tiny", "little"};
const std::vector<QString> kLargeWords{"large", "big"};
const std::vector<QString> kGenericNouns{"shape", "object", "thing"};

QString withArticle(const QString& phrase) {
  static const QString vowels = QStringLiteral("aeiou");
  return (vowels.contains(phrase.at(0)) ? QStringLiteral("an ") : QStringLiteral("a ")) + phrase;
}

QString objectPhrase(const Attributes& a, std::optional<Size> size, std::mt19937& rng) {
  QStringList words;
  if (size) words << pick(rng, *size == Size::Small ? kSmallWords : kLargeWords);
  if (a.colour) words << colourName(*a.colour);
  words << (a.shape ? QString::fromLatin1(shapeName(*a.shape)) : pick(rng, kGenericNouns));
  return withArticle(words.join(QLatin1Char(' ')));
}

// The background phrase, or empty when neither background colour nor pattern is named.
QString backgroundPhrase(const Attributes& a, std::mt19937& rng) {
  const QString c = a.background ? QString::fromLatin1(colourName(*a.background)) : QString();
  std::vector<QString> options;
  if (!a.pattern) {
    if (c.isEmpty()) return {};
    options = {"a %1 background", "%1", "a %1 backdrop"};
  } else if (*a.pattern == Pattern::Stripes) {
    options = c.isEmpty() ? std::vector<QString>{"stripes", "a striped background", "a striped backdrop"}
                          : std::vector<QString>{"%1 stripes", "a striped %1 background", "a %1 striped background"};
  } else if (*a.pattern == Pattern::Checker) {
    options = c.isEmpty() ? std::vector<QString>{"checks", "a checkered background", "a checkerboard"}
                          : std::vector<QString>{"%1 checks", "a checkered %1 background", "a %1 checkerboard",
                                                 "a %1 checker pattern"};
  } else {
    options = c.isEmpty() ? std::vector<QString>{"a plain background", "a plain backdrop"}
                          : std::vector<QString>{"a plain %1 background", "a solid %1 background", "plain %1"};
  }
  const QString chosen = pick(rng, options);
  return c.isEmpty() ? chosen : chosen.arg(c);
}

// Sentence structures; %1 = object phrase, %2 = background phrase. The held-out ones combine
// the training words in ways training never shows.
const std::vector<QString> kTrainingWithBackground{"%1 on %2", "%2 behind %1", "%1 in front of %2", "%1, %2",
                                                   "%1 against %2", "%2 with %1"};
const std::vector<QString> kTrainingObjectOnly{"%1", "a picture of %1", "an image of %1"};
const std::vector<QString> kHeldOutWithBackground{"a picture of %1 on %2", "an image of %1 against %2",
                                                  "%2 with %1 in front"};
const std::vector<QString> kHeldOutObjectOnly{"a picture of %1 in front of a background", "an image of %1 on a background"};

}  // namespace

const char* shapeName(Shape s) { return kShapeNames[int(s)]; }
const char* colourName(Colour c) { return kColourNames[int(c)]; }
const char* patternName(Pattern p) { return kPatternNames[int(p)]; }

std::array<float, 3> colourRgb(Colour c) {
  const float* rgb = kRgb[int(c)];
  return {rgb[0] / 255.0f, rgb[1] / 255.0f, rgb[2] / 255.0f};
}

std::array<float, 3> tintRgb(Colour c) {
  std::array<float, 3> rgb = colourRgb(c);
  for (float& v : rgb) v = v + (1.0f - v) * kTintToWhite;
  return rgb;
}

int Attributes::count() const {
  return int(shape.has_value()) + int(colour.has_value()) + int(background.has_value()) + int(pattern.has_value());
}

QString Attributes::toString() const {
  auto name = [](auto v, auto fn) { return v ? QString::fromLatin1(fn(*v)) : QStringLiteral("?"); };
  return QStringLiteral("shape=%1 colour=%2 background=%3 pattern=%4")
      .arg(name(shape, shapeName), name(colour, colourName), name(background, colourName),
           name(pattern, patternName));
}

Scene randomScene(std::mt19937& rng) { return randomScene(rng, {}); }

Scene randomScene(std::mt19937& rng, const Attributes& fixed) {
  std::uniform_int_distribution<int> shape(0, kShapes - 1), colour(0, kColours - 1), pattern(0, kPatterns - 1);
  Scene s;
  // Draw every value even when fixed, so a scene's jitter does not depend on which are fixed.
  s.shape = Shape(shape(rng));
  s.colour = Colour(colour(rng));
  s.background = Colour(colour(rng));
  s.pattern = Pattern(pattern(rng));
  if (fixed.shape) s.shape = *fixed.shape;
  if (fixed.colour) s.colour = *fixed.colour;
  if (fixed.background) s.background = *fixed.background;
  if (fixed.pattern) s.pattern = *fixed.pattern;
  // One colour for object and background would hide the object: move the free one on.
  while (s.colour == s.background) {
    if (!fixed.background) s.background = Colour((int(s.background) + 1) % kColours);
    else if (!fixed.colour) s.colour = Colour((int(s.colour) + 1) % kColours);
    else throw std::invalid_argument("demo world: object and background colour must differ");
  }
  std::uniform_real_distribution<float> position(11.0f, 21.0f);
  s.centerX = position(rng);
  s.centerY = position(rng);
  const bool small = chance(rng, 0.5);
  s.radius = small ? std::uniform_real_distribution<float>(7.0f, 8.5f)(rng)
                   : std::uniform_real_distribution<float>(9.5f, 12.0f)(rng);
  return s;
}

std::vector<float> render(const Scene& scene) {
  constexpr int n = kImageSize, sub = 4;
  std::vector<float> image(3 * n * n);
  const ShapeTest inside(scene);
  const std::array<float, 3> object = colourRgb(scene.colour), plain = colourRgb(scene.background),
                             tint = tintRgb(scene.background);
  for (int y = 0; y < n; ++y)
    for (int x = 0; x < n; ++x) {
      int hits = 0;
      for (int sy = 0; sy < sub; ++sy)
        for (int sx = 0; sx < sub; ++sx) hits += inside(x + (sx + 0.5f) / sub, y + (sy + 0.5f) / sub);
      const float coverage = float(hits) / (sub * sub);
      const std::array<float, 3>& bg = tinted(scene.pattern, x, y) ? tint : plain;
      for (int c = 0; c < 3; ++c) image[size_t((c * n + y) * n + x)] = bg[c] + (object[c] - bg[c]) * coverage;
    }
  return image;
}

QString caption(const Attributes& named, std::optional<Size> size, TemplateSet set, std::mt19937& rng) {
  const QString object = objectPhrase(named, size, rng);
  const QString background = backgroundPhrase(named, rng);
  const bool heldOut = set == TemplateSet::HeldOut;
  if (background.isEmpty()) return pick(rng, heldOut ? kHeldOutObjectOnly : kTrainingObjectOnly).arg(object);
  return pick(rng, heldOut ? kHeldOutWithBackground : kTrainingWithBackground).arg(object, background);
}

QString trainingCaption(const Scene& scene, std::mt19937& rng) {
  Attributes named;
  if (chance(rng, 0.8)) named.shape = scene.shape;
  if (chance(rng, 0.8)) named.colour = scene.colour;
  if (chance(rng, 0.75)) named.background = scene.background;
  if (chance(rng, 0.7)) named.pattern = scene.pattern;
  const std::optional<Size> size = chance(rng, 0.3) ? std::optional<Size>(scene.size()) : std::nullopt;
  return caption(named, size, TemplateSet::Training, rng);
}

Attributes parseCaption(const QString& text) {
  static const QRegularExpression nonLetters(QStringLiteral("[^a-z]+"));
  const QStringList words = text.toLower().split(nonLetters, Qt::SkipEmptyParts);
  auto indexIn = [](const QString& w, const auto& names, int count) {
    for (int i = 0; i < count; ++i)
      if (w == QLatin1String(names[i])) return i;
    return -1;
  };
  auto isSizeWord = [](const QString& w) {
    return std::count(kSmallWords.begin(), kSmallWords.end(), w) + std::count(kLargeWords.begin(), kLargeWords.end(), w) > 0;
  };
  auto isObjectNoun = [&](const QString& w) {
    return indexIn(w, kShapeNames, kShapes) >= 0 || std::count(kGenericNouns.begin(), kGenericNouns.end(), w) > 0;
  };
  Attributes a;
  for (int i = 0; i < words.size(); ++i) {
    const QString& w = words[i];
    if (const int s = indexIn(w, kShapeNames, kShapes); s >= 0) a.shape = Shape(s);
    if (w == QLatin1String("stripes") || w == QLatin1String("striped")) a.pattern = Pattern::Stripes;
    if (w == QLatin1String("checks") || w == QLatin1String("checkered") || w == QLatin1String("checkerboard") ||
        w == QLatin1String("checker"))
      a.pattern = Pattern::Checker;
    if (w == QLatin1String("plain") || w == QLatin1String("solid")) a.pattern = Pattern::Plain;
    if (const int c = indexIn(w, kColourNames, kColours); c >= 0) {
      int j = i + 1;
      while (j < words.size() && isSizeWord(words[j])) ++j;
      if (j < words.size() && isObjectNoun(words[j])) a.colour = Colour(c);
      else a.background = Colour(c);
    }
  }
  return a;
}

QStringList captionWords() {
  QSet<QString> words;
  auto addText = [&](const QString& text) {
    static const QRegularExpression nonLetters(QStringLiteral("[^a-z]+"));
    for (const QString& w : text.split(nonLetters, Qt::SkipEmptyParts)) words.insert(w);
  };
  for (const auto* list : {&kSmallWords, &kLargeWords, &kGenericNouns, &kTrainingWithBackground,
                           &kTrainingObjectOnly, &kHeldOutWithBackground, &kHeldOutObjectOnly})
    for (const QString& t : *list) addText(t);
  for (const char* w : kShapeNames) addText(QString::fromLatin1(w));
  for (const char* w : kColourNames) addText(QString::fromLatin1(w));
  // Background phrases: render every combination once.
  std::mt19937 rng(0);
  for (int c = -1; c < kColours; ++c)
    for (int p = -1; p < kPatterns; ++p)
      for (int k = 0; k < 16; ++k) {
        Attributes a;
        if (c >= 0) a.background = Colour(c);
        if (p >= 0) a.pattern = Pattern(p);
        addText(backgroundPhrase(a, rng));
      }
  addText(QStringLiteral("a an"));
  QStringList sorted = words.values();
  sorted.sort();
  return sorted;
}

}  // namespace fan::demo
