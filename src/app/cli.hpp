#pragma once
// What every subcommand shares: the configuration flags, logging set-up, the clock, and a composed
// program (database opened, migrations applied, modules registered).
//
// A module adds its commands from main.cpp with one line, e.g. `auth::AddCommands(cli)`, written as:
//   void AddCommands(app::Cli& cli) {
//     CLI::App* user = cli.app().add_subcommand("user", "Manage users");
//     CLI::App* add = cli.AddCommand(*user, "add", "Create a user");
//     add->add_option("--login", login_)->required();
//     add->callback([&cli, add] {
//       cli.RunComposed(add, [&](AppParts& parts) { ...; return 0; });   // the exit code
//     });
//   }
// (Options bound to variables must outlive parsing: keep them in static or heap storage.)
#include <CLI/CLI.hpp>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "app/config.hpp"
#include "app/modules.hpp"
#include "core/clock.hpp"

namespace consign::app {

class Cli {
 public:
  explicit Cli(CLI::App& app);
  Cli(const Cli&) = delete;
  Cli& operator=(const Cli&) = delete;

  CLI::App& app() { return app_; }

  // A subcommand of `parent` (default: the program) taking --config and every configuration flag.
  CLI::App* AddCommand(std::string name, std::string description);
  CLI::App* AddCommand(CLI::App& parent, std::string name, std::string description);

  // After parsing, inside `command`'s callback: the configuration (defaults ← file ← env ← flags).
  // On a bad value prints the error and throws CLI::RuntimeError(2).
  Config LoadConfig(const CLI::App* command) const;

  // Sets up logging from `config` (stderr; text or JSON lines).
  static void SetUpLogging(const Config& config);

  // SystemClock, or a ManualClock fixed at CONSIGN_FAKE_NOW (RFC 3339) for black-box tests.
  static std::unique_ptr<Clock> MakeClock();

  // Loads the configuration, opens the database, registers every module, applies the migrations and
  // calls `body`. Throws CLI::RuntimeError(code) when `body` returns non-zero, so main exits with it.
  void RunComposed(const CLI::App* command, const std::function<int(AppParts&)>& body) const;

 private:
  struct CommandFlags {
    CLI::Option* config_file = nullptr;
    std::string config_path;
    std::vector<std::pair<std::string, CLI::Option*>> options;  // (key, option)
    std::map<std::string, std::string> values;                 // key → value given
  };

  CLI::App& app_;
  std::map<const CLI::App*, std::unique_ptr<CommandFlags>> flags_;
};

// serve, migrate, routes.
void AddServeCommand(Cli& cli);
void AddMigrateCommand(Cli& cli);
void AddRoutesCommand(Cli& cli);

}  // namespace consign::app
