#include "core/io/WeightSpec.h"

#include <algorithm>
#include <set>
#include <sstream>

namespace fan {

namespace {

std::string shapeText(c10::IntArrayRef shape) {
  std::ostringstream s;
  s << '[';
  for (size_t i = 0; i < shape.size(); ++i) s << (i ? ", " : "") << shape[i];
  s << ']';
  return s.str();
}

}  // namespace

void checkWeights(const WeightMap& weights, const std::vector<TensorSpec>& specs, const QString& component,
                  const std::vector<std::string>& ignoredExtras) {
  std::vector<std::string> missing, misShaped, unexpected;
  std::set<std::string> expected;
  for (const TensorSpec& spec : specs) {
    expected.insert(spec.name);
    const auto it = weights.find(spec.name);
    if (it == weights.end()) {
      missing.push_back(spec.name + " (expected shape " + shapeText(spec.shape) + ")");
    } else if (it->second.sizes() != c10::IntArrayRef(spec.shape)) {
      misShaped.push_back(spec.name + ": expected " + shapeText(spec.shape) + ", found " +
                          shapeText(it->second.sizes()));
    }
  }
  for (const auto& [name, tensor] : weights) {
    const bool ignored = std::find(ignoredExtras.begin(), ignoredExtras.end(), name) != ignoredExtras.end();
    if (!expected.count(name) && !ignored) unexpected.push_back(name + " " + shapeText(tensor.sizes()));
  }
  if (missing.empty() && misShaped.empty() && unexpected.empty()) return;

  // Every problem at once: one wrong checkpoint usually shows as many related names.
  std::string message = component.toStdString() + ": weights do not match the model (" +
                        std::to_string(missing.size()) + " missing, " + std::to_string(misShaped.size()) +
                        " with a wrong shape, " + std::to_string(unexpected.size()) + " unexpected)";
  auto list = [&message](const char* title, const std::vector<std::string>& names) {
    for (const std::string& n : names) message += std::string("\n  ") + title + ": " + n;
  };
  list("missing", missing);
  list("wrong shape", misShaped);
  list("unexpected", unexpected);
  throw LoadError(message);
}

}  // namespace fan
