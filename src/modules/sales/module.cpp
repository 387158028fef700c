#include "modules/sales/module.hpp"

#include "modules/sales/access.hpp"

namespace consign::sales {

module::Module Module() {
  return {
      .name = "sales",
      .depends = {},
      .migrations = {},
      .access = kAccess,
      .start = [](module::Context&) {},
      .commands = {},
  };
}

}  // namespace consign::sales
