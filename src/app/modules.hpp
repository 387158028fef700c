#pragma once
// Composition of the modules: what each one gets to plug itself into the program. Every command
// (serve, migrate, routes, and the modules' own) builds the same AppParts, so routes, migrations and
// services are assembled in exactly one place: RegisterModules() in modules.cpp.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "app/config.hpp"
#include "core/clock.hpp"
#include "platform/db/database.hpp"
#include "platform/http/metrics.hpp"
#include "platform/http/router.hpp"

namespace consign::jobs {
class JobRunner;
}

namespace consign::app {

struct AppParts {
  AppParts(http::Router& router, db::Database& database, const Clock& clock, const Config& config,
           http::Metrics& metrics, jobs::JobRunner& jobs);
  ~AppParts();
  AppParts(const AppParts&) = delete;
  AppParts& operator=(const AppParts&) = delete;

  http::Router& router;
  db::Database& database;
  const Clock& clock;
  const Config& config;
  http::Metrics& metrics;
  jobs::JobRunner& jobs;  // register job handlers here; serve starts it after migrations

  // Who is calling and may they: the auth module replaces these. Until it does, every request is
  // anonymous and every non-public route answers 401.
  std::unique_ptr<http::Authenticator> authenticator;
  std::unique_ptr<http::Authorizer> authorizer;

  // Each module appends its migrations; they are applied in this order once all modules registered.
  std::vector<db::Migration> migrations;
  // Run by `serve` after the migrations and before listening (e.g. create the first admin).
  std::vector<std::function<void()>> on_start;

  // Keeps an object a module made (a service, a store) alive as long as the program runs, and
  // returns it so other modules can be handed a reference. Destroyed in reverse order of Keep().
  template <class T>
  T& Keep(std::unique_ptr<T> object) {
    T& ref = *object;
    // shared_ptr<void> only to erase the type; ownership stays here alone.
    kept_.push_back(std::shared_ptr<void>(std::move(object)));
    return ref;
  }

 private:
  std::vector<std::shared_ptr<void>> kept_;
};

// Adds every module's routes, migrations, job handlers and start hooks to `parts`.
void RegisterModules(AppParts& parts);

// GET /healthz, GET /readyz, GET /metrics.
void RegisterPlatformRoutes(AppParts& parts);

}  // namespace consign::app
