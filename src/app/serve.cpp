#include "app/serve.hpp"

#include <algorithm>
#include <stdexcept>
#include <thread>

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdlib>

#include "app/modules.hpp"
#include "platform/http/pipeline.hpp"
#include "platform/http/server.hpp"
#include "platform/http/static_files.hpp"
#include "platform/jobs/job_runner.hpp"

namespace consign::app {

namespace {

// For commands that compose the program without data (`consign routes`).
class NoDatabase final : public db::Database {
 public:
  db::Dialect dialect() const override { return db::Dialect::kSqlite; }
  std::unique_ptr<db::Transaction> Begin(db::TxMode) override {
    throw db::DbError(db::DbError::Kind::kUnavailable, "this command runs without a database");
  }
  db::PoolStats Stats() const override { return {}; }
};

std::string NodeId() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return std::string(host) + ":" + std::to_string(getpid());
}

// postgresql://user:secret@host/db → postgresql://…@host/db: logs never carry a password.
std::string RedactUrl(const std::string& url) {
  const size_t scheme = url.find("://");
  const size_t at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos || at < scheme) return url;
  return url.substr(0, scheme + 3) + "…" + url.substr(at);
}

// Every route that names a permission names one some module declares: a typo or a module missing from
// the list fails at start, not as a 403 in production.
void CheckRoutePermissions(const std::vector<module::Module>& modules, const http::Router& router) {
  for (const http::Route& route : router.routes()) {
    if (route.access.kind != http::RouteAccess::Kind::kPermission) continue;
    bool known = false;
    for (const module::Module& m : modules)
      for (const AccessRule& rule : m.access) known = known || rule.permission == route.access.permission;
    if (!known)
      throw std::logic_error(std::string(http::MethodName(route.method)) + " " + route.pattern + " needs " +
                             route.access.permission.Name() + ", which no module declares");
  }
}

}  // namespace

// GET /healthz, GET /readyz (platform_routes.cpp).
void RegisterPlatformRoutes(Composition& c);
// GET /metrics, on the internal listener's router (platform_routes.cpp).
void RegisterMetricsRoute(http::Router& internal, http::Metrics& metrics);

namespace {

// Measured on 2 cores (bench/README.md): 16 workers spent half the CPU switching between threads.
int WorkerThreads(const Config& cfg) {
  return cfg.worker_threads > 0 ? cfg.worker_threads
                                : std::max(4, 2 * static_cast<int>(std::thread::hardware_concurrency()));
}

}  // namespace

Composition::Composition() = default;
Composition::~Composition() {
  context.reset();
  services.reset();
  jobs.reset();
}

std::unique_ptr<Composition> Compose(Config config, std::unique_ptr<Clock> clock, ComposeMode mode) {
  auto c = std::make_unique<Composition>();
  c->config = std::move(config);
  c->clock = std::move(clock);
  auto ordered = module::InStartOrder(AllModules());
  if (!ordered) throw std::logic_error("the module list is broken: " + ordered.error().public_message);
  c->modules = std::move(*ordered);
  if (mode == ComposeMode::kNoDatabase) {
    c->database = std::make_unique<NoDatabase>();
  } else {
    db::DatabaseOptions options;
    options.url = c->config.db;
    // A worker may hold a connection while it waits on work that needs another (the audit
    // appender, the job runner): those draw from Background(), a pool requests cannot exhaust, so
    // the request pool may be any size.
    options.pool_size = c->config.db_pool_size;
    options.statement_timeout = c->config.db_statement_timeout;
    c->database = db::Open(options);
  }
  c->jobs = std::make_unique<jobs::JobRunner>(c->database->Background(), *c->clock,
                                              jobs::JobRunnerOptions{.node_id = NodeId()});
  c->services = std::make_unique<module::Services>();
  c->context.reset(new module::Context{
      .router = c->router,
      .database = *c->database,
      .clock = *c->clock,
      .jobs = *c->jobs,
      .services = *c->services,
      .modules = c->modules,
      .authenticator = nullptr,
      .on_start = {},
      .settings = {.export_dir = c->config.export_dir,
                   .export_async_rows = c->config.export_async_rows,
                   .export_max_rows = c->config.export_max_rows,
                   .export_per_hour = c->config.export_per_hour,
                   .export_ttl = std::chrono::duration_cast<std::chrono::seconds>(c->config.export_ttl),
                   .track_per_minute = c->config.track_per_minute,
                   .notify = {.smtp_url = c->config.smtp_url,
                              .smtp_user = c->config.smtp_user,
                              .smtp_password = c->config.smtp_password,
                              .mail_from = c->config.mail_from,
                              .sms_gateway_url = c->config.sms_gateway_url,
                              .sms_gateway_token = c->config.sms_gateway_token,
                              .send_timeout = std::chrono::duration_cast<std::chrono::seconds>(c->config.notify_timeout),
                              .retry_base = std::chrono::duration_cast<std::chrono::seconds>(c->config.notify_retry_base),
                              .webhook_private_hosts = c->config.webhook_private_hosts == 1,
                              .public_origin = c->config.public_origin},
                   .test_hooks = ProcessEnv("CONSIGN_TEST_HOOKS") == "1"},
  });
  RegisterPlatformRoutes(*c);
  for (const db::Migration& m : jobs::Migrations()) c->migrations.push_back(m);
  for (const module::Module& m : c->modules) {
    c->migrations.insert(c->migrations.end(), m.migrations.begin(), m.migrations.end());
    if (m.start) m.start(*c->context);
  }
  CheckRoutePermissions(c->modules, c->router);
  if (mode == ComposeMode::kMigrate) db::ApplyMigrations(*c->database, c->migrations);
  c->metrics.SetDatabase(c->database.get());
  return c;
}

int Serve(Config config, std::unique_ptr<Clock> clock) {
  auto c = Compose(std::move(config), std::move(clock), ComposeMode::kMigrate);
  const Config& cfg = c->config;
  for (const auto& start : c->context->on_start) start();

  http::StaticFiles static_files(cfg.static_dir);
  http::PipelineParts pipeline_parts;
  pipeline_parts.router = &c->router;
  pipeline_parts.database = c->database.get();
  pipeline_parts.clock = c->clock.get();
  pipeline_parts.authenticator = c->context->authenticator.get();
  pipeline_parts.metrics = &c->metrics;
  pipeline_parts.static_files = &static_files;
  pipeline_parts.access_log = spdlog::get("access");
  pipeline_parts.https = cfg.https();
  http::Pipeline pipeline(std::move(pipeline_parts));

  http::ServerOptions options;
  options.host = cfg.listen_host;
  options.port = cfg.listen_port;
  options.io_threads = cfg.io_threads;
  options.worker_threads = WorkerThreads(cfg);
  options.header_limit = cfg.header_limit;
  options.body_limit = cfg.body_limit;
  options.large_body_limit = cfg.import_body_limit;
  options.max_connections = static_cast<size_t>(cfg.max_connections);
  options.max_connections_per_address = static_cast<size_t>(cfg.max_connections_per_address);
  options.max_queued_requests = static_cast<size_t>(cfg.max_queued_requests);
  options.read_timeout = cfg.read_timeout;
  options.write_timeout = cfg.write_timeout;
  options.idle_timeout = cfg.idle_timeout;
  options.shutdown_grace = cfg.shutdown_grace;
  // Server lives on the heap so that, when requests outlive the grace, we can exit without running
  // its destructor (which would wait for them).
  auto server = std::make_unique<http::Server>(options, pipeline);
  server->Listen();
  spdlog::info("database {}, {} io threads, {} workers, console from {}", RedactUrl(cfg.db), cfg.io_threads,
               options.worker_threads, cfg.static_dir);

  // /metrics lives on its own listener, bound to an internal address (Prometheus scrapes it; the public
  // port behind nginx never shows route names, pool sizes and request counts). Its requests pass the
  // same pipeline steps, without a database, authentication or metrics of their own.
  http::Router internal_router;
  RegisterMetricsRoute(internal_router, c->metrics);
  http::Pipeline internal_pipeline(http::PipelineParts{.router = &internal_router,
                                                       .database = nullptr,
                                                       .clock = c->clock.get(),
                                                       .authenticator = nullptr,
                                                       .metrics = nullptr,
                                                       .static_files = nullptr,
                                                       .access_log = spdlog::get("access"),
                                                       .https = false});
  std::unique_ptr<http::Server> metrics_server;
  std::thread metrics_thread;
  if (!cfg.metrics_host.empty()) {
    http::ServerOptions metrics_options;
    metrics_options.host = cfg.metrics_host;
    metrics_options.port = cfg.metrics_port;
    metrics_options.io_threads = 1;
    metrics_options.worker_threads = 1;
    metrics_options.header_limit = cfg.header_limit;
    metrics_options.body_limit = 1024;
    metrics_options.large_body_limit = 1024;
    metrics_options.banner = "Consign metrics listening on";
    metrics_options.handle_signals = false;
    metrics_server = std::make_unique<http::Server>(metrics_options, internal_pipeline);
    metrics_server->Listen();
    metrics_thread = std::thread([&metrics_server] { metrics_server->Run(); });
  }

  c->jobs->Start();
  const bool drained = server->Run();
  if (metrics_server) {
    metrics_server->Stop();
    metrics_thread.join();
  }
  c->jobs->Stop();
  if (!drained) {
    spdlog::error("shutdown grace of {} ms elapsed with requests still running; exiting without them",
                  cfg.shutdown_grace.count());
    spdlog::shutdown();
    std::_Exit(1);
  }
  server.reset();
  spdlog::info("stopped");
  return 0;
}

}  // namespace consign::app
