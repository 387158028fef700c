#pragma once
// Server configuration. Each setting has one key ("body_limit") and is read, later winning, from:
//   1. the defaults below,
//   2. a JSON config file (--config PATH, or CONSIGN_CONFIG): {"listen": "0.0.0.0:8080", "body_limit": "64KiB"},
//   3. the environment: CONSIGN_<KEY> (CONSIGN_LISTEN, CONSIGN_BODY_LIMIT, ...),
//   4. command-line flags: --<key with dashes> (--listen, --body-limit, ...).
// A bad value is an error naming the key, the value and where it came from.
// Value syntax: sizes are bytes or a number with KiB/MiB/GiB (also K/M/G, KB/MB/GB, all ×1024);
// durations are seconds or a number with ms/s/m/h ("500ms", "30s", "2m").
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace consign::app {

struct Config {
  std::string listen = "127.0.0.1:8080";
  std::string listen_host = "127.0.0.1";  // derived from `listen`
  uint16_t listen_port = 8080;            // derived from `listen`; 0 = ephemeral
  std::string db = "sqlite:data/consign.db";
  int io_threads = 2;
  int worker_threads = 0;  // 0: twice the cores, at least 4 (more threads only add context switches)
  int db_pool_size = 8;  // request connections; background writers get a few of their own
  std::chrono::milliseconds db_statement_timeout{30'000};  // PostgreSQL; 0: none
  size_t header_limit = 16 * 1024;
  size_t body_limit = 64 * 1024;                // any route's body but the imports'
  size_t import_body_limit = 24 * 1024 * 1024;  // a 20 MiB CSV import plus headroom
  int max_connections = 1000;                   // open connections in all; 0: no cap
  int max_connections_per_address = 128;        // open connections from one client address; 0: no cap
  int max_queued_requests = 256;                // requests waiting for a busy worker before 503
  size_t json_max_depth = 32;
  std::chrono::milliseconds read_timeout{30'000};
  std::chrono::milliseconds write_timeout{30'000};
  std::chrono::milliseconds idle_timeout{60'000};
  std::chrono::milliseconds shutdown_grace{20'000};
  std::string static_dir = "web/dist";
  // Where browsers reach the server ("https://consign.example.com"); "" when unknown. An https origin
  // means TLS ends in a proxy in front (docs/operations.md): responses then carry HSTS and cookies Secure.
  std::string public_origin;
  bool https() const { return public_origin.starts_with("https://"); }
  // The internal listener that alone serves GET /metrics, or "off" (no metrics served at all).
  std::string metrics_listen = "off";
  std::string metrics_host;    // derived from `metrics_listen`; "" when off
  uint16_t metrics_port = 0;   // derived from `metrics_listen`
  // Customer exports: the directory of background exports' files, the row count above which an
  // export becomes a background job, the most rows of one export, exports per user and hour, and
  // how long a file is kept.
  std::string export_dir = "data/exports";
  int export_async_rows = 10'000;
  int export_max_rows = 200'000;
  int export_per_hour = 20;
  int track_per_minute = 60;  // public tracking look-ups per client address a minute; 0: no limit
  std::chrono::milliseconds export_ttl{24 * 3600 * 1000};
  // Notifications (the notify module): the SMTP server and SMS gateway customers are told through.
  std::string smtp_url;
  std::string smtp_user;
  std::string smtp_password;
  std::string mail_from = "Consign <noreply@consign.local>";
  std::string sms_gateway_url;
  std::string sms_gateway_token;
  std::chrono::milliseconds notify_timeout{10'000};
  std::chrono::milliseconds notify_retry_base{30'000};
  int webhook_private_hosts = 0;  // 1: customers' webhooks may reach internal addresses (tests only)
  std::string log_level = "info";  // trace | debug | info | warn | error | off
  std::string log_format = "text";  // text | json
};

struct ConfigKey {
  std::string_view key;   // "body_limit"
  std::string_view help;  // one line for --help
};
// Every key, in documentation order.
std::span<const ConfigKey> ConfigKeys();

// "body_limit" → "--body-limit"; "body_limit" → "CONSIGN_BODY_LIMIT".
std::string FlagName(std::string_view key);
std::string EnvName(std::string_view key);

// Sets one key from its text form. `source` names where it came from, for the error
// ("flag --body-limit", "environment CONSIGN_DB", "config file /etc/consign.json").
[[nodiscard]] Status SetConfigValue(Config& config, std::string_view key, std::string_view value,
                                    std::string_view source);

struct ConfigInputs {
  std::optional<std::string> file;  // --config; when absent, CONSIGN_CONFIG from `getenv`
  // Reads one environment variable; nullopt when unset.
  std::function<std::optional<std::string>(std::string_view name)> getenv;
  std::vector<std::pair<std::string, std::string>> flags;  // (key, value) given on the command line
};

// The process environment, for ConfigInputs::getenv.
std::optional<std::string> ProcessEnv(std::string_view name);

// Defaults ← file ← environment ← flags. Errors: unreadable or malformed file, unknown key in the
// file, a value that does not parse.
[[nodiscard]] Result<Config> LoadConfig(const ConfigInputs& inputs);

// Parsers, exposed for tests.
std::optional<size_t> ParseSize(std::string_view text);
std::optional<std::chrono::milliseconds> ParseDuration(std::string_view text);

}  // namespace consign::app
