#include "ui/workspace/ModelFolder.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <stdexcept>

namespace fan::ui {

namespace {

QJsonObject readJsonObject(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) throw std::runtime_error(path.toStdString() + ": cannot open");
  QJsonParseError error{};
  const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
  if (error.error != QJsonParseError::NoError || !doc.isObject())
    throw std::runtime_error(path.toStdString() + ": not a JSON object (" + error.errorString().toStdString() + ")");
  return doc.object();
}

}  // namespace

QString pipelineFamily(const QString& folder) {
  const QDir dir(folder);
  const QString index = dir.filePath(QStringLiteral("model_index.json"));
  if (!QFileInfo::exists(index))
    throw std::runtime_error(index.toStdString() + ": missing (expected a diffusers pipeline folder)");
  const QString cls = readJsonObject(index).value(QStringLiteral("_class_name")).toString();
  if (cls == QLatin1String("StableDiffusionXLPipeline")) return QStringLiteral("SDXL");
  if (cls != QLatin1String("StableDiffusionPipeline"))
    throw std::runtime_error(index.toStdString() + ": _class_name '" + cls.toStdString() +
                             "' (expected StableDiffusionPipeline or StableDiffusionXLPipeline)");
  const QString encoder = dir.filePath(QStringLiteral("text_encoder/config.json"));
  const bool openClip = QFileInfo::exists(encoder) &&
                        readJsonObject(encoder).value(QStringLiteral("hidden_act")).toString() == QLatin1String("gelu");
  return openClip ? QStringLiteral("SD 2.x") : QStringLiteral("SD 1.x");
}

}  // namespace fan::ui
