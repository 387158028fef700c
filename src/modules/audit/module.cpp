#include "modules/audit/module.hpp"

#include <iostream>

#include "modules/audit/access.hpp"
#include "modules/audit/audit_http.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/audit/group_appender.hpp"

namespace consign::audit {

namespace {

// `consign audit verify [--anchor FILE]`: exit 0 and "audit trail intact: ...", or exit 1 and a line
// per finding (the first altered entry, entries cut off the end of a chain, heads behind the anchor).
int Verify(const module::CommandArgs& args, module::CommandEnv& env) {
  Result<VerifyReport> report = VerifyChain(env.database, VerifyOptions{args.Text("anchor").value_or("")});
  if (!report) {
    env.err << "consign: " << report.error().public_message << "\n";
    return 2;
  }
  for (const std::string& line : ReportLines(*report)) env.out << line << "\n";
  return report->intact() ? 0 : 1;
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
            // For modules that audit a read: their entries share durable commits.
            ctx.services.Provide(std::make_unique<GroupAppender>(ctx.database));
            RegisterRoutes(ctx.router);
          },
      .commands =
          {
              {.path = {"audit"}, .description = "Inspect the audit trail", .options = {}, .run = {}},
              {.path = {"audit", "verify"},
               .description = "Check the hash chains of the audit trail",
               .options = {{.name = "anchor",
                            .help = "File outside the database where verify checks and records the chain heads "
                                    "(catches entries cut off the end together with their head)"}},
               .run = Verify},
          },
  };
}

}  // namespace consign::audit
