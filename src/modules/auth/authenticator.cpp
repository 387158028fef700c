#include "modules/auth/authenticator.hpp"

#include <algorithm>
#include <array>

#include "modules/auth/access.hpp"
#include "modules/auth/auth_service.hpp"
#include "modules/auth/credentials.hpp"

namespace consign::auth {

namespace {

constexpr std::array<std::string_view, 3> kAllowedWhilePasswordMustChange = {
    "/api/v1/auth/me", "/api/v1/auth/password", "/api/v1/auth/logout"};

struct Presented {
  enum class Kind { kNone, kBearer, kCookie, kMalformed } kind = Kind::kNone;
  std::string value;
};

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

Presented CredentialsOf(const http::Request& request) {
  if (auto header = request.Header("authorization")) {
    std::string_view h = *header;
    if (h.size() < 7 || !EqualsIgnoreCase(h.substr(0, 7), "bearer ")) return {Presented::Kind::kMalformed, {}};
    h.remove_prefix(7);
    while (!h.empty() && h.front() == ' ') h.remove_prefix(1);
    while (!h.empty() && h.back() == ' ') h.remove_suffix(1);
    if (h.empty() || h.size() > 256) return {Presented::Kind::kMalformed, {}};
    return {Presented::Kind::kBearer, std::string(h)};
  }
  if (auto cookie = request.Cookie(kSessionCookie); cookie && !cookie->empty() && cookie->size() <= 256)
    return {Presented::Kind::kCookie, std::string(*cookie)};
  return {};
}

Error Unauthenticated(std::string message) { return MakeError(ErrorCode::kUnauthenticated, std::move(message)); }

Error ForbiddenBecause(std::string field, std::string reason, std::string message) {
  Error e{ErrorCode::kForbidden, message, {}, {}};
  e.fields.push_back({std::move(field), std::move(reason), std::move(message)});
  return e;
}

bool IsUnsafe(http::Method m) {
  return m == http::Method::kPost || m == http::Method::kPut || m == http::Method::kPatch ||
         m == http::Method::kDelete;
}

Status CheckPasswordChange(const User& user, const http::Request& request) {
  if (!user.must_change_password) return Ok();
  for (std::string_view allowed : kAllowedWhilePasswordMustChange)
    if (request.path == allowed) return Ok();
  return ForbiddenBecause("", "password_change_required", "Change your one-time password first.");
}

class SessionAuthenticator final : public http::Authenticator {
 public:
  SessionAuthenticator(db::Database& database, const Matrix& matrix) : database_(database), matrix_(matrix) {}

  Result<Principal> Authenticate(const http::Request& request, http::Context& ctx) override {
    const Presented presented = CredentialsOf(request);
    switch (presented.kind) {
      case Presented::Kind::kNone: return Principal{};
      case Presented::Kind::kMalformed:
        return Unauthenticated("The Authorization header must read 'Bearer <token>'.");
      case Presented::Kind::kBearer:
        if (presented.value.starts_with("ck_")) return ByApiKey(presented.value, request, ctx);
        return BySession(presented.value, false, request, ctx);
      case Presented::Kind::kCookie: return BySession(presented.value, true, request, ctx);
    }
    return Principal{};
  }

 private:
  // Where the credentials are read. A read request (GET/HEAD) reads them in its own transaction,
  // which it then goes on using: one BEGIN and one pooled connection per request instead of two.
  // A writing request reads them in a short transaction of its own, finished before the request
  // opens its write transaction: an unauthenticated POST must never take SQLite's write lock.
  class Reader {
   public:
    Reader(db::Database& database, http::Context& ctx) {
      if (!ctx.has_tx() && ctx.default_mode() == db::TxMode::kRead) {
        tx_ = &ctx.tx();
        in_request_ = true;
      } else {
        own_ = database.Begin(db::TxMode::kRead);
        tx_ = own_.get();
      }
    }
    // An own transaction that is still open rolls back in its destructor.
    Reader(const Reader&) = delete;
    Reader& operator=(const Reader&) = delete;
    db::Transaction& tx() { return *tx_; }
    // Where the (rare) write of last use goes. Inside the request's read transaction that is
    // Background(): the request already holds a connection of the main pool, and waiting there for
    // a second one could deadlock a full pool; no holder of a Background() connection ever waits
    // for a request's connection. Otherwise the database itself, once this read has finished.
    db::Database& WriterOf(db::Database& database) {
      if (in_request_) return database.Background();
      if (own_) {
        own_->Rollback();
        own_.reset();
      }
      return database;
    }

   private:
    std::unique_ptr<db::Transaction> own_;
    db::Transaction* tx_ = nullptr;
    bool in_request_ = false;
  };

  Result<Principal> BySession(const std::string& token, bool from_cookie, const http::Request& request,
                              http::Context& ctx) {
    const Instant now = ctx.clock().Now();
    const std::string hash = TokenHash(token);
    Reader reader(database_, ctx);
    // Session and user in one statement, in the same snapshot: a logout, deactivation or password
    // change committed before this request began is seen here (no cache).
    const std::optional<store::SessionWithUser> found = store::FindSessionWithUser(reader.tx(), hash);
    if (!found || found->session.expires_at <= now || now >= found->session.created_at + kSessionAbsoluteLifetime)
      return Unauthenticated("The session has expired; log in again.");
    const store::SessionRow& session = found->session;
    const User& user = found->user.user;
    if (!user.active) return Unauthenticated("This user is deactivated.");
    if (from_cookie && IsUnsafe(request.method)) {
      const auto header = request.Header("x-csrf-token");
      if (!header || !ConstantTimeEquals(*header, session.csrf_token))
        return ForbiddenBecause("X-CSRF-Token", "csrf", "A cookie session must send its X-CSRF-Token.");
    }
    CONSIGN_TRY(CheckPasswordChange(user, request));
    if (now - session.last_seen_at >= kSessionTouchInterval) {
      auto tx = reader.WriterOf(database_).Begin(db::TxMode::kWrite);
      store::TouchSession(*tx, hash, now, std::min(now + kSessionLifetime, session.created_at + kSessionAbsoluteLifetime));
      tx->Commit();
    }
    Principal p = PrincipalOf(user);
    p.permissions = matrix_.Of(p.role);
    return p;
  }

  Result<Principal> ByApiKey(const std::string& text, const http::Request& request, http::Context& ctx) {
    const Instant now = ctx.clock().Now();
    const auto parts = ParseApiKey(text);
    if (!parts) return Unauthenticated("This API key is not valid.");
    Reader reader(database_, ctx);
    std::optional<store::ApiKeyRow> key = store::FindApiKeyByPrefix(reader.tx(), parts->prefix);
    std::optional<store::UserRow> user;
    if (key) user = store::FindUserById(reader.tx(), key->user_id);
    if (!key || !ConstantTimeEquals(TokenHash(parts->secret), key->secret_hash))
      return Unauthenticated("This API key is not valid.");
    if (key->revoked_at) return Unauthenticated("This API key was revoked.");
    if (!user || !user->user.active) return Unauthenticated("The user of this API key is deactivated.");
    CONSIGN_TRY(CheckPasswordChange(user->user, request));
    if (!key->last_used_at || now - *key->last_used_at >= kSessionTouchInterval) {
      auto tx = reader.WriterOf(database_).Begin(db::TxMode::kWrite);
      store::TouchApiKey(*tx, key->id, now);
      tx->Commit();
    }
    Principal p = PrincipalOf(user->user);
    p.via_api_key = true;
    p.scopes = key->scopes;
    p.permissions = matrix_.ForApiKey(p.role, p.scopes);
    return p;
  }

  db::Database& database_;
  const Matrix& matrix_;
};

}  // namespace

std::unique_ptr<http::Authenticator> MakeAuthenticator(db::Database& database, const Matrix& matrix) {
  return std::make_unique<SessionAuthenticator>(database, matrix);
}

std::optional<std::string> SessionTokenOf(const http::Request& request) {
  const Presented presented = CredentialsOf(request);
  if (presented.kind == Presented::Kind::kCookie) return presented.value;
  if (presented.kind == Presented::Kind::kBearer && !presented.value.starts_with("ck_")) return presented.value;
  return std::nullopt;
}

}  // namespace consign::auth
