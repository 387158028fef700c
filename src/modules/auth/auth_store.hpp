#pragma once
// SQL for teams, users, sessions, api_keys and login_throttle. Internal to the auth module: other
// modules go through auth_service.hpp.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "modules/auth/credentials.hpp"
#include "modules/auth/user.hpp"
#include "platform/db/database.hpp"

namespace consign::auth::store {

struct UserRow {
  User user;
  std::string password_hash;
};

std::optional<UserRow> FindUserByLogin(db::Transaction& tx, std::string_view login);
std::optional<UserRow> FindUserById(db::Transaction& tx, UserId id);
struct UserSummaryRow {
  UserId id{};
  std::string login, name;
  bool active = true;
  Role role = Role::kPortal;
};
// Login, name, state and role of those of `ids` that exist, one query per 500 ids.
std::vector<UserSummaryRow> DescribeUsers(db::Transaction& tx, std::span<const UserId> ids);
// Users with id > after_id in id order.
std::vector<User> ListUsers(db::Transaction& tx, int64_t after_id, int limit);
int64_t CountUsers(db::Transaction& tx);
// Administrators of any state: the first start creates one only when there is none at all (the demo
// loader may have created sales users before the first start).
int64_t CountAdmins(db::Transaction& tx);
// Throws DbError(kUniqueViolation) on a taken login (the caller checks first; this is the race).
UserId InsertUser(db::Transaction& tx, const User& user, std::string_view password_hash);
// Writes every field of `user` (version must already be the new one) where the row still has
// `expected_version`. False when it does not (someone else changed it).
bool UpdateUser(db::Transaction& tx, const User& user, int64_t expected_version);
bool SetPassword(db::Transaction& tx, UserId id, std::string_view password_hash, bool must_change, Instant now);

// Active users of every role but portal, by name then id, at most `limit`.
struct StaffOption {
  UserId id{};
  std::string name;
  std::optional<TeamId> team_id;
};
std::vector<StaffOption> ListActiveStaff(db::Transaction& tx, int limit);
struct TeamRow {
  TeamId id{};
  std::string name;
};
// Every team, by name.
std::vector<TeamRow> ListTeams(db::Transaction& tx);

bool TeamExists(db::Transaction& tx, TeamId id);
std::optional<TeamId> FindTeam(db::Transaction& tx, std::string_view name);
TeamId InsertTeam(db::Transaction& tx, std::string_view name);

struct SessionRow {
  std::string token_hash;
  UserId user_id{};
  std::string csrf_token;
  Instant created_at{};
  Instant expires_at{};
  Instant last_seen_at{};
};
void InsertSession(db::Transaction& tx, const SessionRow& session);
std::optional<SessionRow> FindSession(db::Transaction& tx, std::string_view token_hash);
// The session and its user in one statement (what every authenticated request reads); nullopt when
// there is no such session.
struct SessionWithUser {
  SessionRow session;
  UserRow user;
};
std::optional<SessionWithUser> FindSessionWithUser(db::Transaction& tx, std::string_view token_hash);
void TouchSession(db::Transaction& tx, std::string_view token_hash, Instant last_seen, Instant expires_at);
// False when there was no such session.
bool DeleteSession(db::Transaction& tx, std::string_view token_hash);
// All of a user's sessions but `keep_token_hash` (empty: all).
void DeleteSessionsOfUser(db::Transaction& tx, UserId user, std::string_view keep_token_hash = {});
// Removes sessions that expired before `now` (housekeeping on login).
void DeleteExpiredSessions(db::Transaction& tx, Instant now);

struct ApiKeyRow {
  int64_t id = 0;
  std::string prefix;
  std::string secret_hash;
  UserId user_id{};
  std::string name;
  std::vector<std::string> scopes;
  Instant created_at{};
  std::optional<Instant> revoked_at;
  std::optional<Instant> last_used_at;
};
int64_t InsertApiKey(db::Transaction& tx, const ApiKeyRow& key);
std::optional<ApiKeyRow> FindApiKeyByPrefix(db::Transaction& tx, std::string_view prefix);
std::vector<ApiKeyRow> ListApiKeys(db::Transaction& tx, UserId user);
std::optional<ApiKeyRow> FindApiKey(db::Transaction& tx, int64_t id);
bool RevokeApiKey(db::Transaction& tx, int64_t id, Instant at);
void TouchApiKey(db::Transaction& tx, int64_t id, Instant at);

// Throttling per (login, remote) pair (credentials.hpp). LockThrottle returns the pair's state,
// creating it with no failures, and holds the row until `tx` ends (FOR UPDATE on PostgreSQL; SQLite's
// write transactions are serial anyway), so concurrent attempts of one pair take turns.
ThrottleState LockThrottle(db::Transaction& tx, std::string_view login, std::string_view remote, Instant now);
void SetThrottle(db::Transaction& tx, std::string_view login, std::string_view remote, int64_t failures, Instant at);
void ClearThrottle(db::Transaction& tx, std::string_view login, std::string_view remote);
// Housekeeping: pairs whose last attempt is older than `before`.
void DeleteStaleThrottles(db::Transaction& tx, Instant before);

}  // namespace consign::auth::store
