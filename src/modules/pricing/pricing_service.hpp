#pragma once
// Quotes, service products and the zone matrix. Use cases take a Scope and check their permission
// (access.hpp) themselves.
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "modules/pricing/quote.hpp"
#include "modules/pricing/rate_card.hpp"
#include "platform/db/database.hpp"
#include "platform/scope/scope.hpp"

namespace consign::pricing {

struct QuoteInput {
  std::string product_code;
  std::optional<CustomerId> customer_id;  // portal users: their own account, whatever is sent
  std::optional<Date> date;               // the shipping day; today in China (UTC+8) when empty
  // Staff only (rate_cards.read): price with this card whatever its status — the draft an editor shows
  // beside its grid, say — instead of the card in force.
  std::optional<RateCardId> rate_card_id;
  QuoteRequest request;
};

struct QuoteAnswer {
  QuoteResult quote;
  ServiceProduct product;
  RateCardRecord card;  // the card that priced it: the customer's agreement card, or the published one
  Date date;
};

// Prices a shipment. The customer's active agreement card for the product on that day wins over the
// published card. Errors: kInvalidArgument naming the field (unknown product, an unknown customer or
// one outside the caller's record rule — customer_id, unknown_customer —, and every error of Quote);
// kInvalidState when the product has no active published card and the customer no agreement.
// A portal user quotes for its own account only: another customer_id is refused (kForbidden).
// With rate_card_id: that card prices it (kForbidden without rate_cards.read; kInvalidArgument naming
// rate_card_id when it is unknown, not visible to the caller — not_found — or of another product —
// product_mismatch).
[[nodiscard]] Result<QuoteAnswer> QuoteShipment(Scope& scope, QuoteInput input);

// Many shipments of one customer (an import of orders): each answer what QuoteShipment would answer
// for that input with customer_id = `customer_id` (each input's own is ignored), but the permission,
// the customer and the reference data are checked and read once, and each (product, day)'s agreement
// card once. The outer error is what would refuse every input (kForbidden, the customer).
[[nodiscard]] Result<std::vector<Result<QuoteAnswer>>> QuoteShipments(Scope& scope,
                                                                      std::optional<CustomerId> customer_id,
                                                                      std::vector<QuoteInput> inputs);

// 价目表: for each product, the card that prices a customer's shipments on a day — its active
// agreement card (协议价), or the published card (公布价) — so a customer can read its own prices.
struct PriceListEntry {
  ServiceProduct product;
  RateCardRecord card;
};
struct PriceList {
  std::optional<CustomerId> customer_id;  // none: the published prices
  Date date;
  std::vector<PriceListEntry> entries;  // products without any active card are left out
};

// The price list of `customer` on `date` (today in China when empty). A portal user gets its own
// account's, whatever is asked (another customer: kForbidden); staff any account they may read
// (kInvalidArgument customer_id unknown_customer otherwise), or the published prices without one.
[[nodiscard]] Result<PriceList> GetPriceList(Scope& scope, std::optional<CustomerId> customer,
                                             std::optional<Date> date);

[[nodiscard]] Result<std::vector<ServiceProduct>> ListProducts(Scope& scope);

[[nodiscard]] Result<ZoneMatrix> GetZoneMatrix(Scope& scope);
// Replaces the whole matrix (audited with before and after). Field errors from ValidateZoneMatrix.
[[nodiscard]] Result<ZoneMatrix> SetZoneMatrix(Scope& scope, ZoneMatrix matrix);

// First start: the three standard products, the default zone matrix and each product's published
// card, active — only into empty tables, so an admin's edits are never overwritten. Safe with several
// nodes starting at once (the product insert is ON CONFLICT DO NOTHING; only the node that inserted
// a product seeds its card).
[[nodiscard]] Status SeedStandardPricing(db::Database& database, const Clock& clock);

}  // namespace consign::pricing
