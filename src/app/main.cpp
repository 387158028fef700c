// Composition root: parses the command line and hands each subcommand its parts. Nothing else.
#include <CLI/CLI.hpp>

int main(int argc, char** argv) {
  CLI::App app{"Consign: the customer system of a logistics and express company"};
  app.require_subcommand(1);
  app.add_subcommand("serve", "Run the HTTP server");
  CLI11_PARSE(app, argc, argv);
  return 0;
}
