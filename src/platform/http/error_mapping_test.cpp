#include "platform/http/error_mapping.hpp"

#include <gtest/gtest.h>

#include <set>

namespace consign::http {
namespace {

// Every enumerator of ErrorCode with the status docs/api-contract.md promises. Adding an enumerator
// without a row here fails ErrorMapping.TableCoversEveryEnumerator.
constexpr std::pair<ErrorCode, int> kContract[] = {
    {ErrorCode::kInvalidArgument, 400},      {ErrorCode::kUnauthenticated, 401},
    {ErrorCode::kForbidden, 403},            {ErrorCode::kNotFound, 404},
    {ErrorCode::kConflict, 409},             {ErrorCode::kInvalidState, 409},
    {ErrorCode::kPreconditionFailed, 412},   {ErrorCode::kPayloadTooLarge, 413},
    {ErrorCode::kUnsupportedMediaType, 415}, {ErrorCode::kPreconditionRequired, 428},
    {ErrorCode::kTooManyRequests, 429},      {ErrorCode::kInternal, 500},
    {ErrorCode::kUnavailable, 503},
};

TEST(ErrorMapping, EveryCodeHasTheContractStatus) {
  for (const auto& [code, status] : kContract) EXPECT_EQ(HttpStatus(code), status) << ErrorCodeName(code);
}

TEST(ErrorMapping, TableCoversEveryEnumerator) {
  // kInternal is declared last and the enumerators are contiguous from zero.
  std::set<int> covered;
  for (const auto& [code, status] : kContract) covered.insert(static_cast<int>(code));
  const int last = static_cast<int>(ErrorCode::kInternal);
  EXPECT_EQ(covered.size(), static_cast<size_t>(last + 1));
  for (int i = 0; i <= last; ++i)
    EXPECT_TRUE(covered.count(i)) << "ErrorCode " << ErrorCodeName(static_cast<ErrorCode>(i))
                                  << " has no row in the contract table";
}

TEST(ErrorMapping, OnlyInternalAndUnavailableAre5xx) {
  for (const auto& [code, status] : kContract) {
    const bool server_side = code == ErrorCode::kInternal || code == ErrorCode::kUnavailable;
    EXPECT_EQ(HttpStatus(code) >= 500, server_side) << ErrorCodeName(code);
  }
}

}  // namespace
}  // namespace consign::http
