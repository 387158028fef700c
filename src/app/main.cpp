// Composition root: the command line. The program's own commands are here; every module's come from
// its description (module::Module::commands).
#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>

#include "app/cli.hpp"

int main(int argc, char** argv) {
  CLI::App app{"Consign: the customer system of a logistics and express company"};
  app.require_subcommand(1);
  consign::app::Cli cli(app);

  consign::app::AddServeCommand(cli);
  consign::app::AddMigrateCommand(cli);
  consign::app::AddRoutesCommand(cli);
  consign::app::AddModuleCommands(cli);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);  // also the exit code a command's callback asked for (CLI::RuntimeError)
  } catch (const std::exception& e) {
    // Broken infrastructure (database unreachable, port taken): one clear line, no stack of noise.
    std::cerr << "consign: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
