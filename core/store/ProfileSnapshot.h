// What deleting a profile removes, kept in memory so the delete can be undone (torch-free).
//
//   ProfileSnapshot snapshot;
//   store.transaction([&] { snapshot = store.snapshotProfile(id); store.deleteProfile(id); });
//   ...
//   const Profile back = store.restoreProfile(snapshot);  // new ids, same content
#pragma once

#include "core/store/ImageFiles.h"
#include "core/store/StoreTypes.h"

#include <vector>

namespace fan {

struct ProfileSnapshot {
  // A row of another profile that pointed at this profile (set to NULL by the delete).
  struct ReferenceLink {  // another profile's generation used one of this profile's entries
    qint64 generationId = 0;
    int position = 0;
    qint64 entryId = 0;
  };
  struct GeneratedFromLink {  // another profile's entry was made from one of this profile's generations
    qint64 entryId = 0;
    qint64 generationId = 0;
  };
  struct Membership {
    qint64 profileId = 0;  // the member (in members) or the library (in libraries)
    double weight = 1.0;
  };

  Profile profile;
  std::vector<Membership> members;    // its members, when a group or brand
  std::vector<Membership> libraries;  // the groups and brands it is a member of
  std::vector<HistoryEntry> entries;
  std::vector<Generation> generations;
  // Every choice the delete removes: its own and other profiles' choices naming its entries
  // or generations.
  std::vector<PairwiseChoice> choices;
  std::vector<ReferenceLink> referencedBy;
  std::vector<GeneratedFromLink> generatedFrom;
  // The bytes of the images only this profile uses: their files go with it. An image file
  // that could not be read is left out (its entries come back without the image).
  std::vector<ImageBlob> images;
};

}  // namespace fan
