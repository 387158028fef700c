#include "core/text.hpp"

#include <algorithm>
#include <array>
#include <unordered_set>

namespace consign::text {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

// Decodes one sequence at `i`; returns the code point and advances `i`. An ill-formed byte gives
// kReplacement and advances by one, so a decoder never skips valid text after a bad byte.
char32_t DecodeOne(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  int len = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2; cp = b0 & 0x1F; min = 0x80;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3; cp = b0 & 0x0F; min = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4; cp = b0 & 0x07; min = 0x10000;
  } else {
    ++i;
    return kReplacement;
  }
  if (i + len > s.size()) {
    ++i;
    return kReplacement;
  }
  for (int k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return kReplacement;
    }
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++i;
    return kReplacement;
  }
  i += len;
  return cp;
}

bool IsAsciiDigit(char32_t c) { return c >= U'0' && c <= U'9'; }
bool IsAsciiAlpha(char32_t c) { return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z'); }
char32_t AsciiLower(char32_t c) { return (c >= U'A' && c <= U'Z') ? c + 32 : c; }

// Full-width forms of ASCII (U+FF01..FF5E) and the ideographic space map to ASCII.
char32_t ToHalfWidth(char32_t c) {
  if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFF01 + 0x21;
  if (c == 0x3000) return U' ';
  return c;
}

bool IsSpace(char32_t c) {
  return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'\v' || c == U'\f' ||
         c == 0x00A0 || c == 0x3000 || (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F;
}

// Characters that separate words: ASCII punctuation, general and CJK punctuation, full-width
// punctuation left after normalisation, and the replacement character.
bool IsSeparator(char32_t c) {
  if (c < 0x80) return !IsAsciiAlpha(c) && !IsAsciiDigit(c);
  if (IsSpace(c)) return true;
  if (c >= 0x2000 && c <= 0x206F) return true;  // general punctuation
  if (c >= 0x3000 && c <= 0x303F) return true;  // CJK symbols and punctuation (、。「」…)
  if (c >= 0xFE30 && c <= 0xFE4F) return true;  // CJK compatibility forms
  if (c >= 0xFF00 && c <= 0xFFEF) return true;  // half/full-width punctuation left over
  if (c >= 0x00A0 && c <= 0x00BF) return true;  // Latin-1 punctuation (· « » ...)
  if (c == 0x00D7 || c == 0x00F7) return true;
  if (c == kReplacement) return true;
  return false;
}

enum class RunKind { kCjk, kWord };
struct Run {
  RunKind kind;
  std::u32string chars;
};

// Splits normalised text into CJK runs and word runs; separators end a run.
std::vector<Run> SplitRuns(std::u32string_view s) {
  std::vector<Run> runs;
  bool open = false;
  for (char32_t c : s) {
    if (IsSeparator(c)) {
      open = false;
      continue;
    }
    const RunKind kind = IsCjk(c) ? RunKind::kCjk : RunKind::kWord;
    if (!open || runs.back().kind != kind) runs.push_back({kind, {}});
    open = true;
    runs.back().chars.push_back(c);
  }
  return runs;
}

std::u32string NormalizeCodePoints(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  bool pending_space = false;
  for (char32_t c : DecodeUtf8(s)) {
    c = ToHalfWidth(c);
    if (IsSpace(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(U' ');
    pending_space = false;
    out.push_back(AsciiLower(c));
  }
  return out;
}

class TokenList {
 public:
  void Add(std::string token) {
    if (token.empty()) return;
    if (seen_.insert(token).second) tokens_.push_back(std::move(token));
  }
  std::vector<std::string> Take() && { return std::move(tokens_); }

 private:
  std::vector<std::string> tokens_;
  std::unordered_set<std::string> seen_;
};

std::string Digits(std::string_view s) {
  std::string out;
  for (char32_t c : DecodeUtf8(s)) {
    c = ToHalfWidth(c);
    if (IsAsciiDigit(c)) out.push_back(static_cast<char>(c));
  }
  return out;
}

std::string Stars(std::size_t n) { return std::string(n, '*'); }

std::optional<std::string> NormalizePhoneImpl(std::string_view input);

// The digits of a phone's number without country code and without a landline's extension (the
// third dash group of the canonical form); for an unparseable phone, all its digits.
std::string MainNumberDigits(std::string_view phone) {
  // The stored form of a mobile (what NormalizePhone makes of one) is its own main number: skip the
  // parse, which masking every contact of every listed row would otherwise repeat.
  if (phone.size() == 11 && phone[0] == '1' && phone[1] >= '3' && phone[1] <= '9' &&
      std::all_of(phone.begin(), phone.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return std::string(phone);
  auto canonical = NormalizePhoneImpl(phone);
  if (!canonical) return Digits(phone);
  std::string_view main = *canonical;
  const auto first = main.find('-');
  const bool service = main.starts_with("400") || main.starts_with("800");
  if (first != std::string_view::npos && !service) {
    const auto second = main.find('-', first + 1);
    if (second != std::string_view::npos) main = main.substr(0, second);
  }
  return Digits(main);
}

// Two-character surnames common enough to appear in a customer list. A name that starts with one
// keeps both characters, like a one-character surname keeps one.
constexpr std::array<std::u32string_view, 30> kCompoundSurnames = {
    U"欧阳", U"司马", U"上官", U"诸葛", U"东方", U"皇甫", U"尉迟", U"公孙", U"慕容", U"长孙",
    U"宇文", U"司徒", U"夏侯", U"轩辕", U"令狐", U"钟离", U"端木", U"南宫", U"西门", U"独孤",
    U"澹台", U"公冶", U"宗政", U"濮阳", U"太史", U"申屠", U"闻人", U"呼延", U"赫连", U"拓跋",
};

}  // namespace

// ---- UTF-8 -------------------------------------------------------------------------------------

bool IsValidUtf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t start = i;
    const char32_t c = DecodeOne(s, i);
    // A real U+FFFD is three bytes (EF BF BD); a replacement for a bad byte consumed one.
    if (c == kReplacement && i - start != 3) return false;
  }
  return true;
}

std::u32string DecodeUtf8(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) out.push_back(DecodeOne(s, i));
  return out;
}

void AppendUtf8(std::string& out, char32_t c) {
  if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) c = kReplacement;
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

std::string EncodeUtf8(std::u32string_view s) {
  std::string out;
  out.reserve(s.size() * 3);
  for (char32_t c : s) AppendUtf8(out, c);
  return out;
}

std::size_t CodePointCount(std::string_view s) {
  std::size_t n = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    DecodeOne(s, i);
    ++n;
  }
  return n;
}

bool HasUnsafeCharacters(std::string_view s, bool multiline) {
  std::size_t i = 0;
  while (i < s.size()) {
    const char32_t c = DecodeOne(s, i);
    if (c == U'\t' || (multiline && (c == U'\n' || c == U'\r'))) continue;
    if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) return true;
    if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) return true;
  }
  return false;
}

std::string TruncateCodePoints(std::string_view s, std::size_t max_code_points) {
  std::size_t i = 0;
  for (std::size_t n = 0; n < max_code_points && i < s.size(); ++n) DecodeOne(s, i);
  return std::string(s.substr(0, i));
}

std::string TruncateBytes(std::string_view s, std::size_t max_bytes) {
  std::size_t i = 0;
  for (std::size_t next = 0; next < s.size();) {
    DecodeOne(s, next);
    if (next > max_bytes) break;
    i = next;
  }
  return std::string(s.substr(0, i));
}

// ---- Search ------------------------------------------------------------------------------------

bool IsCjk(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) ||    // CJK unified ideographs
         (c >= 0x3400 && c <= 0x4DBF) ||    // extension A
         (c >= 0x20000 && c <= 0x2EBEF) ||  // extensions B-F
         (c >= 0x30000 && c <= 0x3134F) ||  // extension G
         (c >= 0xF900 && c <= 0xFAFF) ||    // compatibility ideographs
         (c >= 0x2F800 && c <= 0x2FA1F) ||  // compatibility supplement
         (c >= 0x3040 && c <= 0x30FF) ||    // hiragana, katakana
         (c >= 0x3100 && c <= 0x312F) ||    // bopomofo
         (c >= 0xAC00 && c <= 0xD7AF) ||    // hangul syllables
         c == 0x3007;                       // 〇, the ideographic zero
}

std::string NormalizeForSearch(std::string_view s) { return EncodeUtf8(NormalizeCodePoints(s)); }

std::vector<std::string> SearchGrams(std::string_view source) {
  TokenList tokens;
  for (const Run& run : SplitRuns(NormalizeCodePoints(source))) {
    if (run.kind == RunKind::kWord) {
      tokens.Add(EncodeUtf8(run.chars));
      continue;
    }
    for (char32_t c : run.chars) tokens.Add(EncodeUtf8(std::u32string_view(&c, 1)));
    for (std::size_t k = 0; k + 1 < run.chars.size(); ++k) {
      tokens.Add(EncodeUtf8(std::u32string_view(run.chars).substr(k, 2)));
    }
  }
  return std::move(tokens).Take();
}

std::string PhoneGram(std::string_view phone) {
  const std::string digits = MainNumberDigits(phone);
  if (digits.size() < 4) return {};
  return "tel" + digits.substr(digits.size() - 4);
}

std::vector<QueryGram> QueryGrams(std::string_view query) {
  std::vector<QueryGram> grams;
  auto add = [&grams](std::string token, bool prefix) {
    QueryGram gram{std::move(token), prefix};
    if (std::find(grams.begin(), grams.end(), gram) == grams.end()) grams.push_back(std::move(gram));
  };
  for (const Run& run : SplitRuns(NormalizeCodePoints(query))) {
    if (run.kind == RunKind::kWord) {
      add(EncodeUtf8(run.chars), true);
    } else if (run.chars.size() == 1) {
      add(EncodeUtf8(run.chars), false);
    } else {
      for (std::size_t k = 0; k + 1 < run.chars.size(); ++k) {
        add(EncodeUtf8(std::u32string_view(run.chars).substr(k, 2)), false);
      }
    }
  }
  return grams;
}

std::string Fts5Query(const std::vector<QueryGram>& grams) {
  std::string out;
  for (const QueryGram& gram : grams) {
    if (!out.empty()) out.push_back(' ');
    out.push_back('"');
    for (char c : gram.token) {
      if (c == '"') out.push_back('"');
      out.push_back(c);
    }
    out.push_back('"');
    if (gram.prefix) out.push_back('*');
  }
  return out;
}

std::vector<std::string> ExactTokens(const std::vector<QueryGram>& grams) {
  std::vector<std::string> out;
  for (const QueryGram& gram : grams) {
    if (!gram.prefix) out.push_back(gram.token);
  }
  return out;
}

std::vector<std::string> PrefixTokens(const std::vector<QueryGram>& grams) {
  std::vector<std::string> out;
  for (const QueryGram& gram : grams) {
    if (gram.prefix) out.push_back(gram.token);
  }
  return out;
}

std::string LikePrefix(std::string_view prefix) {
  std::string out;
  for (char c : prefix) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('%');
  return out;
}

std::optional<std::string> PhoneQueryGram(std::string_view query) {
  const std::string normalized = NormalizeForSearch(query);
  if (normalized.size() != 4 || !std::all_of(normalized.begin(), normalized.end(),
                                             [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  return "tel" + normalized;
}

// ---- Masking -----------------------------------------------------------------------------------

std::string MaskName(std::string_view name) {
  std::u32string cps = DecodeUtf8(name);
  while (!cps.empty() && IsSpace(cps.back())) cps.pop_back();
  std::size_t start = 0;
  while (start < cps.size() && IsSpace(cps[start])) ++start;
  cps = cps.substr(start);
  if (cps.empty()) return {};

  const bool cjk = std::any_of(cps.begin(), cps.end(), [](char32_t c) { return IsCjk(c); });
  if (cjk) {
    std::size_t keep = 1;
    for (std::u32string_view surname : kCompoundSurnames) {
      if (std::u32string_view(cps).starts_with(surname)) keep = 2;
    }
    if (keep >= cps.size()) keep = cps.size() - 1;  // always hide at least one character
    std::string out = EncodeUtf8(std::u32string_view(cps).substr(0, keep));
    return out + Stars(cps.size() - keep);
  }
  // Latin and other alphabets: each word keeps its first letter; a one-letter word is hidden.
  std::string out;
  bool word_start = true;
  for (std::size_t k = 0; k < cps.size(); ++k) {
    const char32_t c = cps[k];
    if (IsSpace(c) || c == U'-' || c == U'.') {
      AppendUtf8(out, c);
      word_start = true;
      continue;
    }
    const bool one_letter_word =
        word_start && (k + 1 == cps.size() || IsSpace(cps[k + 1]) || cps[k + 1] == U'-' ||
                       cps[k + 1] == U'.');
    if (word_start && !one_letter_word) AppendUtf8(out, c);
    else out.push_back('*');
    word_start = false;
  }
  return out;
}

std::string MaskPhone(std::string_view phone) {
  const std::string digits = MainNumberDigits(phone);
  if (digits.empty()) return phone.empty() ? std::string() : Stars(6);
  // Show at most four digits and hide at least six.
  // Short inputs still show six stars, so the mask does not tell how short the number is.
  const std::size_t shown = digits.size() > 6 ? std::min<std::size_t>(4, digits.size() - 6) : 0;
  return Stars(std::max<std::size_t>(6, digits.size() - shown)) + digits.substr(digits.size() - shown);
}

std::string MaskEmail(std::string_view email) {
  if (email.empty()) return {};
  const auto at = email.rfind('@');
  if (at == std::string_view::npos) return "***";
  const std::string_view local = email.substr(0, at);
  const std::string_view domain = email.substr(at);
  const std::u32string local_cps = DecodeUtf8(local);
  if (local_cps.size() <= 1) return "***" + std::string(domain);
  return EncodeUtf8(std::u32string_view(local_cps).substr(0, 1)) + "***" + std::string(domain);
}

std::string MaskStreet(std::string_view street) {
  const std::u32string cps = DecodeUtf8(street);
  if (cps.empty()) return {};
  constexpr std::array<std::u32string_view, 7> kRoadMarkers = {U"胡同", U"大道", U"路", U"街",
                                                               U"道", U"巷", U"弄"};
  std::size_t first_digit = cps.size();
  for (std::size_t k = 0; k < cps.size(); ++k) {
    if (IsAsciiDigit(ToHalfWidth(cps[k]))) {
      first_digit = k;
      break;
    }
  }
  // The end of the last road marker before the first digit.
  std::size_t road_end = 0;
  for (std::size_t k = 0; k < first_digit; ++k) {
    for (std::u32string_view marker : kRoadMarkers) {
      if (k + marker.size() <= first_digit && std::u32string_view(cps).substr(k, marker.size()) == marker) {
        road_end = std::max(road_end, k + marker.size());
      }
    }
  }
  std::size_t keep;
  if (first_digit < cps.size()) {
    keep = road_end > 0 ? road_end : first_digit;
  } else {
    keep = road_end > 0 ? road_end : cps.size() / 2;
  }
  std::u32string kept = cps.substr(0, keep);
  while (!kept.empty() && IsSpace(kept.back())) kept.pop_back();
  return EncodeUtf8(kept) + "****";
}

bool LooksMasked(std::string_view s) { return s.find('*') != std::string_view::npos; }

// ---- Validation --------------------------------------------------------------------------------

namespace {

// Local numbers really start with 2-8, but clerks and test data write "0755-12345678" so often that
// rejecting it would only teach them to drop the phone; a leading 0 (a doubled trunk prefix) is
// still refused.
bool StartsLocalNumber(char c) { return c >= '1' && c <= '9'; }

// The number part of a landline after its trunk 0, as one run of digits: area code + local number.
// Area codes 10 and 20-29 have two digits, the rest three.
std::optional<std::string> CanonicalLandline(const std::string& digits_after_zero) {
  if (digits_after_zero.empty()) return std::nullopt;
  const bool two_digit_area =
      digits_after_zero[0] == '1' || digits_after_zero[0] == '2';
  if (digits_after_zero[0] == '1' && (digits_after_zero.size() < 2 || digits_after_zero[1] != '0')) {
    return std::nullopt;  // 01x other than 010 is not an area code
  }
  const std::size_t area_len = two_digit_area ? 2 : 3;
  if (digits_after_zero.size() <= area_len) return std::nullopt;
  const std::string local = digits_after_zero.substr(area_len);
  if (local.size() < 7 || local.size() > 8 || !StartsLocalNumber(local[0])) return std::nullopt;
  return "0" + digits_after_zero.substr(0, area_len) + "-" + local;
}

}  // namespace

std::optional<std::string> NormalizePhone(std::string_view input) { return NormalizePhoneImpl(input); }

namespace {
std::optional<std::string> NormalizePhoneImpl(std::string_view input) {
  // Half-width, lower-case ASCII; everything that is not ASCII must be full-width digits or 转.
  std::string s;
  for (char32_t c : DecodeUtf8(input)) {
    c = ToHalfWidth(c);
    if (c == U'转') {
      s += '#';
    } else if (c < 0x80) {
      s.push_back(static_cast<char>(AsciiLower(c)));
    } else {
      return std::nullopt;
    }
  }
  // Split off an explicit extension.
  std::string extension;
  for (std::string_view marker : {"ext.", "ext", "x", "#"}) {
    const auto pos = s.find(marker);
    if (pos == std::string::npos) continue;
    const std::string rest = s.substr(pos + marker.size());
    for (char c : rest) {
      if (c >= '0' && c <= '9') extension.push_back(c);
      else if (c != ' ' && c != '-' && c != '.' && c != ':') return std::nullopt;
    }
    if (extension.empty()) return std::nullopt;
    s.resize(pos);
    break;
  }
  // Digit groups of the main part; only separators may sit between them.
  std::vector<std::string> groups;
  bool plus = false;
  bool in_group = false;
  for (std::size_t k = 0; k < s.size(); ++k) {
    const char c = s[k];
    if (c >= '0' && c <= '9') {
      if (!in_group) groups.emplace_back();
      groups.back().push_back(c);
      in_group = true;
    } else if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '\t') {
      in_group = false;
    } else if (c == '+' && groups.empty() && !plus) {
      plus = true;
    } else {
      return std::nullopt;
    }
  }
  if (groups.empty()) return std::nullopt;
  std::string digits;
  for (const auto& g : groups) digits += g;

  // Country code.
  bool international = false;
  if (plus) {
    if (!digits.starts_with("86")) return std::nullopt;
    digits = digits.substr(2);
    international = true;
  } else if (digits.starts_with("0086")) {
    digits = digits.substr(4);
    international = true;
  } else if (digits.size() == 13 && digits.starts_with("86") && digits[2] == '1') {
    digits = digits.substr(2);  // 86 + mobile without '+'
    international = true;
  }

  // Mobile.
  if (digits.size() == 11 && digits[0] == '1' && digits[1] >= '3' && digits[1] <= '9') {
    if (!extension.empty()) return std::nullopt;
    return digits;
  }
  // 400 / 800 service numbers.
  if (!international && digits.size() == 10 && (digits.starts_with("400") || digits.starts_with("800"))) {
    if (!extension.empty()) return std::nullopt;
    return digits.substr(0, 3) + "-" + digits.substr(3, 3) + "-" + digits.substr(6);
  }
  // Landline. An extension may also come as a third dash group: 0755-12345678-123.
  if (extension.empty() && groups.size() >= 3) {
    const std::string& last = groups.back();
    const std::string main = digits.substr(0, digits.size() - last.size());
    const std::string after_zero = international ? main : (main.starts_with("0") ? main.substr(1) : "");
    if (!after_zero.empty() && last.size() <= 6) {
      if (auto landline = CanonicalLandline(after_zero)) return *landline + "-" + last;
    }
  }
  std::string after_zero;
  if (international) {
    after_zero = digits;
  } else if (digits.starts_with("0")) {
    after_zero = digits.substr(1);
  } else {
    return std::nullopt;
  }
  auto landline = CanonicalLandline(after_zero);
  if (!landline) return std::nullopt;
  if (extension.size() > 6) return std::nullopt;
  if (!extension.empty()) return *landline + "-" + extension;
  return landline;
}
}  // namespace

bool IsValidEmail(std::string_view s) {
  if (s.empty() || s.size() > 254) return false;
  const auto at = s.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= s.size()) return false;
  const std::string_view local = s.substr(0, at);
  const std::string_view domain = s.substr(at + 1);
  if (local.size() > 64) return false;
  constexpr std::string_view kAtextSpecials = "!#$%&'*+/=?^_`{|}~-";
  char prev = '.';
  for (char c : local) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || kAtextSpecials.find(c) != std::string_view::npos;
    if (!ok) return false;
    if (c == '.' && prev == '.') return false;  // leading dot or ".."
    prev = c;
  }
  if (local.back() == '.') return false;

  std::size_t labels = 0;
  std::size_t begin = 0;
  std::string_view tld;
  while (begin <= domain.size()) {
    auto end = domain.find('.', begin);
    if (end == std::string_view::npos) end = domain.size();
    const std::string_view label = domain.substr(begin, end - begin);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') return false;
    for (char c : label) {
      const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
      if (!ok) return false;
    }
    ++labels;
    tld = label;
    begin = end + 1;
  }
  if (labels < 2) return false;
  if (tld.starts_with("xn--")) return true;
  return tld.size() >= 2 && std::all_of(tld.begin(), tld.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
         });
}

}  // namespace consign::text
