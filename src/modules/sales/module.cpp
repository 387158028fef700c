#include "modules/sales/module.hpp"

#include "modules/activities/subjects.hpp"
#include "modules/sales/access.hpp"
#include "modules/sales/sales_service.hpp"
#include "modules/sales/sales_http.hpp"
#include "modules/sales/sales_store.hpp"

namespace consign::sales {

module::Module Module() {
  return {
      .name = "sales",
      // audit: every change is recorded; auth: owners, teams; customers: conversion creates the account,
      // duplicates are checked against accounts; geo: region codes are GB/T 2260 divisions; activities:
      // calls, visits and notes on leads and opportunities (this module tells it what they are);
      // contracts: a won opportunity drafts the account's contract.
      .depends = {"audit", "auth", "customers", "geo", "activities", "contracts"},
      .migrations = Migrations(),
      .access = kAccess,
      .start =
          [](module::Context& ctx) {
            RegisterRoutes(ctx.router);
            // Leads and opportunities as subjects of activities: GetLead/GetOpportunity apply this
            // module's permission and record rule (NotFound outside it).
            auto& subjects = ctx.services.Get<activities::SubjectRegistry>();
            subjects.Register("lead", [](Scope& scope, int64_t id) -> Result<activities::SubjectSummary> {
              auto lead = GetLead(scope, LeadId{id});
              if (!lead) return std::move(lead).error();
              return activities::SubjectSummary{lead->company};
            });
            subjects.Register("opportunity", [](Scope& scope, int64_t id) -> Result<activities::SubjectSummary> {
              auto opportunity = GetOpportunity(scope, OpportunityId{id});
              if (!opportunity) return std::move(opportunity).error();
              return activities::SubjectSummary{opportunity->name};
            });
          },
      .commands = {},
  };
}

}  // namespace consign::sales
