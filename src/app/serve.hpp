#pragma once
// Composition of the program and `consign serve`.
#include <memory>
#include <vector>

#include "app/config.hpp"
#include "core/clock.hpp"
#include "platform/db/database.hpp"
#include "platform/http/metrics.hpp"
#include "platform/http/router.hpp"
#include "platform/module/module.hpp"

namespace consign::jobs {
class JobRunner;
}

namespace consign::app {

// Everything a command composes, in construction order (destroyed in reverse: the modules' objects,
// which may hold references to everything else, go first).
struct Composition {
  Composition();
  ~Composition();
  Config config;
  std::unique_ptr<Clock> clock;
  std::unique_ptr<db::Database> database;
  http::Router router;
  http::Metrics metrics;
  std::unique_ptr<jobs::JobRunner> jobs;
  std::vector<module::Module> modules;  // in start order
  std::vector<db::Migration> migrations;
  std::unique_ptr<module::Services> services;
  std::unique_ptr<module::Context> context;  // what the modules plugged in
};

enum class ComposeMode {
  kMigrate,     // open the database and apply every migration
  kNoDatabase,  // a database that refuses every transaction (listing routes)
};

// Orders the modules by dependency, registers the platform routes, starts every module, checks that
// every route names a permission some module declares, and applies the migrations. Throws
// std::logic_error for a broken module list (a cycle, an unknown dependency or permission) and
// db::DbError when the database cannot be opened or migrated.
std::unique_ptr<Composition> Compose(Config config, std::unique_ptr<Clock> clock, ComposeMode mode);

// Runs the server until SIGTERM/SIGINT. Returns the process exit code.
int Serve(Config config, std::unique_ptr<Clock> clock);

}  // namespace consign::app
