#pragma once
// Secrets: password policy and hashing, session tokens, API keys, login throttling. Pure functions
// over libsodium and libzxcvbn (no database), unit-tested in credentials_test.cpp.
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

inline constexpr size_t kMinPasswordChars = 12;
inline constexpr size_t kMaxPasswordBytes = 1024;  // argon2 takes anything; a bound keeps bodies sane
// zxcvbn's estimate must reach 10^8 guesses (log2 ≈ 26.6 bits): zxcvbn's score 3, "safely
// unguessable", which OWASP ASVS 2.1.8 suggests as the floor of a strength meter.
inline constexpr double kMinPasswordEntropyBits = 26.6;

// The policy (ASVS 2.1): valid UTF-8 of at most 1024 bytes, at least 12 characters (Unicode code
// points), and strong enough by zxcvbn (libzxcvbn: dictionaries of common passwords, words, names,
// keyboard patterns, sequences, repeats, dates; `login`, when given, counts as a known word too).
// kInvalidArgument naming `field` otherwise, with reason too_long, invalid_format, too_short,
// common (mostly a common password or word, e.g. "password1234") or too_weak (any other guessable
// pattern, e.g. "abcdefghijkl" or the login itself).
[[nodiscard]] Status CheckPasswordPolicy(std::string_view password, std::string_view field = "password",
                                         std::string_view login = {});

// argon2id (crypto_pwhash_str, OPSLIMIT/MEMLIMIT_INTERACTIVE). Each call takes ~0.1 s and 64 MiB;
// at most a few run at once, the rest wait, so a burst of logins cannot exhaust memory.
// Throws std::runtime_error only when memory runs out.
std::string HashPassword(std::string_view password);
// True when `password` matches `stored_hash`. An empty or malformed hash (a demo user without a
// password) is no match, after the same argon2id work as a real check, so it cannot be told apart by
// timing.
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

// Login throttling, per (login, remote address) pair — never per login alone, which would let anyone
// lock a user out from everywhere. Each attempt counts as a failure before its password is checked; a
// success clears the pair. Once a pair has kFreeLoginFailures failures, each further attempt must
// wait ThrottleDelay(failures) after the last one: 1 s, 2 s, 4 s, … up to kMaxThrottleDelay. A pair
// with no attempt for kThrottleMemory starts again from zero.
inline constexpr int kFreeLoginFailures = 5;
inline constexpr std::chrono::seconds kMaxThrottleDelay{15 * 60};
inline constexpr std::chrono::hours kThrottleMemory{24};

struct ThrottleState {
  int64_t failures = 0;         // attempts since the last success (each counted before it was checked)
  Instant last_attempt_at{};    // of the newest of them
};
// Failures that still count at `now` (0 once kThrottleMemory has passed since the last attempt).
int64_t CountingFailures(const ThrottleState& state, Instant now);
// 0 below kFreeLoginFailures; then 1 s doubling with each further failure, capped at kMaxThrottleDelay.
std::chrono::seconds ThrottleDelay(int64_t failures);
// How long the next attempt must still wait (whole seconds, at least 1), or nullopt to go ahead.
std::optional<std::chrono::seconds> ThrottleRetryAfter(const ThrottleState& state, Instant now);

}  // namespace consign::auth
