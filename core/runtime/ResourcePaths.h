// Where FAN Studio's shipped files are: the embedded default model and the user guide
// (translations are embedded in the binaries). Installed builds find them relative to the
// executable (<prefix>/bin -> <prefix>/share/fan-studio); a build tree finds the source tree's
// resources/. Torch-free.
#pragma once

#include <QString>

namespace fan {

// The running executable's folder (also before a QCoreApplication exists): installed files are
// found relative to it.
QString executableDir();

// The folder holding models/ and help/. FAN_STUDIO_RESOURCES overrides.
// Empty when none of the candidates exists.
QString resourceDir();

// The embedded default model: the first folder (by name) under <resourceDir>/models that holds a
// model_index.json. Empty when none is shipped.
QString embeddedModelDir();

// The user guide (help/user-guide.md), or empty when it is not shipped.
QString userGuidePath();

}  // namespace fan
