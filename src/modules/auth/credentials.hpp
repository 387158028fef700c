#pragma once
// Secrets: password policy and hashing, session tokens, API keys, login throttling. Pure functions
// over libsodium (no database), unit-tested in credentials_test.cpp.
//
// Only hashes are ever stored: passwords as argon2id strings, tokens and API key secrets as SHA-256.
// Thread safety: every function is safe to call from any thread.
#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace consign::auth {

inline constexpr size_t kMinPasswordChars = 10;
inline constexpr size_t kMaxPasswordBytes = 1024;  // argon2 takes anything; a bound keeps bodies sane

// The minimum policy: at least 10 characters (Unicode code points), at most 1024 bytes, valid
// UTF-8, not one character repeated. kInvalidArgument naming `field` (reason too_short, too_long,
// invalid_format or too_weak) otherwise.
[[nodiscard]] Status CheckPasswordPolicy(std::string_view password, std::string_view field = "password");

// argon2id (crypto_pwhash_str, OPSLIMIT/MEMLIMIT_INTERACTIVE). Each call takes ~0.1 s and 64 MiB;
// at most a few run at once, the rest wait, so a burst of logins cannot exhaust memory.
// Throws std::runtime_error only when memory runs out.
std::string HashPassword(std::string_view password);
// True when `password` matches `stored_hash`. A malformed hash is simply no match.
bool VerifyPassword(std::string_view stored_hash, std::string_view password);
// Burns the same time as a VerifyPassword against a real hash, so an unknown login takes as long as
// a wrong password (no user enumeration by timing).
void VerifyPasswordDummy(std::string_view password);

// 32 random bytes as base64url without padding (43 characters).
std::string NewToken();
// Lower-case hex SHA-256 of the token: what sessions and API keys store.
std::string TokenHash(std::string_view token);
// Constant-time equality (sodium_memcmp); different lengths are unequal.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// A one-time password for a first admin: 20 characters from an alphabet without look-alikes.
std::string NewOneTimePassword();

// API keys read "ck_<prefix>_<secret>": prefix 12 lower-case hex characters (looked up, stored in
// clear, shown in lists), secret a NewToken() (only its hash is stored).
struct ApiKeyParts {
  std::string prefix;
  std::string secret;
  std::string Full() const { return "ck_" + prefix + "_" + secret; }
};
ApiKeyParts NewApiKey();
// nullopt when `text` is not shaped like an API key.
std::optional<ApiKeyParts> ParseApiKey(std::string_view text);

// Login throttling: once kMaxLoginFailures logins for one login name (or from one remote address)
// have failed inside kThrottleWindow, the next attempt — which would be one more than five — is
// refused (429), even with the right password, until the oldest of them leaves the window. `failures_newest_first` are the failure times inside the
// window (at least the newest kMaxLoginFailures). Returns how long to wait, or nullopt to go ahead.
inline constexpr int kMaxLoginFailures = 5;
inline constexpr std::chrono::minutes kThrottleWindow{15};
std::optional<std::chrono::seconds> ThrottleRetryAfter(std::span<const Instant> failures_newest_first, Instant now);

}  // namespace consign::auth
