// fan-cli demo-data: seeds the demo profiles (the GUI does the same on an empty store).
#include "app/cli/CliSupport.h"
#include "core/store/DemoData.h"

#include <QJsonArray>

namespace fan::cli {

namespace {

int demoData(Context& ctx, const QStringList& args) {
  return runGuarded(ctx, QStringLiteral("demo-data"), [&] {
    Options opt(QStringLiteral("demo-data [--json]"),
                QStringLiteral("Creates the demo profiles \"Demo artist\" (user), \"Studio brand\" (brand) and \"Friends\"\n"
                               "(group) with a few dozen rated prompts each. Profiles that already exist are left as\n"
                               "they are, so running it twice changes nothing."));
    opt.addJson();
    if (!opt.parse(args, ctx.out)) return int(Ok);
    HistoryStore store(ctx.dataDir);
    const DemoDataResult result = seedDemoData(store);
    if (opt.json()) {
      printJson(ctx.out, QJsonObject{{QStringLiteral("created"), QJsonArray::fromStringList(result.created)},
                                     {QStringLiteral("already_present"), QJsonArray::fromStringList(result.present)}});
    } else {
      for (const QString& name : result.created) ctx.out << "created " << profileLine(store, store.profileByName(name)) << "\n";
      for (const QString& name : result.present) ctx.out << "'" << name << "' is already present; left unchanged\n";
    }
    return int(Ok);
  });
}

}  // namespace

}  // namespace fan::cli

FAN_CLI_VERB(demo_data, "demo-data", "create the demo profiles (Demo artist, Studio brand, Friends)", fan::cli::demoData)
