#include "modules/geo/module.hpp"

#include "modules/geo/divisions_http.hpp"

namespace consign::geo {

module::Module Module() {
  return {
      .name = "geo",
      .depends = {},
      .migrations = {},
      .access = {},  // its one route is for any signed-in user: no permission of its own
      .start = [](module::Context& ctx) { RegisterRoutes(ctx.router); },
      .commands = {},
  };
}

}  // namespace consign::geo
