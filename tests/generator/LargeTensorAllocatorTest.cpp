// fan::installLargeTensorAllocator (installed by TestMain, as by both executables): tensors from
// kLargeTensorBytes up live on their own huge-page-aligned mappings, reused when the same size
// comes again and unmapped when too large to keep; smaller ones and blocks of LibTorch's default
// allocator (also freed through the installed one, as oneDNN's raw interface does) keep working.
#include "core/runtime/Runtime.h"
#include "tests/common/TestRegistry.h"

#include <c10/core/CPUAllocator.h>

#include <QTest>

#include <sys/mman.h>
#include <unistd.h>

namespace {

constexpr uintptr_t kHugePage = uintptr_t(2) << 20;

bool mapped(const void* p) {
  const uintptr_t page = static_cast<uintptr_t>(sysconf(_SC_PAGESIZE));
  unsigned char residency = 0;
  return mincore(reinterpret_cast<void*>(reinterpret_cast<uintptr_t>(p) / page * page), 1, &residency) == 0;
}

}  // namespace

class LargeTensorAllocatorTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void largeTensorsGetTheirOwnMappings() {
    for (const int64_t bytes : {int64_t(fan::kLargeTensorBytes), int64_t(9) << 20, int64_t(100) << 20}) {
      torch::Tensor t = torch::empty({bytes / 4});
      QCOMPARE(reinterpret_cast<uintptr_t>(t.data_ptr()) % kHugePage, uintptr_t(0));
      t.fill_(2.0f);
      QCOMPARE(t.sum().item<double>(), 2.0 * double(bytes / 4));
    }
  }

  void freedMappingsAreReusedOrUnmapped() {
    const void* first = torch::empty({int64_t(9) << 18}).data_ptr();  // 9 MiB, freed at once
    const torch::Tensor again = torch::empty({int64_t(9) << 18});
    QCOMPARE(again.data_ptr(), first);
    const void* huge = nullptr;
    {
      const torch::Tensor t = torch::ones({int64_t(100) << 18});  // 100 MiB: more than is kept
      huge = t.data_ptr();
      QVERIFY(mapped(huge));
    }
    QVERIFY2(!mapped(huge), "a freed 100 MiB tensor stays mapped");
  }

  // More than the address space holds: refused up front, in LibTorch's own words (which the
  // pipeline turns into OutOfMemoryError).
  void impossibleSizesAreRefused() {
    try {
      torch::empty({int64_t(1) << 48});  // 1 PiB
      QFAIL("a 1 PiB tensor was allocated");
    } catch (const c10::Error& e) {
      QVERIFY2(std::string(e.what()).find("can't allocate memory") != std::string::npos, e.what());
    }
  }

  void smallTensorsStayOnTheHeap() {
    const torch::Tensor t = torch::arange(1000, torch::kFloat);
    QCOMPARE(reinterpret_cast<uintptr_t>(t.data_ptr()) % 64, uintptr_t(0));
    QCOMPARE(t.sum().item<double>(), 999.0 * 1000 / 2);
    const torch::Tensor justBelow = torch::ones({int64_t(fan::kLargeTensorBytes) / 4 - 1});
    QCOMPARE(justBelow.sum().item<double>(), double(justBelow.numel()));
  }

  void rawInterfaceServesEveryBlock() {
    c10::Allocator* installed = c10::GetAllocator(c10::DeviceType::CPU);
    QVERIFY(installed != c10::GetDefaultCPUAllocator());
    for (const size_t bytes : {size_t(100), size_t(fan::kLargeTensorBytes) + 1}) {
      auto* p = static_cast<char*>(installed->raw_allocate(bytes));
      p[0] = 1;
      p[bytes - 1] = 2;
      installed->raw_deallocate(p);
    }
    // A block of the default allocator (made before installation) freed through the installed one.
    void* early = c10::GetDefaultCPUAllocator()->raw_allocate(size_t(8) << 20);
    installed->raw_deallocate(early);
  }
};

FAN_REGISTER_TEST(LargeTensorAllocatorTest)
#include "LargeTensorAllocatorTest.moc"
