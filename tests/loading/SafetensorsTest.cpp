// Safetensors reading: goldens written by the Python reference writer, zero-copy vs copy
// paths, every dtype, and a corpus of malformed files each rejected with its own message.
#include "core/io/Safetensors.h"
#include "core/io/StrictJson.h"
#include "core/io/WeightSpec.h"
#include "tests/common/TestRegistry.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>

namespace {

// Writes <8-byte LE length><header><data>; `declaredLength` overrides the length field.
QString writeRaw(const QTemporaryDir& dir, const QString& name, const std::string& header, const std::string& data,
                 std::optional<uint64_t> declaredLength = std::nullopt) {
  const QString path = dir.filePath(name);
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly)) qFatal("cannot write %s", qPrintable(path));
  uint64_t n = declaredLength.value_or(header.size());
  char len[8];
  for (int i = 0; i < 8; ++i) len[i] = static_cast<char>((n >> (8 * i)) & 0xFF);
  file.write(len, 8);
  file.write(header.data(), static_cast<qint64>(header.size()));
  file.write(data.data(), static_cast<qint64>(data.size()));
  return path;
}

template <typename T>
std::string bytesOf(std::initializer_list<T> values) {
  std::string out(values.size() * sizeof(T), '\0');
  std::memcpy(out.data(), values.begin(), out.size());
  return out;
}

// Expects the constructor to throw a LoadError whose text contains the path and `fragment`.
void expectLoadError(const QString& path, const QString& fragment) {
  try {
    fan::SafetensorsFile file(path);
    QFAIL(qPrintable("no error for " + path + ", expected: " + fragment));
  } catch (const fan::LoadError& e) {
    const QString what = QString::fromUtf8(e.what());
    QVERIFY2(what.contains(path), qPrintable(what));
    QVERIFY2(what.contains(fragment), qPrintable("got: " + what + "\nexpected fragment: " + fragment));
  }
}

const char* kData = FAN_TEST_DATA_DIR;

}  // namespace

class SafetensorsTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void readsGoldenFile() {
    const QString path = QString::fromUtf8(kData) + "/goldens/unet/tiny-sd_unet.safetensors";
    fan::SafetensorsFile file(path);
    QCOMPARE(file.tensors().size(), size_t(7));
    QCOMPARE(file.tensors().front().name, std::string("encoder_hidden_states"));  // header order
    QCOMPARE(file.metadata().at("format"), std::string("pt"));
    const fan::TensorInfo* info = file.find("out_t1");
    QVERIFY(info);
    QCOMPARE(info->dtype, std::string("F32"));
    QCOMPARE(info->shape, (std::vector<int64_t>{2, 4, 16, 16}));
    QCOMPARE(info->begin, uint64_t(19712));
    const torch::Tensor ehs = file.tensor("encoder_hidden_states");
    QCOMPARE(ehs.sizes().vec(), (std::vector<int64_t>{2, 77, 32}));
    QCOMPARE(ehs[0][0][0].item<float>(), -1.1022599935531616f);
    QCOMPARE(ehs[0][0][3].item<float>(), 0.6151418089866638f);
    QCOMPARE(file.tensor("out_t999")[0][0][0][1].item<float>(), 0.32314082980155945f);
    QVERIFY(!file.find("no_such"));
    try {
      file.tensor("no_such");
      QFAIL("expected an error");
    } catch (const fan::LoadError& e) {
      QVERIFY2(QString(e.what()).contains("no tensor named 'no_such'"), e.what());
    }
  }

  void loadsModelWeights() {
    const QString path = QString::fromUtf8(kData) + "/models/tiny-sd/unet/diffusion_pytorch_model.safetensors";
    const fan::WeightMap weights = fan::loadSafetensors(path);
    QCOMPARE(weights.size(), size_t(304));
    const torch::Tensor w = weights.at("conv_in.weight");
    QCOMPARE(w.sizes().vec(), (std::vector<int64_t>{32, 4, 3, 3}));
    QVERIFY(w.scalar_type() == torch::kFloat);
    QCOMPARE(w.flatten()[1].item<float>(), -0.20038007199764252f);
    QCOMPARE(weights.at("conv_norm_out.weight")[0].item<float>(), 0.9370018243789673f);
  }

  // Aligned F32 data is a view of the mapping; the tensors keep it alive after the file object
  // is gone, and writing through them is copy-on-write (the file is unchanged).
  void alignedDataIsZeroCopyAndWritable() {
    const QString path = QString::fromUtf8(kData) + "/models/tiny-sd/unet/diffusion_pytorch_model.safetensors";
    torch::Tensor bias;
    {
      fan::SafetensorsFile file(path);
      const auto* base = reinterpret_cast<const char*>(file.headerJson().data()) - 8;
      bias = file.tensor("conv_in.bias");
      const auto* p = static_cast<const char*>(bias.data_ptr());
      QVERIFY(p >= base && p < base + file.fileSize());
      QCOMPARE(p - base, std::ptrdiff_t(8 + file.headerJson().size()));  // first tensor, offset 0
    }
    QCOMPARE(bias[1].item<float>(), -0.04327479377388954f);  // mapping still alive
    bias.fill_(5.0f);
    QCOMPARE(bias[1].item<float>(), 5.0f);
    const fan::WeightMap again = fan::loadSafetensors(path);
    QCOMPARE(again.at("conv_in.bias")[1].item<float>(), -0.04327479377388954f);
  }

  // A header whose length is not a multiple of 4 puts F32 data off alignment: it must be copied.
  void misalignedDataIsCopied() {
    QTemporaryDir dir;
    const std::string header = R"({"a":{"dtype":"F32","shape":[3],"data_offsets":[0,12]}})";
    QVERIFY(header.size() % 4 != 0);
    const QString path = writeRaw(dir, "odd.safetensors", header, bytesOf<float>({1.5f, -2.0f, 3.25f}));
    fan::SafetensorsFile file(path);
    const torch::Tensor t = file.tensor("a");
    const auto* base = reinterpret_cast<const char*>(file.headerJson().data()) - 8;
    const auto* p = static_cast<const char*>(t.data_ptr());
    QVERIFY(p < base || p >= base + file.fileSize());  // not inside the mapping
    QCOMPARE(reinterpret_cast<uintptr_t>(p) % 4, uintptr_t(0));
    QVERIFY(torch::equal(t, torch::tensor({1.5f, -2.0f, 3.25f})));
  }

  void readsEveryDtype() {
    QTemporaryDir dir;
    std::string data;
    std::string header = "{";
    auto add = [&](const std::string& name, const std::string& dtype, const std::string& shape, const std::string& bytes) {
      header += (header.size() > 1 ? "," : "") + ("\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape +
                                                ",\"data_offsets\":[" + std::to_string(data.size()) + "," +
                                                std::to_string(data.size() + bytes.size()) + "]}");
      data += bytes;
    };
    add("f64", "F64", "[2]", bytesOf<double>({0.1, -1e300}));
    add("i64", "I64", "[1,2]", bytesOf<int64_t>({INT64_MAX, -7}));
    add("f32", "F32", "[]", bytesOf<float>({2.5f}));
    add("i32", "I32", "[2]", bytesOf<int32_t>({-3, 70000}));
    add("f16", "F16", "[3]", bytesOf<uint16_t>({0x3C00, 0xC000, 0x3555}));   // 1, -2, 0.33325
    add("bf16", "BF16", "[2]", bytesOf<uint16_t>({0x3F80, 0xC0A0}));         // 1, -5
    add("i16", "I16", "[1]", bytesOf<int16_t>({-300}));
    add("bool", "BOOL", "[4]", std::string("\x01\x00\x00\x01", 4));
    add("i8", "I8", "[2]", std::string("\xFF\x05", 2));
    add("u8", "U8", "[2]", std::string("\xFF\x05", 2));
    add("empty", "F32", "[0,3]", "");
    header += R"(,"__metadata__":{"format":"pt","note":"caf\u00e9 \ud83d\ude00"}})";
    while ((8 + header.size()) % 8) header += ' ';  // aligned: every tensor above is a view
    const QString path = writeRaw(dir, "all.safetensors", header, data);
    fan::SafetensorsFile file(path);
    QCOMPARE(file.metadata().at("note"), std::string("caf\xC3\xA9 \xF0\x9F\x98\x80"));
    QCOMPARE(file.tensor("f64")[1].item<double>(), -1e300);
    QCOMPARE(file.tensor("i64").sizes().vec(), (std::vector<int64_t>{1, 2}));
    QCOMPARE(file.tensor("i64")[0][0].item<int64_t>(), INT64_MAX);
    QCOMPARE(file.tensor("i64")[0][1].item<int64_t>(), int64_t(-7));
    QCOMPARE(file.tensor("f32").dim(), int64_t(0));
    QCOMPARE(file.tensor("f32").item<float>(), 2.5f);
    QCOMPARE(file.tensor("i32")[1].item<int32_t>(), 70000);
    const torch::Tensor f16 = file.tensor("f16");
    QVERIFY(f16.scalar_type() == torch::kHalf);
    QVERIFY(torch::equal(f16.to(torch::kFloat), torch::tensor({1.0f, -2.0f, 0.333251953125f})));
    const torch::Tensor bf16 = file.tensor("bf16");
    QVERIFY(bf16.scalar_type() == torch::kBFloat16);
    QVERIFY(torch::equal(bf16.to(torch::kFloat), torch::tensor({1.0f, -5.0f})));
    QCOMPARE(file.tensor("i16")[0].item<int16_t>(), int16_t(-300));
    const torch::Tensor b = file.tensor("bool");
    QVERIFY(b.scalar_type() == torch::kBool);
    QVERIFY(torch::equal(b, torch::tensor({true, false, false, true})));
    QCOMPARE(file.tensor("i8")[0].item<int8_t>(), int8_t(-1));
    QCOMPARE(file.tensor("u8")[0].item<uint8_t>(), uint8_t(255));
    QCOMPARE(file.tensor("empty").sizes().vec(), (std::vector<int64_t>{0, 3}));
  }

  void valueChecksAtTensorTime() {
    QTemporaryDir dir;
    const QString path = writeRaw(dir, "x.safetensors",
                                  R"({"b":{"dtype":"BOOL","shape":[2],"data_offsets":[0,2]},)"
                                  R"("u":{"dtype":"U32","shape":[1],"data_offsets":[2,6]}})",
                                  std::string("\x01\x02\0\0\0\0", 6));
    fan::SafetensorsFile file(path);  // the header itself is valid
    QCOMPARE(file.tensors().size(), size_t(2));
    for (const auto& [name, fragment] : {std::pair{"b", "BOOL element 1 has byte value 2"},
                                         std::pair{"u", "dtype U32 cannot be loaded"}}) {
      try {
        file.tensor(name);
        QFAIL(name);
      } catch (const fan::LoadError& e) {
        QVERIFY2(QString(e.what()).contains(fragment) && QString(e.what()).contains(path), e.what());
      }
    }
  }

  void rejectsMalformedFiles_data() {
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<qint64>("declaredLength");  // -1: the header's real length
    QTest::addColumn<QString>("expected");
    const QByteArray eight(8, '\0');
    auto row = [&](const char* tag, const char* header, const QByteArray& data, const char* expected,
                   qint64 declared = -1) {
      QTest::newRow(tag) << QByteArray(header) << data << declared << QString::fromUtf8(expected);
    };
    row("header length > file", R"({"a":1})", {}, "header length 1000 bytes runs past the end of the file (15 bytes)", 1000);
    row("truncated header", "{\"a\":{\"dtype\":\"F32\",\"sha", {}, "runs past the end of the file", 60);
    row("huge header length", "{}", {}, "header length 18446744073709551615 bytes runs past", -2);
    row("bad JSON", R"({"a":{"dtype":"F32",}})", {}, "invalid JSON header: at byte 20: expected a string key");
    row("trailing garbage", R"({} x)", {}, "invalid JSON header: at byte 3: unexpected data after the JSON value");
    row("empty header", "", {}, "invalid JSON header: at byte 0: unexpected end of text");
    row("bad UTF-8", "{\"\xC3\x28\":1}", {}, "invalid UTF-8 in string");
    row("deep nesting", std::string(100, '[').c_str(), {}, "nesting deeper than 64 levels");
    row("duplicate names",
        R"({"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})",
        eight, "duplicate key 'w'");
    row("header not object", "[1,2]", {}, "header is an array, expected a JSON object");
    row("entry not object", R"({"w":[0,4]})", {}, "tensor 'w': entry is an array");
    row("missing dtype", R"({"w":{"shape":[1],"data_offsets":[0,4]}})", eight, "tensor 'w': missing 'dtype'");
    row("dtype wrong type", R"({"w":{"dtype":7,"shape":[1],"data_offsets":[0,4]}})", eight,
        "tensor 'w': 'dtype' is a number, expected a string");
    row("bad dtype", R"({"w":{"dtype":"F17","shape":[1],"data_offsets":[0,4]}})", eight,
        "tensor 'w': unknown dtype 'F17'");
    row("missing shape", R"({"w":{"dtype":"F32","data_offsets":[0,4]}})", eight, "tensor 'w': missing 'shape'");
    row("negative dim", R"({"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}})", eight,
        "tensor 'w': shape[0] = -1 is not a non-negative integer");
    row("fractional dim", R"({"w":{"dtype":"F32","shape":[1,1.5],"data_offsets":[0,4]}})", eight,
        "tensor 'w': shape[1] = 1.5 is not a non-negative integer");
    row("string dim", R"({"w":{"dtype":"F32","shape":["1"],"data_offsets":[0,4]}})", eight,
        "tensor 'w': shape[0] = a string is not");
    row("element overflow",
        R"({"w":{"dtype":"F32","shape":[4294967296,4294967296,16],"data_offsets":[0,4]}})", eight,
        "tensor 'w': shape [4294967296, 4294967296, 16] is absurdly large");
    row("huge declared size", R"({"w":{"dtype":"F64","shape":[1000000000000],"data_offsets":[0,8000000000000]}})",
        eight, "run past the end of the data section (8 bytes)");
    row("dim beyond int64", R"({"w":{"dtype":"F32","shape":[0,99999999999999999999],"data_offsets":[0,0]}})", eight,
        "shape[1] = 99999999999999999999 is not a non-negative integer");
    row("missing offsets", R"({"w":{"dtype":"F32","shape":[1]}})", eight, "tensor 'w': missing 'data_offsets'");
    row("offsets not a pair", R"({"w":{"dtype":"F32","shape":[1],"data_offsets":[0]}})", eight,
        "tensor 'w': 'data_offsets' must be [begin, end]");
    row("offsets negative", R"({"w":{"dtype":"F32","shape":[1],"data_offsets":[-4,0]}})", eight,
        "tensor 'w': 'data_offsets' must be [begin, end]");
    row("begin after end", R"({"w":{"dtype":"F32","shape":[0],"data_offsets":[4,0]}})", eight,
        "tensor 'w': data_offsets [4, 0]: begin is after end");
    row("offsets out of range", R"({"w":{"dtype":"F32","shape":[3],"data_offsets":[0,12]}})", eight,
        "tensor 'w': data_offsets [0, 12] run past the end of the data section (8 bytes)");
    row("shape/bytes mismatch", R"({"w":{"dtype":"F16","shape":[3],"data_offsets":[0,8]}})", eight,
        "tensor 'w': data_offsets [0, 8] hold 8 bytes but dtype F16 with shape [3] needs 6");
    row("overlapping tensors",
        R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}})",
        eight, "tensors 'a' [0, 8] and 'b' [4, 8] overlap");
    row("metadata not object", R"({"__metadata__":"pt"})", {}, "'__metadata__' is a string, expected an object");
    row("metadata non-string value", R"({"__metadata__":{"format":1}})", {},
        "'__metadata__' entry 'format' is a number, expected a string");
  }

  void rejectsMalformedFiles() {
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, data);
    QFETCH(qint64, declaredLength);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    std::optional<uint64_t> declared;
    if (declaredLength >= 0) declared = static_cast<uint64_t>(declaredLength);
    if (declaredLength == -2) declared = UINT64_MAX;
    const QString path = writeRaw(dir, "bad.safetensors", header.toStdString(), data.toStdString(), declared);
    expectLoadError(path, expected);
  }

  void rejectsTinyHugeAndMissingFiles() {
    QTemporaryDir dir;
    const QString empty = writeRaw(dir, "empty.safetensors", "", "", std::nullopt);
    QFile::resize(empty, 0);
    expectLoadError(empty, "file is empty (0 bytes)");
    const QString five = dir.filePath("five.safetensors");
    {
      QFile f(five);
      QVERIFY(f.open(QIODevice::WriteOnly));
      f.write("abcde");
    }
    expectLoadError(five, "file is 5 bytes, too short for a safetensors header");
    expectLoadError(dir.filePath("absent.safetensors"), "cannot open");
    // A header length inside the file but beyond the sanity limit (sparse file: no real 100 MB).
    const QString big = writeRaw(dir, "big.safetensors", "{}", "", 100000001);
    QVERIFY(QFile::resize(big, 100000100));
    expectLoadError(big, "header length 100000001 bytes exceeds the limit of 100000000 bytes");
  }

  void acceptsGapsBetweenTensors() {
    QTemporaryDir dir;
    const QString path = writeRaw(dir, "gap.safetensors",
                                  R"({"b":{"dtype":"I32","shape":[1],"data_offsets":[8,12]},)"
                                  R"("a":{"dtype":"I32","shape":[1],"data_offsets":[0,4]}})",
                                  bytesOf<int32_t>({11, 0, 22}));
    const fan::WeightMap w = fan::loadSafetensors(path);
    QCOMPARE(w.at("a").item<int32_t>(), 11);
    QCOMPARE(w.at("b").item<int32_t>(), 22);
  }

  void strictJsonKeepsOrderAndExactIntegers() {
    const fan::StrictJsonValue v = fan::parseStrictJson(R"( {"z": [18446744073709551615, 0, 1e2], "a": null} )");
    QCOMPARE(v.members.size(), size_t(2));
    QCOMPARE(v.members[0].first, std::string("z"));
    QCOMPARE(v.members[0].second.items[0].asUnsigned().value(), UINT64_MAX);
    QVERIFY(!v.members[0].second.items[2].asUnsigned());
    QVERIFY(v.member("a") && v.member("a")->type == fan::StrictJsonValue::Type::Null);
    QVERIFY_THROWS_EXCEPTION(fan::StrictJsonError, fan::parseStrictJson("[18446744073709551616"));
    QVERIFY(!fan::parseStrictJson("18446744073709551616").asUnsigned());
    QVERIFY_THROWS_EXCEPTION(fan::StrictJsonError, fan::parseStrictJson("01"));
    QVERIFY_THROWS_EXCEPTION(fan::StrictJsonError, fan::parseStrictJson("\"\\ud800\""));
  }
};

class WeightSpecTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void acceptsExactMatch() {
    const fan::WeightMap w{{"a", torch::zeros({2, 3})}, {"b", torch::zeros({4})}, {"pos", torch::zeros({1, 77})}};
    fan::checkWeights(w, {{"a", {2, 3}}, {"b", {4}}}, "model/unet", {"pos"});
  }

  void reportsEveryProblemAtOnce() {
    const fan::WeightMap w{{"a", torch::zeros({2, 3})}, {"b", torch::zeros({5})}, {"extra", torch::zeros({7, 1})},
                           {"pos", torch::zeros({1})}};
    try {
      fan::checkWeights(w, {{"a", {2, 3}}, {"b", {4}}, {"c", {8, 8}}, {"d", {}}}, "model/unet", {"pos"});
      QFAIL("expected an error");
    } catch (const fan::LoadError& e) {
      const QString what = e.what();
      QVERIFY2(what.startsWith("model/unet: weights do not match the model (2 missing, 1 with a wrong shape, 1 unexpected)"),
               e.what());
      QVERIFY2(what.contains("missing: c (expected shape [8, 8])"), e.what());
      QVERIFY2(what.contains("missing: d (expected shape [])"), e.what());
      QVERIFY2(what.contains("wrong shape: b: expected [4], found [5]"), e.what());
      QVERIFY2(what.contains("unexpected: extra [7, 1]"), e.what());
      QVERIFY2(!what.contains("pos") && !what.contains(": a"), e.what());
    }
  }
};

FAN_REGISTER_TEST(SafetensorsTest)
FAN_REGISTER_TEST(WeightSpecTest)
#include "SafetensorsTest.moc"
