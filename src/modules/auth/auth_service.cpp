#include "modules/auth/auth_service.hpp"

#include <algorithm>
#include <cstdio>

#include "modules/audit/audit_log.hpp"
#include "modules/auth/access.hpp"
#include "modules/auth/credentials.hpp"

namespace consign::auth {

namespace {

// No user id in the trail: the login names the tool.
Principal SystemActor(std::string login) { return Principal::System(std::move(login)); }

std::string JsonString(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

Error BadCredentials() {
  Error e{ErrorCode::kUnauthenticated, "Wrong login or password.", {}, {}};
  e.fields.push_back({"password", "bad_credentials", "the login or the password is wrong"});
  return e;
}

Error Throttled(std::string field) {
  Error e{ErrorCode::kTooManyRequests, "Too many failed attempts; wait before trying again.", {}, {}};
  e.fields.push_back({std::move(field), "throttled", "too many failed attempts from this address; try again later"});
  return e;
}

// Counts one attempt of (key, remote) as a failure before its password is checked, in its own
// committed transaction: concurrent guesses queue on the pair's row, so at most kFreeLoginFailures
// of them get a password check before the delays begin, and a failed request's rollback cannot undo
// the count. kTooManyRequests naming `field` (with *retry_after) while the pair must wait.
Status CountAttempt(db::Database& database, std::string_view key, std::string_view remote, Instant now,
                    std::chrono::seconds* retry_after, std::string field) {
  auto tx = database.Begin(db::TxMode::kWrite);
  const ThrottleState state = store::LockThrottle(*tx, key, remote, now);
  if (auto wait = ThrottleRetryAfter(state, now)) {
    tx->Rollback();
    if (retry_after) *retry_after = *wait;
    return Throttled(std::move(field));
  }
  store::SetThrottle(*tx, key, remote, CountingFailures(state, now) + 1, now);
  tx->Commit();
  return Ok();
}

// login.failed for a user that exists, in its own committed transaction (the request's rolls back).
// An unknown login is not recorded: people type their password into the login field, and the trail
// must never hold a password; the throttle still counts it.
Status AuditFailedLogin(db::Database& database, const User& user, std::string_view reason, std::string_view remote,
                        Instant now, std::string_view request_id) {
  Principal anonymous;
  anonymous.login = "anonymous";
  auto tx = database.Begin(db::TxMode::kWrite);
  CONSIGN_TRY(audit::AuditLog{}.Record(
      *tx, audit::AuditEntry{now, anonymous, "login.failed", "user", user.login,
                             std::nullopt,
                             "{\"user_id\":" + std::to_string(user.id.value()) + ",\"reason\":" +
                                 JsonString(reason) + ",\"remote\":" + JsonString(remote) + "}",
                             std::string(request_id)}));
  tx->Commit();
  return Ok();
}

Error NoSuchAccount() {
  return InvalidField("customer_id", "not_found", "there is no customer account with this id");
}

Status Audit(db::Transaction& tx, const Principal& actor, std::string_view action, const User& user,
             std::optional<std::string> before, std::optional<std::string> after, Instant now,
             std::string_view request_id) {
  return audit::AuditLog{}.Record(tx, audit::AuditEntry{now, actor, std::string(action), "user",
                                                        std::to_string(user.id.value()), std::move(before),
                                                        std::move(after), std::string(request_id)});
}

}  // namespace

std::string UserAuditJson(const User& u) {
  std::string out = "{\"id\":" + std::to_string(u.id.value());
  out += ",\"login\":" + JsonString(u.login);
  out += ",\"name\":" + JsonString(u.name);
  out += ",\"role\":" + JsonString(RoleName(u.role));
  out += ",\"team_id\":" + (u.team_id ? std::to_string(u.team_id->value()) : std::string("null"));
  out += ",\"customer_id\":" + (u.customer_id ? std::to_string(u.customer_id->value()) : std::string("null"));
  out += std::string(",\"active\":") + (u.active ? "true" : "false");
  out += std::string(",\"must_change_password\":") + (u.must_change_password ? "true" : "false");
  return out + "}";
}

Result<LoginResult> Login(db::Database& database, const Clock& clock, std::string_view login,
                          std::string_view password, std::string_view remote, std::string_view request_id,
                          std::chrono::seconds* retry_after) {
  const Instant now = clock.Now();
  CONSIGN_TRY(CountAttempt(database, login, remote, now, retry_after, "login"));
  std::optional<store::UserRow> found;
  {
    auto tx = database.Begin(db::TxMode::kRead);
    found = store::FindUserByLogin(*tx, login);
    tx->Rollback();
  }
  // argon2id runs outside any transaction: it must not hold SQLite's write lock for 0.1 s. Unknown
  // users and users without a password (empty hash) cost the same argon2id work: no probing by time.
  bool ok = false;
  if (found) ok = VerifyPassword(found->password_hash, password);
  else VerifyPasswordDummy(password);
  if (!ok || !found->user.active) {
    if (found) {
      const std::string_view reason =
          !found->password_hash.starts_with("$argon2id$") ? "no_password" : !ok ? "wrong_password" : "inactive";
      CONSIGN_TRY(AuditFailedLogin(database, found->user, reason, remote, now, request_id));
    }
    return BadCredentials();
  }

  auto tx = database.Begin(db::TxMode::kWrite);
  store::ClearThrottle(*tx, login, remote);
  store::DeleteStaleThrottles(*tx, now - kThrottleMemory);
  LoginResult result;
  result.token = NewToken();
  result.csrf_token = NewToken();
  result.expires_at = now + kSessionLifetime;
  result.user = found->user;
  store::DeleteExpiredSessions(*tx, now);
  store::InsertSession(*tx, store::SessionRow{TokenHash(result.token), found->user.id, result.csrf_token, now,
                                              result.expires_at, now});
  CONSIGN_TRY(Audit(*tx, PrincipalOf(found->user), audit::action::kLogin, found->user, std::nullopt, std::nullopt, now,
                    request_id));
  tx->Commit();
  return result;
}

Status Logout(db::Transaction& tx, const Principal& who, std::string_view token_hash, Instant now,
              std::string_view request_id) {
  if (!store::DeleteSession(tx, token_hash)) return Ok();
  return audit::AuditLog{}.Record(tx, audit::AuditEntry{now, who, "logout", "user", std::to_string(who.user_id.value()),
                                                        std::nullopt, std::nullopt, std::string(request_id)});
}

Status ChangePassword(db::Database& database, const Clock& clock, const Principal& who,
                      std::string_view keep_session_hash, std::string_view current_password,
                      std::string_view new_password, std::string_view remote, std::string_view request_id,
                      std::chrono::seconds* retry_after) {
  if (!who.authenticated || who.via_api_key) return Forbidden("Change your password from a logged-in session.");
  std::optional<store::UserRow> found;
  {
    auto tx = database.Begin(db::TxMode::kRead);
    found = store::FindUserById(*tx, who.user_id);
    tx->Rollback();
  }
  if (!found) return NotFound("User");
  CONSIGN_TRY(CheckPasswordPolicy(new_password, "new_password", found->user.login));
  if (new_password == current_password)
    return InvalidField("new_password", "same_as_current", "the new password must differ from the current one");
  // The current password is guessed like a login (with a stolen session): the same pair, the same count.
  CONSIGN_TRY(CountAttempt(database, found->user.login, remote, clock.Now(), retry_after, "current_password"));
  if (!VerifyPassword(found->password_hash, current_password))
    return InvalidField("current_password", "bad_credentials", "the current password is wrong");
  const std::string hash = HashPassword(new_password);
  auto tx = database.Begin(db::TxMode::kWrite);
  const Instant now = clock.Now();
  if (!store::SetPassword(*tx, who.user_id, hash, false, now)) return NotFound("User");
  store::ClearThrottle(*tx, found->user.login, remote);
  store::DeleteSessionsOfUser(*tx, who.user_id, keep_session_hash);
  CONSIGN_TRY(Audit(*tx, who, "user.password", found->user, std::nullopt, std::nullopt, now, request_id));
  tx->Commit();
  return Ok();
}

Status ValidateNewUser(const NewUser& user, std::string_view password) {
  FieldErrors errors;
  auto collect = [&](const Status& s) {
    if (!s)
      for (const FieldError& f : s.error().fields) errors.Add(f.field, f.reason, f.message);
  };
  collect(CheckLogin(user.login));
  collect(CheckRoleLinks(user.role, user.customer_id));
  collect(CheckPasswordPolicy(password, "password", user.login));
  collect(CheckUserName(user.name));
  if (!errors.empty()) return std::move(errors).ToError();
  return Ok();
}

Result<User> CreateUser(db::Transaction& tx, const Principal& actor, const NewUser& input,
                        std::string_view password_hash, Instant now, std::string_view request_id,
                        const CustomerAccounts& accounts) {
  CONSIGN_TRY(Require(actor, kUsersCreate));
  CONSIGN_TRY(CheckLogin(input.login));
  CONSIGN_TRY(CheckRoleLinks(input.role, input.customer_id));
  if (store::FindUserByLogin(tx, input.login))
    return Conflict("login", "duplicate", "a user with login '" + input.login + "' already exists");
  if (input.team_id && !store::TeamExists(tx, *input.team_id))
    return InvalidField("team_id", "not_found", "there is no team with this id");
  if (input.customer_id && !accounts.Exists(tx, *input.customer_id)) return NoSuchAccount();
  User user;
  user.login = input.login;
  user.name = input.name.empty() ? input.login : input.name;
  user.role = input.role;
  user.team_id = input.team_id;
  user.customer_id = input.customer_id;
  user.must_change_password = input.must_change_password;
  user.active = true;
  user.created_at = now;
  user.updated_at = now;
  user.version = 1;
  user.id = store::InsertUser(tx, user, password_hash);
  CONSIGN_TRY(Audit(tx, actor, audit::action::kUserCreate, user, std::nullopt, UserAuditJson(user), now, request_id));
  return user;
}

Result<User> UpdateUser(db::Transaction& tx, const Principal& actor, UserId id, const UserPatch& patch, Instant now,
                        std::string_view request_id, const CustomerAccounts& accounts) {
  CONSIGN_TRY(Require(actor, kUsersUpdate));
  std::optional<store::UserRow> found = store::FindUserById(tx, id);
  if (!found) return NotFound("User");
  const User before = found->user;
  User after = before;
  if (patch.name) {
    if (patch.name->empty()) return InvalidField("name", "required", "a name may not be empty");
    CONSIGN_TRY(CheckUserName(*patch.name));
    after.name = *patch.name;
  }
  if (patch.role) after.role = *patch.role;
  if (patch.team_id) after.team_id = *patch.team_id;
  if (patch.customer_id) after.customer_id = *patch.customer_id;
  if (patch.active) after.active = *patch.active;
  CONSIGN_TRY(CheckRoleLinks(after.role, after.customer_id));
  if (after.team_id && after.team_id != before.team_id && !store::TeamExists(tx, *after.team_id))
    return InvalidField("team_id", "not_found", "there is no team with this id");
  if (after.customer_id && after.customer_id != before.customer_id && !accounts.Exists(tx, *after.customer_id))
    return NoSuchAccount();
  if (actor.authenticated && actor.user_id == id && (!after.active || after.role != before.role))
    return Forbidden("You cannot deactivate yourself or change your own role.");
  after.updated_at = now;
  after.version = before.version + 1;
  if (!store::UpdateUser(tx, after, before.version))
    return MakeError(ErrorCode::kConflict, "The user was changed at the same time; reload and retry.");
  if (!after.active || after.role != before.role) store::DeleteSessionsOfUser(tx, id);
  CONSIGN_TRY(Audit(tx, actor, audit::action::kUserUpdate, after, UserAuditJson(before), UserAuditJson(after), now,
                    request_id));
  return after;
}

Result<User> GetUser(db::Transaction& tx, const Principal& who, UserId id) {
  // Everyone may read their own record (GET /api/v1/auth/me); others need users.read.
  if (!(who.authenticated && who.user_id == id)) CONSIGN_TRY(Require(who, kUsersRead));
  auto found = store::FindUserById(tx, id);
  if (!found) return NotFound("User");
  return found->user;
}

Result<std::vector<User>> ListUsers(db::Transaction& tx, const Principal& who, int64_t after_id, int limit) {
  CONSIGN_TRY(Require(who, kUsersRead));
  if (limit < 1 || limit > 500) return InvalidField("limit", "out_of_range", "limit must be between 1 and 500");
  return store::ListUsers(tx, after_id, limit);
}

Result<UserOptions> ListUserOptions(db::Transaction& tx, const Principal& who) {
  CONSIGN_TRY(Require(who, kUsersOptions));
  UserOptions options;
  options.users = store::ListActiveStaff(tx, kMaxStaffOptions + 1);
  if (options.users.size() > static_cast<size_t>(kMaxStaffOptions)) {
    options.users.resize(kMaxStaffOptions);
    options.truncated = true;
  }
  options.teams = store::ListTeams(tx);
  return options;
}

std::map<UserId, UserSummary> DescribeUsers(db::Transaction& tx, std::span<const UserId> ids) {
  std::vector<UserId> distinct(ids.begin(), ids.end());
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  std::map<UserId, UserSummary> out;
  if (distinct.empty()) return out;
  for (store::UserSummaryRow& row : store::DescribeUsers(tx, distinct))
    out.emplace(row.id, UserSummary{std::move(row.login), std::move(row.name), row.active, row.role});
  return out;
}

bool TeamExists(db::Transaction& tx, TeamId id) { return store::TeamExists(tx, id); }

Result<TeamId> FindOrCreateTeam(db::Transaction& tx, std::string_view name) {
  if (name.empty()) return InvalidField("team", "required", "a team needs a name");
  if (auto id = store::FindTeam(tx, name)) return *id;
  return store::InsertTeam(tx, name);
}

Status SetPasswordByLogin(db::Database& database, const Clock& clock, std::string_view login,
                          std::string_view password, bool must_change) {
  CONSIGN_TRY(CheckPasswordPolicy(password, "password", login));
  const std::string hash = HashPassword(password);
  auto tx = database.Begin(db::TxMode::kWrite);
  auto found = store::FindUserByLogin(*tx, login);
  if (!found) return NotFound("User '" + std::string(login) + "'");
  const Instant now = clock.Now();
  store::SetPassword(*tx, found->user.id, hash, must_change, now);
  store::DeleteSessionsOfUser(*tx, found->user.id);
  CONSIGN_TRY(Audit(*tx, SystemActor("cli"), "user.password", found->user, std::nullopt, std::nullopt, now, "cli"));
  tx->Commit();
  return Ok();
}

Result<CreatedApiKey> CreateApiKey(db::Transaction& tx, const Matrix& matrix, const Principal& owner,
                                   std::string_view name, const std::vector<std::string>& scopes, Instant now,
                                   std::string_view request_id) {
  CONSIGN_TRY(Require(owner, kApiKeysCreate));
  if (owner.via_api_key) return Forbidden("API keys are created from a logged-in session.");
  FieldErrors errors;
  if (name.empty()) errors.Add("name", "required", "a key needs a name");
  if (scopes.empty()) errors.Add("scopes", "required", "a key needs at least one scope, e.g. customers:read");
  for (size_t i = 0; i < scopes.size(); ++i) {
    const std::string field = "scopes[" + std::to_string(i) + "]";
    if (!matrix.IsValidScope(scopes[i])) {
      errors.Add(field, "invalid_enum", "'" + scopes[i] + "' is not a scope (resource:action, e.g. customers:read)");
      continue;
    }
    // A key never carries more than its owner's role; "resource:*" keeps only what the role has.
    const bool exact = !scopes[i].ends_with(":*");
    bool any = false, all = true;
    for (const Permission& p : matrix.all()) {
      if (!ScopeCovers(scopes[i], p)) continue;
      const bool held = matrix.Allows(owner.role, p);
      any = any || held;
      all = all && held;
    }
    if (!any || (exact && !all))
      errors.Add(field, "forbidden_scope", "your role does not have " + scopes[i]);
  }
  if (!errors.empty()) return std::move(errors).ToError();
  const ApiKeyParts parts = NewApiKey();
  store::ApiKeyRow row;
  row.prefix = parts.prefix;
  row.secret_hash = TokenHash(parts.secret);
  row.user_id = owner.user_id;
  row.name = std::string(name);
  row.scopes = scopes;
  row.created_at = now;
  row.id = store::InsertApiKey(tx, row);
  CONSIGN_TRY(audit::AuditLog{}.Record(
      tx, audit::AuditEntry{now, owner, "api_key.create", "api_key", std::to_string(row.id), std::nullopt,
                            "{\"prefix\":\"" + row.prefix + "\",\"user_id\":" + std::to_string(owner.user_id.value()) +
                                "}",
                            std::string(request_id)}));
  return CreatedApiKey{std::move(row), parts.Full()};
}

Result<std::vector<store::ApiKeyRow>> ListApiKeys(db::Transaction& tx, const Principal& owner) {
  CONSIGN_TRY(Require(owner, kApiKeysRead));
  return store::ListApiKeys(tx, owner.user_id);
}

Status RevokeApiKey(db::Transaction& tx, const Principal& who, int64_t id, Instant now, std::string_view request_id) {
  CONSIGN_TRY(Require(who, kApiKeysDelete));
  auto key = store::FindApiKey(tx, id);
  // Another user's key reads as not found, so ids cannot be probed.
  if (!key || (key->user_id != who.user_id && who.role != Role::kAdmin)) return NotFound("API key");
  if (!store::RevokeApiKey(tx, id, now)) return Ok();  // already revoked: the caller's wish holds
  return audit::AuditLog{}.Record(tx, audit::AuditEntry{now, who, "api_key.revoke", "api_key", std::to_string(id),
                                                        std::nullopt, std::nullopt, std::string(request_id)});
}

Status EnsureAdmin(db::Database& database, const Clock& clock, std::ostream& out) {
  {
    auto tx = database.Begin(db::TxMode::kRead);
    const bool any = store::CountAdmins(*tx) > 0;
    tx->Rollback();
    if (any) return Ok();
  }
  const std::string password = NewOneTimePassword();
  const std::string hash = HashPassword(password);
  // Several nodes may start at once: the UNIQUE login lets exactly one of them create "admin".
  try {
    auto tx = database.Begin(db::TxMode::kWrite);
    if (store::CountAdmins(*tx) > 0) return Ok();
    NewUser admin{"admin", "Administrator", Role::kAdmin, std::nullopt, std::nullopt, true};
    auto created = CreateUser(*tx, SystemActor("system"), admin, hash, clock.Now(), "first-start", CustomerAccounts{});
    if (!created) return std::move(created).error();
    tx->Commit();
  } catch (const db::DbError& e) {
    if (e.kind() == db::DbError::Kind::kUniqueViolation) return Ok();
    throw;
  }
  out << "Created administrator 'admin' with one-time password: " << password
      << " — it is shown only this once; change it at first login." << std::endl;
  return Ok();
}

}  // namespace consign::auth
