// List cursors as clients send them back (GET /api/v1/customers?cursor=...): customers::DecodeCursor,
// the public decoder in customer_store.hpp. Built only where that header declares it
// (fuzz/CMakeLists.txt); before it the cursor was decoded inside ListCustomers, reachable only
// through a database.
// Invariants: a cursor that decodes has an account id above zero and re-encodes to text that decodes
// to the same cursor; one that does not is kInvalidArgument naming "cursor".
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_check.hpp"
#include "modules/customers/customer_store.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace customers = consign::customers;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto cursor = customers::DecodeCursor(text);
  if (!cursor) {
    const consign::Error& e = cursor.error();
    FUZZ_CHECK(e.code == consign::ErrorCode::kInvalidArgument);
    FUZZ_CHECK(!e.fields.empty() && e.fields[0].field == "cursor");
    return 0;
  }
  FUZZ_CHECK(cursor->after_id > 0);
  auto again = customers::DecodeCursor(customers::EncodeCursor(*cursor));
  FUZZ_CHECK(again && *again == *cursor);
  return 0;
}
