#include "modules/auth/credentials.hpp"

#include <gtest/gtest.h>

#include <set>
#include <vector>

namespace consign::auth {
namespace {

std::string Reason(const Status& s) { return s ? "" : s.error().fields.at(0).reason; }

TEST(PasswordPolicy, NeedsTenCharacters) {
  EXPECT_EQ(Reason(CheckPasswordPolicy("")), "too_short");
  EXPECT_EQ(Reason(CheckPasswordPolicy("abcdefghi")), "too_short");
  EXPECT_TRUE(CheckPasswordPolicy("abcdefghij"));
}

TEST(PasswordPolicy, CountsCharactersNotBytes) {
  EXPECT_EQ(Reason(CheckPasswordPolicy("顺达电子有限公司")), "too_short");  // 8 characters, 24 bytes
  EXPECT_TRUE(CheckPasswordPolicy("深圳市顺达电子有限公司"));                 // 11 characters
}

TEST(PasswordPolicy, RejectsRepeatsInvalidUtf8AndHugeInput) {
  EXPECT_EQ(Reason(CheckPasswordPolicy("aaaaaaaaaaaa")), "too_weak");
  EXPECT_EQ(Reason(CheckPasswordPolicy(std::string("abcdefghij\xff", 11))), "invalid_format");
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

TEST(Throttle, FiveFailuresInTheWindowRefuseTheSixthAttempt) {
  using std::chrono::minutes;
  std::vector<Instant> failures;
  for (int i = 0; i < 4; ++i) failures.push_back(kNow - minutes(i));
  EXPECT_FALSE(ThrottleRetryAfter(failures, kNow));
  failures.push_back(kNow - minutes(10));  // the fifth, the oldest
  auto wait = ThrottleRetryAfter(failures, kNow);
  ASSERT_TRUE(wait);
  EXPECT_EQ(*wait, std::chrono::seconds(5 * 60));  // until the oldest leaves the 15-minute window
}

TEST(Throttle, FailuresOutsideTheWindowDoNotCount) {
  using std::chrono::minutes;
  std::vector<Instant> failures = {kNow, kNow - minutes(1), kNow - minutes(2), kNow - minutes(3),
                                   kNow - minutes(15), kNow - minutes(20)};
  EXPECT_FALSE(ThrottleRetryAfter(failures, kNow));
}

TEST(Throttle, WaitIsAtLeastOneSecond) {
  std::vector<Instant> failures(5, kNow - kThrottleWindow + std::chrono::microseconds(1));
  EXPECT_EQ(ThrottleRetryAfter(failures, kNow), std::chrono::seconds(1));
}

}  // namespace
}  // namespace consign::auth
