#pragma once
// The customers module's SQL: tables customers, customer_contacts, customer_addresses,
// customer_idempotency and the search index (SQLite: FTS5 table customer_search; PostgreSQL: a
// text[] column search_grams with a GIN index). Both dialects stand side by side in the .cpp.
// Nothing here checks permissions; customer_service does.
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "modules/customers/customer.hpp"
#include "platform/db/database.hpp"

namespace consign::customers {

std::vector<db::Migration> Migrations();

// Filters of GET /api/v1/customers. Empty strings and nullopt mean "any".
struct ListQuery {
  std::string q;
  std::string kind, industry, tag, province, city;
  Classification classification;
  std::optional<int64_t> owner_id, team_id;
  std::string status = "active";  // active | archived | all
  std::string sort = "-updated_at";
  int limit = 50;
  std::string cursor;
  // Record rule from auth::ScopeFor, as SQL restrictions.
  std::optional<int64_t> only_customer_id;
  std::optional<int64_t> owner_or_team_user;  // owner = this user, or team = only_team
  std::optional<int64_t> owner_or_team_team;
  bool none = false;  // the caller may see nothing
};

struct ListPage {
  std::vector<Customer> items;  // contacts hold only the primary contact; no addresses but the first
  std::string next_cursor;      // empty on the last page
};

inline constexpr std::array<std::string_view, 8> kSorts = {"name", "-name", "code", "-code",
                                                            "created_at", "-created_at", "updated_at", "-updated_at"};

// Returns the new id. REQUIRES: Validate() passed. Writes contacts, addresses and the search index.
// A duplicate code throws DbError kUniqueViolation (the service checks first for a friendly 409).
int64_t InsertCustomer(db::Transaction& tx, Customer& customer);
// Many accounts in few statements (demo loads, imports): ids are assigned and written back.
void InsertCustomers(db::Transaction& tx, std::span<Customer> customers);
// The statements that insert accounts whose ids are already set, built without the database so a
// bulk loader can build the next batch on another thread while this one is written.
struct Statement {
  std::string sql;
  std::vector<db::Param> params;
};
struct PreparedInsert {
  std::vector<Statement> statements;
};
// REQUIRES: every account validated, with its id and code set (ids unused in the table).
PreparedInsert PrepareInsert(std::span<const Customer> customers, db::Dialect dialect);
void ExecutePrepared(db::Transaction& tx, const PreparedInsert& prepared);
// The largest id in use (0 for none): a bulk loader numbers its accounts after it.
int64_t MaxCustomerId(db::Transaction& tx);

// Bulk loads (consign demo) into an empty table: BeginBulkLoad drops the secondary indexes when the
// table is empty (returns whether it did), EndBulkLoad (re)creates any that are missing, so calling
// it also repairs a load that was interrupted, and on PostgreSQL moves the id sequence past the loaded
// ids. Each in a write transaction of its own.
bool BeginBulkLoad(db::Transaction& tx);
void EndBulkLoad(db::Transaction& tx);
std::optional<Customer> LoadCustomer(db::Transaction& tx, int64_t id, bool for_update = false);
// Writes every field, replaces contacts and addresses, bumps the version. False when the stored
// version is not `expected_version` (someone else changed it first).
bool UpdateCustomer(db::Transaction& tx, Customer& customer, int64_t expected_version);
// Archives or restores: the status, version and updated_at only (contacts and index untouched).
// False when the stored version is not `expected_version`.
bool SetCustomerStatus(db::Transaction& tx, Customer& customer, std::string_view status, int64_t expected_version,
                       Instant at);
bool CodeTaken(db::Transaction& tx, std::string_view code, int64_t except_id = 0);
// Which of `codes` accounts already have: one query per 500 codes (an import checks its whole file).
std::set<std::string> TakenCodes(db::Transaction& tx, const std::vector<std::string>& codes);
ListPage ListCustomers(db::Transaction& tx, const ListQuery& query);

std::optional<int64_t> FindIdempotentCreate(db::Transaction& tx, int64_t user_id, std::string_view key);
void RememberIdempotentCreate(db::Transaction& tx, int64_t user_id, std::string_view key, int64_t customer_id,
                              Instant at);

// Display names of users (owners), by id.
std::optional<std::pair<std::string, std::string>> OwnerLoginAndName(db::Transaction& tx, int64_t user_id);

}  // namespace consign::customers
