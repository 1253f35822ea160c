#include "core/store/DemoData.h"

namespace fan {

namespace {

struct DemoEntry {
  const char* prompt;
  const char* negative;  // "" = none
  int rating;            // 0 = unrated
  double weight;         // < 0 = no explicit weight
  const char* tags;      // comma-separated
};

struct DemoProfile {
  ProfileKind kind;
  const char* name;
  const char* description;
  std::vector<DemoEntry> entries;
};

// The demo profiles speak the embedded demo model's world (core/demo/DemoWorld.h): one shape
// on a plain, striped or checkered background. Each history prefers attributes its target prompts
// will leave unnamed, so personalization shows at once: the artist always puts things on purple
// checks, the brand always draws orange stars, the friends like circles on yellow. A few
// off-style, low-rated entries keep the histories realistic.
const DemoProfile kArtist{
    ProfileKind::User,
    "Demo artist",
    "An illustrator who puts every shape on a purple checkerboard background.",
    {
        {"a red star on purple checks", "", 5, -1, "red,purple,star,checks"},
        {"a small yellow circle on a checkered purple background", "", 5, -1, "yellow,purple,circle,checks"},
        {"a green triangle in front of a purple checkerboard", "", 4, -1, "green,purple,triangle,checks"},
        {"purple checks behind a big orange square", "", 5, -1, "orange,purple,square,checks"},
        {"an orange circle, a purple checker pattern", "", 4, -1, "orange,purple,circle,checks"},
        {"a blue star against a purple checkerboard", "", 5, -1, "blue,purple,star,checks"},
        {"a tiny green square on a checkered purple background", "", 4, -1, "green,purple,square,checks"},
        {"a yellow triangle on purple checks", "", 5, -1, "yellow,purple,triangle,checks"},
        {"a red circle in front of a purple checker pattern", "", 4, -1, "red,purple,circle,checks"},
        {"a large blue triangle on a purple checkerboard", "", 5, -1, "blue,purple,triangle,checks"},
        {"purple checks with a little yellow star", "", 4, -1, "yellow,purple,star,checks"},
        {"an orange triangle against purple checks", "", 5, -1, "orange,purple,triangle,checks"},
        {"a green circle on a purple checkerboard", "", 4, -1, "green,purple,circle,checks"},
        {"a red square, purple checks", "", 3, -1, "red,purple,square,checks"},
        {"a yellow star on a plain blue background", "", 2, -1, "yellow,blue,star,plain"},
        {"a big blue circle on purple checks", "", 5, -1, "blue,purple,circle,checks"},
        {"a green star on a checkered purple background", "", 4, -1, "green,purple,star,checks"},
        {"an orange star in front of purple checks", "", 4, -1, "orange,purple,star,checks"},
        {"a red triangle on green stripes", "", 1, -1, "red,green,triangle,stripes"},
        {"a yellow square against a purple checkerboard", "", 5, -1, "yellow,purple,square,checks"},
        {"a blue square on purple checks", "", 4, -1, "blue,purple,square,checks"},
        {"a small red star on a purple checkerboard", "", 0, -1, "red,purple,star,checks"},
        {"a green triangle on a plain orange background", "", 2, -1, "orange,green,triangle,plain"},
        {"a yellow circle, a checkered purple background", "", 4, -1, "yellow,purple,circle,checks"},
        {"an orange circle on purple checks", "", 0, -1, "orange,purple,circle,checks"},
        {"a blue triangle in front of a purple checker pattern", "", 5, 1.0, "blue,purple,triangle,checks"},
    }};

// A brand whose mark is an orange star, whatever the background.
const DemoProfile kBrand{
    ProfileKind::Brand,
    "Studio brand",
    "House style of a studio: an orange star on any background.",
    {
        {"an orange star on a plain blue background", "", 5, -1, "orange,blue,star,plain"},
        {"a big orange star against green stripes", "", 5, -1, "orange,green,star,stripes"},
        {"an orange star on a yellow backdrop", "", 4, -1, "orange,yellow,star"},
        {"a small orange star, a plain purple background", "", 4, -1, "orange,purple,star,plain"},
        {"blue stripes behind an orange star", "", 5, -1, "orange,blue,star,stripes"},
        {"an orange star on red stripes", "", 4, -1, "red,orange,star,stripes"},
        {"an orange star in front of a plain green background", "", 5, -1, "orange,green,star,plain"},
        {"an orange star on purple stripes", "", 4, -1, "orange,purple,star,stripes"},
        {"a large orange star on a solid blue background", "", 5, -1, "orange,blue,star"},
        {"an orange star against a striped yellow background", "", 4, -1, "orange,yellow,star,stripes"},
        {"a red circle on a plain blue background", "", 2, -1, "red,blue,circle,plain"},
        {"an orange star on a green background", "", 5, -1, "orange,green,star"},
        {"a tiny orange star on a plain red background", "", 4, -1, "red,orange,star,plain"},
        {"an orange star on a striped blue background", "", 4, -1, "orange,blue,star,stripes"},
        {"a purple star on yellow stripes", "", 2, -1, "yellow,purple,star,stripes"},
        {"an orange star on a plain yellow background", "", 5, -1, "orange,yellow,star,plain"},
        {"an orange star against a purple backdrop", "", 4, -1, "orange,purple,star"},
        {"a green square on red stripes", "", 1, -1, "red,green,square,stripes"},
        {"an orange star, green stripes", "", 4, -1, "orange,green,star,stripes"},
        {"an orange star on a plain purple background", "", 5, 1.0, "orange,purple,star,plain"},
        {"an orange star on blue stripes", "", 0, -1, "orange,blue,star,stripes"},
        {"a big orange star on red stripes", "", 4, -1, "red,orange,star,stripes"},
        {"an orange star in front of yellow stripes", "", 4, -1, "orange,yellow,star,stripes"},
        {"an orange star on a plain green background", "", 0, -1, "orange,green,star,plain"},
        {"an orange star against blue", "", 5, -1, "orange,blue,star"},
        {"an orange triangle on green stripes", "", 3, -1, "orange,green,triangle,stripes"},
    }};

// What a group of friends keeps in their shared library: circles, mostly on yellow.
const DemoProfile kFriends{
    ProfileKind::Group,
    "Friends",
    "Shared library of a group of friends: circles on yellow backgrounds.",
    {
        {"a red circle on a plain yellow background", "", 5, -1, "red,yellow,circle,plain"},
        {"a blue circle against yellow stripes", "", 5, -1, "yellow,blue,circle,stripes"},
        {"a green circle on a yellow background", "", 4, -1, "yellow,green,circle"},
        {"a purple circle on yellow stripes", "", 5, -1, "yellow,purple,circle,stripes"},
        {"a big red circle in front of a plain yellow background", "", 4, -1, "red,yellow,circle,plain"},
        {"an orange circle on a yellow backdrop", "", 4, -1, "orange,yellow,circle"},
        {"a small blue circle on yellow checks", "", 4, -1, "yellow,blue,circle,checks"},
        {"a green circle, yellow stripes", "", 5, -1, "yellow,green,circle,stripes"},
        {"a purple circle on a solid yellow background", "", 4, -1, "yellow,purple,circle"},
        {"a red square on a plain blue background", "", 2, -1, "red,blue,square,plain"},
        {"a blue circle on a yellow backdrop", "", 5, -1, "yellow,blue,circle"},
        {"a tiny green circle on yellow stripes", "", 4, -1, "yellow,green,circle,stripes"},
        {"a red circle against a yellow background", "", 5, -1, "red,yellow,circle"},
        {"a purple circle on a plain yellow background", "", 0, -1, "yellow,purple,circle,plain"},
        {"an orange circle in front of yellow stripes", "", 4, -1, "orange,yellow,circle,stripes"},
        {"a blue circle on a striped yellow background", "", 5, -1, "yellow,blue,circle,stripes"},
        {"a green star on a plain red background", "", 1, -1, "red,green,star,plain"},
        {"a red circle on yellow stripes", "", 4, -1, "red,yellow,circle,stripes"},
        {"a large purple circle on a yellow background", "", 5, 1.0, "yellow,purple,circle"},
        {"a blue circle, a plain yellow background", "", 4, -1, "yellow,blue,circle,plain"},
        {"an orange circle on a yellow checkerboard", "", 3, -1, "orange,yellow,circle,checks"},
        {"a green circle on a plain yellow background", "", 4, -1, "yellow,green,circle,plain"},
        {"a red circle on a yellow backdrop", "", 0, -1, "red,yellow,circle"},
        {"a blue circle against a plain yellow background", "", 5, -1, "yellow,blue,circle,plain"},
        {"a purple circle in front of yellow stripes", "", 4, -1, "yellow,purple,circle,stripes"},
        {"an orange circle on a solid yellow background", "", 5, -1, "orange,yellow,circle"},
    }};

NewEntry toNewEntry(const DemoEntry& d, const QDateTime& created) {
  NewEntry e;
  e.prompt = QString::fromUtf8(d.prompt);
  e.negative = QString::fromUtf8(d.negative);
  if (d.rating > 0) e.rating = d.rating;
  if (d.weight >= 0) e.weight = d.weight;
  e.tags = QString::fromUtf8(d.tags).split(QLatin1Char(','), Qt::SkipEmptyParts);
  e.created = created;
  return e;
}

// Entries spread over past days (an hour and a half apart), oldest first, like a real history.
std::vector<NewEntry> demoEntries(const DemoProfile& profile, const QDateTime& now) {
  std::vector<NewEntry> entries;
  const qint64 count = qint64(profile.entries.size());
  for (qint64 i = 0; i < count; ++i)
    entries.push_back(toNewEntry(profile.entries[size_t(i)], now.addSecs(-(count - i) * 5400)));
  return entries;
}

}  // namespace

DemoDataResult seedDemoData(HistoryStore& store) {
  DemoDataResult result;
  const QDateTime now = QDateTime::currentDateTimeUtc();
  store.transaction([&] {
    for (const DemoProfile* demo : {&kArtist, &kBrand, &kFriends}) {
      const QString name = QString::fromUtf8(demo->name);
      if (store.findProfile(name)) {
        result.present << name;
        continue;
      }
      const Profile p = store.createProfile(demo->kind, name, QString::fromUtf8(demo->description));
      store.addEntries(p.id, demoEntries(*demo, now));
      result.created << name;
    }
    // The artist works for the studio and is one of the friends (half weight in both, so each
    // library keeps its own preferences). Links are made only when one side is new, so a user's
    // own changes to existing profiles stay.
    auto link = [&](const DemoProfile& library, double weight) {
      const QString libraryName = QString::fromUtf8(library.name), artist = QString::fromUtf8(kArtist.name);
      if (!result.created.contains(libraryName) && !result.created.contains(artist)) return;
      const Profile lib = store.profileByName(libraryName);
      if (lib.kind != ProfileKind::User) store.setMember(lib.id, store.profileByName(artist).id, weight);
    };
    link(kBrand, 0.5);
    link(kFriends, 0.5);
  });
  return result;
}

}  // namespace fan
