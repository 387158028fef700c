// JSON request bodies: http::ParseJsonBody with the server's default depth limit, then a form read
// through JsonFields the way a handler reads one (customers_http.cpp), including a nested object.
// Invariants: a body that parses is an object that serialises and parses back equal (numbers to
// the last ulp, see SameJson): `Infinity` from 1e400 would not parse back; a parse that
// fails says why with a known reason; the field readers keep their limits and report every error
// with a path and a reason; a member no reader asked for is an error (unknown_field).
#include <boost/json/serialize.hpp>
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_check.hpp"
#include "platform/http/json.hpp"

namespace {

namespace http = consign::http;
namespace json = boost::json;

// Equal values, except that doubles may differ in the last bits: Boost.JSON 1.81 does not round
// every long mantissa correctly (its `precise` parsing came in 1.83), so a number read, written and
// read again can move by an ulp. Nothing the API reads is a double of that precision.
bool SameJson(const json::value& a, const json::value& b) {
  if (a.is_double() && b.is_double()) {
    const double x = a.get_double(), y = b.get_double();
    return x == y || std::fabs(x - y) <= 1e-15 * std::max(std::fabs(x), std::fabs(y));
  }
  if (a.kind() != b.kind()) return false;
  if (a.is_array()) {
    const json::array &p = a.get_array(), &q = b.get_array();
    if (p.size() != q.size()) return false;
    for (size_t i = 0; i < p.size(); ++i)
      if (!SameJson(p[i], q[i])) return false;
    return true;
  }
  if (a.is_object()) {
    const json::object &p = a.get_object(), &q = b.get_object();
    if (p.size() != q.size()) return false;
    for (const auto& member : p) {
      const json::value* other = q.if_contains(member.key());
      if (!other || !SameJson(member.value(), *other)) return false;
    }
    return true;
  }
  return a == b;
}

bool KnownBodyReason(const consign::Error& e) {
  if (e.fields.size() != 1 || e.fields[0].field != "body") return false;
  const std::string& r = e.fields[0].reason;
  return r == "invalid_format" || r == "too_deep" || r == "invalid_type";
}

void CheckErrors(const consign::Status& status) {
  if (status) return;
  const consign::Error& e = status.error();
  FUZZ_CHECK(e.code == consign::ErrorCode::kInvalidArgument);
  FUZZ_CHECK(!e.fields.empty());
  for (const consign::FieldError& f : e.fields) FUZZ_CHECK(!f.field.empty() && !f.reason.empty());
}

// One form as a handler reads it: every reader once, limits as the customers module uses them.
void ReadForm(const json::object& obj, const std::string& prefix, int depth) {
  http::JsonFields f(obj, prefix);
  const std::string name = f.String("name", 200);
  FUZZ_CHECK(http::CodePoints(name) <= 200);
  if (auto code = f.OptString("code", 32)) FUZZ_CHECK(http::CodePoints(*code) <= 32);
  const int64_t version = f.Int("version", 1, 1'000'000);
  FUZZ_CHECK(version == 0 || (version >= 1 && version <= 1'000'000));
  if (auto limit = f.OptInt("limit", -5, 200)) FUZZ_CHECK(*limit >= -5 && *limit <= 200);
  (void)f.Bool("active");
  (void)f.OptBool("primary");
  const std::string kind = f.Enum("kind", {"individual", "organization"});
  FUZZ_CHECK(kind.empty() || kind == "individual" || kind == "organization");
  (void)f.OptEnum("tier", {"a", "b", "c"});
  const auto tags = f.StringArray("tags", 20, 30);
  FUZZ_CHECK(tags.size() <= 20);
  for (const std::string& t : tags) FUZZ_CHECK(http::CodePoints(t) <= 30);
  if (const json::array* contacts = f.OptArray("contacts"); contacts && depth < 3) {
    for (size_t i = 0; i < contacts->size() && i < 4; ++i) {
      if (const json::object* c = (*contacts)[i].if_object()) {
        http::JsonFields nested(*c, f.Path(http::FieldPath("contacts", i)));
        (void)nested.String("phone", 20);
        if (consign::Status s = nested.Finish(); !s) f.Merge(s.error());
      }
    }
  }
  if (const json::object* address = f.OptObject("address"); address && depth < 3)
    ReadForm(*address, f.Path("address"), depth + 1);
  // A member no reader asked for is never passed over in silence (unknown_field).
  static constexpr std::string_view kRead[] = {"name", "code", "version", "limit", "active", "primary",
                                               "kind", "tier", "tags", "contacts", "address"};
  const bool unknown = std::any_of(obj.begin(), obj.end(), [](const auto& member) {
    return std::find(std::begin(kRead), std::end(kRead), member.key()) == std::end(kRead);
  });
  const consign::Status status = f.Finish();
  if (unknown) FUZZ_CHECK(!status);
  CheckErrors(status);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  http::Request request;
  request.method = http::Method::kPost;
  request.headers = {{"content-type", "application/json; charset=utf-8"}};
  request.body = std::string(text);

  auto body = http::ParseJsonBody(request);
  if (!body) {
    FUZZ_CHECK(KnownBodyReason(body.error()));
    return 0;
  }
  // Re-serialises and parses back to the same value, within the same depth limit.
  const std::string again = json::serialize(*body);
  auto reparsed = http::ParseJsonText(again);
  FUZZ_CHECK(reparsed && reparsed->is_object() && SameJson(*reparsed, json::value(*body)));

  ReadForm(*body, "", 0);
  return 0;
}
