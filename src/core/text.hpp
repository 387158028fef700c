#pragma once
// Text handling that every module needs and none should write twice: UTF-8 code points, the
// normalisation and grams behind Chinese search, personal-data masking (GB/T 41833-2022) and the
// validation of phones and e-mails. Pure functions, no I/O, thread-safe.
//
// All std::string arguments and results are UTF-8.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace consign::text {

// ---- UTF-8 -------------------------------------------------------------------------------------

// True when `s` is well-formed UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF,
// no truncated sequence.
bool IsValidUtf8(std::string_view s);

// Decodes `s`. Each ill-formed byte becomes U+FFFD, so callers that must reject bad input check
// IsValidUtf8 first; callers that only read (search, masking) never fail.
std::u32string DecodeUtf8(std::string_view s);

// Encodes code points. A surrogate or a value above U+10FFFF is written as U+FFFD.
std::string EncodeUtf8(std::u32string_view s);
void AppendUtf8(std::string& out, char32_t c);

// Number of code points (an ill-formed byte counts as one). Field length limits count these,
// because "深圳市顺达电子有限公司" is 11 characters to a user, not 33 bytes.
std::size_t CodePointCount(std::string_view s);

// The first `max_code_points` code points of `s`, never cutting a sequence in half.
std::string TruncateCodePoints(std::string_view s, std::size_t max_code_points);
// The longest prefix of `s` of at most `max_bytes` bytes that ends between code points.
std::string TruncateBytes(std::string_view s, std::size_t max_bytes);

// True when `s` holds a character that has no place in text a person typed: a C0 or C1 control
// (tab, and with `multiline` also line feed and carriage return, excepted), DEL, or a bidirectional
// embedding, override or isolate (U+202A..U+202E, U+2066..U+2069), which can make a name or an
// address read differently on screen than it is stored ("Trojan Source").
bool HasUnsafeCharacters(std::string_view s, bool multiline = false);

// ---- Search ------------------------------------------------------------------------------------

// CJK ideographs (unified, extensions A-F, compatibility), kana, Hangul and bopomofo: the scripts
// written without spaces between words, which therefore need grams to be searched.
bool IsCjk(char32_t c);

// Full-width ASCII (Ａ１＠) and the ideographic space become their half-width forms, ASCII is
// lower-cased, runs of whitespace become one space, and the ends are trimmed.
std::string NormalizeForSearch(std::string_view s);

// The tokens to index for one text (a name, a code, a contact name). The text is normalised
// first, then split into runs:
//   - a CJK run gives every character (unigram) and every adjacent pair (bigram), so any one- or
//     two-character substring is a token and any longer one is the AND of its bigrams;
//   - a run of letters and digits (ASCII or other non-CJK letters) gives the lower-cased word;
//   - anything else (spaces, punctuation) separates runs.
// Tokens are unique, in first-seen order. "深圳顺达 SD-01" → 深 圳 顺 达 深圳 圳顺 顺达 sd 01.
// Every token consists of letters and digits only, so it is safe inside an FTS5 string and as one
// unicode61 token when the grams are stored joined by spaces.
std::vector<std::string> SearchGrams(std::string_view text);

// The token for a phone: "tel" + its last four digits ("138-1234-5678" → "tel5678"); for a
// landline with an extension, the last four digits of the number before the extension. Empty
// when the phone has fewer than four digits. Only these four digits are indexed: searching by a
// whole phone number would need the whole number in the index, which §12 keeps out of it.
std::string PhoneGram(std::string_view phone);

// One token a search query requires. `prefix` marks an ASCII/letter word, which matches any
// indexed word it begins ("shun" finds "shunda"); CJK grams match exactly.
struct QueryGram {
  std::string token;
  bool prefix = false;
  friend bool operator==(const QueryGram&, const QueryGram&) = default;
};

// The grams a row must ALL contain to match `query` (same normalisation and runs as SearchGrams):
//   - a one-character CJK run → its unigram; a longer CJK run → its bigrams ("顺达电子" → 顺达 达电
//     电子); grams are necessary, not sufficient, so the store re-checks the real substring on the
//     candidates;
//   - a word → itself with prefix = true.
// Duplicates are dropped. An empty result means the query has nothing searchable.
//
// How the stores use it:
//   SQLite FTS5:  MATCH Fts5Query(grams)               e.g.  "顺达" "sd"*
//   PostgreSQL:   search_grams @> $1::text[]           with $1 = ExactTokens(grams)
//                 AND EXISTS (SELECT 1 FROM unnest(search_grams) g WHERE g LIKE $n)
//                                                      per p in PrefixTokens(grams), $n = LikePrefix(p)
// A query of exactly four digits may also be the end of a phone: PhoneQueryGram gives the token to
// OR in ("tel1234").
std::vector<QueryGram> QueryGrams(std::string_view query);

// The FTS5 MATCH expression ANDing `grams`: each token double-quoted (quotes doubled), prefix
// tokens followed by `*`. Empty when `grams` is empty (callers must not run an empty MATCH).
std::string Fts5Query(const std::vector<QueryGram>& grams);
// The tokens with prefix == false / == true, for the PostgreSQL form above.
std::vector<std::string> ExactTokens(const std::vector<QueryGram>& grams);
std::vector<std::string> PrefixTokens(const std::vector<QueryGram>& grams);
// A LIKE pattern matching strings that begin with `prefix`, with %, _ and \ escaped (the default
// LIKE escape character in PostgreSQL and, with ESCAPE '\', in SQLite).
std::string LikePrefix(std::string_view prefix);
// "tel" + the four digits when the normalised query is exactly four digits, else nullopt.
std::optional<std::string> PhoneQueryGram(std::string_view query);

// ---- Masking (GB/T 41833-2022, DOMAIN.md §12) ----------------------------------------------------
// Each function hides at least what the standard asks of an express waybill and never returns its
// input unchanged unless the input is empty. The mask character is '*'.

// A Chinese name keeps its surname (one character, or two for a compound surname such as 欧阳) and
// hides the rest: "张三" → "张*", "张三丰" → "张**", "欧阳娜娜" → "欧阳**", "张" → "*". A Latin name
// keeps the first letter of each word: "Zhang San" → "Z**** S**", "Li" → "L*", "A" → "*".
std::string MaskName(std::string_view name);

// At most the last four digits are shown, and at least six digits are hidden; separators and the
// country code are dropped: "13812341234" → "*******1234", "+86 138 1234 1234" → "*******1234",
// "0755-12345678" → "********5678", "010-12345678-123" → "*******5678" (an extension is dropped),
// "12345678" → "******78", "12" → "******".
std::string MaskPhone(std::string_view phone);

// The first character of the local part, then "***", then the domain: "zhang.san@example.com" →
// "z***@example.com"; a one-character local part becomes "***@domain"; no '@' → "***".
std::string MaskEmail(std::string_view email);

// Keeps the road (or estate) name and hides the house, building, unit and room numbers:
// "科技园路88号3栋1201室" → "科技园路****", "中关村大街1号" → "中关村大街****". Text without digits
// keeps the road name when one is marked (路/街/道/巷/弄/胡同), else its first half.
std::string MaskStreet(std::string_view street);

// True when `s` contains the mask character: a client sending a masked value back must not
// overwrite the real one with it.
bool LooksMasked(std::string_view s);

// ---- Validation --------------------------------------------------------------------------------

// A Chinese phone number in its canonical form, or nullopt when `s` is not one. Accepted:
//   mobile    1[3-9] + 9 digits, optionally after +86 / 0086 / 86  → "13812341234"
//   landline  0 + 2-3 digit area code + 7-8 digit number (not starting with 0), optionally after
//             +86 / 0086 without the trunk 0, with an optional extension (转, ext, x, #, or a
//             third dash group)                                  → "0755-12345678", "010-12345678-123"
//   service   400 / 800 + 7 digits                                → "400-123-4567"
// Separators (space, -, ., parentheses) and full-width digits are allowed anywhere.
std::optional<std::string> NormalizePhone(std::string_view s);

// A practical check, not RFC 5322: local@domain, ASCII, local part of atext with single inner
// dots (≤ 64), domain of ≥ 2 LDH labels (≤ 63 each, no edge hyphen), TLD alphabetic or xn--,
// whole address ≤ 254.
bool IsValidEmail(std::string_view s);

}  // namespace consign::text
