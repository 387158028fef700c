#pragma once
// JSON written straight to text, for the answers read most often (an account, /auth/me): the same
// bytes boost::json::serialize writes for the same members in the same order, without first building
// a boost::json::value (allocating every member and string, then walking it again to serialise it
// was about a fifth of an account read's instructions; bench/README.md).
//
//   JsonWriter w;
//   w.BeginObject();
//   w.Key("id"); w.Int(7);
//   w.Key("tags"); w.BeginArray(); w.String("VIP"); w.EndArray();
//   w.EndObject();
//   std::string text = std::move(w).Take();   // {"id":7,"tags":["VIP"]}
//
// The writer checks nothing: keys are written as given (duplicates too) and Begin/End must pair up.
// Whoever writes a shape this way keeps a test that compares it with the Boost.JSON form.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace consign::http {

class JsonWriter {
 public:
  explicit JsonWriter(size_t reserve = 1024) { out_.reserve(reserve); }

  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  // The next member's name; its value follows with one of the calls below.
  void Key(std::string_view name);

  void String(std::string_view value);
  void Int(int64_t value);
  void Bool(bool value);
  void Null();
  // Null for an empty string or an empty optional, as the API writes unset optional fields.
  void StringOrNull(std::string_view value) { value.empty() ? Null() : String(value); }
  void IntOrNull(const std::optional<int64_t>& value) { value ? Int(*value) : Null(); }

  std::string Take() && { return std::move(out_); }

 private:
  void Open(char bracket) {
    Separate();
    out_ += bracket;
    need_comma_ = false;
  }
  void Close(char bracket) {
    out_ += bracket;
    need_comma_ = true;
  }
  // A comma before every value of an array and every member of an object but the first.
  void Separate() {
    if (need_comma_) out_ += ',';
    need_comma_ = true;
  }
  // `text` in quotes, escaped, between `before` and `after` (a comma, a colon; NUL for none).
  void Quoted(char before, std::string_view text, char after);

  std::string out_;
  bool need_comma_ = false;
};

}  // namespace consign::http
