#include "modules/auth/credentials.hpp"

#include <gtest/gtest.h>

#include <set>
#include <vector>

namespace consign::auth {
namespace {

std::string Reason(const Status& s) { return s ? "" : s.error().fields.at(0).reason; }

TEST(PasswordPolicy, NeedsTwelveCharacters) {
  EXPECT_EQ(Reason(CheckPasswordPolicy("")), "too_short");
  EXPECT_EQ(Reason(CheckPasswordPolicy("q7#Lw9!zR2m")), "too_short");  // 11
  EXPECT_TRUE(CheckPasswordPolicy("q7#Lw9!zR2mX"));
}

TEST(PasswordPolicy, CountsCharactersNotBytes) {
  EXPECT_EQ(Reason(CheckPasswordPolicy("深圳市顺达电子有限公")), "too_short");  // 10 characters, 30 bytes
  EXPECT_TRUE(CheckPasswordPolicy("深圳市顺达电子有限公司的"));               // 12 characters
}

TEST(PasswordPolicy, RefusesCommonPasswordsAndGuessablePatterns) {
  for (const char* common : {"password1234", "iloveyou1234", "football1234", "passwordpassword", "qwertyuiop12"})
    EXPECT_EQ(Reason(CheckPasswordPolicy(common)), "common") << common;
  for (const char* weak : {"zzzzzzzzzzzz", "123456789012", "abcdefghijkl", "asdfghjkl;'\\", "20240101abcd"})
    EXPECT_EQ(Reason(CheckPasswordPolicy(weak)), "too_weak") << weak;
  // The login is a known word: a password made of it is weak for that user only.
  EXPECT_TRUE(CheckPasswordPolicy("zhang.wei.2024", "password"));
  EXPECT_EQ(Reason(CheckPasswordPolicy("zhang.wei.2024", "password", "zhang.wei")), "too_weak");
  // Passwords people and the tests use: a phrase, mixed scripts.
  for (const char* fine : {"correct horse battery", "蓝天白云 secure-1", "test-password-蓝天", "agent password 1"})
    EXPECT_TRUE(CheckPasswordPolicy(fine)) << fine;
}

TEST(PasswordPolicy, RejectsInvalidUtf8NulAndHugeInput) {
  EXPECT_EQ(Reason(CheckPasswordPolicy(std::string("abcdefghijkl\xff", 13))), "invalid_format");
  EXPECT_EQ(Reason(CheckPasswordPolicy(std::string("q7#Lw9!z\0R2mX", 13))), "invalid_format");
  EXPECT_EQ(Reason(CheckPasswordPolicy(std::string(1025, 'x'))), "too_long");
  Status named = CheckPasswordPolicy("short", "new_password");
  ASSERT_FALSE(named);
  EXPECT_EQ(named.error().fields.at(0).field, "new_password");
}

TEST(PasswordHash, IsArgon2idAndVerifies) {
  const std::string hash = HashPassword("correct horse battery");
  EXPECT_TRUE(hash.starts_with("$argon2id$")) << hash;
  EXPECT_TRUE(VerifyPassword(hash, "correct horse battery"));
  EXPECT_FALSE(VerifyPassword(hash, "correct horse batterY"));
  EXPECT_NE(HashPassword("correct horse battery"), hash);  // salted
  EXPECT_FALSE(VerifyPassword("", "x"));
  EXPECT_FALSE(VerifyPassword("not a hash", "x"));
}

TEST(Tokens, Are256BitBase64UrlAndUnique) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const std::string token = NewToken();
    EXPECT_EQ(token.size(), 43u);
    EXPECT_EQ(token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
              std::string::npos);
    seen.insert(token);
  }
  EXPECT_EQ(seen.size(), 100u);
}

TEST(Tokens, HashIsSha256Hex) {
  EXPECT_EQ(TokenHash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_NE(TokenHash("abd"), TokenHash("abc"));
}

TEST(Tokens, ConstantTimeEquals) {
  EXPECT_TRUE(ConstantTimeEquals("same-token", "same-token"));
  EXPECT_FALSE(ConstantTimeEquals("same-token", "same-tokeN"));
  EXPECT_FALSE(ConstantTimeEquals("short", "longer"));
  EXPECT_TRUE(ConstantTimeEquals("", ""));
}

TEST(OneTimePassword, PassesThePolicy) {
  const std::string p = NewOneTimePassword();
  EXPECT_EQ(p.size(), 20u);
  EXPECT_TRUE(CheckPasswordPolicy(p));
  EXPECT_NE(NewOneTimePassword(), p);
}

TEST(ApiKeys, RoundTripThroughTheirTextForm) {
  const ApiKeyParts key = NewApiKey();
  EXPECT_EQ(key.prefix.size(), 12u);
  auto parsed = ParseApiKey(key.Full());
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->prefix, key.prefix);
  EXPECT_EQ(parsed->secret, key.secret);
}

TEST(ApiKeys, MalformedTextIsNoKey) {
  EXPECT_FALSE(ParseApiKey(""));
  EXPECT_FALSE(ParseApiKey("ck_"));
  EXPECT_FALSE(ParseApiKey("ck_0123456789ab"));
  EXPECT_FALSE(ParseApiKey("ck_0123456789ab_"));
  EXPECT_FALSE(ParseApiKey("ck_0123456789AB_secret"));  // upper-case hex is not ours
  EXPECT_FALSE(ParseApiKey("xk_0123456789ab_secret"));
  EXPECT_TRUE(ParseApiKey("ck_0123456789ab_se_cr-et"));  // base64url secrets may hold '_'
}

const Instant kNow = FromMicros(1'790'000'000'000'000);

TEST(Throttle, FiveFailuresAreFreeThenDelaysDoubleUpToFifteenMinutes) {
  using std::chrono::seconds;
  EXPECT_EQ(ThrottleDelay(0), seconds(0));
  EXPECT_EQ(ThrottleDelay(4), seconds(0));
  EXPECT_EQ(ThrottleDelay(5), seconds(1));
  EXPECT_EQ(ThrottleDelay(6), seconds(2));
  EXPECT_EQ(ThrottleDelay(8), seconds(8));
  EXPECT_EQ(ThrottleDelay(14), seconds(512));
  EXPECT_EQ(ThrottleDelay(15), seconds(900));
  EXPECT_EQ(ThrottleDelay(1'000'000), seconds(900));
}

TEST(Throttle, TheNextAttemptWaitsForTheDelayAfterTheLastOne) {
  using std::chrono::milliseconds;
  using std::chrono::seconds;
  EXPECT_FALSE(ThrottleRetryAfter({4, kNow}, kNow));
  EXPECT_EQ(ThrottleRetryAfter({5, kNow}, kNow), seconds(1));
  EXPECT_EQ(ThrottleRetryAfter({7, kNow - milliseconds(1500)}, kNow), seconds(3));  // 4 s after, rounded up
  EXPECT_FALSE(ThrottleRetryAfter({7, kNow - seconds(4)}, kNow));
}

TEST(Throttle, APairQuietForADayStartsAgain) {
  const ThrottleState old{40, kNow - kThrottleMemory};
  EXPECT_EQ(CountingFailures(old, kNow), 0);
  EXPECT_FALSE(ThrottleRetryAfter(old, kNow));
  EXPECT_EQ(CountingFailures({40, kNow - std::chrono::hours(23)}, kNow), 40);
}

}  // namespace
}  // namespace consign::auth
