#pragma once
// SQL for the pricing tables: pricing_products, pricing_adjacent_provinces, pricing_remote_provinces
// (the zone matrix) and pricing_rate_cards. A card's prices are one JSON document (card_json, the
// codec of rate_card_json.hpp): a card is edited, versioned and read whole — every quote reads one
// whole card — and nothing ever queries a single band, so rows per band would buy joins and nothing
// else. Its identity, kind, customer, status and dates are columns, which is what queries select on.
#include <optional>
#include <string>
#include <vector>

#include "modules/pricing/rate_card.hpp"
#include "platform/db/database.hpp"

namespace consign::pricing {

std::vector<db::Migration> Migrations();

// What quotes keep in memory — products, the zone matrix, published cards — is read again when this
// value differs from the one it was read with: every write below that changes one of them changes it
// in its own transaction, so every node sees a change at its next quote.
int64_t PricingRevision(db::Transaction& tx);

// An active agreement card in force, without its prices: a quote finds the card by this and reads
// (and parses) the card itself only when the process has not kept that version of it already.
// Every change to a card's row changes its version (UpdateRateCard), so a version names one content.
struct AgreementVersion {
  RateCardId id;
  int64_t version = 0;
  Date valid_from;
};

// What every quote reads, in one statement: PricingRevision and, when `customer` is given, that
// customer's active agreement cards for the product valid on `day` (ActiveAgreementCard's rows).
struct QuoteLookup {
  int64_t revision = 0;
  std::vector<AgreementVersion> agreements;
};
QuoteLookup LookUpQuote(db::Transaction& tx, std::optional<CustomerId> customer, std::string_view product_code,
                        Date day);
// Of several agreement cards in force (activation refuses overlaps: there is at most one), the one
// that wins: the latest valid_from, then the highest id — as ActiveAgreementCard chooses.
const AgreementVersion* LatestAgreement(const std::vector<AgreementVersion>& agreements);

std::vector<ServiceProduct> LoadProducts(db::Transaction& tx);
std::optional<ServiceProduct> LoadProduct(db::Transaction& tx, std::string_view code);
// False when a product with that code exists already.
bool InsertProductIfAbsent(db::Transaction& tx, const ServiceProduct& product, int position);

ZoneMatrix LoadZoneMatrix(db::Transaction& tx);
void ReplaceZoneMatrix(db::Transaction& tx, const ZoneMatrix& matrix);

struct CardFilter {
  std::optional<CardKind> kind;
  std::optional<std::string> product_code;
  std::optional<CustomerId> customer_id;
  std::optional<CardStatus> status;
  int limit = 50;
  std::optional<int64_t> after_id;  // cursor: ids above this
};
// Cards by id ascending, at most limit + 1 (the extra row tells another page exists).
std::vector<RateCardRecord> ListRateCards(db::Transaction& tx, const CardFilter& filter);
// for_update locks the row on PostgreSQL (read-modify-write of its status).
std::optional<RateCardRecord> LoadRateCard(db::Transaction& tx, RateCardId id, bool for_update);
RateCardId InsertRateCard(db::Transaction& tx, const RateCardRecord& record);
// Writes name, card, status, dates and updated_at; version + 1. Returns the new version.
int64_t UpdateRateCard(db::Transaction& tx, const RateCardRecord& record);

// The active published card of a product, if any.
std::optional<RateCardRecord> ActivePublishedCard(db::Transaction& tx, std::string_view product_code);
// The active agreement card of a customer for a product valid on `day`; the latest-starting one if
// several (activation refuses overlaps, so there is at most one).
std::optional<RateCardRecord> ActiveAgreementCard(db::Transaction& tx, CustomerId customer,
                                                  std::string_view product_code, Date day);
// Active agreement cards of a customer for a product other than `except` (overlap checks).
std::vector<RateCardRecord> ActiveAgreementCards(db::Transaction& tx, CustomerId customer,
                                                 std::string_view product_code, RateCardId except);

}  // namespace consign::pricing
