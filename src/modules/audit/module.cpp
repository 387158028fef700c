#include "modules/audit/module.hpp"

#include <iostream>

#include "modules/audit/access.hpp"
#include "modules/audit/audit_http.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/audit/group_appender.hpp"

namespace consign::audit {

namespace {

// `consign audit verify`: exit 0 and "audit trail intact: N entries", or exit 1 and "audit trail
// broken at entry ID: reason".
int Verify(const module::CommandArgs&, module::CommandEnv& env) {
  Result<VerifyReport> report = VerifyChain(env.database);
  if (!report) {
    env.err << "consign: " << report.error().public_message << "\n";
    return 2;
  }
  if (report->intact()) {
    env.out << "audit trail intact: " << report->entries << " entries\n";
    return 0;
  }
  env.out << "audit trail broken at entry " << *report->broken_id << ": " << report->reason << "\n";
  return 1;
}

}  // namespace

module::Module Module() {
  return {
      .name = "audit",
      .depends = {},
      .migrations = Migrations(),
      .access = kAccess,
      .start =
          [](module::Context& ctx) {
            RegisterRoutes(ctx.router);
            // Unmasked views of personal data, from every module that shows it, share durable commits.
            ctx.services.Provide(std::make_unique<GroupAppender>(ctx.database));
          },
      .commands =
          {
              {.path = {"audit"}, .description = "Inspect the audit trail", .options = {}, .run = {}},
              {.path = {"audit", "verify"},
               .description = "Check the hash chain of the audit trail",
               .options = {},
               .run = Verify},
          },
  };
}

}  // namespace consign::audit
