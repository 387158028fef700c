#pragma once
// `consign user add --login L --role R --password-stdin [--name N] [--team T] [--customer-id ID]`
// and `consign user set-password --login L --password-stdin`. Passwords come on standard input only,
// never as arguments (which `ps` and shell history would keep).
namespace consign::app {
class Cli;
}

namespace consign::auth {

void AddCommands(app::Cli& cli);

}  // namespace consign::auth
