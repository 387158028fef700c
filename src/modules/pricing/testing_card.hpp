#pragma once
// The rate card the unit tests price with, written out by hand so that every expected answer in
// quote_test.cpp can be worked out on paper from this page (not from StandardRateCard).
#include "modules/pricing/rate_card.hpp"

namespace consign::pricing::testing {

// Divisor 6000 cm³/kg; dimensions optional.
inline ServiceProduct StandardProduct() { return {"standard", "标准快递", "Standard express", 6000, false}; }
// Dimensions required.
inline ServiceProduct HeavyProduct() { return {"heavy", "重货", "Heavy freight", 6000, true}; }

// Rounding to 0.5 kg; minimum ¥10.00; remote surcharge ¥5.00. In fen, per zone:
//   zone            [0, 3 kg): first 1 kg, each 0.5 kg    [3 kg, 30 kg): first 3 kg, each 1 kg
//   same_city       600, 100                              1000, 200
//   same_province   800, 150                              1300, 250
//   adjacent        1000, 200                             1600, 300
//   cross           1200, 200                             2000, 400
//   remote          1500, 300                             2500, 500
// Fees: insured 30 bp (0.30 %) at least 200; COD 100 bp (1 %) at least 300; receipt 300; packaging 500.
// Discounts: from 100 shipments a month 500 bp (5 %), from 1000 1000 bp (10 %).
inline RateCard HandCard(std::string product = "standard") {
  auto zone = [](Zone z, int64_t f1, int64_t s1, int64_t f2, int64_t s2) {
    return ZoneRates{z,
                     {WeightBand{0, 3000, 1000, Money::Cny(f1), 500, Money::Cny(s1)},
                      WeightBand{3000, 30'000, 3000, Money::Cny(f2), 1000, Money::Cny(s2)}}};
  };
  RateCard card;
  card.product_code = std::move(product);
  card.rounding = WeightRounding::kHalfKg;
  card.minimum_charge = Money::Cny(1000);
  card.remote_surcharge = Money::Cny(500);
  card.zones = {zone(Zone::kSameCity, 600, 100, 1000, 200), zone(Zone::kSameProvince, 800, 150, 1300, 250),
                zone(Zone::kAdjacentProvince, 1000, 200, 1600, 300), zone(Zone::kCrossProvince, 1200, 200, 2000, 400),
                zone(Zone::kRemote, 1500, 300, 2500, 500)};
  card.fees.insured = {30, Money::Cny(200)};
  card.fees.cod = {100, Money::Cny(300)};
  card.fees.signed_receipt = Money::Cny(300);
  card.fees.packaging = Money::Cny(500);
  card.discounts = {{100, 500}, {1000, 1000}};
  return card;
}

}  // namespace consign::pricing::testing
