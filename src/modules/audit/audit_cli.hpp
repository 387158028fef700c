#pragma once
// `consign audit verify --db URL [--audit-anchor FILE]`: exit 0 and "audit trail intact: N entries
// in C chains", or exit 1 and "audit trail broken at entry ID: reason" and/or one "audit trail cut
// off at the end of chain C: ..." line per chain cut short (see audit::ReportLines).
namespace consign::app {
class Cli;
}

namespace consign::audit {

void AddCommands(app::Cli& cli);

}  // namespace consign::audit
