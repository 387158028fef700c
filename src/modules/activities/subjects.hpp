#pragma once
// THE public header of the activities module for other modules: the registry of subject kinds.
//
// An activity is about a subject (kind, id) that another module owns: "account" (customers, which
// this module registers itself), "lead" and "opportunity" (sales). This module does not depend on the
// modules that own subjects; each registers a resolver for its kinds at start instead, and activities
// ask it whether a subject exists and whether the caller may see it — the owner's record rule. A user
// who cannot see a subject neither sees nor adds its activities.
//
// How the sales module registers its kinds (it depends on "activities" and links consign_activities):
//
//   .depends = {"audit", "auth", "activities", ...},
//   .start = [](module::Context& ctx) {
//     auto& subjects = ctx.services.Get<activities::SubjectRegistry>();
//     subjects.Register("lead", [](Scope& scope, int64_t id) -> Result<activities::SubjectSummary> {
//       auto lead = GetLead(scope, LeadId{id});  // sales' own use case: its permission, its record
//       if (!lead) return lead.error();          // rule, NotFound when outside them
//       return activities::SubjectSummary{lead->company};
//     });
//     subjects.Register("opportunity", ...);
//   }
//
// Thread safety: Register only while the program is composed (module start); Resolve from any thread.
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "platform/scope/scope.hpp"

namespace consign::activities {

// What a resolver tells about a subject the caller may see: a label to show beside its activities
// ("顺达电子" for an account, a lead's company).
struct SubjectSummary {
  std::string label;
};

// Answers whether subject `id` of its kind exists and the scope's principal may see it: the summary,
// or kNotFound for both "no such record" and "outside your record rule" (an id must not tell that a
// record exists), or kForbidden when the principal may not read that kind at all. Runs in the
// scope's transaction; never writes.
using SubjectResolver = std::function<Result<SubjectSummary>(Scope& scope, int64_t id)>;

class SubjectRegistry {
 public:
  // REQUIRES: `kind` is lower-case letters and underscores, 1–32 characters (what ParseSubject reads),
  // and not registered yet (throws std::logic_error otherwise: a composition bug).
  void Register(std::string kind, SubjectResolver resolver);
  bool Knows(std::string_view kind) const;
  std::vector<std::string> Kinds() const;  // sorted
  // kInvalidArgument naming `field` (reason invalid_enum) for a kind nobody registered; otherwise
  // what the kind's resolver answers.
  [[nodiscard]] Result<SubjectSummary> Resolve(Scope& scope, std::string_view kind, int64_t id,
                                               std::string_view field = "subject") const;

 private:
  std::map<std::string, SubjectResolver, std::less<>> resolvers_;
};

}  // namespace consign::activities
