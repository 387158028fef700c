#include "modules/auth/credentials.hpp"

#include <sodium.h>
#include <zxcvbn.h>

#include <array>
#include <semaphore>
#include <stdexcept>

namespace consign::auth {

namespace {

void InitSodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

// Each argon2id computation takes MEMLIMIT_INTERACTIVE (64 MiB): bound how many run at once.
std::counting_semaphore<>& HashSlots() {
  static std::counting_semaphore<> slots(4);
  return slots;
}

class SlotGuard {
 public:
  SlotGuard() { HashSlots().acquire(); }
  ~SlotGuard() { HashSlots().release(); }
  SlotGuard(const SlotGuard&) = delete;
  SlotGuard& operator=(const SlotGuard&) = delete;
};

// Decodes one UTF-8 sequence; returns its length or 0 when invalid.
size_t Utf8Length(std::string_view s, size_t i, uint32_t* code_point) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char b0 = byte(i);
  size_t len = b0 < 0x80 ? 1 : (b0 >> 5) == 0x6 ? 2 : (b0 >> 4) == 0xE ? 3 : (b0 >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + len > s.size()) return 0;
  uint32_t cp = len == 1 ? b0 : len == 2 ? (b0 & 0x1F) : len == 3 ? (b0 & 0x0F) : (b0 & 0x07);
  for (size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  *code_point = cp;
  return len;
}

std::string Base64Url(const unsigned char* bytes, size_t size) {
  std::string out(sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes, size, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));
  return out;
}

const std::string& DummyHash() {
  static const std::string hash = HashPassword("consign dummy password for timing");
  return hash;
}

}  // namespace

Status CheckPasswordPolicy(std::string_view password, std::string_view field, std::string_view login) {
  const std::string f(field);
  if (password.size() > kMaxPasswordBytes)
    return InvalidField(f, "too_long", "a password may have at most 1024 bytes");
  size_t chars = 0;
  for (size_t i = 0; i < password.size();) {
    uint32_t cp = 0;
    const size_t len = Utf8Length(password, i, &cp);
    if (len == 0 || cp == 0) return InvalidField(f, "invalid_format", "a password must be valid UTF-8 text");
    ++chars;
    i += len;
  }
  if (chars < kMinPasswordChars)
    return InvalidField(f, "too_short", "a password needs at least " + std::to_string(kMinPasswordChars) + " characters");
  // zxcvbn reads a NUL-terminated string (a NUL inside was refused above).
  const std::string text(password);
  const std::string login_word(login);
  const char* user_words[] = {login_word.empty() ? nullptr : login_word.c_str(), nullptr};
  ZxcMatch_t* matches = nullptr;
  const double bits = ZxcvbnMatch(text.c_str(), user_words, &matches);
  size_t dictionary_bytes = 0;  // zxcvbn measures in bytes
  for (const ZxcMatch_t* m = matches; m; m = m->Next) {
    const int type = m->Type & ~MULTIPLE_MATCH;
    if (type == DICTIONARY_MATCH || type == DICT_LEET_MATCH) dictionary_bytes += static_cast<size_t>(m->Length);
  }
  ZxcvbnFreeInfo(matches);
  if (bits >= kMinPasswordEntropyBits) return Ok();
  if (dictionary_bytes * 2 >= text.size())
    return InvalidField(f, "common", "this password is too common; add unrelated words or characters");
  return InvalidField(f, "too_weak", "this password is too easy to guess; avoid sequences, repeats and your login");
}

std::string HashPassword(std::string_view password) {
  InitSodium();
  SlotGuard slot;
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str(out.data(), password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw std::runtime_error("out of memory while hashing a password");
  return std::string(out.data());
}

bool VerifyPassword(std::string_view stored_hash, std::string_view password) {
  InitSodium();
  if (!stored_hash.starts_with("$argon2id$") || stored_hash.size() >= crypto_pwhash_STRBYTES) {
    VerifyPasswordDummy(password);  // the same time as a real check: no password is no shortcut
    return false;
  }
  std::array<char, crypto_pwhash_STRBYTES> hash{};
  std::copy(stored_hash.begin(), stored_hash.end(), hash.begin());
  SlotGuard slot;
  return crypto_pwhash_str_verify(hash.data(), password.data(), password.size()) == 0;
}

void VerifyPasswordDummy(std::string_view password) { (void)VerifyPassword(DummyHash(), password); }

std::string NewToken() {
  InitSodium();
  std::array<unsigned char, 32> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  return Base64Url(bytes.data(), bytes.size());
}

std::string TokenHash(std::string_view token) {
  InitSodium();
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(token.data()), token.size());
  std::array<char, crypto_hash_sha256_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data(), crypto_hash_sha256_BYTES * 2);
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  InitSodium();
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string NewOneTimePassword() {
  InitSodium();
  static constexpr std::string_view kAlphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
  std::string out;
  for (int i = 0; i < 20; ++i) out.push_back(kAlphabet[randombytes_uniform(kAlphabet.size())]);
  return out;
}

ApiKeyParts NewApiKey() {
  InitSodium();
  std::array<unsigned char, 6> prefix{};
  randombytes_buf(prefix.data(), prefix.size());
  std::array<char, 13> hex{};
  sodium_bin2hex(hex.data(), hex.size(), prefix.data(), prefix.size());
  return ApiKeyParts{std::string(hex.data(), 12), NewToken()};
}

std::optional<ApiKeyParts> ParseApiKey(std::string_view text) {
  if (!text.starts_with("ck_")) return std::nullopt;
  text.remove_prefix(3);
  if (text.size() < 14 || text[12] != '_') return std::nullopt;
  const std::string_view prefix = text.substr(0, 12);
  for (char c : prefix)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return std::nullopt;
  const std::string_view secret = text.substr(13);
  if (secret.size() > 128) return std::nullopt;
  return ApiKeyParts{std::string(prefix), std::string(secret)};
}

int64_t CountingFailures(const ThrottleState& state, Instant now) {
  return now - state.last_attempt_at >= kThrottleMemory ? 0 : state.failures;
}

std::chrono::seconds ThrottleDelay(int64_t failures) {
  if (failures < kFreeLoginFailures) return std::chrono::seconds(0);
  const int64_t doublings = failures - kFreeLoginFailures;
  if (doublings >= 20) return kMaxThrottleDelay;  // 2^20 s is far past the cap; no shift overflow
  return std::min(std::chrono::seconds(int64_t{1} << doublings), kMaxThrottleDelay);
}

std::optional<std::chrono::seconds> ThrottleRetryAfter(const ThrottleState& state, Instant now) {
  const std::chrono::seconds delay = ThrottleDelay(CountingFailures(state, now));
  if (delay.count() == 0 || now >= state.last_attempt_at + delay) return std::nullopt;
  const auto wait = std::chrono::ceil<std::chrono::seconds>(state.last_attempt_at + delay - now);
  return std::max(wait, std::chrono::seconds(1));
}

}  // namespace consign::auth
