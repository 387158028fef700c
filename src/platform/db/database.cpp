#include "platform/db/database.hpp"

#include <charconv>
#include <cmath>
#include <filesystem>
#include <system_error>

#include "platform/db/postgres/postgres_database.hpp"
#include "platform/db/sqlite/sqlite_database.hpp"

namespace consign::db {

namespace {

[[noreturn]] void BadCell(const Rows& rows, size_t col, std::string_view want, std::string_view got) {
  throw DbError(DbError::Kind::kOther, "column " + std::to_string(col) + " (" + rows.columns()[col] + ") is not " +
                                           std::string(want) + ": " + std::string(got));
}

std::string Describe(const Cell& cell) {
  if (std::holds_alternative<std::monostate>(cell)) return "NULL";
  if (auto* i = std::get_if<int64_t>(&cell)) return std::to_string(*i);
  if (auto* d = std::get_if<double>(&cell)) return std::to_string(*d);
  const auto& text = std::get<std::string>(cell);
  return "'" + text.substr(0, 40) + "'";
}

}  // namespace

const Cell& Row::At(size_t col) const {
  if (col >= rows_->columns().size())
    throw DbError(DbError::Kind::kOther, "column " + std::to_string(col) + " out of range (" +
                                             std::to_string(rows_->columns().size()) + " columns)");
  return rows_->cell(index_, col);
}

size_t Row::Col(std::string_view name) const {
  const auto& columns = rows_->columns();
  for (size_t i = 0; i < columns.size(); ++i)
    if (columns[i] == name) return i;
  throw DbError(DbError::Kind::kOther, "no column named " + std::string(name));
}

bool Row::IsNull(size_t col) const { return std::holds_alternative<std::monostate>(At(col)); }

int64_t Row::Int(size_t col) const {
  const Cell& cell = At(col);
  if (auto* i = std::get_if<int64_t>(&cell)) return *i;
  if (auto* d = std::get_if<double>(&cell)) {
    if (std::trunc(*d) == *d) return static_cast<int64_t>(*d);
    BadCell(*rows_, col, "an integer", Describe(cell));
  }
  if (auto* s = std::get_if<std::string>(&cell)) {
    // PostgreSQL's text form of int2/int4/int8/numeric-without-scale.
    int64_t value = 0;
    const auto [end, ec] = std::from_chars(s->data(), s->data() + s->size(), value);
    if (ec == std::errc{} && end == s->data() + s->size()) return value;
  }
  BadCell(*rows_, col, "an integer", Describe(cell));
}

double Row::Real(size_t col) const {
  const Cell& cell = At(col);
  if (auto* d = std::get_if<double>(&cell)) return *d;
  if (auto* i = std::get_if<int64_t>(&cell)) return static_cast<double>(*i);
  if (auto* s = std::get_if<std::string>(&cell)) {
    double value = 0;
    const auto [end, ec] = std::from_chars(s->data(), s->data() + s->size(), value);
    if (ec == std::errc{} && end == s->data() + s->size()) return value;
    if (*s == "NaN") return std::nan("");
    if (*s == "Infinity") return HUGE_VAL;
    if (*s == "-Infinity") return -HUGE_VAL;
  }
  BadCell(*rows_, col, "a number", Describe(cell));
}

std::string Row::Text(size_t col) const {
  const Cell& cell = At(col);
  if (auto* s = std::get_if<std::string>(&cell)) return *s;
  if (auto* i = std::get_if<int64_t>(&cell)) return std::to_string(*i);
  if (auto* d = std::get_if<double>(&cell)) {
    char buf[32];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, *d);
    return std::string(buf, end);
  }
  return {};
}

bool Row::Bool(size_t col) const {
  const Cell& cell = At(col);
  if (auto* i = std::get_if<int64_t>(&cell)) return *i != 0;
  if (auto* s = std::get_if<std::string>(&cell)) {
    // PostgreSQL prints booleans as "t"/"f"; the rest are what a text column could plausibly hold.
    if (*s == "t" || *s == "true" || *s == "1") return true;
    if (*s == "f" || *s == "false" || *s == "0") return false;
  }
  BadCell(*rows_, col, "a boolean", Describe(cell));
}

Instant Row::Time(size_t col) const {
  const Cell& cell = At(col);
  if (auto* i = std::get_if<int64_t>(&cell)) return FromMicros(*i);
  if (auto* s = std::get_if<std::string>(&cell)) {
    // timestamptz text with TimeZone=UTC: "2026-11-22 08:00:00.123+00".
    if (auto t = ParseRfc3339(*s)) return *t;
  }
  BadCell(*rows_, col, "an instant", Describe(cell));
}

std::optional<int64_t> Row::OptInt(size_t col) const {
  if (IsNull(col)) return std::nullopt;
  return Int(col);
}
std::optional<std::string> Row::OptText(size_t col) const {
  if (IsNull(col)) return std::nullopt;
  return Text(col);
}
std::optional<Instant> Row::OptTime(size_t col) const {
  if (IsNull(col)) return std::nullopt;
  return Time(col);
}
std::optional<bool> Row::OptBool(size_t col) const {
  if (IsNull(col)) return std::nullopt;
  return Bool(col);
}
std::optional<double> Row::OptReal(size_t col) const {
  if (IsNull(col)) return std::nullopt;
  return Real(col);
}

std::string InList(Dialect dialect, std::string_view expr, int placeholder) {
  const std::string n = "$" + std::to_string(placeholder);
  if (dialect == Dialect::kPostgres) return std::string(expr) + " = ANY(" + n + ")";
  return std::string(expr) + " IN (SELECT value FROM json_each(" + n + "))";
}

std::unique_ptr<Database> Open(const DatabaseOptions& options) {
  const std::string_view url = options.url;
  if (url.starts_with("sqlite:")) {
    std::string path(url.substr(7));
    if (path.empty()) throw DbError(DbError::Kind::kUnavailable, "sqlite: URL names no file: " + options.url);
    const auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) {
      std::error_code ec;
      std::filesystem::create_directories(parent, ec);
      if (ec)
        throw DbError(DbError::Kind::kUnavailable,
                      "cannot create directory " + parent.string() + " for " + path + ": " + ec.message());
    }
    return OpenSqlite(path, options);
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://"))
    return OpenPostgres(options);
  throw DbError(DbError::Kind::kUnavailable,
                "unsupported database URL '" + options.url +
                    "': expected sqlite:PATH or postgresql://USER@HOST:PORT/DBNAME");
}

}  // namespace consign::db
