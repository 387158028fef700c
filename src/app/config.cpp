#include "app/config.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace consign::app {

namespace {

constexpr ConfigKey kKeys[] = {
    {"listen", "HOST:PORT to listen on (port 0: any free port)"},
    {"db", "database URL: sqlite:PATH or postgresql://USER@HOST:PORT/DBNAME"},
    {"io_threads", "threads that read and write HTTP"},
    {"worker_threads", "threads that run request handlers (0: twice the cores, at least 4)"},
    {"db_pool_size", "database connections for requests (background writers have 4 of their own)"},
    {"db_statement_timeout", "PostgreSQL: longest a statement may run (e.g. 30s; 0: no limit)"},
    {"header_limit", "largest request header block (e.g. 16KiB)"},
    {"body_limit", "largest request body of every route but the imports (e.g. 64KiB)"},
    {"import_body_limit", "largest body of an import (e.g. 24MiB: a 20 MiB CSV file)"},
    {"max_connections", "open connections in all; more are answered 503 and closed (0: no cap)"},
    {"max_connections_per_address", "open connections from one client address (0: no cap)"},
    {"max_queued_requests", "requests waiting for a busy worker; more are answered 503 at once"},
    {"json_max_depth", "deepest JSON nesting accepted"},
    {"read_timeout", "time to read one request (e.g. 30s)"},
    {"write_timeout", "time to write one response"},
    {"idle_timeout", "keep-alive connection idle time before it is closed"},
    {"shutdown_grace", "time in-flight requests get to finish on SIGTERM"},
    {"static_dir", "directory of the built web console"},
    {"public_origin", "origin browsers use, e.g. https://consign.example.com (https: HSTS and Secure cookies)"},
    {"metrics_listen", "HOST:PORT of the internal listener serving /metrics, or off"},
    {"export_dir", "directory of background export files (shared by every node when there are several)"},
    {"export_async_rows", "exports with more rows than this become background jobs with a download link"},
    {"export_max_rows", "most rows one export may hold"},
    {"export_per_hour", "exports one user may start per hour"},
    {"export_ttl", "how long a background export's file is kept (e.g. 24h)"},
    {"track_per_minute", "public tracking look-ups (/api/v1/track) one client address may make a minute; 0: no limit"},
    {"smtp_url", "SMTP server customers' e-mails go through, e.g. smtp://mail.example.com:25 (smtps:// for TLS)"},
    {"smtp_user", "SMTP user, if the server asks for one (then TLS is required)"},
    {"smtp_password", "SMTP password"},
    {"mail_from", "sender of customers' e-mails, e.g. Consign <noreply@example.com>"},
    {"sms_gateway_url", "SMS gateway endpoint notifications are POSTed to as JSON {id, to, text}"},
    {"sms_gateway_token", "bearer token sent to the SMS gateway"},
    {"notify_timeout", "how long one delivery attempt (SMTP, webhook, SMS) may take (e.g. 10s)"},
    {"notify_retry_base", "delay before a failed notification's first retry, doubled each time (e.g. 30s)"},
    {"webhook_private_hosts", "1: customers' webhooks may reach loopback and private addresses (tests only); 0: refused"},
    {"log_level", "trace, debug, info, warn, error or off"},
    {"log_format", "text or json"},
};

Error Bad(std::string_view key, std::string_view value, std::string_view source, std::string_view expected) {
  return InvalidField(std::string(key), "invalid_format",
                      "configuration " + std::string(key) + " = '" + std::string(value) + "' from " +
                          std::string(source) + ": expected " + std::string(expected));
}

std::optional<int64_t> ParseInt(std::string_view text) {
  int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// HOST:PORT, with [v6]:PORT for IPv6 literals.
std::optional<std::pair<std::string, uint16_t>> ParseHostPort(std::string_view value) {
  const size_t colon = value.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  std::string_view host = value.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  auto port = ParseInt(value.substr(colon + 1));
  if (host.empty() || !port || *port < 0 || *port > 65535) return std::nullopt;
  return std::pair{std::string(host), static_cast<uint16_t>(*port)};
}

// Splits "30s" into (30, "s"); nullopt when there is no leading number.
std::optional<std::pair<int64_t, std::string>> NumberAndUnit(std::string_view text) {
  size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  if (digits == 0 || digits > 15) return std::nullopt;
  auto number = ParseInt(text.substr(0, digits));
  if (!number) return std::nullopt;
  std::string_view unit = text.substr(digits);
  while (!unit.empty() && unit.front() == ' ') unit.remove_prefix(1);
  return std::pair{*number, std::string(unit)};
}

Status SetInt(int& out, std::string_view key, std::string_view value, std::string_view source, int min, int max) {
  auto n = ParseInt(value);
  if (!n || *n < min || *n > max)
    return Bad(key, value, source, "an integer from " + std::to_string(min) + " to " + std::to_string(max));
  out = static_cast<int>(*n);
  return Ok();
}

Status SetSize(size_t& out, std::string_view key, std::string_view value, std::string_view source, size_t min) {
  auto n = ParseSize(value);
  if (!n || *n < min)
    return Bad(key, value, source, "a size of at least " + std::to_string(min) + " bytes, like 16KiB or 24MiB");
  out = *n;
  return Ok();
}

Status SetDuration(std::chrono::milliseconds& out, std::string_view key, std::string_view value,
                   std::string_view source) {
  auto d = ParseDuration(value);
  if (!d || d->count() <= 0) return Bad(key, value, source, "a positive duration, like 30s or 500ms");
  out = *d;
  return Ok();
}

}  // namespace

std::span<const ConfigKey> ConfigKeys() { return kKeys; }

std::string FlagName(std::string_view key) {
  std::string out = "--";
  for (char c : key) out += c == '_' ? '-' : c;
  return out;
}

std::string EnvName(std::string_view key) {
  std::string out = "CONSIGN_";
  for (char c : key) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::optional<size_t> ParseSize(std::string_view text) {
  auto parsed = NumberAndUnit(text);
  if (!parsed) return std::nullopt;
  auto [number, unit] = *parsed;
  for (char& c : unit) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  int shift = 0;
  if (unit.empty() || unit == "b") shift = 0;
  else if (unit == "k" || unit == "kb" || unit == "kib") shift = 10;
  else if (unit == "m" || unit == "mb" || unit == "mib") shift = 20;
  else if (unit == "g" || unit == "gb" || unit == "gib") shift = 30;
  else return std::nullopt;
  if (number > (int64_t{1} << (62 - shift))) return std::nullopt;
  return static_cast<size_t>(number) << shift;
}

std::optional<std::chrono::milliseconds> ParseDuration(std::string_view text) {
  auto parsed = NumberAndUnit(text);
  if (!parsed) return std::nullopt;
  const auto& [number, unit] = *parsed;
  using std::chrono::milliseconds;
  if (unit == "ms") return milliseconds(number);
  if (unit.empty() || unit == "s") return milliseconds(number * 1000);
  if (unit == "m" || unit == "min") return milliseconds(number * 60'000);
  if (unit == "h") return milliseconds(number * 3'600'000);
  return std::nullopt;
}

Status SetConfigValue(Config& c, std::string_view key, std::string_view value, std::string_view source) {
  if (key == "listen") {
    auto address = ParseHostPort(value);
    if (!address) return Bad(key, value, source, "HOST:PORT with a port from 0 to 65535");
    c.listen = std::string(value);
    c.listen_host = std::move(address->first);
    c.listen_port = address->second;
    return Ok();
  }
  if (key == "metrics_listen") {
    if (value == "off") {
      c.metrics_listen = "off";
      c.metrics_host.clear();
      c.metrics_port = 0;
      return Ok();
    }
    auto address = ParseHostPort(value);
    if (!address) return Bad(key, value, source, "off, or HOST:PORT with a port from 0 to 65535");
    c.metrics_listen = std::string(value);
    c.metrics_host = std::move(address->first);
    c.metrics_port = address->second;
    return Ok();
  }
  if (key == "public_origin") {
    // scheme://host[:port] and nothing else: no path, query, fragment or credentials.
    std::string_view origin = value;
    if (origin.ends_with('/')) origin.remove_suffix(1);
    const size_t scheme_end = origin.find("://");
    const std::string_view scheme = origin.substr(0, scheme_end);
    const std::string_view authority = scheme_end == std::string_view::npos ? "" : origin.substr(scheme_end + 3);
    const bool plain = authority.find_first_of("/?#@ \t") == std::string_view::npos;
    if (!value.empty() && ((scheme != "https" && scheme != "http") || authority.empty() || !plain))
      return Bad(key, value, source, "an origin like https://consign.example.com (scheme, host, optional port)");
    c.public_origin = std::string(origin);
    return Ok();
  }
  if (key == "db") {
    if (!value.starts_with("sqlite:") && !value.starts_with("postgresql://") && !value.starts_with("postgres://"))
      return Bad(key, value, source, "sqlite:PATH or postgresql://USER@HOST:PORT/DBNAME");
    if (value == "sqlite:") return Bad(key, value, source, "sqlite:PATH with a file path");
    c.db = std::string(value);
    return Ok();
  }
  if (key == "io_threads") return SetInt(c.io_threads, key, value, source, 1, 256);
  if (key == "worker_threads") return SetInt(c.worker_threads, key, value, source, 0, 1024);
  if (key == "db_pool_size") return SetInt(c.db_pool_size, key, value, source, 1, 1024);
  if (key == "db_statement_timeout") {
    if (value == "0") {
      c.db_statement_timeout = std::chrono::milliseconds(0);
      return Ok();
    }
    return SetDuration(c.db_statement_timeout, key, value, source);
  }
  if (key == "header_limit") return SetSize(c.header_limit, key, value, source, 1024);
  if (key == "body_limit") return SetSize(c.body_limit, key, value, source, 1024);
  if (key == "import_body_limit") return SetSize(c.import_body_limit, key, value, source, 1024);
  if (key == "max_connections") return SetInt(c.max_connections, key, value, source, 0, 1'000'000);
  if (key == "max_connections_per_address")
    return SetInt(c.max_connections_per_address, key, value, source, 0, 1'000'000);
  if (key == "max_queued_requests") return SetInt(c.max_queued_requests, key, value, source, 0, 1'000'000);
  if (key == "json_max_depth") {
    int depth = 0;
    CONSIGN_TRY(SetInt(depth, key, value, source, 1, 1000));
    c.json_max_depth = static_cast<size_t>(depth);
    return Ok();
  }
  if (key == "read_timeout") return SetDuration(c.read_timeout, key, value, source);
  if (key == "write_timeout") return SetDuration(c.write_timeout, key, value, source);
  if (key == "idle_timeout") return SetDuration(c.idle_timeout, key, value, source);
  if (key == "shutdown_grace") return SetDuration(c.shutdown_grace, key, value, source);
  if (key == "static_dir") {
    c.static_dir = std::string(value);
    return Ok();
  }
  if (key == "export_dir") {
    if (value.empty()) return Bad(key, value, source, "a directory");
    c.export_dir = std::string(value);
    return Ok();
  }
  if (key == "export_async_rows") return SetInt(c.export_async_rows, key, value, source, 1, 100'000'000);
  if (key == "export_max_rows") return SetInt(c.export_max_rows, key, value, source, 1, 100'000'000);
  if (key == "export_per_hour") return SetInt(c.export_per_hour, key, value, source, 1, 100'000);
  if (key == "track_per_minute") return SetInt(c.track_per_minute, key, value, source, 0, 1'000'000);
  if (key == "export_ttl") return SetDuration(c.export_ttl, key, value, source);
  for (auto [name, field] : {std::pair{"smtp_url", &c.smtp_url}, std::pair{"smtp_user", &c.smtp_user},
                             std::pair{"smtp_password", &c.smtp_password}, std::pair{"mail_from", &c.mail_from},
                             std::pair{"sms_gateway_url", &c.sms_gateway_url},
                             std::pair{"sms_gateway_token", &c.sms_gateway_token}}) {
    if (key != name) continue;
    *field = std::string(value);
    return Ok();
  }
  if (key == "notify_timeout") return SetDuration(c.notify_timeout, key, value, source);
  if (key == "notify_retry_base") return SetDuration(c.notify_retry_base, key, value, source);
  if (key == "webhook_private_hosts") return SetInt(c.webhook_private_hosts, key, value, source, 0, 1);
  if (key == "log_level") {
    for (std::string_view level : {"trace", "debug", "info", "warn", "error", "off"}) {
      if (value == level) {
        c.log_level = std::string(value);
        return Ok();
      }
    }
    return Bad(key, value, source, "one of trace, debug, info, warn, error, off");
  }
  if (key == "log_format") {
    if (value != "text" && value != "json") return Bad(key, value, source, "text or json");
    c.log_format = std::string(value);
    return Ok();
  }
  return InvalidField(std::string(key), "unknown_key",
                      "configuration from " + std::string(source) + ": unknown key '" + std::string(key) + "'");
}

std::optional<std::string> ProcessEnv(std::string_view name) {
  const char* value = std::getenv(std::string(name).c_str());
  if (!value) return std::nullopt;
  return std::string(value);
}

namespace {

Status ApplyFile(Config& config, const std::string& path) {
  const std::string source = "config file " + path;
  std::ifstream in(path);
  if (!in) return InvalidField("config", "unreadable", "cannot read " + source);
  std::stringstream text;
  text << in.rdbuf();
  boost::system::error_code ec;
  boost::json::value doc = boost::json::parse(text.str(), ec);
  if (ec) return InvalidField("config", "invalid_format", source + " is not valid JSON: " + ec.message());
  if (!doc.is_object()) return InvalidField("config", "invalid_type", source + " must hold a JSON object");
  for (const auto& [key, value] : doc.as_object()) {
    std::string text_value;
    if (value.is_string()) text_value = std::string(value.as_string());
    else if (value.is_int64() || value.is_uint64()) text_value = boost::json::serialize(value);
    else
      return InvalidField(std::string(key), "invalid_type",
                          "configuration " + std::string(key) + " in " + source + " must be a string or an integer");
    CONSIGN_TRY(SetConfigValue(config, key, text_value, source));
  }
  return Ok();
}

}  // namespace

Result<Config> LoadConfig(const ConfigInputs& inputs) {
  Config config;
  auto getenv = inputs.getenv ? inputs.getenv : ProcessEnv;
  std::optional<std::string> file = inputs.file;
  if (!file) file = getenv("CONSIGN_CONFIG");
  if (file && !file->empty()) CONSIGN_TRY(ApplyFile(config, *file));
  for (const ConfigKey& k : kKeys) {
    const std::string name = EnvName(k.key);
    if (auto value = getenv(name)) CONSIGN_TRY(SetConfigValue(config, k.key, *value, "environment " + name));
  }
  for (const auto& [key, value] : inputs.flags) CONSIGN_TRY(SetConfigValue(config, key, value, "flag " + FlagName(key)));
  return config;
}

}  // namespace consign::app
