#include "modules/customers/module.hpp"

#include "modules/audit/group_appender.hpp"
#include "modules/customers/access.hpp"
#include "modules/customers/customer_store.hpp"
#include "modules/customers/customers_http.hpp"

namespace consign::customers {

module::Module Module() {
  return {
      .name = "customers",
      .depends = {"audit", "auth"},
      .migrations = Migrations(),
      .access = kAccess,
      .start =
          [](module::Context& ctx) { RegisterRoutes(ctx.router, ctx.services.Get<audit::GroupAppender>()); },
      .commands = {},
  };
}

}  // namespace consign::customers
