// ClipTokenizer against transformers 4.31's slow CLIPTokenizer (tests/data/tokenizers/clip/cases.json):
// every case with the SD 1.x tokenizer (pad <|endoftext|>) and the SD 2.x one (pad "!").
#include "core/io/Safetensors.h"
#include "core/text/ClipTokenizer.h"
#include "tests/common/TestRegistry.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kData = QStringLiteral(FAN_TEST_DATA_DIR);

QJsonArray loadCases(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) throw std::runtime_error("cannot open " + path.toStdString());
  return QJsonDocument::fromJson(file.readAll()).array();
}

std::vector<int64_t> ints(const QJsonValue& value) {
  std::vector<int64_t> out;
  for (const QJsonValue& item : value.toArray()) out.push_back(item.toInteger());
  return out;
}

std::vector<std::string> strings(const QJsonValue& value) {
  std::vector<std::string> out;
  for (const QJsonValue& item : value.toArray()) out.push_back(item.toString().toStdString());
  return out;
}

template <typename T>
QString show(const std::vector<T>& values) {
  QStringList parts;
  for (const T& v : values) {
    if constexpr (std::is_same_v<T, std::string>) parts << QString::fromStdString(v);
    else parts << QString::number(v);
  }
  return QLatin1Char('[') + parts.join(QLatin1String(", ")) + QLatin1Char(']');
}

// Collects "case N "text": field: got [...] expected [...]" lines.
struct Mismatches {
  QStringList lines;
  template <typename T>
  void check(const QJsonObject& c, const char* field, const std::vector<T>& got, const std::vector<T>& expected) {
    if (got != expected)
      lines << QStringLiteral("case %1 \"%2\": %3: got %4 expected %5")
                   .arg(c.value(QLatin1String("id")).toInt())
                   .arg(c.value(QLatin1String("text")).toString(), QLatin1String(field), show(got), show(expected));
  }
};

QString writeFile(const QString& path, const QByteArray& contents) {
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly)) throw std::runtime_error("cannot write " + path.toStdString());
  file.write(contents);
  return path;
}

// A tokenizer folder with the fixture vocabulary and the given configs (empty: file left out).
void makeFolder(const QString& dir, const QByteArray& tokenizerConfig, const QByteArray& specialTokensMap) {
  for (const char* name : {"vocab.json", "merges.txt"})
    QFile::copy(kData + "/tokenizers/clip/" + name, dir + '/' + name);
  if (!tokenizerConfig.isEmpty()) writeFile(dir + "/tokenizer_config.json", tokenizerConfig);
  if (!specialTokensMap.isEmpty()) writeFile(dir + "/special_tokens_map.json", specialTokensMap);
}

QByteArray readAll(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) throw std::runtime_error("cannot open " + path.toStdString());
  return file.readAll();
}

QString loadError(const QString& dir) {
  try {
    fan::ClipTokenizer::fromFolder(dir);
  } catch (const fan::LoadError& e) {
    return QString::fromUtf8(e.what());
  }
  return {};
}

}  // namespace

class ClipTokenizerTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() {
    QElapsedTimer timer;
    timer.start();
    sd1_ = fan::ClipTokenizer::fromFolder(kData + "/models/tiny-sd/tokenizer");
    qInfo("ClipTokenizer::fromFolder (49408 tokens, 48894 merges): %.1f ms", timer.nsecsElapsed() / 1e6);
    sd2_ = fan::ClipTokenizer::fromFolder(kData + "/models/tiny-sd2v/tokenizer");
    cases_ = loadCases(kData + "/tokenizers/clip/cases.json");
    QCOMPARE(cases_.size(), 60);
  }

  void specialIds() {
    QCOMPARE(sd1_->bosId(), 49406);
    QCOMPARE(sd1_->eosId(), 49407);
    QCOMPARE(sd1_->padId(), 49407);
    QCOMPARE(sd2_->padId(), 0);
    QCOMPARE(sd2_->eosId(), 49407);
    QCOMPARE(sd1_->vocabSize(), 49408);
    QCOMPARE(sd1_->maxLength(), 77);
    QCOMPARE(sd1_->numSpecialTokens(), 2);
    QCOMPARE(fan::ClipTokenizer::fromFolder(kData + "/models/tiny-sdxl/tokenizer")->padId(), 49407);
    QCOMPARE(fan::ClipTokenizer::fromFolder(kData + "/models/tiny-sdxl/tokenizer_2")->padId(), 0);
  }

  void padEosTokenizerMatchesEveryCase() {
    Mismatches m;
    for (const QJsonValue& value : cases_) {
      const QJsonObject c = value.toObject();
      const std::string text = c.value(QLatin1String("text")).toString().toStdString();
      m.check(c, "tokens", sd1_->tokenize(text), strings(c.value(QLatin1String("tokens"))));
      m.check(c, "ids_unpadded", sd1_->encode(text, 77, false, false).ids, ints(c.value(QLatin1String("ids_unpadded"))));
      const fan::Encoding padded = sd1_->encode(text, 77, true, true);
      m.check(c, "ids_77_pad_eos", padded.ids, ints(c.value(QLatin1String("ids_77_pad_eos"))));
      m.check(c, "attention_mask_77", padded.attentionMask, ints(c.value(QLatin1String("attention_mask_77"))));
      QCOMPARE(sd1_->encode(text, 77, false, false).ids.size() > 77, c.value(QLatin1String("truncated")).toBool());
    }
    QVERIFY2(m.lines.isEmpty(), qPrintable(m.lines.join('\n')));
  }

  void padBangTokenizerMatchesEveryCase() {
    Mismatches m;
    for (const QJsonValue& value : cases_) {
      const QJsonObject c = value.toObject();
      const std::string text = c.value(QLatin1String("text")).toString().toStdString();
      const bool differs = c.contains(QLatin1String("tokens_bang"));
      m.check(c, "tokens_bang", sd2_->tokenize(text),
              strings(c.value(QLatin1String(differs ? "tokens_bang" : "tokens"))));
      m.check(c, "ids_unpadded_bang", sd2_->encode(text, 77, false, false).ids,
              ints(c.value(QLatin1String(differs ? "ids_unpadded_bang" : "ids_unpadded"))));
      const fan::Encoding padded = sd2_->encode(text, 77, true, true);
      m.check(c, "ids_77_pad_bang", padded.ids, ints(c.value(QLatin1String("ids_77_pad_bang"))));
      m.check(c, "attention_mask_77_bang", padded.attentionMask, ints(c.value(QLatin1String("attention_mask_77_bang"))));
    }
    QVERIFY2(m.lines.isEmpty(), qPrintable(m.lines.join('\n')));
  }

  // Equal cache keys must mean equal encodings, for both pad conventions.
  void cacheKeyKeepsEncodings() {
    QStringList texts;
    for (const QJsonValue& value : cases_) texts << value.toObject().value(QLatin1String("text")).toString();
    texts << QString::fromUtf8("cafe\xCC\x81 cre\xCC\x80me") << QString::fromUtf8("\xE2\x80\x83 wide space\xE3\x80\x80")
          << QStringLiteral("\u2028line separated\u2029") << QStringLiteral("\u00A0nbsp!\u00A0")
          << QStringLiteral("\x0b\x1c<|endoftext|> \u200A");
    for (const QString& text : texts) {
      const QString key = fan::Tokenizer::normalizeForCache(text);
      for (const auto* tok : {sd1_.get(), sd2_.get()})
        QVERIFY2(tok->encode(text, 77, true, true).ids == tok->encode(key, 77, true, true).ids, qPrintable(text));
    }
    QCOMPARE(fan::Tokenizer::normalizeForCache(QStringLiteral("\u3000 a  b\t\u2028")), QStringLiteral("a  b"));
    QCOMPARE(fan::Tokenizer::normalizeForCache(QStringLiteral("x\u0085")), QStringLiteral("x\u0085"));  // T5 keeps it
  }

  // Python str.lower() semantics beyond the fixtures: the final sigma and U+0130.
  void lowerCasingFollowsPython() {
    QCOMPARE(sd1_->textIds("\xCE\x9F\xCE\x94\xCE\x9F\xCE\xA3"), sd1_->textIds("\xCE\xBF\xCE\xB4\xCE\xBF\xCF\x82"));  // ΟΔΟΣ -> οδος
    QVERIFY(sd1_->textIds("\xCE\xA3\xCE\x91") == sd1_->textIds("\xCF\x83\xCE\xB1"));  // ΣΑ -> σα (not final)
    QCOMPARE(sd1_->textIds("\xC4\xB0"), sd1_->textIds("i\xCC\x87"));  // İ -> i + U+0307
  }

  void batchIsRectangular() {
    const std::vector<std::string> texts{"a", "a photograph of an astronaut riding a horse", ""};
    const std::vector<fan::Encoding> batch = sd2_->encodeBatch(texts, 77, false, true);
    QCOMPARE(batch.size(), size_t(3));
    for (size_t i = 0; i < texts.size(); ++i) {
      const fan::Encoding single = sd2_->encode(texts[i], 77, false, true);
      QCOMPARE(batch[i].ids.size(), size_t(10));
      QVERIFY(std::equal(single.ids.begin(), single.ids.end(), batch[i].ids.begin()));
      QCOMPARE(std::count(batch[i].attentionMask.begin(), batch[i].attentionMask.end(), 1), long(single.ids.size()));
      QCOMPARE(batch[i].ids.back(), i == 1 ? int64_t(49407) : int64_t(0));
    }
    const std::vector<fan::Encoding> padded = sd1_->encodeBatch(QStringList{QStringLiteral("x"), QStringLiteral("y z")}, 77, true, true);
    QCOMPARE(padded[0].ids.size(), size_t(77));
    QCOMPARE(padded[1].ids.size(), size_t(77));
  }

  void truncationAndArguments() {
    const fan::Encoding short8 = sd1_->encode("a photograph of an astronaut riding a horse", 8, true, true);
    const std::vector<int64_t> expected{49406, 320, 8853, 539, 550, 18376, 6765, 49407};
    QCOMPARE(short8.ids, expected);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, sd1_->encode("a", 1, false, true));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, sd1_->encode("a", 0, true, false));
    QCOMPARE(sd1_->encode("a b c", 3, true, false).ids.size(), size_t(5));  // untruncated stays longer
  }

  // SD 2.x's real files disagree on the pad token; special_tokens_map.json wins, as in the reference.
  void specialTokensMapWins() {
    for (const char* layout : {"stable-diffusion-2-1", "stable-diffusion-2-1-base", "stable-diffusion-v1-5",
                               "stable-diffusion-xl-base-1.0"}) {
      QTemporaryDir dir;
      const QString real = kData + "/real-layouts/" + layout + "/tokenizer";
      makeFolder(dir.path(), readAll(real + "/tokenizer_config.json"), readAll(real + "/special_tokens_map.json"));
      const bool bang = QByteArray(layout).startsWith("stable-diffusion-2");
      QCOMPARE(fan::ClipTokenizer::fromFolder(dir.path())->padId(), bang ? int64_t(0) : int64_t(49407));
    }
    QTemporaryDir bare;  // no configs: CLIPTokenizer's defaults
    makeFolder(bare.path(), {}, {});
    const auto tok = fan::ClipTokenizer::fromFolder(bare.path());
    QCOMPARE(tok->padId(), 49407);
    QCOMPARE(tok->maxLength(), 77);
  }

  void errorsNameTheFile() {
    QTemporaryDir dir;
    QVERIFY(loadError(dir.path()).contains(dir.path() + "/vocab.json"));
    QFile::copy(kData + "/tokenizers/clip/vocab.json", dir.path() + "/vocab.json");
    QVERIFY(loadError(dir.path()).contains(dir.path() + "/merges.txt"));
    QFile::copy(kData + "/tokenizers/clip/merges.txt", dir.path() + "/merges.txt");
    QVERIFY(loadError(dir.path()).isEmpty());

    writeFile(dir.path() + "/special_tokens_map.json", R"({"pad_token": "<pad>"})");
    QVERIFY2(loadError(dir.path()).contains("'<pad>' is not in vocab.json"), qPrintable(loadError(dir.path())));
    writeFile(dir.path() + "/special_tokens_map.json", R"({"pad_token": 5})");
    QVERIFY2(loadError(dir.path()).contains("special_tokens_map.json: 'pad_token' must be"), qPrintable(loadError(dir.path())));
    writeFile(dir.path() + "/special_tokens_map.json", "{");
    QVERIFY(loadError(dir.path()).contains("special_tokens_map.json"));
    QFile::remove(dir.path() + "/special_tokens_map.json");
    writeFile(dir.path() + "/tokenizer_config.json", R"({"model_max_length": -3})");
    QVERIFY(loadError(dir.path()).contains("tokenizer_config.json: 'model_max_length'"));
    QFile::remove(dir.path() + "/tokenizer_config.json");

    QByteArray vocab = readAll(dir.path() + "/vocab.json");
    writeFile(dir.path() + "/vocab.json", vocab.left(vocab.size() / 2));
    const QString truncated = loadError(dir.path());
    QVERIFY2(truncated.contains(dir.path() + "/vocab.json: invalid vocabulary JSON at byte"), qPrintable(truncated));
    writeFile(dir.path() + "/vocab.json", R"({"a": 1.5})");
    QVERIFY(loadError(dir.path()).contains("non-negative integer id"));
  }

  // Throughput is printed, never asserted (machines differ); the target is >= 20,000 prompts/s.
  void throughput() {
    QStringList prompts;
    for (const QJsonValue& value : cases_) prompts << value.toObject().value(QLatin1String("text")).toString();
    std::vector<std::string> texts;
    for (const QString& p : prompts) texts.push_back(p.toStdString());
    const auto fresh = fan::ClipTokenizer::fromFolder(kData + "/models/tiny-sd/tokenizer");
    QElapsedTimer timer;
    timer.start();
    for (const std::string& text : texts) fresh->encode(text, 77, true, true);
    const double coldMs = timer.nsecsElapsed() / 1e6;
    const int rounds = 200;
    timer.restart();
    size_t total = 0;
    for (int r = 0; r < rounds; ++r)
      for (const std::string& text : texts) total += fresh->encode(text, 77, true, true).ids.size();
    const double seconds = timer.nsecsElapsed() / 1e9;
    QCOMPARE(total, size_t(rounds) * texts.size() * 77);
    qInfo("CLIP tokenizer: %.0f prompts/s (warm cache, %d fixture prompts x %d), first pass %.2f ms",
          rounds * texts.size() / seconds, int(texts.size()), rounds, coldMs);
  }

 private:
  std::unique_ptr<fan::ClipTokenizer> sd1_, sd2_;
  QJsonArray cases_;
};

FAN_REGISTER_TEST(ClipTokenizerTest)
#include "ClipTokenizerTest.moc"
