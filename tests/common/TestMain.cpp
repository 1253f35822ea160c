// Runs every registered test class, or only those named with  -class NAME[,NAME...]
// (remaining arguments go to QTest, e.g. a test function name).
#include "tests/common/TestRegistry.h"

#if FAN_TEST_TORCH
#include "core/runtime/Runtime.h"
#endif

#include <QApplication>
#include <QStringList>
#include <QTest>

#include <algorithm>
#include <cstdio>

namespace fan::test {
std::vector<std::pair<const char*, TestFactory>>& registry() {
  static std::vector<std::pair<const char*, TestFactory>> tests;
  return tests;
}
}  // namespace fan::test

int main(int argc, char** argv) {
#if FAN_TEST_TORCH
  fan::installLargeTensorAllocator();  // as the executables do: tests run the engine as shipped
#endif
  // Tests never need a real display; widget tests render offscreen unless told otherwise.
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  QApplication app(argc, argv);
  QStringList args = app.arguments();
  QStringList only;
  const qsizetype classArg = args.indexOf(QStringLiteral("-class"));
  if (classArg >= 0 && classArg + 1 < args.size()) {
    only = args.at(classArg + 1).split(',');
    args.remove(classArg, 2);
  }
  auto& tests = fan::test::registry();
  std::sort(tests.begin(), tests.end(), [](const auto& a, const auto& b) { return qstrcmp(a.first, b.first) < 0; });
  int failures = 0, ran = 0;
  for (const auto& [name, factory] : tests) {
    if (!only.isEmpty() && !only.contains(QString::fromLatin1(name))) continue;
    std::unique_ptr<QObject> test = factory();
    failures += QTest::qExec(test.get(), args) != 0 ? 1 : 0;
    ++ran;
  }
  std::printf("%d test classes run, %d failed\n", ran, failures);
  return failures == 0 && ran > 0 ? 0 : 1;
}
