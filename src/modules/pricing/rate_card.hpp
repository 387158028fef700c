#pragma once
// Service products and rate cards (运价表). Pure: no I/O. A rate card prices one product: per zone,
// weight bands [from, to) in grams, each with a first weight and its price (首重) and a continued
// step and its price (续重); the weight rounding rule; a minimum charge; the remote-area surcharge;
// the value-added fees; discounts by monthly volume. Every amount is Money in fen (core/money.hpp),
// every rate integer basis points.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/strong_id.hpp"

#include "core/money.hpp"
#include "core/result.hpp"
#include "modules/pricing/zone.hpp"

namespace consign::pricing {

struct ServiceProduct {
  std::string code;               // "standard", "express", "heavy"
  std::string name_zh;            // "标准快递"
  std::string name_en;            // "Standard express"
  int64_t volumetric_divisor = 6000;  // cm³ per kg: L×W×H ÷ divisor = volumetric kg
  bool dimensions_required = false;   // heavy freight is always measured
};

// The three products every company sells; seeded by the migrations.
std::vector<ServiceProduct> StandardProducts();

// How the chargeable weight is rounded before pricing: always up, to the next step.
enum class WeightRounding { kHalfKg, kOneKg };
std::string_view WeightRoundingCode(WeightRounding r);  // "half_kg", "one_kg"
int64_t WeightRoundingGrams(WeightRounding r);           // 500, 1000

// Weights in [from_grams, to_grams) are priced first_price for the first first_grams, then
// step_price for every started step_grams above that.
struct WeightBand {
  int64_t from_grams = 0;
  int64_t to_grams = 0;
  int64_t first_grams = 1000;
  Money first_price;
  int64_t step_grams = 500;
  Money step_price;
};

struct ZoneRates {
  Zone zone = Zone::kSameCity;
  std::vector<WeightBand> bands;  // contiguous from 0, in order
};

// A fee of `rate_bp` of a base amount, never below `minimum`.
struct RateFee {
  int64_t rate_bp = 0;
  Money minimum;
};

struct ValueAddedFees {
  RateFee insured;        // 保价: of the declared value
  RateFee cod;            // 代收货款: of the amount collected
  Money signed_receipt;   // 签收回单
  Money packaging;        // 包装
};

// Shipments a month from which a discount applies (on the freight).
struct DiscountTier {
  int64_t min_monthly_shipments = 0;
  int64_t discount_bp = 0;  // 1000 = 10 %
};

struct RateCard {
  std::string product_code;
  WeightRounding rounding = WeightRounding::kHalfKg;
  Money minimum_charge;    // the freight after discount is never below this
  Money remote_surcharge;  // added to every shipment in the remote zone
  std::vector<ZoneRates> zones;  // each of the five zones exactly once
  ValueAddedFees fees;
  std::vector<DiscountTier> discounts;  // by ascending min_monthly_shipments
};

inline constexpr size_t kMaxBandsPerZone = 20;
inline constexpr size_t kMaxDiscountTiers = 10;
inline constexpr int64_t kMaxWeightGrams = 100'000'000;  // 100 t: a band beyond is a typo

// Every mistake of a card at once, each naming its field path ("zones[2].bands[1].from_grams"):
// bands with a gap (reason band_gap) or an overlap (band_overlap) or not starting at 0, empty bands,
// negative prices (negative), rates over 100 % (out_of_range), a zone missing or twice, tiers not
// ascending, a currency other than CNY.
[[nodiscard]] Status ValidateRateCard(const RateCard& card);

// The published card the migrations seed for a product (公布价), prices of a mid-size courier.
RateCard StandardRateCard(const ServiceProduct& product);

// --- rate cards as kept: published (公布价) or agreement (协议价), and their lifecycle -------------
//
//   draft ──Activate──▶ active ──End──▶ ended
//
// Only a draft is edited; an active card is changed by a new draft activated in its place. One
// published card is active per product (activating one ends the one before); agreement cards of one
// customer and product must not be active over overlapping dates.
using RateCardId = StrongId<class RateCardIdTag>;
using Date = std::chrono::year_month_day;

enum class CardKind { kPublished, kAgreement };
enum class CardStatus { kDraft, kActive, kEnded };
std::string_view CardKindCode(CardKind k);      // "published", "agreement"
std::string_view CardStatusCode(CardStatus s);  // "draft", "active", "ended"
std::optional<CardKind> ParseCardKind(std::string_view code);
std::optional<CardStatus> ParseCardStatus(std::string_view code);

struct RateCardRecord {
  RateCardId id{};
  CardKind kind = CardKind::kPublished;
  std::string name;                        // "2027 公布价", "华南电子 协议价"
  std::optional<CustomerId> customer_id;   // agreement cards only
  std::optional<int64_t> contract_id;      // the contract that made it, when one did
  CardStatus status = CardStatus::kDraft;
  std::optional<Date> valid_from;          // agreement cards: from activation
  std::optional<Date> valid_to;            // inclusive; empty: until ended
  int64_t version = 1;
  Instant created_at{};
  Instant updated_at{};
  RateCard card;
};

// "2027-01-31" ⇄ Date; nullopt for anything not a real calendar date in that form.
std::optional<Date> ParseDate(std::string_view text);
std::string FormatDate(Date d);

// kInvalidState unless the card is a draft: an active or ended card is never edited.
[[nodiscard]] Status CheckEditable(const RateCardRecord& record);
// kInvalidState unless a draft; for an agreement card valid_from is required and valid_to, when
// given, is not before it (field errors naming valid_from / valid_to).
[[nodiscard]] Status CheckActivation(const RateCardRecord& record, std::optional<Date> valid_from,
                                     std::optional<Date> valid_to);
// kInvalidState unless active.
[[nodiscard]] Status CheckEnd(const RateCardRecord& record);
// Whether two inclusive date ranges share a day (an empty end is open).
bool Overlaps(Date a_from, std::optional<Date> a_to, Date b_from, std::optional<Date> b_to);

}  // namespace consign::pricing
