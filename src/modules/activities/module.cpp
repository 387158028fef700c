#include "modules/activities/module.hpp"

#include <memory>

#include "modules/activities/access.hpp"
#include "modules/activities/activities_http.hpp"
#include "modules/activities/activity.hpp"
#include "modules/activities/activity_store.hpp"
#include "modules/activities/subjects.hpp"
#include "modules/customers/customer_service.hpp"

namespace consign::activities {

module::Module Module() {
  return {
      .name = "activities",
      // auth: owners are users; customers: accounts are subjects (its record rule through its service)
      // and referrals name two of them; audit: every write is recorded.
      .depends = {"audit", "auth", "customers"},
      .migrations = Migrations(),
      .access = kAccess,
      .start =
          [](module::Context& ctx) {
            SubjectRegistry& subjects = ctx.services.Provide(std::make_unique<SubjectRegistry>());
            // An account's activities go with the account: customers::Get applies customers.read and
            // its record rule (ScopeFor), answering NotFound outside it.
            subjects.Register(std::string(kAccountSubject), [](Scope& scope, int64_t id) -> Result<SubjectSummary> {
              auto account = customers::Get(scope, id);
              if (!account) return account.error();
              return SubjectSummary{account->name};
            });
            RegisterRoutes(ctx.router, subjects);
          },
      .commands = {},
  };
}

}  // namespace consign::activities
