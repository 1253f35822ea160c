// fan-cli profile list|create|rename|delete|members|add-member|remove-member
#include "app/cli/CliSupport.h"

#include <QJsonArray>

namespace fan::cli {

namespace {

std::optional<ProfileKind> kindOption(const Options& opt) {
  if (!opt.isSet(QStringLiteral("kind"))) return std::nullopt;
  try {
    return profileKindFromString(opt.value(QStringLiteral("kind")));
  } catch (const std::invalid_argument& e) {
    throw BadUsage(e.what());
  }
}

int list(Context& ctx, const QStringList& args) {
  Options opt(QStringLiteral("profile list [--kind KIND] [--json]"),
              QStringLiteral("Lists the profiles (users, groups and brands) by name."));
  opt.add(QStringLiteral("kind"), QStringLiteral("only profiles of this kind: user, group or brand"), QStringLiteral("KIND"))
      .addJson();
  if (!opt.parse(args, ctx.out)) return Ok;
  const std::optional<ProfileKind> kind = kindOption(opt);
  HistoryStore store(ctx.dataDir);
  QJsonArray json;
  for (const Profile& p : store.profiles()) {
    if (kind && p.kind != *kind) continue;
    if (opt.json()) json.append(profileJson(store, p));
    else ctx.out << profileLine(store, p) << "\n";
  }
  if (opt.json()) printJson(ctx.out, json);
  return Ok;
}

int create(Context& ctx, const QStringList& args) {
  Options opt(QStringLiteral("profile create --name NAME [--kind user|group|brand] [--description TEXT] [--json]"),
              QStringLiteral("Creates a profile. Names are unique across all kinds, ignoring case."));
  opt.add(QStringLiteral("name"), QStringLiteral("the new profile's name"), QStringLiteral("NAME"))
      .add(QStringLiteral("kind"), QStringLiteral("user (default), group or brand"), QStringLiteral("KIND"))
      .add(QStringLiteral("description"), QStringLiteral("a line about the profile"), QStringLiteral("TEXT"))
      .addJson();
  if (!opt.parse(args, ctx.out)) return Ok;
  const QString name = opt.required(QStringLiteral("name"));
  const ProfileKind kind = kindOption(opt).value_or(ProfileKind::User);
  HistoryStore store(ctx.dataDir);
  const Profile p = store.createProfile(kind, name, opt.value(QStringLiteral("description")));
  if (opt.json()) printJson(ctx.out, profileJson(store, p));
  else ctx.out << "created " << toString(p.kind) << " '" << p.name << "' (id " << p.id << ")\n";
  return Ok;
}

int rename(Context& ctx, const QStringList& args) {
  Options opt(QStringLiteral("profile rename --profile NAME --to NEW_NAME [--json]"), QStringLiteral("Renames a profile."));
  opt.add(QStringLiteral("profile"), QStringLiteral("the profile to rename"), QStringLiteral("NAME"))
      .add(QStringLiteral("to"), QStringLiteral("its new name"), QStringLiteral("NEW_NAME"))
      .addJson();
  if (!opt.parse(args, ctx.out)) return Ok;
  const QString from = opt.required(QStringLiteral("profile")), to = opt.required(QStringLiteral("to"));
  HistoryStore store(ctx.dataDir);
  const qint64 id = store.profileByName(from).id;
  store.renameProfile(id, to);
  const Profile p = store.profile(id);
  if (opt.json()) printJson(ctx.out, profileJson(store, p));
  else ctx.out << "renamed '" << from << "' to '" << p.name << "'\n";
  return Ok;
}

int remove(Context& ctx, const QStringList& args) {
  Options opt(QStringLiteral("profile delete --profile NAME [--json]"),
              QStringLiteral("Deletes a profile with its history, memberships, generations and choices."));
  opt.add(QStringLiteral("profile"), QStringLiteral("the profile to delete"), QStringLiteral("NAME")).addJson();
  if (!opt.parse(args, ctx.out)) return Ok;
  HistoryStore store(ctx.dataDir);
  const Profile p = store.profileByName(opt.required(QStringLiteral("profile")));
  const int entries = store.entryCount(p.id);
  store.deleteProfile(p.id);
  if (opt.json())
    printJson(ctx.out, QJsonObject{{QStringLiteral("deleted"), p.id}, {QStringLiteral("name"), p.name},
                                   {QStringLiteral("entries"), entries}});
  else ctx.out << "deleted " << toString(p.kind) << " '" << p.name << "' and its " << entries << " entries\n";
  return Ok;
}

int members(Context& ctx, const QStringList& args) {
  Options opt(QStringLiteral("profile members --profile NAME [--json]"),
              QStringLiteral("Lists the members of a group or brand with their weights."));
  opt.add(QStringLiteral("profile"), QStringLiteral("the group or brand"), QStringLiteral("NAME")).addJson();
  if (!opt.parse(args, ctx.out)) return Ok;
  HistoryStore store(ctx.dataDir);
  const Profile p = store.profileByName(opt.required(QStringLiteral("profile")));
  if (opt.json()) printJson(ctx.out, profileJson(store, p).value(QStringLiteral("members")));
  else
    for (const Member& m : store.members(p.id))
      ctx.out << QStringLiteral("%1  weight %2").arg(profileLine(store, m.profile)).arg(m.weight) << "\n";
  return Ok;
}

int addMember(Context& ctx, const QStringList& args) {
  Options opt(QStringLiteral("profile add-member --profile GROUP_OR_BRAND --member NAME [--weight W]"),
              QStringLiteral("Adds a member to a group or brand library, or changes its weight.\n"
                             "The member's entries count in the library with their weight times W."));
  opt.add(QStringLiteral("profile"), QStringLiteral("the group or brand"), QStringLiteral("NAME"))
      .add(QStringLiteral("member"), QStringLiteral("the profile to add"), QStringLiteral("NAME"))
      .add(QStringLiteral("weight"), QStringLiteral("member weight, >= 0 (default 1)"), QStringLiteral("W"))
      .addJson();
  if (!opt.parse(args, ctx.out)) return Ok;
  const QString library = opt.required(QStringLiteral("profile")), member = opt.required(QStringLiteral("member"));
  const double weight = opt.weight(QStringLiteral("weight")).value_or(1.0);
  HistoryStore store(ctx.dataDir);
  const Profile lib = store.profileByName(library);
  store.setMember(lib.id, store.profileByName(member).id, weight);
  if (opt.json()) printJson(ctx.out, profileJson(store, lib));
  else ctx.out << "'" << member << "' is a member of '" << lib.name << "' with weight " << weight << "\n";
  return Ok;
}

int removeMember(Context& ctx, const QStringList& args) {
  Options opt(QStringLiteral("profile remove-member --profile GROUP_OR_BRAND --member NAME"),
              QStringLiteral("Removes a member from a group or brand library (its entries stay with it)."));
  opt.add(QStringLiteral("profile"), QStringLiteral("the group or brand"), QStringLiteral("NAME"))
      .add(QStringLiteral("member"), QStringLiteral("the member to remove"), QStringLiteral("NAME"))
      .addJson();
  if (!opt.parse(args, ctx.out)) return Ok;
  const QString library = opt.required(QStringLiteral("profile")), member = opt.required(QStringLiteral("member"));
  HistoryStore store(ctx.dataDir);
  const Profile lib = store.profileByName(library);
  store.removeMember(lib.id, store.profileByName(member).id);
  if (opt.json()) printJson(ctx.out, profileJson(store, lib));
  else ctx.out << "removed '" << member << "' from '" << lib.name << "'\n";
  return Ok;
}

int profileVerb(Context& ctx, const QStringList& args) {
  static const std::vector<SubCommand> subs = {
      {QStringLiteral("list"), QStringLiteral("list profiles"), list},
      {QStringLiteral("create"), QStringLiteral("create a user, group or brand"), create},
      {QStringLiteral("rename"), QStringLiteral("rename a profile"), rename},
      {QStringLiteral("delete"), QStringLiteral("delete a profile and its history"), remove},
      {QStringLiteral("members"), QStringLiteral("list a group's or brand's members"), members},
      {QStringLiteral("add-member"), QStringLiteral("add a member to a group or brand"), addMember},
      {QStringLiteral("remove-member"), QStringLiteral("remove a member from a group or brand"), removeMember},
  };
  return runSubCommand(ctx, QStringLiteral("profile"), subs, args);
}

}  // namespace

}  // namespace fan::cli

FAN_CLI_VERB(profile, "profile", "manage profiles: list, create, rename, delete, members", fan::cli::profileVerb)
