#pragma once
// Use cases of the auth module: log in, users, passwords, API keys, the first administrator. Each use
// case acting for a principal checks its permission itself (users.*, api_keys.*), whoever calls it.
// Functions taking a Transaction run inside the request's transaction and never commit. Those
// taking the Database open their own short transactions, because they must keep a record even when
// the request fails (a failed login still counts towards throttling) or must not hold a write lock
// while argon2id runs (~0.1 s).
#include <chrono>
#include <functional>
#include <map>
#include <span>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/principal.hpp"
#include "core/result.hpp"
#include "modules/auth/access.hpp"
#include "modules/auth/auth_store.hpp"
#include "modules/auth/user.hpp"
#include "platform/db/database.hpp"

namespace consign::auth {

std::vector<db::Migration> Migrations();

// A session ends after kSessionLifetime without use (idle expiry, sliding), and in any case
// kSessionAbsoluteLifetime after its login, however busy (ASVS 3.3.1/3.3.2: a stolen token does not
// live for ever).
inline constexpr std::chrono::hours kSessionLifetime{12};
inline constexpr std::chrono::days kSessionAbsoluteLifetime{7};
// A session's expiry slides on use, but written back at most this often (reads stay reads).
inline constexpr std::chrono::seconds kSessionTouchInterval{60};
inline constexpr std::string_view kSessionCookie = "consign_session";

struct LoginResult {
  std::string token;       // the bearer token and cookie value; only its hash is stored
  std::string csrf_token;  // echoed in X-CSRF-Token by the browser on unsafe requests
  Instant expires_at{};
  User user;
};

// Counts the attempt for the (login, remote) pair before anything else (credentials.hpp: throttling),
// checks the password and the user's state, opens a session and audits the login; a success clears
// the pair. Errors: kTooManyRequests (field login, reason throttled; *retry_after set),
// kUnauthenticated (reason bad_credentials — also for unknown users, users without a password and
// inactive users, which take the same argon2id time, so logins cannot be probed). A failure of an
// existing user is audited as login.failed (entity user, entity_id the login; no password).
[[nodiscard]] Result<LoginResult> Login(db::Database& database, const Clock& clock, std::string_view login,
                                        std::string_view password, std::string_view remote,
                                        std::string_view request_id, std::chrono::seconds* retry_after);

// Ends the session whose token hashes to `token_hash` and audits "logout" (entity user, `who`'s id);
// a no-op when there is no such session.
[[nodiscard]] Status Logout(db::Transaction& tx, const Principal& who, std::string_view token_hash, Instant now,
                            std::string_view request_id);

// Changes one's own password: the new one must pass the policy and differ, the current one must
// match — checked through the same throttle as a login of the user from `remote`. Clears
// must_change_password and ends every other session of the user. Errors name the field:
// current_password (bad_credentials; throttled with kTooManyRequests and *retry_after), new_password
// (policy reasons, same_as_current).
[[nodiscard]] Status ChangePassword(db::Database& database, const Clock& clock, const Principal& who,
                                    std::string_view keep_session_hash, std::string_view current_password,
                                    std::string_view new_password, std::string_view remote,
                                    std::string_view request_id, std::chrono::seconds* retry_after = nullptr);

// --- users --------------------------------------------------------------------------------
// The customer accounts portal users belong to. Accounts are the customers module's, and customers
// depends on auth, not the reverse: so auth provides this object through module::Services at start
// and the customers module, which starts later, fills in its check (module.cpp of each). Until it is
// filled — a program without the customers module, a test that did not — no account exists, and no
// portal user can be linked to one (fails closed). Filled once while the program is composed;
// read-only and thread-safe afterwards.
class CustomerAccounts {
 public:
  using ExistsFn = std::function<bool(db::Transaction&, CustomerId)>;
  void SetExists(ExistsFn exists) { exists_ = std::move(exists); }
  // Whether account `id` exists (active or archived), read in the caller's transaction.
  bool Exists(db::Transaction& tx, CustomerId id) const { return exists_ && exists_(tx, id); }

 private:
  ExistsFn exists_;
};

struct NewUser {
  std::string login;
  std::string name;
  Role role = Role::kPortal;
  std::optional<TeamId> team_id;
  std::optional<CustomerId> customer_id;
  bool must_change_password = false;
};

// Every rule on a new user that needs no database, with its password (all mistakes at once).
[[nodiscard]] Status ValidateNewUser(const NewUser& user, std::string_view password);

// Creates a user whose password hash the caller computed (HashPassword, outside the transaction)
// and audits user.create. Conflict (field login, reason duplicate) when the login is taken;
// kInvalidArgument when team_id names no team, or customer_id no account of `accounts` (reason
// not_found: a portal user belongs to an existing account).
[[nodiscard]] Result<User> CreateUser(db::Transaction& tx, const Principal& actor, const NewUser& user,
                                      std::string_view password_hash, Instant now, std::string_view request_id,
                                      const CustomerAccounts& accounts);

struct UserPatch {
  std::optional<std::string> name;
  std::optional<Role> role;
  std::optional<std::optional<TeamId>> team_id;          // set, or cleared with nullopt inside
  std::optional<std::optional<CustomerId>> customer_id;
  std::optional<bool> active;
};

// Applies the patch, audits user.update with before and after (role changes included); a
// deactivated user loses every session at once. kNotFound, kInvalidArgument (a new team_id or
// customer_id that names nothing, as CreateUser); kForbidden when an administrator would deactivate or
// demote themselves (someone must stay able to manage users).
[[nodiscard]] Result<User> UpdateUser(db::Transaction& tx, const Principal& actor, UserId id, const UserPatch& patch,
                                      Instant now, std::string_view request_id, const CustomerAccounts& accounts);

// A user's own record for anyone logged in as them; any user's with users.read.
[[nodiscard]] Result<User> GetUser(db::Transaction& tx, const Principal& who, UserId id);
// Users with id > after_id in id order, at most limit. Requires users.read.
[[nodiscard]] Result<std::vector<User>> ListUsers(db::Transaction& tx, const Principal& who, int64_t after_id,
                                                  int limit);

// What the owner and team filters of lists offer (GET /api/v1/users/options): the active staff users
// (id, display name, team) and the teams (id, name), nothing more: no login, role or state. Requires
// users.options (staff). At most kMaxStaffOptions users, by name; `truncated` says when there were more.
inline constexpr int kMaxStaffOptions = 2000;
struct UserOptions {
  std::vector<store::StaffOption> users;
  std::vector<store::TeamRow> teams;
  bool truncated = false;
};
[[nodiscard]] Result<UserOptions> ListUserOptions(db::Transaction& tx, const Principal& who);

// What another module shows of a user it names (the owner of an account, ...): login, name, whether
// the account is active, and the role (an account's owner must be active staff, not a portal user).
struct UserSummary {
  std::string login;
  std::string name;
  bool active = true;
  Role role = Role::kPortal;
};
// Describes every user of `ids` that exists, in one query for a whole page (ids may repeat; at most
// one query per 500 distinct ids). Ids that name no user are absent from the map. No permission
// check: a record that names its user shows who it is to whoever may read the record. Other modules
// call this instead of reading the users table.
std::map<UserId, UserSummary> DescribeUsers(db::Transaction& tx, std::span<const UserId> ids);

// Whether a team with this id exists (teams are auth's: users and accounts name them). No permission
// check: an id alone tells nothing.
bool TeamExists(db::Transaction& tx, TeamId id);

// The team with this name, created when missing (CLI and demo data).
[[nodiscard]] Result<TeamId> FindOrCreateTeam(db::Transaction& tx, std::string_view name);

// Sets a user's password by login (CLI). Ends their sessions. kNotFound for an unknown login.
[[nodiscard]] Status SetPasswordByLogin(db::Database& database, const Clock& clock, std::string_view login,
                                        std::string_view password, bool must_change);

// --- API keys ------------------------------------------------------------------------------
struct CreatedApiKey {
  store::ApiKeyRow key;
  std::string secret;  // "ck_<prefix>_<secret>", shown once
};
// Scopes must be valid ("customers:read") and within the owner's role. kInvalidArgument otherwise.
[[nodiscard]] Result<CreatedApiKey> CreateApiKey(db::Transaction& tx, const Matrix& matrix, const Principal& owner,
                                                 std::string_view name, const std::vector<std::string>& scopes,
                                                 Instant now, std::string_view request_id);
[[nodiscard]] Result<std::vector<store::ApiKeyRow>> ListApiKeys(db::Transaction& tx, const Principal& owner);
// Revokes one of the owner's keys (an admin may revoke anyone's). kNotFound otherwise.
[[nodiscard]] Status RevokeApiKey(db::Transaction& tx, const Principal& who, int64_t id, Instant now,
                                  std::string_view request_id);

// --- first start ---------------------------------------------------------------------------
// When no administrator exists, creates "admin" with a random one-time password that must be changed
// at the first login, and prints it to `out` once. Does nothing when an administrator exists (other
// users, such as the demo's sales force, do not count). Safe when several
// nodes start at once: the login's uniqueness lets only one win.
[[nodiscard]] Status EnsureAdmin(db::Database& database, const Clock& clock, std::ostream& out);

// JSON text of a user for the audit trail (no password hash).
std::string UserAuditJson(const User& user);

}  // namespace consign::auth
