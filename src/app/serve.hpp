#pragma once
// Composition of the program and `consign serve`.
#include <memory>

#include "app/config.hpp"
#include "app/modules.hpp"
#include "core/clock.hpp"
#include "platform/db/database.hpp"
#include "platform/http/metrics.hpp"
#include "platform/http/router.hpp"

namespace consign::jobs {
class JobRunner;
}

namespace consign::app {

// Everything a command composes, in construction order (destroyed in reverse).
struct Composition {
  Composition();
  ~Composition();
  Config config;
  std::unique_ptr<Clock> clock;
  std::unique_ptr<db::Database> database;
  http::Router router;
  http::Metrics metrics;
  std::unique_ptr<jobs::JobRunner> jobs;
  std::unique_ptr<AppParts> parts;
};

enum class ComposeMode {
  kMigrate,     // open the database and apply every migration
  kNoDatabase,  // a database that refuses every transaction (listing routes)
};

// Opens the database (unless kNoDatabase), registers the platform routes and every module, applies
// the migrations. Throws db::DbError when the database cannot be opened or migrated.
std::unique_ptr<Composition> Compose(Config config, std::unique_ptr<Clock> clock, ComposeMode mode);

// Runs the server until SIGTERM/SIGINT. Returns the process exit code.
int Serve(Config config, std::unique_ptr<Clock> clock);

}  // namespace consign::app
