#include "core/schedulers/SchedulerFactory.h"

#include "core/io/JsonConfig.h"
#include "core/io/Safetensors.h"
#include "core/schedulers/DDIMScheduler.h"
#include "core/schedulers/DPMSolverMultistepScheduler.h"
#include "core/schedulers/EulerAncestralDiscreteScheduler.h"
#include "core/schedulers/EulerDiscreteScheduler.h"
#include "core/schedulers/LMSDiscreteScheduler.h"
#include "core/schedulers/PNDMScheduler.h"

#include <QJsonObject>

#include <functional>
#include <stdexcept>
#include <utility>

namespace fan {

namespace {

struct SchedulerClass {
  const char* name;
  std::function<SchedulerConfig()> defaults;
  std::function<std::unique_ptr<Scheduler>(SchedulerConfig)> create;
};

template <typename T>
SchedulerClass entry(const char* name) {
  return {name, &T::defaults, [](SchedulerConfig c) { return std::make_unique<T>(std::move(c)); }};
}

const std::vector<SchedulerClass>& classes() {
  static const std::vector<SchedulerClass> all = {
      entry<PNDMScheduler>("PNDMScheduler"),
      entry<DDIMScheduler>("DDIMScheduler"),
      entry<EulerDiscreteScheduler>("EulerDiscreteScheduler"),
      entry<EulerAncestralDiscreteScheduler>("EulerAncestralDiscreteScheduler"),
      entry<DPMSolverMultistepScheduler>("DPMSolverMultistepScheduler"),
      entry<LMSDiscreteScheduler>("LMSDiscreteScheduler"),
  };
  return all;
}

// A picker name: the class it builds and the from_config keyword overrides it implies.
struct NamedScheduler {
  const char* name;
  const char* className;
  QJsonObject overrides;
};

const std::vector<NamedScheduler>& named() {
  static const std::vector<NamedScheduler> all = {
      {"PNDM", "PNDMScheduler", {}},
      {"DDIM", "DDIMScheduler", {}},
      {"Euler", "EulerDiscreteScheduler", {}},
      {"Euler a", "EulerAncestralDiscreteScheduler", {}},
      {"DPM++ 2M", "DPMSolverMultistepScheduler",
       {{"algorithm_type", "dpmsolver++"}, {"solver_order", 2}, {"use_karras_sigmas", false}}},
      {"DPM++ 2M Karras", "DPMSolverMultistepScheduler",
       {{"algorithm_type", "dpmsolver++"}, {"solver_order", 2}, {"use_karras_sigmas", true}}},
      {"LMS", "LMSDiscreteScheduler", {}},
  };
  return all;
}

bool sameName(const std::string& a, const char* b) { return QString::fromStdString(a).compare(b, Qt::CaseInsensitive) == 0; }

std::string supportedList() {
  std::string out;
  for (const NamedScheduler& n : named()) out += std::string(out.empty() ? "" : ", ") + "\"" + n.name + "\"";
  for (const SchedulerClass& c : classes()) out += std::string(", ") + c.name;
  return out;
}

}  // namespace

std::vector<std::string> schedulerNames() {
  std::vector<std::string> out;
  for (const NamedScheduler& n : named()) out.emplace_back(n.name);
  return out;
}

std::vector<std::string> schedulerClassNames() {
  std::vector<std::string> out;
  for (const SchedulerClass& c : classes()) out.emplace_back(c.name);
  return out;
}

std::unique_ptr<Scheduler> makeScheduler(const JsonConfig& folderConfig, const std::string& nameOrClass) {
  std::string className = nameOrClass;
  QJsonObject values = folderConfig.object();
  if (nameOrClass.empty()) {
    className = folderConfig.requiredString("_class_name");
  } else {
    for (const NamedScheduler& n : named()) {
      if (!sameName(nameOrClass, n.name)) continue;
      className = n.className;
      for (auto it = n.overrides.begin(); it != n.overrides.end(); ++it) values.insert(it.key(), it.value());
      break;
    }
  }
  for (const SchedulerClass& c : classes()) {
    if (!sameName(className, c.name)) continue;
    return c.create(readSchedulerConfig(JsonConfig(values, folderConfig.file()), c.defaults()));
  }
  const std::string message = "unknown scheduler '" + className + "'; supported: " + supportedList();
  if (nameOrClass.empty()) throw LoadError(folderConfig.file().toStdString() + ": _class_name: " + message);
  throw std::invalid_argument(message);
}

std::string samplerDisplayName(const Scheduler& scheduler) {
  const SchedulerConfig& c = scheduler.config();
  const std::string& cls = scheduler.className();
  if (cls == "DPMSolverMultistepScheduler") {
    if (c.algorithmType != "dpmsolver++" || c.solverOrder != 2) return cls;
    return c.useKarrasSigmas ? "DPM++ 2M Karras" : "DPM++ 2M";
  }
  for (const NamedScheduler& n : named())
    if (cls == n.className) return n.name;
  return cls;
}

}  // namespace fan
