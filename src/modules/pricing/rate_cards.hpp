#pragma once
// Rate cards: the pricing module's public header for the use cases on cards — the console's admin
// screens call them through the routes, and the contracts module calls them directly to give a
// contract its agreement price (协议价):
//
//   auto draft = pricing::CreateAgreementDraft(scope, customer, contract, "standard", std::nullopt);
//   ... the contract editor edits draft->card through UpdateDraft ...
//   pricing::ActivateForContract(scope, draft->id, contract, start, end);  // when the contract is active
//   pricing::EndForContract(scope, draft->id, contract);                 // when it ends
//
// Each use case checks rate_cards.read / rate_cards.write (published cards) or agreement_cards.write
// (an agreement card's drafts) itself (access.hpp), validates the card
// (ValidateRateCard: field errors naming the path), writes the audit trail in the caller's
// transaction and never commits. An agreement card of a customer the caller may not read (the
// customers module's record rule) is "not found".
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "modules/pricing/pricing_store.hpp"
#include "modules/pricing/rate_card.hpp"
#include "platform/scope/scope.hpp"

namespace consign::pricing {

// At most filter.limit + 1 cards by id (the extra one means another page exists).
[[nodiscard]] Result<std::vector<RateCardRecord>> ListCards(Scope& scope, const CardFilter& filter);
[[nodiscard]] Result<RateCardRecord> GetCard(Scope& scope, RateCardId id);

// A new draft. `record.kind`, `name`, `card` (with product_code) and, for an agreement card,
// `customer_id` (and optionally `contract_id`) are read; status, dates and version are set here.
// kInvalidArgument naming the field: unknown product, customer_id on a published card or missing on
// an agreement card, an unknown customer, and every mistake of ValidateRateCard.
[[nodiscard]] Result<RateCardRecord> CreateDraft(Scope& scope, RateCardRecord record);

// A draft agreement card for a contract, with the prices of `card`, or a copy of the product's
// active published card when empty (kInvalidState when the product has none).
[[nodiscard]] Result<RateCardRecord> CreateAgreementDraft(Scope& scope, CustomerId customer, int64_t contract_id,
                                                          std::string_view product_code,
                                                          std::optional<RateCard> card);

// Replaces a draft's name and prices. kInvalidState when the card is active or ended;
// kPreconditionFailed when expected_version is not the card's version.
[[nodiscard]] Result<RateCardRecord> UpdateDraft(Scope& scope, RateCardId id, int64_t expected_version,
                                                 std::string name, RateCard card);

// Activates a draft. A published card takes the place of the product's active one (which ends);
// dates are optional for it. An agreement card needs valid_from, and is refused (kConflict, field
// valid_from, reason overlaps_active) when another active card of that customer and product covers
// a day of [valid_from, valid_to].
[[nodiscard]] Result<RateCardRecord> Activate(Scope& scope, RateCardId id, std::optional<Date> valid_from,
                                              std::optional<Date> valid_to);

// Ends an active card: from now on quotes fall back to the published price.
// Activate and End refuse a contract's agreement card (kInvalidState naming contract_id,
// follows_contract): it follows its contract through the two below.
[[nodiscard]] Result<RateCardRecord> End(Scope& scope, RateCardId id);

// For the contracts module, which has checked its own permission (contracts.activate / end): the card
// the contract names is activated for the contract's dates when the contract becomes active, and
// ended when the contract is renewed or ended. kInvalidArgument naming rate_card_id (not_found)
// unless the card is that contract's agreement card; otherwise as Activate. EndForContract answers
// nullopt (and changes nothing) for a card that is not active.
[[nodiscard]] Result<RateCardRecord> ActivateForContract(Scope& scope, RateCardId id, int64_t contract_id,
                                                         Date valid_from, std::optional<Date> valid_to);
[[nodiscard]] Result<std::optional<RateCardRecord>> EndForContract(Scope& scope, RateCardId id, int64_t contract_id);

}  // namespace consign::pricing
