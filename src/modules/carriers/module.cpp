#include "modules/carriers/module.hpp"

#include "modules/carriers/access.hpp"
#include "modules/carriers/carrier_store.hpp"
#include "modules/carriers/carriers_http.hpp"

namespace consign::carriers {

module::Module Module() {
  return {
      .name = "carriers",
      // audit: every change is recorded; auth: API keys name the user who made them (users table) and
      // are made by its credentials; pricing: products and zones (its public headers), geo through it.
      .depends = {"audit", "auth", "geo", "pricing"},
      .migrations = Migrations(),
      .access = kAccess,
      .start = [](module::Context& ctx) { RegisterRoutes(ctx.router); },
      .commands = {},
  };
}

}  // namespace consign::carriers
