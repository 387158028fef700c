// List cursors as clients send them back (GET /api/v1/customers?cursor=...): customers::DecodeCursor
// under a fixed key, and EncodeCursor of a cursor made from the input.
// Invariants: text that did not come from EncodeCursor under the key is refused as kInvalidArgument
// naming "cursor" (a MAC guards it); a cursor encodes to text that decodes to the same cursor, and
// changing any one character of that text makes it refused.
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "fuzz/fuzz_check.hpp"
#include "modules/customers/customer_store.hpp"

namespace {

namespace customers = consign::customers;

const customers::CursorKey& Key() {
  static const customers::CursorKey key([] {
    std::array<unsigned char, customers::CursorKey::kSize> bytes{};
    for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<unsigned char>(i * 7 + 1);
    return bytes;
  }());
  return key;
}

void ExpectRefused(const consign::Result<customers::Cursor>& cursor) {
  FUZZ_CHECK(!cursor);
  const consign::Error& e = cursor.error();
  FUZZ_CHECK(e.code == consign::ErrorCode::kInvalidArgument);
  FUZZ_CHECK(!e.fields.empty() && e.fields[0].field == "cursor");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // Random text cannot carry a valid MAC (a forgery would be a finding).
  ExpectRefused(customers::DecodeCursor(text, Key()));

  if (size < 10) return 0;
  customers::Cursor cursor;
  cursor.sort.key = static_cast<customers::SortKey>(data[0] % 5);
  cursor.sort.descending = (data[1] & 1) != 0;
  int64_t id = 0;
  std::memcpy(&id, data + 2, sizeof id);
  cursor.after_id = id == INT64_MIN ? 1 : (id < 0 ? -id : id);
  if (cursor.after_id == 0) cursor.after_id = 1;
  const std::string encoded = customers::EncodeCursor(cursor, Key());
  auto again = customers::DecodeCursor(encoded, Key());
  FUZZ_CHECK(again && *again == cursor);
  std::string tampered = encoded;
  // Not the last character: its low bits may be padding that base64 decoding ignores.
  const size_t at = data[1] % (tampered.size() - 1);
  tampered[at] = tampered[at] == 'A' ? 'B' : 'A';
  ExpectRefused(customers::DecodeCursor(tampered, Key()));
  return 0;
}
