// fan-cli train-detector: trains a class-token detector (fan-method.md §5) for one CLIP encoder of
// a model folder on a prompt list and reports its held-out accuracy.
#include "app/cli/CliSupport.h"
#include "core/fan/ClassTokenDetector.h"
#include "core/io/DiffusersFolder.h"
#include "core/pipelines/TextConditioner.h"

#include <QFile>
#include <QFileInfo>

namespace fan::cli {
namespace {

// One prompt per line (UTF-8); empty lines and lines starting with '#' are skipped.
QStringList readPrompts(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) throw std::runtime_error(path.toStdString() + ": cannot open");
  QStringList prompts;
  for (const QString& line : QString::fromUtf8(file.readAll()).split('\n')) {
    const QString prompt = line.trimmed();
    if (!prompt.isEmpty() && !prompt.startsWith('#')) prompts << prompt;
  }
  return prompts;
}

int positiveInt(const Options& o, const QString& name, int fallback) {
  if (!o.isSet(name)) return fallback;
  bool ok = false;
  const int v = o.value(name).toInt(&ok);
  if (!ok || v < 1) throw BadUsage(QStringLiteral("--%1 expects a positive integer, got '%2'").arg(name, o.value(name)));
  return v;
}

int trainDetector(Context& ctx, const QStringList& args) {
  Options o(QStringLiteral("train-detector --model DIR --encoder NAME --prompts FILE [--out FILE]"),
            QStringLiteral("Trains a class-token detector for one CLIP encoder of a model folder: labels are the\n"
                           "pooling positions of plain encodings, inputs the personalized stream's final states at\n"
                           "random alpha >= 0.3 with random references from the same list. Reports the accuracy\n"
                           "on held-out prompts (20%). Use the file with --detector on personalize/generate."));
  o.add(QStringLiteral("model"), QStringLiteral("a diffusers pipeline folder"), QStringLiteral("DIR"))
      .add(QStringLiteral("encoder"), QStringLiteral("the CLIP encoder component, e.g. text_encoder_2"), QStringLiteral("NAME"))
      .add(QStringLiteral("prompts"), QStringLiteral("prompt list, one per line ('#' lines skipped; at least 10)"),
           QStringLiteral("FILE"))
      .add(QStringLiteral("out"), QStringLiteral("detector file (default: <model>-<encoder>-detector.safetensors)"),
           QStringLiteral("FILE"))
      .add(QStringLiteral("seed"), QStringLiteral("sampling and initialization seed (default 0)"), QStringLiteral("S"))
      .add(QStringLiteral("steps"), QStringLiteral("training steps (default 300)"), QStringLiteral("N"))
      .addJson();
  if (!o.parse(args, ctx.out)) return Ok;
  const QString model = o.required(QStringLiteral("model")), encoder = o.required(QStringLiteral("encoder"));
  const QStringList prompts = readPrompts(o.required(QStringLiteral("prompts")));
  DetectorTrainingOptions training;
  training.steps = positiveInt(o, QStringLiteral("steps"), training.steps);
  if (o.isSet(QStringLiteral("seed"))) {
    bool ok = false;
    training.seed = o.value(QStringLiteral("seed")).toULongLong(&ok);
    if (!ok) throw BadUsage(QStringLiteral("--seed expects a non-negative integer, got '%1'").arg(o.value("seed")));
  }
  const QString out = o.isSet(QStringLiteral("out"))
                          ? o.value(QStringLiteral("out"))
                          : QStringLiteral("%1-%2-detector.safetensors").arg(QFileInfo(model).fileName(), encoder);

  const auto conditioner = TextConditioner::load(DiffusersFolder(model));
  const TextConditioner::Branch* branch = nullptr;
  QStringList components;
  for (const auto& b : conditioner->branches()) {
    components << QString::fromStdString(b.component);
    if (QString::fromStdString(b.component) == encoder) branch = &b;
  }
  if (!branch)
    throw std::invalid_argument(QStringLiteral("%1 has no text encoder '%2'; it has %3")
                                    .arg(model, encoder, components.join(QStringLiteral(", ")))
                                    .toStdString());
  const DetectorTrainingResult r = trainClassTokenDetector(*branch->encoder, *branch->tokenizer, branch->maxLength,
                                                           prompts, {branch->component, branch->fingerprint, 0}, training);
  r.detector->save(out);
  if (o.json()) {
    printJson(ctx.out, QJsonObject{{"out", out},
                                   {"held_out_accuracy", r.heldOutAccuracy},
                                   {"train_accuracy", r.trainAccuracy},
                                   {"held_out_samples", r.heldOutSamples},
                                   {"train_samples", r.trainSamples}});
  } else {
    ctx.out << "held-out accuracy " << QString::number(100 * r.heldOutAccuracy, 'f', 1) << "% (" << r.heldOutSamples
            << " personalized streams), training accuracy " << QString::number(100 * r.trainAccuracy, 'f', 1) << "% ("
            << r.trainSamples << ")\nwrote " << out << "\n";
  }
  return Ok;
}

}  // namespace
}  // namespace fan::cli

FAN_CLI_VERB(trainDetector, "train-detector", "train a class-token detector for a CLIP encoder (FAN pooling)",
             [](fan::cli::Context& ctx, const QStringList& args) {
               return fan::cli::runGuarded(ctx, QStringLiteral("train-detector"),
                                           [&] { return fan::cli::trainDetector(ctx, args); });
             })
