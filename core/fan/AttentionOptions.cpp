#include "core/fan/AttentionOptions.h"

#include <QStringList>

#include <stdexcept>

namespace fan {

PaLayerSet PaLayerSet::parse(const QString& text) {
  const QString t = text.trimmed().toLower();
  if (t == QLatin1String("all")) return all();
  if (t == QLatin1String("skip-first")) return skipFirst(1);
  bool ok = false;
  if (t.startsWith(QLatin1String("skip:"))) {
    const int k = t.mid(5).toInt(&ok);
    if (ok && k >= 0) return skipFirst(k);
  } else {
    std::vector<int> layers;
    ok = !t.isEmpty();
    for (const QString& part : t.split(',')) {
      bool partOk = false;
      const int layer = part.trimmed().toInt(&partOk);
      ok = ok && partOk && layer >= 0;
      layers.push_back(layer);
    }
    if (ok) return explicitList(layers);
  }
  throw std::invalid_argument("PA layers '" + text.toStdString() +
                              "' not understood; expected all, skip-first, skip:K or a list like 2,3,4");
}

std::vector<bool> PaLayerSet::resolve(int numLayers) const {
  std::vector<bool> flags(static_cast<size_t>(numLayers), false);
  if (kind_ == Kind::SkipFirst) {
    for (int i = skip_; i < numLayers; ++i) flags[static_cast<size_t>(i)] = true;
    return flags;
  }
  for (int layer : layers_) {
    if (layer < 0 || layer >= numLayers)
      throw std::invalid_argument("PA layer " + std::to_string(layer) + " is out of range: the encoder has " +
                                  std::to_string(numLayers) + " layers (0-based)");
    flags[static_cast<size_t>(layer)] = true;
  }
  return flags;
}

QString PaLayerSet::toString() const {
  if (kind_ == Kind::SkipFirst) return skip_ == 0 ? QStringLiteral("all") : QStringLiteral("skip:%1").arg(skip_);
  QStringList parts;
  for (int layer : layers_) parts << QString::number(layer);
  return parts.join(',');
}

QString toString(SkipMode mode) { return mode == SkipMode::Self ? QStringLiteral("self") : QStringLiteral("joint"); }

QString toString(QueryStart start) {
  return start == QueryStart::Target ? QStringLiteral("target") : QStringLiteral("empty");
}

SkipMode parseSkipMode(const QString& text) {
  if (text == QLatin1String("self")) return SkipMode::Self;
  if (text == QLatin1String("joint")) return SkipMode::Joint;
  throw std::invalid_argument("skip mode '" + text.toStdString() + "' not understood; expected self or joint");
}

QueryStart parseQueryStart(const QString& text) {
  if (text == QLatin1String("target")) return QueryStart::Target;
  if (text == QLatin1String("empty")) return QueryStart::Empty;
  throw std::invalid_argument("query start '" + text.toStdString() + "' not understood; expected target or empty");
}

}  // namespace fan
