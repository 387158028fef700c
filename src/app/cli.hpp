#pragma once
// The command line: CLI11 lives here and in cli.cpp/main.cpp only. Modules describe their commands as
// data (module::Command in platform/module/module.hpp); AddModuleCommands maps them onto CLI11.
//
// Every command takes --config and every configuration flag; a command that needs the program gets it
// composed (database opened, migrations applied, every module started) before its body runs.
#include <CLI/CLI.hpp>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "app/config.hpp"
#include "app/serve.hpp"
#include "core/clock.hpp"
#include "platform/module/module.hpp"

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

  // Loads the configuration, composes the program (migrations applied) and calls `body`. Throws
  // CLI::RuntimeError(code) when `body` returns non-zero, so main exits with it.
  void RunComposed(const CLI::App* command, const std::function<int(Composition&)>& body) const;

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
// Every module's commands (module::Module::commands).
void AddModuleCommands(Cli& cli);

}  // namespace consign::app
