#include "platform/http/json_writer.hpp"

#include <array>
#include <charconv>
#include <cstring>

namespace consign::http {

namespace {

// Which bytes Boost.JSON escapes: the quote, the backslash and the control characters below U+0020.
constexpr std::array<bool, 256> kEscaped = [] {
  std::array<bool, 256> escaped{};
  for (int ch = 0; ch < 0x20; ++ch) escaped[ch] = true;
  escaped['"'] = escaped['\\'] = true;
  return escaped;
}();

bool NeedsEscape(std::string_view text) {
  for (const char ch : text)
    if (kEscaped[static_cast<unsigned char>(ch)]) return true;
  return false;
}

}  // namespace

void JsonWriter::Key(std::string_view name) {
  const char before = need_comma_ ? ',' : '\0';
  need_comma_ = false;  // the value follows the colon
  Quoted(before, name, ':');
}

void JsonWriter::String(std::string_view value) {
  const char before = need_comma_ ? ',' : '\0';
  need_comma_ = true;
  Quoted(before, value, '\0');
}

void JsonWriter::Int(int64_t value) {
  Separate();
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  out_.append(digits, end);
}

void JsonWriter::Bool(bool value) {
  Separate();
  out_ += value ? "true" : "false";
}

void JsonWriter::Null() {
  Separate();
  out_ += "null";
}

// Boost.JSON's escaping: the quote, the backslash and the control characters below U+0020 (\b \t \n
// \f \r by name, the others as \u00XX in lower-case hex); everything else, UTF-8 included, as it is.
// Most text needs none: it goes in with its quotes, comma and colon in one append (an append per
// piece made a key cost 290 instructions).
void JsonWriter::Quoted(char before, std::string_view text, char after) {
  constexpr size_t kShort = 60;
  if (text.size() <= kShort && !NeedsEscape(text)) {
    char quoted[kShort + 4];
    size_t n = 0;
    if (before != '\0') quoted[n++] = before;
    quoted[n++] = '"';
    std::memcpy(quoted + n, text.data(), text.size());
    n += text.size();
    quoted[n++] = '"';
    if (after != '\0') quoted[n++] = after;
    out_.append(quoted, n);
    return;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  if (before != '\0') out_ += before;
  out_ += '"';
  size_t plain = 0;  // start of the run of characters copied as they are
  for (size_t i = 0; i < text.size(); ++i) {
    const auto ch = static_cast<unsigned char>(text[i]);
    if (!kEscaped[ch]) continue;
    out_.append(text.data() + plain, i - plain);
    plain = i + 1;
    out_ += '\\';
    switch (ch) {
      case '"': out_ += '"'; break;
      case '\\': out_ += '\\'; break;
      case '\b': out_ += 'b'; break;
      case '\t': out_ += 't'; break;
      case '\n': out_ += 'n'; break;
      case '\f': out_ += 'f'; break;
      case '\r': out_ += 'r'; break;
      default:
        out_ += "u00";
        out_ += kHex[ch >> 4];
        out_ += kHex[ch & 15];
    }
  }
  out_.append(text.data() + plain, text.size() - plain);
  out_ += '"';
  if (after != '\0') out_ += after;
}

}  // namespace consign::http
