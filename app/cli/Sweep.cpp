#include "app/cli/Sweep.h"

#include "app/cli/CliSupport.h"

#include <QStringList>

#include <cmath>

namespace fan::cli {

std::vector<double> parseSweep(const QString& text) {
  const QStringList parts = text.split(':');
  bool ok[3] = {false, false, false};
  if (parts.size() == 3) {
    const double start = parts[0].toDouble(&ok[0]), stop = parts[1].toDouble(&ok[1]), step = parts[2].toDouble(&ok[2]);
    if (ok[0] && ok[1] && ok[2] && step > 0 && start <= stop && start >= 0 && stop <= 1) {
      std::vector<double> values;
      // Round to the step's grid so 0:1:0.1 ends exactly at 1 despite binary fractions.
      const int count = static_cast<int>(std::floor((stop - start) / step + 1e-9)) + 1;
      for (int i = 0; i < count; ++i) values.push_back(std::round((start + i * step) * 1e9) / 1e9);
      return values;
    }
  }
  throw BadUsage(QStringLiteral("--sweep '%1' not understood; expected START:STOP:STEP with 0 <= START <= STOP <= 1 "
                                "and STEP > 0, e.g. 0:1:0.1")
                     .arg(text));
}

QString sweepFileName(const QString& out, double alpha, const QString& extension) {
  QString base = out;
  if (base.endsWith(extension)) base.chop(extension.size());
  return QStringLiteral("%1.alpha-%2%3").arg(base, QString::number(alpha, 'f', 2), extension);
}

}  // namespace fan::cli
