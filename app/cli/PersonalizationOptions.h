// The FAN command-line options every personalizing verb shares (`generate`; `personalize`
// spells the same options): --profile / --refs, --alpha, --sample-size, --kappa, --pa-layers,
// --skip-mode, --query-start, --cfg-negative, --negative, --clip-skip, --pin, --exclude, --detector.
#pragma once

#include "core/fan/FanEngine.h"

#include <QCommandLineParser>
#include <QString>

#include <vector>

namespace fan::cli {

// The help lines of these options (indented two spaces, one option per line).
extern const char* const kPersonalizationHelp;

// Adds the options above (each taking a value) to `parser`.
void addPersonalizationOptions(QCommandLineParser& parser);
// Whether the command line asks for personalization (--profile or --refs).
bool wantsPersonalization(const QCommandLineParser& parser);

// A number option's value, or `fallback` when absent; BadUsage for a non-number.
double numberOption(const QCommandLineParser& parser, const char* name, double fallback);

// A JSON array of {"prompt": ..., "weight": ...} (weight defaults to 1, must be >= 0).
// Throws std::runtime_error naming the file and item.
std::vector<Reference> readReferenceFile(const QString& path);

// The request for `target` from the options (BadUsage for malformed ones, or for giving both
// or neither of --profile and --refs); reads the --refs file.
PersonalizationRequest personalizationRequest(const QCommandLineParser& parser, const QString& target);

}  // namespace fan::cli
