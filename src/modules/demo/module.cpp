#include "modules/demo/module.hpp"

#include "modules/demo/demo_cli.hpp"

namespace consign::demo {

module::Module Module() {
  return {
      .name = "demo",
      .depends = {"auth", "customers", "sales"},  // its sales force are auth's users; its accounts customers'
      .migrations = {},
      .access = {},
      .start = {},
      .commands = Commands(),
  };
}

}  // namespace consign::demo
