#include "platform/http/json_writer.hpp"

#include <charconv>

namespace consign::http {

void JsonWriter::Key(std::string_view name) {
  Separate();
  Quoted(name);
  out_ += ':';
  need_comma_ = false;  // the value follows the colon
}

void JsonWriter::String(std::string_view value) {
  Separate();
  Quoted(value);
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
void JsonWriter::Quoted(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out_ += '"';
  size_t plain = 0;  // start of the run of characters copied as they are
  for (size_t i = 0; i < text.size(); ++i) {
    const auto ch = static_cast<unsigned char>(text[i]);
    if (ch >= 0x20 && ch != '"' && ch != '\\') continue;
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
}

}  // namespace consign::http
