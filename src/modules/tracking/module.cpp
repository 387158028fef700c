#include "modules/tracking/module.hpp"

#include "modules/tracking/tracking_http.hpp"
#include "modules/tracking/tracking_store.hpp"

namespace consign::tracking {

module::Module Module() {
  return {
      .name = "tracking",
      // orders: the order a scan belongs to, its record rule and its promise; carriers: the key that
      // says which carrier is pushing; audit: the hash that names an event without an id.
      .depends = {"orders", "carriers", "audit"},
      .migrations = Migrations(),
      .access = {},
      .start = [](module::Context& ctx) { RegisterRoutes(ctx.router); },
      .commands = {},
  };
}

}  // namespace consign::tracking
