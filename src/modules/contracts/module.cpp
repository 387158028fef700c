#include "modules/contracts/module.hpp"

#include "modules/contracts/access.hpp"
#include "modules/contracts/contract_service.hpp"
#include "modules/contracts/contract_store.hpp"
#include "modules/contracts/contracts_http.hpp"
#include "platform/http/handler.hpp"
#include "platform/jobs/job_runner.hpp"

namespace consign::contracts {

module::Module Module() {
  return {
      .name = "contracts",
      // customers: the account a contract belongs to, its industry template and record rule;
      // auth: users own, submit and approve contracts; audit: every change and decision is recorded.
      .depends = {"audit", "auth", "customers", "pricing"},  // pricing: the agreement card follows the contract
      .migrations = Migrations(),
      .access = kAccess,
      .start =
          [](module::Context& ctx) {
            RegisterRoutes(ctx.router);
            const Clock* clock = &ctx.clock;
            // Claimed in the database (jobs::Claim), so with several nodes one of them runs it; the
            // handler is idempotent (one notice per contract and end date) for the at-least-once rerun.
            ctx.jobs.Register(std::string(kExpiryWarningJob), [clock](const jobs::Job& job, db::Database& writes) {
              auto id = http::ParsePositiveInt(job.payload);
              if (!id) return Status(Internal("contracts.expiry_warning: bad payload"));
              return RunExpiryWarning(writes, *clock, ContractId{*id});
            });
            // The day after the end: auto-renewal or the end (RunExpiryEnd), claimed and idempotent alike.
            ctx.jobs.Register(std::string(kExpiryEndJob), [clock](const jobs::Job& job, db::Database& writes) {
              auto id = http::ParsePositiveInt(job.payload);
              if (!id) return Status(Internal("contracts.expiry_end: bad payload"));
              return RunExpiryEnd(writes, *clock, ContractId{*id});
            });
          },
      .commands = {},
  };
}

}  // namespace consign::contracts
