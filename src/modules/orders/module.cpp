#include "modules/orders/module.hpp"

#include "modules/orders/access.hpp"
#include "modules/orders/order_store.hpp"
#include "modules/orders/orders_http.hpp"

namespace consign::orders {

module::Module Module() {
  return {
      .name = "orders",
      // customers: an order belongs to an account (its record rule); pricing: the quote prices it;
      // contracts: COD, the declared-value limit and the transit promise; carriers: who takes it;
      // audit: every change; auth: the creator.
      .depends = {"audit", "auth", "customers", "pricing", "contracts", "carriers"},
      .migrations = Migrations(),
      .access = kAccess,
      .start = [](module::Context& ctx) { RegisterRoutes(ctx.router); },
      .commands = {},
  };
}

}  // namespace consign::orders
