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

const char* kBlurry = "blurry, low quality, jpeg artifacts, watermark, text";

// An illustrator with a soft spot for watercolour, ink and quiet landscapes.
const DemoProfile kArtist{
    ProfileKind::User,
    "Demo artist",
    "An illustrator: watercolour and ink, quiet landscapes, warm interiors, folklore.",
    {
        {"watercolor painting of a lighthouse on a rocky coast at dawn, soft washes, paper texture", kBlurry, 5, -1, "watercolor,coast"},
        {"ink and wash illustration of a mountain village in the fog, loose brushwork", "", 5, -1, "ink,landscape"},
        {"cozy reading nook with a cat asleep on a quilt, warm lamplight, gouache", "", 4, -1, "interior,gouache,cat"},
        {"a fox walking through a birch forest in winter, watercolor, muted palette", kBlurry, 5, -1, "watercolor,animals"},
        {"harbor town at sunset, fishing boats, impressionist oil sketch", "", 3, -1, "oil,coast"},
        {"botanical illustration of wild poppies and cornflowers, fine ink lines, pale washes", "", 4, -1, "botanical,ink"},
        {"old stone bridge over a river in autumn, watercolor, golden light", kBlurry, 5, -1, "watercolor,landscape"},
        {"portrait of an elderly fisherman, charcoal drawing, dramatic side light", "", 3, -1, "charcoal,portrait"},
        {"rainy city street at night with reflections, watercolor, blue and amber", "", 4, -1, "watercolor,city"},
        {"folk tale illustration of a girl and a giant bear sharing tea, storybook style", "", 5, 1.0, "folklore,storybook"},
        {"misty pine forest with a small red cabin, sumi-e brush painting", "", 4, -1, "ink,landscape"},
        {"still life of lemons and a blue jug on linen, gouache, flat light", "", 3, -1, "still life,gouache"},
        {"neon cyberpunk alley with holograms, hyperrealistic 3d render", "", 1, -1, "3d,city"},
        {"a heron standing in reeds at dusk, watercolor, wet-in-wet sky", kBlurry, 5, -1, "watercolor,animals"},
        {"map of an imaginary archipelago, hand-drawn, sepia ink, compass rose", "", 4, -1, "map,ink"},
        {"children's book spread: hedgehogs having a picnic under a mushroom, soft pencils", "", 4, -1, "storybook,animals"},
        {"snowy mountain pass with a caravan of travellers, watercolor, cold light", "", 4, -1, "watercolor,landscape"},
        {"glossy product shot of a sports car, studio lighting", "", 2, -1, "photo"},
        {"tea house in a bamboo grove during rain, ink wash, quiet mood", "", 5, -1, "ink,landscape"},
        {"lantern festival over a river at night, watercolor, warm glows", kBlurry, 4, -1, "watercolor,festival"},
        {"sketchbook page of market stalls with quick figures, fountain pen and wash", "", 4, -1, "sketch,city"},
        {"moonlit meadow with hares dancing, folklore illustration, indigo palette", "", 5, -1, "folklore,animals"},
        {"abstract geometric poster, bold primary colors", "", 2, -1, "abstract"},
        {"fishing village on stilts at low tide, watercolor, overcast sky", "", 4, -1, "watercolor,coast"},
        {"an owl in a library at midnight, candlelight, gouache", "", 4, -1, "interior,animals"},
        {"sea cliffs with wheeling gulls, loose watercolor, lots of white paper", kBlurry, 5, -1, "watercolor,coast"},
        {"orchard in blossom, plein air watercolor, spring morning", "", 0, -1, "watercolor,landscape"},
        {"city skyline in smog, photorealistic", "", 1, 0.0, "photo,city"},
        {"garden shed full of tools and seed packets, ink and watercolor", "", 3, -1, "interior,ink"},
        {"a paper boat on a puddle reflecting the sky, minimal watercolor", "", 0, -1, "watercolor"},
        {"mountain lake with a lone canoe, early fog, ink wash", "", 5, 0.9, "ink,landscape"},
        {"winter market with steaming cups and knitted scarves, gouache, warm tones", "", 4, -1, "gouache,festival"},
    }};

// A product studio whose house style is soft light, pastel colour and plenty of space.
const DemoProfile kBrand{
    ProfileKind::Brand,
    "Studio brand",
    "House style of a product studio: soft daylight, pastel palette, clean composition, room for text.",
    {
        {"ceramic coffee mug on a pastel pink background, soft shadow, minimal product photo", "clutter, harsh shadows, text", 5, -1, "product,pastel"},
        {"skincare bottle on a travertine block, morning light, beige and sage palette", "clutter, harsh shadows", 5, -1, "product,stone"},
        {"flat lay of stationery: notebook, brass pen, dried flowers, top-down, pastel", "", 4, -1, "flat lay,pastel"},
        {"wireless headphones floating against a mint gradient, studio lighting", "", 4, -1, "product,gradient"},
        {"linen tote bag hanging on a wooden peg, natural window light, neutral tones", "", 4, -1, "product,textile"},
        {"glass perfume bottle with caustic light patterns on a cream surface", "", 5, 1.0, "product,glass"},
        {"sneaker mid-air on a lilac background, crisp shadow, commercial photo", "motion blur", 4, -1, "product,pastel"},
        {"scandinavian living room corner, oak chair, white walls, plants, soft daylight", "", 4, -1, "interior"},
        {"dramatic black background with red smoke and a sports drink can", "", 2, -1, "product,dark"},
        {"stack of pastel macarons on a marble slab, shallow depth of field", "", 4, -1, "food,pastel"},
        {"minimal poster with one large orange circle and lots of empty space", "", 4, -1, "poster,minimal"},
        {"ceramic vases in sand tones arranged on steps, hard noon light", "", 3, -1, "product,stone"},
        {"hand holding a smartphone in front of a pale blue wall, clean lifestyle photo", "", 4, -1, "lifestyle"},
        {"glossy chrome text logo with lens flares", "", 1, -1, "logo"},
        {"wooden cutting board with fresh herbs and olive oil, overhead, soft light", "", 4, -1, "food,flat lay"},
        {"candle in an amber jar beside folded linen, warm evening light", "", 5, -1, "product,interior"},
        {"packaging mockup of a cereal box on a pastel yellow background", "", 3, -1, "packaging,pastel"},
        {"watch on a slate stone with water droplets, moody macro shot", "", 3, -1, "product,dark"},
        {"pastel gradient backdrop with geometric plinths for product display, 3d render", "", 4, -1, "3d,pastel"},
        {"clean desk setup with laptop, ceramic cup and a small plant, daylight", "", 4, -1, "lifestyle,interior"},
        {"folded knitwear stack in oatmeal and sage, soft shadow, catalog photo", "", 5, -1, "textile,product"},
        {"bright pop-art collage with comic halftones", "", 2, -1, "poster"},
        {"tea tin with botanical label on a pale green surface, soft daylight", "", 4, -1, "packaging,product"},
        {"sunlit bathroom shelf with soap bars and a eucalyptus sprig", "", 4, -1, "interior,product"},
        {"bicycle leaning on a pastel blue wall, long shadow, summer afternoon", "", 3, -1, "lifestyle,pastel"},
        {"gift box with ribbon on a blush background, top light, seasonal campaign", "", 0, -1, "packaging,pastel"},
        {"water glass with lemon slice, refractions, white seamless background", "", 4, -1, "product,glass"},
        {"busy street market crowd, documentary photo", "", 1, 0.0, "documentary"},
        {"terracotta planter with a fiddle leaf fig against a warm white wall", "", 4, -1, "interior,product"},
        {"pastel lilac lipstick on a mirror with soft reflections", "", 0, -1, "product,pastel"},
    }};

// What a group of friends keeps in their shared library: pets, travel, food and retro posters.
const DemoProfile kFriends{
    ProfileKind::Group,
    "Friends",
    "Shared library of a group of friends: pets, trips, food and retro posters.",
    {
        {"corgi wearing a tiny raincoat splashing in a puddle, photo", "", 5, -1, "pets,funny"},
        {"retro travel poster of Lisbon, yellow tram, flat colors", "", 5, -1, "poster,travel"},
        {"a bowl of ramen with a soft egg, steam, cinematic close-up", "", 4, -1, "food"},
        {"cat astronaut floating in a spaceship window, earth behind", "", 4, -1, "pets,space"},
        {"campfire on a beach under the milky way, long exposure", "", 5, -1, "travel,night"},
        {"vintage 70s postcard of a desert motel with a pool", "", 4, -1, "retro,travel"},
        {"dog as a renaissance oil portrait in a velvet cloak", "", 5, -1, "pets,painting"},
        {"street food stall in Bangkok at night, neon signs, bustle", "", 4, -1, "food,travel"},
        {"board game night with friends, warm lamps, candid photo", "", 3, -1, "people,interior"},
        {"retro sci-fi pulp cover, rocket over a red planet", "", 4, -1, "retro,space"},
        {"pancake stack with blueberries and maple syrup, morning light", "", 3, -1, "food"},
        {"kayaks on a turquoise lake surrounded by pines", "", 4, -1, "travel,nature"},
        {"hamster knight riding a guinea pig, tiny armor, storybook", "", 5, -1, "pets,funny"},
        {"synthwave sunset over a palm-lined highway", "", 3, -1, "retro"},
        {"pizza party on a rooftop, string lights, summer evening", "", 4, -1, "food,people"},
        {"northern lights over a snowy cabin, long exposure", "", 5, 1.0, "travel,night"},
        {"vintage 50s diner interior, chrome and red booths", "", 4, -1, "retro,interior"},
        {"parrot wearing sunglasses on a beach chair", "", 3, -1, "pets,funny"},
        {"Kyoto alley in the rain with paper lanterns", "", 4, -1, "travel"},
        {"hyperdetailed photo of an office spreadsheet", "", 1, -1, "boring"},
        {"surf poster in risograph style, two colors, grainy", "", 4, -1, "poster,retro"},
        {"tacos al pastor on a plate with lime and cilantro", "", 4, -1, "food"},
        {"golden retriever puppy in a field of sunflowers", "", 5, -1, "pets"},
        {"road trip van parked at a canyon overlook, sunrise", "", 4, -1, "travel"},
        {"retro arcade with glowing cabinets, 80s vibe", "", 4, -1, "retro,interior"},
        {"otters holding hands in a river, wildlife photo", "", 0, -1, "pets,nature"},
        {"birthday cake with sparklers, confetti, party photo", "", 3, -1, "food,people"},
        {"mountain hut dinner with fondue and friends, cozy", "", 0, -1, "food,travel"},
        {"grumpy cat in a knitted sweater, studio portrait", "", 4, -1, "pets,funny"},
        {"poster of a fictional music festival, 60s psychedelic lettering", "", 4, -1, "poster,retro"},
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
    // The artist works for the studio (half weight there) and is one of the friends. Links are
    // made only when one side is new, so a user's own changes to existing profiles stay.
    auto link = [&](const DemoProfile& library, double weight) {
      const QString libraryName = QString::fromUtf8(library.name), artist = QString::fromUtf8(kArtist.name);
      if (!result.created.contains(libraryName) && !result.created.contains(artist)) return;
      const Profile lib = store.profileByName(libraryName);
      if (lib.kind != ProfileKind::User) store.setMember(lib.id, store.profileByName(artist).id, weight);
    };
    link(kBrand, 0.5);
    link(kFriends, 1.0);
  });
  return result;
}

}  // namespace fan
