#include "modules/orders/module.hpp"

namespace consign::orders {

module::Module Module() {
  return {
      .name = "orders",
      .depends = {},
      .migrations = {},
      .access = {},
      .start = [](module::Context&) {},
      .commands = {},
  };
}

}  // namespace consign::orders
