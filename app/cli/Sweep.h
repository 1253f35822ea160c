// The alpha-sweep syntax every sweeping verb shares: START:STOP:STEP, STOP included.
#pragma once

#include <QString>

#include <vector>

namespace fan::cli {

// Throws BadUsage (CliSupport.h) for malformed text, STEP <= 0, START > STOP or values outside 0..1.
std::vector<double> parseSweep(const QString& text);
// "<base>.alpha-0.40.safetensors" for out = "<base>.safetensors" (any other name: appended).
QString sweepFileName(const QString& out, double alpha, const QString& extension);

}  // namespace fan::cli
