// Where FAN Studio keeps its database and image files.
#pragma once

#include <QString>

namespace fan {

// Precedence: explicit option (--data-dir) > FAN_STUDIO_DATA_DIR > QStandardPaths::AppDataLocation.
// The directory is created (owner-only permissions) if missing. Returns an absolute path.
QString resolveDataDirectory(const QString& explicitDir = QString());

}  // namespace fan
