#include "app/serve.hpp"

#include <algorithm>
#include <thread>

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdlib>

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

// Measured on 2 cores (bench/README.md): 16 workers spent half the CPU switching between threads.
int WorkerThreads(const Config& cfg) {
  return cfg.worker_threads > 0 ? cfg.worker_threads
                                : std::max(4, 2 * static_cast<int>(std::thread::hardware_concurrency()));
}

}  // namespace

Composition::Composition() = default;
Composition::~Composition() {
  // Modules' objects may hold references to everything else: they go first.
  parts.reset();
  jobs.reset();
}

std::unique_ptr<Composition> Compose(Config config, std::unique_ptr<Clock> clock, ComposeMode mode) {
  auto c = std::make_unique<Composition>();
  c->config = std::move(config);
  c->clock = std::move(clock);
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
  c->parts = std::make_unique<AppParts>(c->router, *c->database, *c->clock, c->config, c->metrics, *c->jobs);
  RegisterPlatformRoutes(*c->parts);
  RegisterModules(*c->parts);
  if (mode == ComposeMode::kMigrate) db::ApplyMigrations(*c->database, c->parts->migrations);
  c->metrics.SetDatabase(c->database.get());
  return c;
}

int Serve(Config config, std::unique_ptr<Clock> clock) {
  auto c = Compose(std::move(config), std::move(clock), ComposeMode::kMigrate);
  const Config& cfg = c->config;
  for (const auto& start : c->parts->on_start) start();

  http::StaticFiles static_files(cfg.static_dir);
  http::PipelineParts pipeline_parts;
  pipeline_parts.router = &c->router;
  pipeline_parts.database = c->database.get();
  pipeline_parts.clock = c->clock.get();
  pipeline_parts.authenticator = c->parts->authenticator.get();
  pipeline_parts.authorizer = c->parts->authorizer.get();
  pipeline_parts.metrics = &c->metrics;
  pipeline_parts.static_files = &static_files;
  pipeline_parts.access_log = spdlog::get("access");
  http::Pipeline pipeline(std::move(pipeline_parts));

  http::ServerOptions options;
  options.host = cfg.listen_host;
  options.port = cfg.listen_port;
  options.io_threads = cfg.io_threads;
  options.worker_threads = WorkerThreads(cfg);
  options.header_limit = cfg.header_limit;
  options.body_limit = cfg.body_limit;
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

  c->jobs->Start();
  const bool drained = server->Run();
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
