#pragma once
// The customers module's SQL: tables customers, customer_contacts, customer_addresses,
// customer_idempotency and the search index (SQLite: FTS5 table customer_search; PostgreSQL: a
// text[] column search_grams with a GIN index). Both dialects stand side by side in the .cpp.
// Nothing here checks permissions; customer_service does. No other module's table is read here: the
// owner's login and name come from the auth module's public header, through the service.
#include <array>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "modules/customers/access.hpp"
#include "modules/customers/customer.hpp"
#include "platform/db/database.hpp"

namespace consign::customers {

std::vector<db::Migration> Migrations();
// Migration 6 (after exports' 4 and imports' 5): customer_contacts (phone), for FindMatchingAccounts.
db::Migration PhoneIndexMigration();

// --- list order and cursors -----------------------------------------------------------------
// What a list is sorted by; ties are broken by id in the same direction.
enum class SortKey {
  kName,
  kCode,
  kCreatedAt,
  kUpdatedAt,
  kId,  // not offered to clients: a search in the default order lists the newest accounts first
};
struct ListSort {
  SortKey key = SortKey::kUpdatedAt;
  bool descending = true;
  friend bool operator==(const ListSort&, const ListSort&) = default;
};

// The sorts clients may ask for, by wire name ("name", "-name", ...).
inline constexpr std::array<std::string_view, 8> kSorts = {"name", "-name", "code", "-code",
                                                            "created_at", "-created_at", "updated_at", "-updated_at"};
// One of kSorts; nullopt for anything else (including the internal "id").
std::optional<ListSort> ParseSort(std::string_view name);
// The wire name: "-updated_at"; "id"/"-id" for kId.
std::string SortName(ListSort sort);

// Where the next page starts: after the row with this id, in this order. The store looks the row's
// sort value up itself (one indexed read), so a cursor never carries a name, a code or any other value
// of the account: only the order and an id.
struct Cursor {
  ListSort sort;
  int64_t after_id = 0;  // the last row's id (every order breaks ties by id)
  friend bool operator==(const Cursor&, const Cursor&) = default;
};

// The server's secret for cursors: a random 32-byte key kept in customer_secrets, the same on every
// node and across restarts. Thread-safe once set (read-only afterwards).
class CursorKey {
 public:
  static constexpr size_t kSize = 32;
  CursorKey() = default;  // not set: EncodeCursor throws, DecodeCursor refuses every cursor
  explicit CursorKey(const std::array<unsigned char, kSize>& bytes) : bytes_(bytes), set_(true) {}
  bool set() const { return set_; }
  const std::array<unsigned char, kSize>& bytes() const { return bytes_; }

 private:
  std::array<unsigned char, kSize> bytes_{};
  bool set_ = false;
};
// The key stored in customer_secrets; the first call on a database makes one (INSERT ... ON CONFLICT
// DO NOTHING, so nodes starting together agree on one). REQUIRES: a write transaction.
CursorKey LoadCursorKey(db::Transaction& tx);

// The text form clients get: base64url of "<sort>:<id>" and its MAC (HMAC-SHA-512-256 under `key`).
// Opaque and authenticated: a client can read the order and an id out of it, nothing else, and can
// change nothing. REQUIRES: key.set() (a programmer error otherwise: throws std::logic_error).
std::string EncodeCursor(const Cursor& cursor, const CursorKey& key);
// kInvalidArgument naming "cursor" (reason invalid_format) for text EncodeCursor did not make under
// `key`: tampered, truncated, from another installation, or from before cursors were authenticated.
[[nodiscard]] Result<Cursor> DecodeCursor(std::string_view text, const CursorKey& key);

// The "mine / my team / all" tabs of the list (query parameter scope): mine = owned by the caller,
// team = in the caller's team, all = whatever the record rule lets the caller see. The service turns a
// tab into owner_id / team_id (ApplyTab, customer_service.hpp) before the store sees the query.
enum class ListTab { kAll, kMine, kTeam };
inline constexpr std::array<std::string_view, 3> kTabs = {"all", "mine", "team"};
std::optional<ListTab> ParseTab(std::string_view name);
std::string_view TabName(ListTab tab);

// Filters of GET /api/v1/customers. Empty strings and nullopt mean "any".
struct ListQuery {
  std::string q;
  std::string kind, industry, tag, province, city;
  Classification classification;
  std::optional<int64_t> owner_id, team_id;
  ListTab tab = ListTab::kAll;
  // created_at >= created_from, updated_at < updated_before (the dashboard's "new this month" and
  // "not updated for 90 days" as list filters).
  std::optional<Instant> created_from, updated_before;
  std::optional<std::vector<int64_t>> ids;  // only these accounts (an export of a selection)
  std::optional<CustomerStatus> status = CustomerStatus::kActive;  // nullopt: active and archived
  // Whether q may match contact names (the caller may see personal data, MaySeePersonalData). Without
  // it q matches the account's name, its code and the last four digits of a contact's phone only, so
  // a search cannot confirm a masked name character by character.
  bool personal_search = false;
  ListSort sort;
  int limit = 50;
  // Continue after this cursor. REQUIRES: made for this query's order (OrderOf(query)); the HTTP
  // edge checks that for cursors that came from clients.
  std::optional<Cursor> after;
  // Page-number mode: skip this many rows of the order (OFFSET). REQUIRES: no `after`; bounded by the
  // HTTP edge (kMaxOffsetRows) so a deep offset cannot make the database walk the whole table.
  int64_t offset = 0;
  // Record rule from auth::ScopeFor, as SQL restrictions.
  std::optional<int64_t> only_customer_id;
  std::optional<int64_t> owner_or_team_user;  // owner = this user, or team = only_team
  std::optional<int64_t> owner_or_team_team;
  bool none = false;  // the caller may see nothing
};

// The order a query is answered in: its sort, except that a search in the default order lists the
// newest accounts first (by id).
ListSort OrderOf(const ListQuery& query);

struct ListPage {
  std::vector<Customer> items;  // contacts hold only the primary contact; no addresses but the first
  std::optional<Cursor> next;   // nullopt on the last page
  std::optional<int64_t> total;  // the count over the same filters, when it was asked for
};

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
bool SetCustomerStatus(db::Transaction& tx, Customer& customer, CustomerStatus status, int64_t expected_version,
                       Instant at);
bool CodeTaken(db::Transaction& tx, std::string_view code, int64_t except_id = 0);
// Whether an account other than `except_id` has this unified social credit code.
bool CreditCodeTaken(db::Transaction& tx, std::string_view credit_code, int64_t except_id = 0);
// Whether an account with this id exists, active or archived (auth asks, for portal users' links).
bool CustomerExists(db::Transaction& tx, int64_t id);
// What the record rule looks at of an account (its owner and team); nullopt when no account has this
// id. One row of one table, for callers that only ask whether they may see it.
std::optional<Placement> LoadPlacement(db::Transaction& tx, int64_t id);
// Which of `codes` accounts already have: one query per 500 codes (an import checks its whole file).
std::set<std::string> TakenCodes(db::Transaction& tx, const std::vector<std::string>& codes);
// The same for unified social credit codes.
std::set<std::string> TakenCreditCodes(db::Transaction& tx, const std::vector<std::string>& credit_codes);
ListPage ListCustomers(db::Transaction& tx, const ListQuery& query);
// How many accounts match `query` (its filters, search and record rule; its limit and cursor ignored).
int64_t CountCustomers(db::Transaction& tx, const ListQuery& query);

// The dashboard's breakdowns: how many accounts matching `query` (as CountCustomers) hold each value
// of one column, largest count first (ties by value). Values are as stored: "" for accounts not
// classified on that key, or without an address (province).
struct ValueCount {
  std::string value;
  int64_t count = 0;
};
// The columns a breakdown may be taken over.
inline constexpr std::array<std::string_view, 6> kBreakdownColumns = {
    "value_class", "lifecycle_stage", "development_stage", "industry", "province", "kind"};
// REQUIRES: `column` is one of kBreakdownColumns (a programmer error otherwise: throws std::logic_error).
std::vector<ValueCount> CountByValue(db::Transaction& tx, const ListQuery& query, std::string_view column);

// An earlier create under an Idempotency-Key: the account it made and the hash of its request
// (empty for keys remembered before hashes were kept).
struct IdempotentCreate {
  int64_t customer_id = 0;
  std::string request_hash;
};
std::optional<IdempotentCreate> FindIdempotentCreate(db::Transaction& tx, int64_t user_id, std::string_view key);
void RememberIdempotentCreate(db::Transaction& tx, int64_t user_id, std::string_view key, int64_t customer_id,
                              std::string_view request_hash, Instant at);

// Rewrites the search index of up to `batch` accounts indexed before contact names were kept apart
// (search_personal IS NULL), and returns how many it rewrote: 0 when none is left. Idempotent, so
// nodes starting together may both run it. Until an account is rewritten, searches without
// personal_search skip it (they cannot tell its name grams from its contacts').
size_t ReindexSearch(db::Transaction& tx, size_t batch);

}  // namespace consign::customers
