// JSON request bodies: http::ParseJsonBody with the server's default depth limit, then a form read
// through JsonFields the way a handler reads one (customers_http.cpp), including a nested object.
// Invariants: a body that parses is an object that serialises and parses back equal; a parse that
// fails says why with a known reason; the field readers keep their limits and report every error
// with a path and a reason.
#include <boost/json/serialize.hpp>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_check.hpp"
#include "platform/http/json.hpp"

namespace {

namespace http = consign::http;
namespace json = boost::json;

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
  CheckErrors(f.Finish());
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
  FUZZ_CHECK(reparsed && reparsed->is_object() && reparsed->get_object() == *body);

  ReadForm(*body, "", 0);
  return 0;
}
