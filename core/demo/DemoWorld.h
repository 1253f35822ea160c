// The demo world of the embedded model (issue 10): one shape on a background, rendered at
// 32x32 RGB by our own code, with captions in varied natural phrasing (also partial ones that
// leave attributes unnamed) and a parser that reads the world's attributes back out of a caption.
// Everything is deterministic given a seed. Torch-free.
#pragma once

#include <QString>
#include <QStringList>

#include <array>
#include <cstdint>
#include <optional>
#include <random>
#include <vector>

namespace fan::demo {

enum class Shape { Circle, Square, Triangle, Star };
enum class Pattern { Plain, Stripes, Checker };
enum class Size { Small, Large };
constexpr int kShapes = 4, kColours = 6, kPatterns = 3;
constexpr int kImageSize = 32;

// Object and background colours share one palette; a scene never uses one colour for both.
enum class Colour { Red, Orange, Yellow, Green, Blue, Purple };

const char* shapeName(Shape s);
const char* colourName(Colour c);
const char* patternName(Pattern p);
std::array<float, 3> colourRgb(Colour c);  // 0..1
// The lighter tone that stripes and checks alternate with.
std::array<float, 3> tintRgb(Colour c);

struct Scene {
  Shape shape = Shape::Circle;
  Colour colour = Colour::Red;
  Colour background = Colour::Blue;
  Pattern pattern = Pattern::Plain;
  float centerX = 16, centerY = 16, radius = 9;  // pixels
  Size size() const { return radius < 9.0f ? Size::Small : Size::Large; }
};

// The attributes a caption names (or a judge reads); unset = unnamed / unknown.
struct Attributes {
  std::optional<Shape> shape;
  std::optional<Colour> colour;
  std::optional<Colour> background;
  std::optional<Pattern> pattern;
  static Attributes of(const Scene& s) { return {s.shape, s.colour, s.background, s.pattern}; }
  int count() const;
  QString toString() const;  // "shape=star colour=red background=? pattern=stripes"
};

// A random scene: uniform attributes (background != colour), position and size jitter.
Scene randomScene(std::mt19937& rng);
// A random scene with the given attributes fixed (the rest drawn as randomScene does).
Scene randomScene(std::mt19937& rng, const Attributes& fixed);

// Renders the scene: float RGB in [0, 1], channel-major [3, 32, 32], 4x4 supersampled edges.
std::vector<float> render(const Scene& scene);

// Which caption templates to draw from: the training set, or the evaluation set whose
// sentence structures never occur in training (same words, new compositions).
enum class TemplateSet { Training, HeldOut };

// A caption of `named` (only the attributes set there are mentioned; the size word is
// mentioned when `size` is given), phrased by a template drawn from `set`.
QString caption(const Attributes& named, std::optional<Size> size, TemplateSet set, std::mt19937& rng);
// A training caption of a scene: each attribute is named with a fixed probability, so the
// model also learns what unnamed attributes look like.
QString trainingCaption(const Scene& scene, std::mt19937& rng);

// Reads the world's attributes out of a caption: shape words, pattern words, and colours (a
// colour right before a shape noun, or a generic noun such as "shape", colours the object; any
// other colour the background). Unknown words are ignored.
Attributes parseCaption(const QString& text);

// Every word the caption templates can produce (for building the tokenizer's vocabulary).
QStringList captionWords();

}  // namespace fan::demo
