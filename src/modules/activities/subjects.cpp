#include "modules/activities/subjects.hpp"

#include <stdexcept>

#include "modules/activities/activity.hpp"

namespace consign::activities {

void SubjectRegistry::Register(std::string kind, SubjectResolver resolver) {
  const auto parsed = ParseSubject(kind + ":1");
  if (!parsed || parsed->kind != kind) throw std::logic_error("activities: bad subject kind '" + kind + "'");
  if (!resolvers_.emplace(kind, std::move(resolver)).second)
    throw std::logic_error("activities: subject kind '" + kind + "' registered twice");
}

bool SubjectRegistry::Knows(std::string_view kind) const { return resolvers_.find(kind) != resolvers_.end(); }

std::vector<std::string> SubjectRegistry::Kinds() const {
  std::vector<std::string> kinds;
  for (const auto& [kind, resolver] : resolvers_) kinds.push_back(kind);
  return kinds;
}

Result<SubjectSummary> SubjectRegistry::Resolve(Scope& scope, std::string_view kind, int64_t id,
                                                std::string_view field) const {
  auto it = resolvers_.find(kind);
  if (it == resolvers_.end()) {
    std::string allowed;
    for (const auto& [known, resolver] : resolvers_) allowed += (allowed.empty() ? "" : ", ") + known;
    return InvalidField(std::string(field), "invalid_enum", "the subject's kind must be one of: " + allowed);
  }
  return it->second(scope, id);
}

}  // namespace consign::activities
