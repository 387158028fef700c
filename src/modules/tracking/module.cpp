#include "modules/tracking/module.hpp"

namespace consign::tracking {

// The domain is in (status model, code mapping, state from events, ETA, exception rules); the scans'
// tables, routes and jobs come next (README.md).
module::Module Module() {
  return {
      .name = "tracking",
      .depends = {},
      .migrations = {},
      .access = {},
      .start = [](module::Context&) {},
      .commands = {},
  };
}

}  // namespace consign::tracking
