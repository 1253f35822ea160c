// T5Tokenizer against transformers 4.31's slow T5Tokenizer (legacy=True, extra_ids=100):
// every case of tests/data/tokenizers/t5/cases.json with the models/tiny-t5 folder.
#include "core/io/Safetensors.h"
#include "core/text/SentencePieceLibrary.h"
#include "core/text/T5Tokenizer.h"
#include "tests/common/TestRegistry.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kData = QStringLiteral(FAN_TEST_DATA_DIR);

std::vector<int64_t> ints(const QJsonValue& value) {
  std::vector<int64_t> out;
  for (const QJsonValue& item : value.toArray()) out.push_back(item.toInteger());
  return out;
}

QString show(const std::vector<int64_t>& values) {
  QStringList parts;
  for (const int64_t v : values) parts << QString::number(v);
  return QLatin1Char('[') + parts.join(QLatin1String(", ")) + QLatin1Char(']');
}

void writeFile(const QString& path, const QByteArray& contents) {
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly)) throw std::runtime_error("cannot write " + path.toStdString());
  file.write(contents);
}

QString loadError(const QString& dir) {
  try {
    fan::T5Tokenizer::fromFolder(dir);
  } catch (const fan::LoadError& e) {
    return QString::fromUtf8(e.what());
  }
  return {};
}

}  // namespace

class T5TokenizerTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() {
    tok_ = fan::T5Tokenizer::fromFolder(kData + "/models/tiny-t5");
    QFile file(kData + "/tokenizers/t5/cases.json");
    QVERIFY(file.open(QIODevice::ReadOnly));
    cases_ = QJsonDocument::fromJson(file.readAll()).array();
    QCOMPARE(cases_.size(), 45);
  }

  void specialIds() {
    QCOMPARE(tok_->padId(), 0);
    QCOMPARE(tok_->eosId(), 1);
    QCOMPARE(tok_->vocabSize(), 32100);
    QCOMPARE(tok_->maxLength(), 512);
    QCOMPARE(tok_->numSpecialTokens(), 1);
    QCOMPARE(tok_->textIds("<extra_id_0><extra_id_99><unk><pad>"), (std::vector<int64_t>{32099, 32000, 2, 0}));
  }

  void matchesEveryCase() {
    const fan::SentencePieceModel plain(kData + "/tokenizers/t5/spiece.model");
    QStringList mismatches;
    const auto check = [&](const QJsonObject& c, const char* field, const std::vector<int64_t>& got) {
      const std::vector<int64_t> expected = ints(c.value(QLatin1String(field)));
      if (got != expected)
        mismatches << QStringLiteral("case %1 \"%2\": %3: got %4 expected %5")
                          .arg(c.value(QLatin1String("id")).toInt())
                          .arg(c.value(QLatin1String("text")).toString(), QLatin1String(field), show(got), show(expected));
    };
    for (const QJsonValue& value : cases_) {
      const QJsonObject c = value.toObject();
      const std::string text = c.value(QLatin1String("text")).toString().toStdString();
      check(c, "ids", tok_->encode(text, 512, false, false).ids);
      const fan::Encoding padded = tok_->encode(text, 32, true, true);
      check(c, "ids_32", padded.ids);
      check(c, "attention_mask_32", padded.attentionMask);
      const std::vector<int> spm = plain.encode(text);
      check(c, "spm_encode_ids", std::vector<int64_t>(spm.begin(), spm.end()));
    }
    QVERIFY2(mismatches.isEmpty(), qPrintable(mismatches.join('\n')));
  }

  void truncationKeepsEos() {
    std::string longText;
    for (int i = 0; i < 40; ++i) longText += "word ";
    const fan::Encoding e = tok_->encode(longText, 32, true, true);
    QCOMPARE(e.ids.size(), size_t(32));
    QCOMPARE(e.ids.back(), 1);
    QCOMPARE(std::count(e.attentionMask.begin(), e.attentionMask.end(), 1), 32L);
    // An encoding already ending with </s> gets no second one (_add_eos_if_not_present).
    const std::vector<int64_t> ids = tok_->encode("hello </s>", 512, false, false).ids;
    QCOMPARE(ids.back(), 1);
    QVERIFY(ids[ids.size() - 2] != 1);
  }

  void cacheKeyKeepsEncodings() {
    QStringList texts;
    for (const QJsonValue& value : cases_) texts << value.toObject().value(QLatin1String("text")).toString();
    texts << QString::fromUtf8("cafe\xCC\x81 cre\xCC\x80me") << QString::fromUtf8("\xE2\x80\x83 wide space\xE3\x80\x80")
          << QStringLiteral("\u00A0nbsp!\u00A0") << QStringLiteral("\t<extra_id_3> x \n")
          << QStringLiteral("\x0b\x1c\u2028 y\u205F\u3000");
    for (const QString& text : texts) {
      const QString key = fan::Tokenizer::normalizeForCache(text);
      QVERIFY2(tok_->encode(text, 32, true, true).ids == tok_->encode(key, 32, true, true).ids, qPrintable(text));
    }
    // Why the key keeps U+0085 and skips NFC: SentencePiece distinguishes both.
    QVERIFY(tok_->textIds("x\xC2\x85") != tok_->textIds("x"));
    const QString marks = QStringLiteral("a\u0301\u0323");
    QVERIFY(tok_->textIds(marks.toStdString()) !=
            tok_->textIds(marks.normalized(QString::NormalizationForm_C).toStdString()));
  }

  void errorsNameTheFile() {
    QTemporaryDir dir;
    QVERIFY(loadError(dir.path()).contains(dir.path() + "/spiece.model"));
    QFile::copy(kData + "/tokenizers/t5/spiece.model", dir.path() + "/spiece.model");
    QVERIFY(loadError(dir.path()).isEmpty());  // configs are optional
    QCOMPARE(fan::T5Tokenizer::fromFolder(dir.path())->textIds("<extra_id_1>"), std::vector<int64_t>{32098});

    writeFile(dir.path() + "/tokenizer_config.json", R"({"extra_ids": 3, "additional_special_tokens": ["<extra_id_0>"]})");
    QVERIFY2(loadError(dir.path()).contains("extra_ids is 3"), qPrintable(loadError(dir.path())));
    writeFile(dir.path() + "/tokenizer_config.json", R"({"legacy": false})");
    QVERIFY(loadError(dir.path()).contains("tokenizer_config.json: 'legacy' = false is not supported"));
    writeFile(dir.path() + "/tokenizer_config.json", "[1]");
    QVERIFY(loadError(dir.path()).contains("tokenizer_config.json"));
    writeFile(dir.path() + "/tokenizer_config.json", R"({"extra_ids": 0, "model_max_length": 1000000000000000019884624838656})");
    const auto noSentinels = fan::T5Tokenizer::fromFolder(dir.path());
    QCOMPARE(noSentinels->vocabSize(), 32000);
    QCOMPARE(noSentinels->maxLength(), 512);  // the "unlimited" sentinel falls back to T5's 512
  }

 private:
  std::unique_ptr<fan::T5Tokenizer> tok_;
  QJsonArray cases_;
};

FAN_REGISTER_TEST(T5TokenizerTest)
#include "T5TokenizerTest.moc"
