// fan-cli history list|add|rate|remove|import|export
#include "app/cli/CliSupport.h"
#include "core/store/CsvImport.h"
#include "core/store/ProfileExchange.h"

#include <QJsonArray>

namespace fan::cli {

namespace {

const QString kProfile = QStringLiteral("profile");

int list(Context& ctx, const QStringList& args) {
  Options opt(QStringLiteral("history list --profile NAME [--effective] [--json]"),
              QStringLiteral("Lists a profile's history entries, oldest first.\n"
                             "--effective lists what personalization uses instead: the profile's own entries and,\n"
                             "for a group or brand, its members' entries, with weight = entry weight x member\n"
                             "weight; entries whose weight is 0 are left out."));
  opt.add(kProfile, QStringLiteral("the profile"), QStringLiteral("NAME"))
      .add(QStringLiteral("effective"), QStringLiteral("the effective history used for profiling"))
      .addJson();
  if (!opt.parse(args, ctx.out)) return Ok;
  const QString name = opt.required(kProfile);
  HistoryStore store(ctx.dataDir);
  const Profile p = store.profileByName(name);
  QJsonArray json;
  if (opt.isSet(QStringLiteral("effective"))) {
    for (const WeightedEntry& w : store.profilingHistory(p.id)) {
      if (!opt.json()) {
        ctx.out << entryLine(w.entry)
                << QStringLiteral("  (from %1, member weight %2: %3)").arg(w.ownerName).arg(w.memberWeight).arg(w.weight, 0, 'f', 2)
                << "\n";
        continue;
      }
      QJsonObject o = entryJson(store, w.entry);
      o.insert(QStringLiteral("owner"), w.ownerName);
      o.insert(QStringLiteral("member_weight"), w.memberWeight);
      o.insert(QStringLiteral("profiling_weight"), w.weight);
      json.append(o);
    }
  } else {
    for (const HistoryEntry& e : store.entries(p.id)) {
      if (opt.json()) json.append(entryJson(store, e));
      else ctx.out << entryLine(e) << "\n";
    }
  }
  if (opt.json()) printJson(ctx.out, json);
  return Ok;
}

int add(Context& ctx, const QStringList& args) {
  Options opt(QStringLiteral("history add --profile NAME --prompt TEXT [--negative TEXT] [--rating 1-5] [--weight W] "
                             "[--image FILE] [--tag T]... [--json]"),
              QStringLiteral("Adds an entry to a profile's history. The effective weight is --weight if given, else\n"
                             "rating/5, else 0.6; weight 0 switches the entry off. The image is copied into the store."));
  opt.add(kProfile, QStringLiteral("the profile"), QStringLiteral("NAME"))
      .add(QStringLiteral("prompt"), QStringLiteral("the prompt text"), QStringLiteral("TEXT"))
      .add(QStringLiteral("negative"), QStringLiteral("negative prompt"), QStringLiteral("TEXT"))
      .add(QStringLiteral("rating"), QStringLiteral("1-5 stars"), QStringLiteral("N"))
      .add(QStringLiteral("weight"), QStringLiteral("explicit preference weight, >= 0"), QStringLiteral("W"))
      .add(QStringLiteral("image"), QStringLiteral("an image file (PNG, JPEG, ...)"), QStringLiteral("FILE"))
      .add(QStringLiteral("tag"), QStringLiteral("a tag (repeatable)"), QStringLiteral("T"))
      .addJson();
  if (!opt.parse(args, ctx.out)) return Ok;
  const QString name = opt.required(kProfile);
  NewEntry entry;
  entry.prompt = opt.required(QStringLiteral("prompt"));
  entry.negative = opt.value(QStringLiteral("negative"));
  entry.rating = opt.rating(QStringLiteral("rating"));
  entry.weight = opt.weight(QStringLiteral("weight"));
  entry.imageFile = opt.value(QStringLiteral("image"));
  entry.tags = opt.values(QStringLiteral("tag"));
  HistoryStore store(ctx.dataDir);
  const HistoryEntry e = store.entry(store.addEntry(store.profileByName(name).id, entry));
  if (opt.json()) printJson(ctx.out, entryJson(store, e));
  else ctx.out << "added " << entryLine(e) << "\n";
  return Ok;
}

int rate(Context& ctx, const QStringList& args) {
  Options opt(QStringLiteral("history rate --id ID [--rating 1-5 | --no-rating] [--weight W | --no-weight] [--json]"),
              QStringLiteral("Changes an entry's rating and/or explicit weight."));
  opt.add(QStringLiteral("id"), QStringLiteral("the entry"), QStringLiteral("ID"))
      .add(QStringLiteral("rating"), QStringLiteral("1-5 stars"), QStringLiteral("N"))
      .add(QStringLiteral("no-rating"), QStringLiteral("clear the rating"))
      .add(QStringLiteral("weight"), QStringLiteral("explicit weight, >= 0 (0 switches the entry off)"), QStringLiteral("W"))
      .add(QStringLiteral("no-weight"), QStringLiteral("clear the explicit weight (back to rating/5 or 0.6)"))
      .addJson();
  if (!opt.parse(args, ctx.out)) return Ok;
  const qint64 id = opt.id(opt.required(QStringLiteral("id")));
  const bool rating = opt.isSet(QStringLiteral("rating")), noRating = opt.isSet(QStringLiteral("no-rating"));
  const bool weight = opt.isSet(QStringLiteral("weight")), noWeight = opt.isSet(QStringLiteral("no-weight"));
  if (rating && noRating) throw BadUsage(QStringLiteral("--rating and --no-rating exclude each other"));
  if (weight && noWeight) throw BadUsage(QStringLiteral("--weight and --no-weight exclude each other"));
  if (!rating && !noRating && !weight && !noWeight)
    throw BadUsage(QStringLiteral("nothing to change: give --rating, --no-rating, --weight or --no-weight"));
  const std::optional<int> stars = opt.rating(QStringLiteral("rating"));
  const std::optional<double> w = opt.weight(QStringLiteral("weight"));
  HistoryStore store(ctx.dataDir);
  store.transaction([&] {
    if (rating || noRating) store.setRating(id, stars);
    if (weight || noWeight) store.setWeight(id, w);
  });
  const HistoryEntry e = store.entry(id);
  if (opt.json()) printJson(ctx.out, entryJson(store, e));
  else ctx.out << entryLine(e) << "\n";
  return Ok;
}

int remove(Context& ctx, const QStringList& args) {
  Options opt(QStringLiteral("history remove --id ID [--id ID]... [--json]"),
              QStringLiteral("Removes entries (all or none: an unknown id removes nothing)."));
  opt.add(QStringLiteral("id"), QStringLiteral("an entry to remove (repeatable)"), QStringLiteral("ID")).addJson();
  if (!opt.parse(args, ctx.out)) return Ok;
  std::vector<qint64> ids;
  for (const QString& text : opt.values(QStringLiteral("id"))) ids.push_back(opt.id(text));
  if (ids.empty()) throw BadUsage(QStringLiteral("--id is required"));
  HistoryStore store(ctx.dataDir);
  store.removeEntries(ids);
  if (opt.json()) {
    QJsonArray removed;
    for (qint64 id : ids) removed.append(id);
    printJson(ctx.out, QJsonObject{{QStringLiteral("removed"), removed}});
  } else {
    ctx.out << "removed " << ids.size() << " entr" << (ids.size() == 1 ? "y" : "ies") << "\n";
  }
  return Ok;
}

int importCsvFile(Context& ctx, const Options& opt) {
  const QString mode = opt.isSet(QStringLiteral("on-error")) ? opt.value(QStringLiteral("on-error")) : QStringLiteral("rollback");
  if (mode != QLatin1String("skip") && mode != QLatin1String("rollback"))
    throw BadUsage(QStringLiteral("--on-error expects skip or rollback, got '%1'").arg(mode));
  const QString name = opt.required(kProfile);
  HistoryStore store(ctx.dataDir);
  const Profile p = store.profileByName(name);
  const CsvImportResult result = importCsv(
      store, p.id, opt.value(QStringLiteral("csv")),
      mode == QLatin1String("skip") ? CsvErrorMode::SkipBadRows : CsvErrorMode::RollBack, [&](int written, int total) {
        ctx.err << "fan-cli history import: written " << written << "/" << total << " rows\n";
        ctx.err.flush();
      });
  QJsonArray errors;
  for (const CsvRowError& e : result.errors) {
    ctx.err << opt.value(QStringLiteral("csv")) << ":" << e.line << ": " << e.message << "\n";
    errors.append(QJsonObject{{QStringLiteral("line"), e.line}, {QStringLiteral("message"), e.message}});
  }
  if (opt.json())
    printJson(ctx.out, QJsonObject{{QStringLiteral("profile"), p.name},
                                   {QStringLiteral("imported"), result.imported},
                                   {QStringLiteral("rolled_back"), result.rolledBack},
                                   {QStringLiteral("errors"), errors}});
  else if (result.rolledBack)
    ctx.out << "nothing imported: " << result.errors.size() << " bad row(s) (use --on-error skip to import the rest)\n";
  else
    ctx.out << "imported " << result.imported << " entries into '" << p.name << "'"
            << (result.errors.empty() ? QString() : QStringLiteral(", skipped %1 bad row(s)").arg(result.errors.size()))
            << "\n";
  return result.rolledBack ? DataError : Ok;
}

int importProfileFolder(Context& ctx, const Options& opt) {
  HistoryStore store(ctx.dataDir);
  const ProfileImportResult result = importProfile(store, opt.value(QStringLiteral("from")), opt.value(kProfile));
  for (const QString& missing : result.missingMembers)
    ctx.err << "fan-cli history import: member '" << missing << "' is not in this store; not linked\n";
  if (opt.json()) {
    QJsonObject o = profileJson(store, result.profile);
    o.insert(QStringLiteral("missing_members"), QJsonArray::fromStringList(result.missingMembers));
    printJson(ctx.out, o);
  } else {
    ctx.out << "imported " << toString(result.profile.kind) << " '" << result.profile.name << "' with "
            << result.entries << " entries\n";
  }
  return Ok;
}

int import(Context& ctx, const QStringList& args) {
  Options opt(QStringLiteral("history import --profile NAME --csv FILE [--on-error skip|rollback] [--json]\n"
                             "       fan-cli history import --from PATH [--profile NEW_NAME] [--json]"),
              QStringLiteral("Imports history entries.\n"
                             "--csv: rows of prompt,rating[,image] (a header row and quoted fields are fine; image\n"
                             "  paths are relative to the CSV file) into an existing profile. Bad rows are reported with\n"
                             "  their line numbers; by default nothing is imported then (--on-error rollback, exit 2),\n"
                             "  --on-error skip imports the good rows.\n"
                             "--from: a document written by `history export` (NAME.fanprofile.json, with images/ beside\n"
                             "  it) or the folder holding it, as a new profile (all or nothing)."));
  opt.add(kProfile, QStringLiteral("profile to import into (--csv) or name for the new profile (--from)"),
          QStringLiteral("NAME"))
      .add(QStringLiteral("csv"), QStringLiteral("a CSV file"), QStringLiteral("FILE"))
      .add(QStringLiteral("on-error"), QStringLiteral("rollback (default) or skip"), QStringLiteral("MODE"))
      .add(QStringLiteral("from"), QStringLiteral("an exported profile: its document or folder"), QStringLiteral("PATH"))
      .addJson();
  if (!opt.parse(args, ctx.out)) return Ok;
  const bool csv = opt.isSet(QStringLiteral("csv")), folder = opt.isSet(QStringLiteral("from"));
  if (csv == folder) throw BadUsage(QStringLiteral("give exactly one of --csv FILE or --from PATH"));
  return csv ? importCsvFile(ctx, opt) : importProfileFolder(ctx, opt);
}

int exportVerb(Context& ctx, const QStringList& args) {
  Options opt(QStringLiteral("history export --profile NAME --to PATH [--json]"),
              QStringLiteral("Exports a profile (its description, members, entries and images): the document\n"
                             "PATH/NAME.fanprofile.json when PATH is a folder (created when missing), else the\n"
                             "document PATH (ending in .json), with the images in images/ beside it. An existing\n"
                             "document is not replaced. `history import --from` reads it back."));
  opt.add(kProfile, QStringLiteral("the profile"), QStringLiteral("NAME"))
      .add(QStringLiteral("to"), QStringLiteral("a folder or the document to write"), QStringLiteral("PATH"))
      .addJson();
  if (!opt.parse(args, ctx.out)) return Ok;
  const QString name = opt.required(kProfile), to = opt.required(QStringLiteral("to"));
  HistoryStore store(ctx.dataDir);
  const Profile p = store.profileByName(name);
  const QString document = exportProfile(store, p.id, to);
  if (opt.json())
    printJson(ctx.out, QJsonObject{{QStringLiteral("profile"), p.name},
                                   {QStringLiteral("entries"), store.entryCount(p.id)},
                                   {QStringLiteral("file"), document}});
  else ctx.out << "exported '" << p.name << "' (" << store.entryCount(p.id) << " entries) to " << document << "\n";
  return Ok;
}

int historyVerb(Context& ctx, const QStringList& args) {
  static const std::vector<SubCommand> subs = {
      {QStringLiteral("list"), QStringLiteral("list a profile's entries"), list},
      {QStringLiteral("add"), QStringLiteral("add an entry"), add},
      {QStringLiteral("rate"), QStringLiteral("change an entry's rating or weight"), rate},
      {QStringLiteral("remove"), QStringLiteral("remove entries"), remove},
      {QStringLiteral("import"), QStringLiteral("import a CSV file or an exported profile"), import},
      {QStringLiteral("export"), QStringLiteral("export a profile with its images"), exportVerb},
  };
  return runSubCommand(ctx, QStringLiteral("history"), subs, args);
}

}  // namespace

}  // namespace fan::cli

FAN_CLI_VERB(history, "history", "manage history entries: list, add, rate, remove, import, export", fan::cli::historyVerb)
