#include "modules/demo/module.hpp"

#include "modules/demo/demo_cli.hpp"

namespace consign::demo {

module::Module Module() {
  return {
      .name = "demo",
      // its sales force are auth's users; its accounts customers'; its leads sales'; its sales work
      // activities'; its contracts and their agreement prices contracts' and pricing's
      .depends = {"auth", "customers", "sales", "activities", "contracts", "pricing", "carriers", "orders", "tracking"},
      .migrations = {},
      .access = {},
      .start = {},
      .commands = Commands(),
  };
}

}  // namespace consign::demo
