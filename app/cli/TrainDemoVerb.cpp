// fan-cli train-demo: trains the embedded demo model (core/demo/DemoTrainer.h) on the CPU and
// writes its diffusers folder.
#include "app/cli/CliSupport.h"
#include "core/demo/DemoTrainer.h"

#include <QDateTime>

namespace fan::cli {

namespace {

QString stageLine(const char* name, const demo::StageReport& s) {
  return QStringLiteral("%1: %2 steps, loss %3 -> %4, %5 s")
      .arg(QString::fromLatin1(name))
      .arg(s.steps)
      .arg(s.firstLoss, 0, 'f', 5)
      .arg(s.lastLoss, 0, 'f', 5)
      .arg(s.seconds, 0, 'f', 1);
}

int trainDemo(Context& ctx, const QStringList& args) {
  return runGuarded(ctx, QStringLiteral("train-demo"), [&] {
    Options opt(QStringLiteral("train-demo [--out DIR] [--quick] [--seed S] [--resume] [--checkpoints DIR]"),
                QStringLiteral("Trains the embedded demo model from scratch on the CPU: the judge's shape/pattern\n"
                               "classifier, a CLIP-format tokenizer, a VAE (32x32 -> 8x8x4), then the UNet and a small\n"
                               "CLIP text encoder in latent space. Writes a diffusers StableDiffusionPipeline folder.\n"
                               "Deterministic given the seed; checkpoints let --resume continue an interrupted run."));
    opt.add(QStringLiteral("out"), QStringLiteral("output folder (default: ./fan-demo)"), QStringLiteral("DIR"))
        .add(QStringLiteral("quick"), QStringLiteral("a few hundred steps in all: checks that the losses fall"))
        .add(QStringLiteral("seed"), QStringLiteral("random seed (default 0)"), QStringLiteral("S"))
        .add(QStringLiteral("resume"), QStringLiteral("continue from the checkpoints of an earlier run"))
        .add(QStringLiteral("checkpoints"), QStringLiteral("checkpoint folder (default: OUT-checkpoints)"),
             QStringLiteral("DIR"))
        .addJson();
    if (!opt.parse(args, ctx.out)) return int(Ok);
    demo::TrainOptions o;
    o.outDir = opt.isSet(QStringLiteral("out")) ? opt.value(QStringLiteral("out")) : QStringLiteral("fan-demo");
    o.checkpointDir = opt.value(QStringLiteral("checkpoints"));
    o.quick = opt.isSet(QStringLiteral("quick"));
    o.resume = opt.isSet(QStringLiteral("resume"));
    bool ok = true;
    if (opt.isSet(QStringLiteral("seed"))) o.seed = opt.value(QStringLiteral("seed")).toULongLong(&ok);
    if (!ok) throw BadUsage(QStringLiteral("--seed must be a non-negative integer"));
    o.log = [&](const QString& line) {
      ctx.err << QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss ")) << line << "\n";
      ctx.err.flush();
    };
    const demo::TrainReport r = demo::trainDemoModel(o);
    if (opt.json()) {
      auto stage = [](const demo::StageReport& s) {
        return QJsonObject{{QStringLiteral("steps"), s.steps},
                           {QStringLiteral("first_loss"), s.firstLoss},
                           {QStringLiteral("last_loss"), s.lastLoss},
                           {QStringLiteral("seconds"), s.seconds}};
      };
      printJson(ctx.out, QJsonObject{{QStringLiteral("judge"), stage(r.judge)},
                                     {QStringLiteral("vae"), stage(r.vae)},
                                     {QStringLiteral("captions"), stage(r.captions)},
                                     {QStringLiteral("diffusion"), stage(r.diffusion)},
                                     {QStringLiteral("vae_scaling_factor"), r.vaeScalingFactor},
                                     {QStringLiteral("seconds"), r.seconds}});
    } else {
      ctx.out << stageLine("judge", r.judge) << "\n"
              << stageLine("vae", r.vae) << "\n"
              << stageLine("captions", r.captions) << "\n"
              << stageLine("unet+text", r.diffusion) << "\n"
              << QStringLiteral("total %1 s").arg(r.seconds, 0, 'f', 1) << "\n";
    }
    return int(Ok);
  });
}

}  // namespace

}  // namespace fan::cli

FAN_CLI_VERB(train_demo, "train-demo", "train the embedded demo model (CPU) and write its diffusers folder",
             fan::cli::trainDemo)
