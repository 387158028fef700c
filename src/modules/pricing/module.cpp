#include "modules/pricing/module.hpp"

#include <stdexcept>

#include "modules/pricing/access.hpp"
#include "modules/pricing/pricing_http.hpp"
#include "modules/pricing/pricing_service.hpp"
#include "modules/pricing/pricing_store.hpp"

namespace consign::pricing {

module::Module Module() {
  return {
      .name = "pricing",
      // customers: agreement cards reference an account, read through its public header (record rule);
      // audit: every change to a card or the matrix; geo: the division codes zones are made of.
      .depends = {"audit", "customers", "geo"},
      .migrations = Migrations(),
      .access = kAccess,
      .start =
          [](module::Context& ctx) {
            RegisterRoutes(ctx.router);
            db::Database* database = &ctx.database;
            const Clock* clock = &ctx.clock;
            ctx.on_start.push_back([database, clock] {
              if (Status s = SeedStandardPricing(*database, *clock); !s)
                throw std::runtime_error("cannot seed the standard prices: " + s.error().public_message);
            });
          },
      .commands = {},
  };
}

}  // namespace consign::pricing
