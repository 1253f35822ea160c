// fan-cli evaluate: FAN's trade-off measured end to end with the demo model
// (core/demo/DemoEvaluation.h): target fidelity and preference alignment per alpha, with the
// ablations, as a table and a CSV.
#include "app/cli/CliSupport.h"
#include "app/cli/Sweep.h"
#include "core/demo/DemoEvaluation.h"
#include "core/runtime/ResourcePaths.h"
#include "core/store/HistoryStore.h"

#include <QFile>

namespace fan::cli {

namespace {

int positive(const Options& opt, const QString& name, int fallback) {
  if (!opt.isSet(name)) return fallback;
  bool ok = false;
  const int v = opt.value(name).toInt(&ok);
  if (!ok || v < 1) throw BadUsage(QStringLiteral("--%1 must be a positive integer").arg(name));
  return v;
}

int evaluateVerb(Context& ctx, const QStringList& args) {
  return runGuarded(ctx, QStringLiteral("evaluate"), [&] {
    Options opt(QStringLiteral("evaluate --profile NAME [--sweep START:STOP:STEP] [--seeds N] [--model DIR] [--out FILE.csv]"),
                QStringLiteral("Generates from held-out demo-world targets with the profile's history, judges every\n"
                               "image and reports, per alpha, target fidelity (the target's attributes are shown) and\n"
                               "preference alignment (the profile's dominant attributes the target leaves unnamed are\n"
                               "shown), for FAN's default and its ablations: no profiling, empty-prompt query, PA on\n"
                               "all layers. The model is the embedded demo model unless --model names another."));
    opt.add(QStringLiteral("profile"), QStringLiteral("profile whose history personalizes (e.g. \"Demo artist\")"),
            QStringLiteral("NAME"))
        .add(QStringLiteral("sweep"), QStringLiteral("alphas START:STOP:STEP (default 0:1:0.2)"),
             QStringLiteral("SWEEP"))
        .add(QStringLiteral("seeds"), QStringLiteral("images per target, seeds 0..N-1 (default 4)"), QStringLiteral("N"))
        .add(QStringLiteral("targets"), QStringLiteral("held-out target captions (default 8)"), QStringLiteral("N"))
        .add(QStringLiteral("steps"), QStringLiteral("sampling steps (default 20)"), QStringLiteral("N"))
        .add(QStringLiteral("cfg"), QStringLiteral("guidance scale (default 5)"), QStringLiteral("X"))
        .add(QStringLiteral("variants"), QStringLiteral("comma-separated subset of: ") +
                                             demo::variantNames().join(QStringLiteral(", ")),
             QStringLiteral("LIST"))
        .add(QStringLiteral("model"), QStringLiteral("demo-world diffusers folder (default: the embedded model)"),
             QStringLiteral("DIR"))
        .add(QStringLiteral("out"), QStringLiteral("write the CSV here"), QStringLiteral("FILE"));
    if (!opt.parse(args, ctx.out)) return int(Ok);
    demo::EvaluationOptions o;
    o.profile = opt.required(QStringLiteral("profile"));
    o.modelDir = opt.isSet(QStringLiteral("model")) ? opt.value(QStringLiteral("model")) : embeddedModelDir();
    if (o.modelDir.isEmpty())
      throw BadUsage(QStringLiteral("no embedded demo model is installed; pass --model DIR"));
    o.alphas = parseSweep(opt.isSet(QStringLiteral("sweep")) ? opt.value(QStringLiteral("sweep")) : QStringLiteral("0:1:0.2"));
    o.seeds = positive(opt, QStringLiteral("seeds"), o.seeds);
    o.targets = positive(opt, QStringLiteral("targets"), o.targets);
    o.steps = positive(opt, QStringLiteral("steps"), o.steps);
    if (opt.isSet(QStringLiteral("cfg"))) {
      bool ok = false;
      o.guidance = opt.value(QStringLiteral("cfg")).toDouble(&ok);
      if (!ok || !(o.guidance >= 0)) throw BadUsage(QStringLiteral("--cfg must be a number >= 0"));
    }
    if (opt.isSet(QStringLiteral("variants")))
      o.variants = opt.value(QStringLiteral("variants")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    o.log = [&](const QString& line) {
      ctx.err << line << "\n";
      ctx.err.flush();
    };
    HistoryStore store(ctx.dataDir);
    if (!store.findProfile(o.profile))
      throw std::invalid_argument("unknown profile '" + o.profile.toStdString() +
                                  "' (the demo profiles are created by `fan-cli demo-data`)");
    const demo::EvaluationResult result = demo::evaluate(o, store);
    const QString csv = demo::evaluationCsv(o.profile, result);
    ctx.out << "preferred: " << result.preferred.toString() << "\n";
    for (const QString& t : result.targets) ctx.out << "target: " << t << "\n";
    ctx.out << csv;
    ctx.out << QStringLiteral("%1 images in %2 s\n").arg(result.rows.empty() ? 0 : result.rows.size() * result.rows[0].images).arg(result.seconds, 0, 'f', 1);
    if (opt.isSet(QStringLiteral("out"))) {
      QFile file(opt.value(QStringLiteral("out")));
      if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(csv.toUtf8()) < 0)
        throw std::runtime_error(file.fileName().toStdString() + ": cannot write: " + file.errorString().toStdString());
    }
    return int(Ok);
  });
}

}  // namespace

}  // namespace fan::cli

FAN_CLI_VERB(evaluate, "evaluate", "measure FAN's fidelity/alignment trade-off with the demo model", fan::cli::evaluateVerb)
