// fan-cli encode: prompts -> the conditioning a pipeline would feed its UNet, computed by the
// model folder's own tokenizer and text encoder (to check a model folder, or for scripts).
#include "app/cli/CliSupport.h"
#include "core/io/DiffusersFolder.h"
#include "core/io/Safetensors.h"
#include "core/models/TextEncoder.h"
#include "core/text/ClipTokenizer.h"
#include "core/text/T5Tokenizer.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>

namespace fan::cli {

namespace {

const char* const kUsage =
    "Usage: fan-cli encode --model DIR [--encoder NAME] [--clip-skip N] [--json | --out FILE.safetensors] PROMPT...\n\n"
    "Tokenizes and encodes each PROMPT as the model's pipeline does and reports the conditioning it\n"
    "would feed the UNet: SD 1.x/2.x final_norm(hidden_states[-N]), SDXL hidden_states[-(N+1)]\n"
    "(N = --clip-skip), T5 last_hidden_state (prompts padded to the longest, with the padding mask);\n"
    "plus the pooled embedding (text_embeds for encoders with a projection).\n\n"
    "Options:\n"
    "  --model DIR       a diffusers pipeline folder, or one text encoder's folder with its tokenizer\n"
    "  --encoder NAME    text_encoder (default), text_encoder_2 or text_encoder_3; its tokenizer is\n"
    "                    tokenizer, tokenizer_2 or tokenizer_3\n"
    "  --clip-skip N     1 = last layer (default), 2 = penultimate, ... (CLIP encoders only)\n"
    "  --json            print ids, embeddings and pooled embeddings as JSON\n"
    "  --out FILE        write input_ids, prompt_embeds, pooled_prompt_embeds (CLIP) and\n"
    "                    attention_mask (T5) as a safetensors file\n"
    "  --help            show this help\n"
    "Without --json or --out, prints one summary line per prompt.\n";

struct Request {
  QString model, encoder, out;
  int clipSkip = 1;
  bool json = false;
  QStringList prompts;
};

// Returns false when --help was shown.
bool parseRequest(const QStringList& args, QTextStream& out, Request& request) {
  QCommandLineParser parser;
  parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
  const QCommandLineOption model(QStringLiteral("model"), {}, QStringLiteral("DIR"));
  const QCommandLineOption encoder(QStringLiteral("encoder"), {}, QStringLiteral("NAME"));
  const QCommandLineOption clipSkip(QStringLiteral("clip-skip"), {}, QStringLiteral("N"));
  const QCommandLineOption json(QStringLiteral("json"));
  const QCommandLineOption file(QStringLiteral("out"), {}, QStringLiteral("FILE"));
  const QCommandLineOption help(QStringLiteral("help"));
  parser.addOptions({model, encoder, clipSkip, json, file, help});
  if (!parser.parse(QStringList{QStringLiteral("fan-cli")} + args)) throw BadUsage(parser.errorText());
  if (parser.isSet(help)) {
    out << kUsage;
    return false;
  }
  request.model = parser.value(model);
  if (request.model.isEmpty()) throw BadUsage(QStringLiteral("--model is required"));
  request.encoder = parser.value(encoder);
  if (parser.isSet(clipSkip)) {
    bool ok = false;
    request.clipSkip = parser.value(clipSkip).toInt(&ok);
    if (!ok || request.clipSkip < 1) throw BadUsage(QStringLiteral("--clip-skip expects a positive integer"));
  }
  request.json = parser.isSet(json);
  request.out = parser.value(file);
  if (request.json && parser.isSet(file)) throw BadUsage(QStringLiteral("use either --json or --out"));
  if (parser.isSet(file) && request.out.isEmpty()) throw BadUsage(QStringLiteral("--out needs a file name"));
  request.prompts = parser.positionalArguments();
  if (request.prompts.isEmpty()) throw BadUsage(QStringLiteral("give at least one prompt"));
  return true;
}

// The encoder component and its tokenizer's: text_encoder_2 pairs with tokenizer_2. A single
// model's folder has the components "model" and "tokenizer".
std::pair<std::string, std::string> componentsFor(const DiffusersFolder& folder, const QString& requested) {
  if (!folder.isPipeline()) {
    if (!requested.isEmpty() && requested != QLatin1String("model"))
      throw BadUsage(QStringLiteral("%1 is a single model's folder; --encoder does not apply").arg(folder.dir()));
    return {"model", "tokenizer"};
  }
  const QString encoder = requested.isEmpty() ? QStringLiteral("text_encoder") : requested;
  const QStringList known{QStringLiteral("text_encoder"), QStringLiteral("text_encoder_2"),
                          QStringLiteral("text_encoder_3")};
  if (!known.contains(encoder))
    throw BadUsage(
        QStringLiteral("--encoder must be one of %1, got '%2'").arg(known.join(QStringLiteral(", ")), encoder));
  if (!folder.hasComponent(encoder.toStdString()))
    throw LoadError(folder.dir().toStdString() + ": the pipeline has no component '" + encoder.toStdString() + "'");
  return {encoder.toStdString(), "tokenizer" + encoder.mid(int(qstrlen("text_encoder"))).toStdString()};
}

std::unique_ptr<Tokenizer> loadTokenizer(const DiffusersFolder& folder, const std::string& component,
                                         const TextEncoder& encoder) {
  if (!folder.hasComponent(component))
    throw LoadError(folder.dir().toStdString() + ": no tokenizer '" + component + "' next to the text encoder");
  const QString dir = folder.componentDir(component);
  if (encoder.family() == "t5") return T5Tokenizer::fromFolder(dir);
  return ClipTokenizer::fromFolder(dir);
}

QJsonArray toJson(const torch::Tensor& t) {
  QJsonArray out;
  if (t.dim() == 1) {
    const torch::Tensor values = t.to(torch::kDouble).contiguous();
    for (int64_t i = 0; i < values.size(0); ++i) out.append(values[i].item<double>());
  } else {
    for (int64_t i = 0; i < t.size(0); ++i) out.append(toJson(t[i]));
  }
  return out;
}

QString shapeText(const torch::Tensor& t) {
  QStringList dims;
  for (int64_t d : t.sizes()) dims << QString::number(d);
  return QLatin1Char('[') + dims.join(QStringLiteral(", ")) + QLatin1Char(']');
}

// Which hidden state the pipeline reads, in transformers' terms.
QString layerText(const TextEncoder& encoder, bool sdxl, int clipSkip) {
  if (encoder.family() == "t5") return QStringLiteral("last_hidden_state");
  if (sdxl) return QStringLiteral("hidden_states[-%1]").arg(clipSkip + 1);
  return QStringLiteral("final_layer_norm(hidden_states[-%1])").arg(clipSkip);
}

int encode(Context& ctx, const QStringList& args) {
  Request request;
  if (!parseRequest(args, ctx.out, request)) return Ok;
  const DiffusersFolder folder(request.model);
  const auto [encoderName, tokenizerName] = componentsFor(folder, request.encoder);
  const bool sdxl = folder.pipelineClass() == "StableDiffusionXLPipeline";
  const std::unique_ptr<TextEncoder> encoder = loadTextEncoder(folder, encoderName);
  if (encoder->family() == "t5" && request.clipSkip != 1)
    throw BadUsage(QStringLiteral("--clip-skip applies to CLIP encoders only"));
  if (request.clipSkip > encoder->numLayers())
    throw BadUsage(QStringLiteral("--clip-skip %1 exceeds the encoder's %2 layers")
                       .arg(request.clipSkip)
                       .arg(encoder->numLayers()));
  const std::unique_ptr<Tokenizer> tokenizer = loadTokenizer(folder, tokenizerName, *encoder);

  // CLIP pipelines pad to max_length and pass no mask; T5 pads to the longest prompt with a mask.
  const bool clip = encoder->family() == "clip";
  const int maxLength = int(std::min<int64_t>(tokenizer->maxLength(), encoder->maxLength()));
  const std::vector<Encoding> encodings = tokenizer->encodeBatch(request.prompts, maxLength, clip, true);
  const int64_t batch = int64_t(encodings.size()), length = int64_t(encodings.front().ids.size());
  std::vector<int64_t> flatIds, flatMask;
  for (const Encoding& e : encodings) {
    flatIds.insert(flatIds.end(), e.ids.begin(), e.ids.end());
    flatMask.insert(flatMask.end(), e.attentionMask.begin(), e.attentionMask.end());
  }
  const torch::Tensor ids = torch::tensor(flatIds, torch::kLong).view({batch, length});
  const torch::Tensor mask = torch::tensor(flatMask, torch::kLong).view({batch, length});
  const EncoderOutput out = encoder->encode(ids, clip ? std::nullopt : std::optional<torch::Tensor>(mask));
  const torch::Tensor embeds = pipelineHiddenState(*encoder, out, sdxl, request.clipSkip).contiguous();
  const torch::Tensor pooled = out.textEmbeds.defined() ? out.textEmbeds : out.pooled;
  const QString layer = layerText(*encoder, sdxl, request.clipSkip);

  if (!request.out.isEmpty()) {
    WeightMap tensors{{"input_ids", ids}, {"prompt_embeds", embeds.to(torch::kFloat)}};
    if (pooled.defined()) tensors["pooled_prompt_embeds"] = pooled.to(torch::kFloat);
    if (!clip) tensors["attention_mask"] = mask;
    const QByteArray prompts =
        QJsonDocument(QJsonArray::fromStringList(request.prompts)).toJson(QJsonDocument::Compact);
    saveSafetensors(request.out, tensors,
                    {{"model", folder.dir().toStdString()}, {"encoder", encoderName},
                     {"class", folder.component(encoderName).className}, {"layer", layer.toStdString()},
                     {"prompts", prompts.toStdString()}});
    ctx.out << "wrote " << request.out << ": prompt_embeds " << shapeText(embeds) << " (" << layer << ")";
    if (pooled.defined()) ctx.out << ", pooled_prompt_embeds " << shapeText(pooled);
    ctx.out << "\n";
    return Ok;
  }
  QJsonArray rows;
  for (int64_t b = 0; b < batch; ++b) {
    const QString& text = request.prompts[int(b)];
    const int64_t tokens = mask[b].sum().item<int64_t>();
    if (request.json) {
      QJsonObject row{{QStringLiteral("prompt"), text},
                      {QStringLiteral("input_ids"), toJson(ids[b])},
                      {QStringLiteral("tokens"), qint64(tokens)},
                      {QStringLiteral("prompt_embeds"), toJson(embeds[b])}};
      if (pooled.defined()) row.insert(QStringLiteral("pooled_prompt_embeds"), toJson(pooled[b]));
      if (out.pooledIndex.defined()) row.insert(QStringLiteral("pool_position"), qint64(out.pooledIndex[b].item<int64_t>()));
      rows.append(row);
      continue;
    }
    ctx.out << "[" << b << "] \"" << text << "\": " << tokens << " tokens; prompt_embeds " << shapeText(embeds[b])
            << " mean " << embeds[b].mean().item<double>() << " std " << embeds[b].std().item<double>();
    if (pooled.defined())
      ctx.out << "; pooled " << shapeText(pooled[b]) << " norm " << pooled[b].norm().item<double>();
    ctx.out << "\n";
  }
  if (request.json)
    printJson(ctx.out,
              QJsonObject{{QStringLiteral("model"), folder.dir()},
                          {QStringLiteral("encoder"), QString::fromStdString(encoderName)},
                          {QStringLiteral("class"), QString::fromStdString(folder.component(encoderName).className)},
                          {QStringLiteral("layer"), layer},
                          {QStringLiteral("prompts"), rows}});
  return Ok;
}

}  // namespace

FAN_CLI_VERB(encode, "encode", "encode prompts with a model's text encoder (pipeline conditioning)",
             [](Context& ctx, const QStringList& args) {
               return runGuarded(ctx, QStringLiteral("encode"), [&] { return encode(ctx, args); });
             })

}  // namespace fan::cli
