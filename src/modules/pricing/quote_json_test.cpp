#include "modules/pricing/quote_json.hpp"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

namespace consign::pricing {
namespace {

QuoteAnswer Published() {
  QuoteAnswer a;
  a.quote.zone = Zone::kAdjacentProvince;
  a.quote.actual_grams = 2300;
  a.quote.volumetric_grams = 4000;
  a.quote.chargeable_grams = 4000;
  a.quote.lines.push_back(QuoteLine{"freight", "运费", "Freight", Money::Cny(1800), "首重 1kg ¥12.00 + 续重 6×0.5kg×¥1.00",
                                    "first 1 kg ¥12.00 + 6 × 0.5 kg × ¥1.00"});
  a.quote.lines.push_back(QuoteLine{"discount", "折扣", "Discount", Money::Cny(-150), "月结 \"5%\"\\", "5%\n"});
  a.quote.total = Money::Cny(1650);
  a.product = ServiceProduct{"standard", "标准快递", "Standard express", 6000, false};
  a.card.id = RateCardId{7};
  a.card.kind = CardKind::kPublished;
  a.card.name = "2027 公布价";
  a.date = Date{std::chrono::year{2026}, std::chrono::month{12}, std::chrono::day{2}};
  return a;
}

// POST /quotes answers with QuoteAnswerText: byte for byte the serialised Boost.JSON form.
TEST(QuoteAnswerText, IsTheSerialisedBoostJsonForm) {
  const QuoteAnswer published = Published();

  QuoteAnswer agreement = Published();
  agreement.card.kind = CardKind::kAgreement;
  agreement.card.customer_id = CustomerId{500000};
  agreement.card.contract_id = 31;
  agreement.card.name = "顺达 \"VIP\" 协议价\t";  // a name typed by a user: escaped like any other text
  agreement.quote.volumetric_grams.reset();
  agreement.product = ServiceProduct{"heavy", "重货", "Heavy freight", 5000, true};

  QuoteAnswer empty{};
  empty.date = published.date;

  for (const QuoteAnswer& a : {published, agreement, empty})
    EXPECT_EQ(QuoteAnswerText(a), boost::json::serialize(QuoteAnswerJson(a)));
}

// The text is checked for bytes to escape eight at a time: each such byte at every place of a name,
// among plain ASCII and UTF-8, is escaped as Boost.JSON escapes it.
TEST(QuoteAnswerText, EscapesEveryByteJsonEscapesWhereverItIs) {
  QuoteAnswer a = Published();
  const std::string plain = "顺达电子 A1 协议价 2027";  // 29 bytes: three words and a tail
  for (const char escaped : {'"', '\\', '\n', '\x01', '\x1f'})
    for (size_t at = 0; at <= plain.size(); ++at) {
      a.card.name = plain;
      a.card.name.insert(at, 1, escaped);
      ASSERT_EQ(QuoteAnswerText(a), boost::json::serialize(QuoteAnswerJson(a))) << int(escaped) << " at " << at;
    }
  for (const char kept : {' ', '\x7f', '~', '!', '#', ']'}) {
    a.card.name = plain + kept + plain;
    EXPECT_EQ(QuoteAnswerText(a), boost::json::serialize(QuoteAnswerJson(a))) << int(kept);
  }
}

}  // namespace
}  // namespace consign::pricing
