// The demo profiles seeded on first start (GUI) and by `fan-cli demo-data`, so a new
// installation is not empty: a "Demo artist" user, a "Studio brand" brand and a "Friends"
// group, each with a few dozen rated prompts. Torch-free.
#pragma once

#include "core/store/HistoryStore.h"

namespace fan {

struct DemoDataResult {
  QStringList created;  // profile names created now
  QStringList present;  // names that already existed (left untouched)
};

// Creates whichever demo profiles are missing, with their entries and memberships, in one
// transaction. Running it again changes nothing.
DemoDataResult seedDemoData(HistoryStore& store);

}  // namespace fan
