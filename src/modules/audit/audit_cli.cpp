#include "modules/audit/audit_cli.hpp"

#include <iostream>

#include "app/cli.hpp"
#include "modules/audit/audit_log.hpp"

namespace consign::audit {

void AddCommands(app::Cli& cli) {
  CLI::App* audit = cli.app().add_subcommand("audit", "Inspect the audit trail");
  audit->require_subcommand(1);
  CLI::App* verify = cli.AddCommand(*audit, "verify", "Check the hash chain of the audit trail");
  verify->callback([&cli, verify] {
    cli.RunComposed(verify, [](app::AppParts& parts) {
      Result<VerifyReport> report = VerifyChain(parts.database, VerifyOptions{parts.config.audit_anchor});
      if (!report) {
        std::cerr << "consign: " << report.error().public_message << "\n";
        return 2;
      }
      for (const std::string& line : ReportLines(*report)) std::cout << line << "\n";
      return report->intact() ? 0 : 1;
    });
  });
}

}  // namespace consign::audit
