// HistoryStore: duplicating a profile, and the snapshot/restore pair behind "undo delete".
#include "core/store/HistoryStore.h"

#include "core/store/ProfileSnapshot.h"
#include "core/store/SqlUtil.h"

#include <QFile>
#include <QSet>

#include <stdexcept>

namespace fan {

namespace {

NewEntry copyOf(const HistoryEntry& e) {
  NewEntry copy;
  copy.prompt = e.prompt;
  copy.negative = e.negative;
  copy.rating = e.rating;
  copy.weight = e.weight;
  copy.image = e.image;
  copy.tags = e.tags;
  copy.source = e.source;
  copy.created = e.created;
  return copy;
}

bool rowExists(const QSqlDatabase& db, const QString& table, const QString& keyColumn, const QVariant& key) {
  return sql::scalar(db, QStringLiteral("SELECT EXISTS (SELECT 1 FROM %1 WHERE %2 = ?)").arg(table, keyColumn), {key})
      .toBool();
}

bool imageStored(const QSqlDatabase& db, const ImageRef& image) {
  return rowExists(db, QStringLiteral("images"), QStringLiteral("hash"), image.hash);
}

// An id of the snapshot's own rows maps to its new id; any other id stays when its row still
// exists in `table`, else the link is dropped.
std::optional<qint64> relink(const QSqlDatabase& db, const QHash<qint64, qint64>& restored, const QString& table,
                             std::optional<qint64> id) {
  if (!id) return std::nullopt;
  if (restored.contains(*id)) return restored.value(*id);
  if (rowExists(db, table, QStringLiteral("id"), *id)) return id;
  return std::nullopt;
}

}  // namespace

// --- Duplicate ----------------------------------------------------------------------------

Profile HistoryStore::duplicateProfile(qint64 id, const QString& newName) {
  Profile copy;
  transaction([&] {
    const Profile source = profile(id);
    Profile p;
    p.kind = source.kind;
    p.name = newName;
    p.description = source.description;
    copy = createProfile(p);
    for (const HistoryEntry& e : entries(id)) insertEntry(copy.id, copyOf(e), e.generationId);
    if (source.kind != ProfileKind::User)
      for (const Member& m : members(id)) setMember(copy.id, m.profile.id, m.weight);
  });
  return copy;
}

// --- Snapshot -----------------------------------------------------------------------------

ProfileSnapshot HistoryStore::snapshotProfile(qint64 id) const {
  ProfileSnapshot s;
  s.profile = profile(id);
  for (const Member& m : members(id)) s.members.push_back({m.profile.id, m.weight});
  QSqlQuery libs = sql::run(db_, QStringLiteral("SELECT library_id, weight FROM profile_members WHERE member_id = ?"), {id});
  while (libs.next()) s.libraries.push_back({libs.value(0).toLongLong(), libs.value(1).toDouble()});
  s.entries = entries(id);
  s.generations = generations(id);

  // Choices cascade from the profile and from each entry or generation they name.
  QSqlQuery choiceRows = sql::run(
      db_,
      QStringLiteral("SELECT DISTINCT c.profile_id FROM pairwise_choices c WHERE c.profile_id = ? OR "
                     "c.winner_entry_id IN (SELECT id FROM history_entries WHERE profile_id = ?) OR "
                     "c.loser_entry_id IN (SELECT id FROM history_entries WHERE profile_id = ?) OR "
                     "c.winner_generation_id IN (SELECT id FROM generations WHERE profile_id = ?) OR "
                     "c.loser_generation_id IN (SELECT id FROM generations WHERE profile_id = ?)"),
      {id, id, id, id, id});
  QSet<qint64> ownEntries, ownGenerations;
  for (const HistoryEntry& e : s.entries) ownEntries.insert(e.id);
  for (const Generation& g : s.generations) ownGenerations.insert(g.id);
  auto isOwn = [&](const ChoiceItem& item) {
    return item.kind == ChoiceItem::Kind::Entry ? ownEntries.contains(item.id) : ownGenerations.contains(item.id);
  };
  while (choiceRows.next()) {
    const qint64 owner = choiceRows.value(0).toLongLong();
    for (const PairwiseChoice& c : choices(owner))
      if (owner == id || isOwn(c.winner) || isOwn(c.loser)) s.choices.push_back(c);
  }

  QSqlQuery refs = sql::run(db_,
                            QStringLiteral("SELECT r.generation_id, r.position, r.entry_id FROM generation_references r "
                                           "JOIN history_entries e ON e.id = r.entry_id "
                                           "JOIN generations g ON g.id = r.generation_id "
                                           "WHERE e.profile_id = ? AND g.profile_id IS NOT ?"),
                            {id, id});
  while (refs.next())
    s.referencedBy.push_back({refs.value(0).toLongLong(), refs.value(1).toInt(), refs.value(2).toLongLong()});
  QSqlQuery made = sql::run(db_,
                            QStringLiteral("SELECT e.id, e.generation_id FROM history_entries e "
                                           "JOIN generations g ON g.id = e.generation_id "
                                           "WHERE g.profile_id = ? AND e.profile_id <> ?"),
                            {id, id});
  while (made.next()) s.generatedFrom.push_back({made.value(0).toLongLong(), made.value(1).toLongLong()});

  // Images used by this profile's entries or outputs and by nothing else.
  QSqlQuery images = sql::run(
      db_,
      QStringLiteral(
          "SELECT i.hash, i.format FROM images i WHERE "
          "(EXISTS (SELECT 1 FROM history_entries e WHERE e.image_hash = i.hash AND e.profile_id = ?) OR "
          " EXISTS (SELECT 1 FROM generation_outputs o JOIN generations g ON g.id = o.generation_id "
          "         WHERE o.image_hash = i.hash AND g.profile_id = ?)) AND "
          "NOT EXISTS (SELECT 1 FROM history_entries e WHERE e.image_hash = i.hash AND e.profile_id <> ?) AND "
          "NOT EXISTS (SELECT 1 FROM generation_outputs o JOIN generations g ON g.id = o.generation_id "
          "            WHERE o.image_hash = i.hash AND g.profile_id IS NOT ?)"),
      {id, id, id, id});
  while (images.next()) {
    const ImageRef ref{images.value(0).toString(), images.value(1).toString(), 0, 0};
    try {
      s.images.push_back(readImageFile(imagePath(ref)));
    } catch (const std::invalid_argument&) {
      // A missing or damaged file must not block the delete; restore leaves the image out.
    }
  }
  return s;
}

// --- Restore ------------------------------------------------------------------------------

void HistoryStore::restoreGenerations(const ProfileSnapshot& s, qint64 profileId,
                                      QHash<qint64, qint64>& generationIds) {
  QSet<qint64> ownEntries;
  for (const HistoryEntry& e : s.entries) ownEntries.insert(e.id);
  for (const Generation& original : s.generations) {
    Generation g = original;
    g.profileId = profileId;
    // References to its own entries are linked once those exist again (restoreProfile).
    for (GenerationReference& r : g.references)
      if (r.entryId && (ownEntries.contains(*r.entryId) ||
                        !rowExists(db_, QStringLiteral("history_entries"), QStringLiteral("id"), *r.entryId)))
        r.entryId.reset();
    g.outputs.clear();
    for (const ImageRef& out : original.outputs)
      if (imageStored(db_, out)) g.outputs.push_back(out);
    generationIds.insert(original.id, addGeneration(g));
  }
}

void HistoryStore::restoreEntries(const ProfileSnapshot& s, qint64 profileId,
                                  const QHash<qint64, qint64>& generationIds, QHash<qint64, qint64>& entryIds) {
  for (const HistoryEntry& e : s.entries) {
    NewEntry copy = copyOf(e);
    if (copy.image && !imageStored(db_, *copy.image)) copy.image.reset();
    const auto generation = relink(db_, generationIds, QStringLiteral("generations"), e.generationId);
    entryIds.insert(e.id, insertEntry(profileId, copy, generation));
  }
}

Profile HistoryStore::restoreProfile(const ProfileSnapshot& s) {
  Profile restored;
  transaction([&] {
    restored = createProfile(s.profile);
    for (const ImageBlob& blob : s.images) storeImage(blob);
    QHash<qint64, qint64> generationIds, entryIds;
    restoreGenerations(s, restored.id, generationIds);
    restoreEntries(s, restored.id, generationIds, entryIds);

    for (const Generation& g : s.generations)
      for (size_t i = 0; i < g.references.size(); ++i)
        if (g.references[i].entryId && entryIds.contains(*g.references[i].entryId))
          sql::run(db_,
                   QStringLiteral("UPDATE generation_references SET entry_id = ? WHERE generation_id = ? AND position = ?"),
                   {entryIds.value(*g.references[i].entryId), generationIds.value(g.id), qint64(i)});
    // Other profiles' rows the delete set to NULL (a row changed since is left alone).
    for (const auto& link : s.referencedBy)
      sql::run(db_,
               QStringLiteral("UPDATE generation_references SET entry_id = ? "
                              "WHERE generation_id = ? AND position = ? AND entry_id IS NULL"),
               {entryIds.value(link.entryId), link.generationId, link.position});
    for (const auto& link : s.generatedFrom)
      sql::run(db_, QStringLiteral("UPDATE history_entries SET generation_id = ? WHERE id = ? AND generation_id IS NULL"),
               {generationIds.value(link.generationId), link.entryId});

    for (const PairwiseChoice& c : s.choices) {
      const qint64 owner = c.profileId == s.profile.id ? restored.id : c.profileId;
      auto side = [&](const ChoiceItem& item) -> std::optional<ChoiceItem> {
        const bool entry = item.kind == ChoiceItem::Kind::Entry;
        const auto id = entry ? relink(db_, entryIds, QStringLiteral("history_entries"), item.id)
                              : relink(db_, generationIds, QStringLiteral("generations"), item.id);
        if (!id) return std::nullopt;
        return ChoiceItem{item.kind, *id};
      };
      const auto winner = side(c.winner), loser = side(c.loser);
      if (!winner || !loser || !rowExists(db_, QStringLiteral("profiles"), QStringLiteral("id"), owner)) continue;
      auto entryOf = [](const ChoiceItem& i) { return i.kind == ChoiceItem::Kind::Entry ? QVariant(i.id) : QVariant(); };
      auto generationOf = [](const ChoiceItem& i) {
        return i.kind == ChoiceItem::Kind::Generation ? QVariant(i.id) : QVariant();
      };
      sql::run(db_,
               QStringLiteral("INSERT INTO pairwise_choices (profile_id, winner_entry_id, winner_generation_id, "
                              "loser_entry_id, loser_generation_id, created_at) VALUES (?, ?, ?, ?, ?, ?)"),
               {owner, entryOf(*winner), generationOf(*winner), entryOf(*loser), generationOf(*loser),
                sql::toMs(c.created)});
    }

    auto profileExists = [&](qint64 id) { return rowExists(db_, QStringLiteral("profiles"), QStringLiteral("id"), id); };
    for (const auto& m : s.members)
      if (profileExists(m.profileId)) setMember(restored.id, m.profileId, m.weight);
    for (const auto& l : s.libraries)
      if (profileExists(l.profileId)) setMember(l.profileId, restored.id, l.weight);
  });
  return restored;
}

}  // namespace fan
