#pragma once
// `consign audit verify --db URL`: exit 0 and "audit trail intact: N entries", or exit 1 and
// "audit trail broken at entry ID: reason".
namespace consign::app {
class Cli;
}

namespace consign::audit {

void AddCommands(app::Cli& cli);

}  // namespace consign::audit
