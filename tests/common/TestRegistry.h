// Lets several Qt Test classes share one executable (CI budget: few test executables).
// In a test .cpp:  FAN_REGISTER_TEST(MyTestClass)  after the class and its moc include.
#pragma once

#include <QObject>

#include <functional>
#include <memory>
#include <vector>

namespace fan::test {

using TestFactory = std::function<std::unique_ptr<QObject>()>;
std::vector<std::pair<const char*, TestFactory>>& registry();

struct Registrar {
  Registrar(const char* name, TestFactory factory) { registry().emplace_back(name, std::move(factory)); }
};

}  // namespace fan::test

#define FAN_REGISTER_TEST(Class)                                                          \
  static const ::fan::test::Registrar fanTestRegistrar_##Class(#Class, [] {             \
    return std::unique_ptr<QObject>(new Class);                                          \
  });
