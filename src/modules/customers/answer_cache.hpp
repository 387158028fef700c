#pragma once
// The account read's answers (GET /api/v1/customers/{id}), kept per account and view and served again
// while nothing they were made of has changed (platform/db/stamped_cache.hpp). Whether it has is read
// from the database on every request, in the request's own transaction: one indexed row of the account
// and its brand (LoadAccountStamp), and the owner's name.
//
// Why it is exact: every write to an account's row, contacts or addresses raises its version in the
// same transaction (UpdateCustomer, SetCustomerStatus); the brand and the owner's name are not the
// account's row, so the stamp holds them whole; created_at tells apart an id used again. Personal data
// is masked in every answer whoever asks (customer.hpp, MaskPersonalData), so an answer depends on the
// caller only through the view (AccountView, part of the key) and the record rule, which is checked
// before the cache is looked at.
#include <cstdint>
#include <optional>

#include "core/clock.hpp"
#include "modules/customers/access.hpp"
#include "modules/customers/brand_store.hpp"
#include "modules/customers/customer.hpp"
#include "platform/db/stamped_cache.hpp"

namespace consign::customers {

// What an answer was made of, besides the account's rows (which its version stands for).
struct AnswerStamp {
  int64_t version = 0;
  Instant created_at{};
  std::optional<OwnerView> owner;
  std::optional<StoredBrand> brand;
  bool operator==(const AnswerStamp&) const = default;
};

using AnswerCache = db::StampedCache<AnswerStamp>;

// The cache's key: one account, one view.
inline int64_t AnswerKey(int64_t id, AccountView view) { return id * 2 + (view == AccountView::kStaff ? 0 : 1); }

}  // namespace consign::customers
