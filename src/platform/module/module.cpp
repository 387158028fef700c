#include "platform/module/module.hpp"

#include <charconv>
#include <set>

namespace consign::module {

std::optional<std::string> CommandArgs::Text(std::string_view name) const {
  auto it = given_.find(name);
  if (it == given_.end()) return std::nullopt;
  return it->second;
}

std::optional<int64_t> CommandArgs::Integer(std::string_view name) const {
  auto text = Text(name);
  if (!text) return std::nullopt;
  int64_t value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size())
    throw std::logic_error("option --" + std::string(name) + " is not an integer option");
  return value;
}

bool CommandArgs::Flag(std::string_view name) const { return given_.contains(name); }

namespace {

Error Invalid(std::string message) { return MakeError(ErrorCode::kInvalidArgument, std::move(message)); }

}  // namespace

Result<std::vector<Module>> InStartOrder(std::vector<Module> modules) {
  std::map<std::string_view, size_t> index;
  for (size_t i = 0; i < modules.size(); ++i) {
    if (modules[i].name.empty()) return Invalid("a module has no name");
    if (!index.emplace(modules[i].name, i).second)
      return Invalid("two modules are named " + std::string(modules[i].name));
  }
  for (const Module& m : modules) {
    for (std::string_view dep : m.depends) {
      if (!index.contains(dep))
        return Invalid("module " + std::string(m.name) + " depends on " + std::string(dep) +
                       ", which is not in the module list");
      if (dep == m.name) return Invalid("module " + std::string(m.name) + " depends on itself");
    }
    for (const db::Migration& migration : m.migrations)
      if (migration.module != m.name)
        return Invalid("module " + std::string(m.name) + " registers a migration of module " +
                       std::string(migration.module));
  }

  // Depth-first, visiting modules in list order so the result is stable; a module met again while
  // still on the path closes a cycle.
  enum class Mark { kNone, kOnPath, kDone };
  std::vector<Mark> mark(modules.size(), Mark::kNone);
  std::vector<size_t> path, order;
  std::optional<Error> cycle;
  std::function<void(size_t)> visit = [&](size_t i) {
    if (cycle || mark[i] == Mark::kDone) return;
    if (mark[i] == Mark::kOnPath) {
      std::string text;
      auto from = std::find(path.begin(), path.end(), i);
      for (auto it = from; it != path.end(); ++it) text += std::string(modules[*it].name) + " → ";
      cycle = Invalid("module dependencies form a cycle: " + text + std::string(modules[i].name));
      return;
    }
    mark[i] = Mark::kOnPath;
    path.push_back(i);
    for (std::string_view dep : modules[i].depends) visit(index.at(dep));
    path.pop_back();
    mark[i] = Mark::kDone;
    order.push_back(i);
  };
  for (size_t i = 0; i < modules.size(); ++i) visit(i);
  if (cycle) return *cycle;

  std::vector<Module> sorted;
  sorted.reserve(modules.size());
  for (size_t i : order) sorted.push_back(std::move(modules[i]));
  return sorted;
}

}  // namespace consign::module
