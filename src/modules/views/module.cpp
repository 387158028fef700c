#include "modules/views/module.hpp"

#include "modules/views/access.hpp"
#include "modules/views/saved_view_store.hpp"
#include "modules/views/views_http.hpp"

namespace consign::views {

module::Module Module() {
  return {
      .name = "views",
      .depends = {"audit", "auth"},  // saved_views.user_id references auth's users; changes are audited
      .migrations = Migrations(),
      .access = kAccess,
      .start = [](module::Context& ctx) { RegisterRoutes(ctx.router); },
      .commands = {},
  };
}

}  // namespace consign::views
