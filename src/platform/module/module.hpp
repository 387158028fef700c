#pragma once
// THE module contract. A module describes itself once, in its folder's module.cpp:
//
//   module::Module Module() {
//     return {
//         .name = "views",
//         .depends = {"audit", "auth"},        // the modules it calls; as its target_link_libraries
//         .migrations = Migrations(),          // its tables, both dialects
//         .access = kAccess,                   // its part of the permission matrix (access.hpp)
//         .start = [](module::Context& ctx) {  // routes, job handlers, services for other modules
//           RegisterRoutes(ctx.router);
//         },
//         .commands = {},                      // its `consign ...` commands
//     };
//   }
//
// and is added to the program by one word in the list in src/modules/CMakeLists.txt. The app checks
// the dependencies (known, acyclic), applies migrations and starts modules in dependency order, merges
// the access tables (auth), and maps the commands onto the command line. Nothing here knows CLI11,
// Beast or a particular module.
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <typeindex>
#include <vector>

#include "core/clock.hpp"
#include "core/permission.hpp"
#include "core/result.hpp"
#include "platform/db/database.hpp"
#include "platform/http/router.hpp"

namespace consign::jobs {
class JobRunner;
}

namespace consign::module {

// Objects modules make for each other at start (the audit module's GroupAppender, ...), found by
// type. A module may only Get what a module it depends on Provided. Not thread-safe: used only while
// the program is composed.
class Services {
 public:
  template <class T>
  T& Provide(std::unique_ptr<T> object) {
    T& ref = *object;
    if (!by_type_.emplace(std::type_index(typeid(T)), &ref).second)
      throw std::logic_error(std::string("two modules provide ") + typeid(T).name());
    kept_.push_back(std::shared_ptr<void>(std::move(object)));  // type-erased; owned here alone
    return ref;
  }
  template <class T>
  T& Get() const {
    auto it = by_type_.find(std::type_index(typeid(T)));
    if (it == by_type_.end())
      throw std::logic_error(std::string("no module provides ") + typeid(T).name() +
                             ": is the providing module in this module's depends?");
    return *static_cast<T*>(it->second);
  }
  ~Services() {
    // Reverse order of Provide: a later object may hold references to an earlier one.
    while (!kept_.empty()) kept_.pop_back();
  }

 private:
  std::map<std::type_index, void*> by_type_;
  std::vector<std::shared_ptr<void>> kept_;
};

struct Module;

// How the notify module reaches the outside: the operator's SMTP server and SMS gateway.
struct NotifySettings {
  std::string smtp_url;  // smtp://host:port (smtps:// for TLS); empty: e-mails fail with "not configured"
  std::string smtp_user, smtp_password;
  std::string mail_from = "Consign <noreply@consign.local>";
  std::string sms_gateway_url;
  std::string sms_gateway_token;
  std::chrono::seconds send_timeout{10};
  std::chrono::seconds retry_base{30};  // the first retry's delay; doubled each time, at most an hour
  bool webhook_private_hosts = false;   // let customers' webhooks reach internal addresses (tests only)
  std::string public_origin;            // for the tracking links in messages
};

// What the configuration (src/app/config.hpp) tells modules.
struct Settings {
  std::string export_dir = "data/exports";  // customer exports: see the export_* configuration keys
  int export_async_rows = 10'000;
  int export_max_rows = 200'000;
  int export_per_hour = 20;
  std::chrono::seconds export_ttl{24 * 3600};
  int track_per_minute = 60;  // the public tracking page's limit per client address; 0: none
  NotifySettings notify{};
  bool test_hooks = false;  // CONSIGN_TEST_HOOKS=1: hooks for black-box tests, never in a deployment
};

// What a module plugs itself into at start.
struct Context {
  http::Router& router;
  db::Database& database;
  const Clock& clock;
  jobs::JobRunner& jobs;      // register job handlers; the app starts the runner after migrations
  Services& services;
  std::span<const Module> modules;  // every module, in start order (auth merges their access tables)
  // Who is calling: the auth module sets it. Without it every non-public route answers 401.
  std::unique_ptr<http::Authenticator> authenticator;
  // Run by `serve` after the migrations and before listening (e.g. create the first admin).
  std::vector<std::function<void()>> on_start;
  Settings settings{};
};

// --- commands ------------------------------------------------------------------------------
struct CommandOption {
  enum class Kind { kText, kInteger, kFlag };
  std::string name;  // "login" → --login
  std::string help;
  Kind kind = Kind::kText;
  bool required = false;
  int64_t min = INT64_MIN, max = INT64_MAX;  // kInteger only
};

// The options a command was given.
class CommandArgs {
 public:
  explicit CommandArgs(const std::map<std::string, std::string>& given) : given_(given.begin(), given.end()) {}
  std::optional<std::string> Text(std::string_view name) const;
  std::optional<int64_t> Integer(std::string_view name) const;  // REQUIRES: a kInteger option
  bool Flag(std::string_view name) const;

 private:
  std::map<std::string, std::string, std::less<>> given_;
};

// The composed program a command runs in: migrations applied, every module started.
struct CommandEnv {
  db::Database& database;
  const Clock& clock;
  const Services& services;
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
};

struct Command {
  std::vector<std::string> path;  // {"user", "add"} → `consign user add`; {"user"} alone: a group
  std::string description;
  std::vector<CommandOption> options;
  // The exit code. Empty for a group of subcommands.
  std::function<int(const CommandArgs&, CommandEnv&)> run;
};

// --- the module itself -----------------------------------------------------------------------
struct Module {
  std::string_view name;
  std::vector<std::string_view> depends;
  std::vector<db::Migration> migrations;
  std::span<const AccessRule> access;  // core/permission.hpp
  std::function<void(Context&)> start;
  std::vector<Command> commands;
};

// The modules in start order: each after every module it depends on, otherwise in list order.
// kInvalidArgument naming the problem: a duplicate name, a dependency on an unknown module, a cycle
// (with its path), or migrations registered under another module's name.
[[nodiscard]] Result<std::vector<Module>> InStartOrder(std::vector<Module> modules);

}  // namespace consign::module
