#include "modules/pricing/quote_json.hpp"

#include <charconv>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

#include "modules/pricing/rate_card_json.hpp"
#include "modules/pricing/zone.hpp"
#include "platform/http/json_writer.hpp"

namespace consign::pricing {

namespace json = boost::json;

namespace {

// Whether `text` has a byte JSON escapes: below U+0020, the quote or the backslash. Eight bytes at a
// time (the classic "has a zero byte" test on x, x ^ '"' and x ^ '\\'): a byte at a time, the scan
// of a quote's 1,200 bytes of text was most of the cost of writing it.
bool NeedsEscape(std::string_view text) {
  constexpr uint64_t kOnes = 0x0101010101010101, kHighs = 0x8080808080808080;
  const auto has_zero = [](uint64_t x) { return (x - kOnes) & ~x & kHighs; };
  size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t x;
    std::memcpy(&x, text.data() + i, 8);
    // A byte below 0x20 has none of the bits 0x20…0x80 set: (x & 0xe0…) has a zero byte there.
    if (has_zero(x & (kOnes * 0xe0)) | has_zero(x ^ (kOnes * '"')) | has_zero(x ^ (kOnes * '\\'))) return true;
  }
  for (; i < text.size(); ++i) {
    const char ch = text[i];
    if (static_cast<unsigned char>(ch) < 0x20 || ch == '"' || ch == '\\') return true;
  }
  return false;
}

// `value` in quotes. The quote's texts need no escaping (codes, labels, rules this module writes), a
// card's or a product's name nearly never: those are copied, anything else goes through JsonWriter,
// whose escaping is Boost.JSON's.
void AppendQuoted(std::string& out, std::string_view value) {
  if (NeedsEscape(value)) {
    http::JsonWriter w(value.size() + 16);
    w.String(value);
    out += std::move(w).Take();
    return;
  }
  out += '"';
  out += value;
  out += '"';
}

void AppendInt(std::string& out, int64_t value) {
  char digits[24];
  out.append(digits, std::to_chars(digits, digits + sizeof digits, value).ptr);
}

void AppendIntOrNull(std::string& out, const std::optional<int64_t>& value) {
  if (value) AppendInt(out, *value);
  else out += "null";
}

// {"amount_minor":…,"currency":"CNY"}
void AppendMoney(std::string& out, const Money& m) {
  out += R"({"amount_minor":)";
  AppendInt(out, m.minor);
  out += R"(,"currency":)";
  AppendQuoted(out, m.currency.view());
  out += '}';
}

}  // namespace

json::object ProductToJson(const ServiceProduct& p) {
  return json::object{{"code", p.code},
                      {"name_zh", p.name_zh},
                      {"name_en", p.name_en},
                      {"volumetric_divisor", p.volumetric_divisor},
                      {"dimensions_required", p.dimensions_required}};
}

json::object QuoteAnswerJson(const QuoteAnswer& answer) {
  json::object o = QuoteToJson(answer.quote);
  o["product"] = ProductToJson(answer.product);
  const RateCardRecord& card = answer.card;
  json::object used{{"id", card.id.value()}, {"kind", CardKindCode(card.kind)}, {"name", card.name}};
  used["customer_id"] = card.customer_id ? json::value(card.customer_id->value()) : json::value(nullptr);
  used["contract_id"] = card.contract_id ? json::value(*card.contract_id) : json::value(nullptr);
  o["rate_card"] = std::move(used);
  o["date"] = FormatDate(answer.date);
  return o;
}

std::string QuoteAnswerText(const QuoteAnswer& answer) {
  // The members' names and punctuation as literals between the values: a JsonWriter call per name
  // (39 of them) was half the cost of the text.
  const QuoteResult& quote = answer.quote;
  std::string out;
  out.reserve(1024 + 256 * quote.lines.size());
  out += R"({"zone":)";
  AppendQuoted(out, ZoneCode(quote.zone));
  out += R"(,"zone_zh":)";
  AppendQuoted(out, ZoneNameZh(quote.zone));
  out += R"(,"zone_en":)";
  AppendQuoted(out, ZoneNameEn(quote.zone));
  out += R"(,"actual_grams":)";
  AppendInt(out, quote.actual_grams);
  out += R"(,"chargeable_grams":)";
  AppendInt(out, quote.chargeable_grams);
  out += R"(,"lines":[)";
  for (const QuoteLine& l : quote.lines) {
    if (&l != &quote.lines.front()) out += ',';
    out += R"({"code":)";
    AppendQuoted(out, l.code);
    out += R"(,"label_zh":)";
    AppendQuoted(out, l.label_zh);
    out += R"(,"label_en":)";
    AppendQuoted(out, l.label_en);
    out += R"(,"amount":)";
    AppendMoney(out, l.amount);
    out += R"(,"rule_zh":)";
    AppendQuoted(out, l.rule_zh);
    out += R"(,"rule_en":)";
    AppendQuoted(out, l.rule_en);
    out += '}';
  }
  out += R"(],"total":)";
  AppendMoney(out, quote.total);
  out += R"(,"volumetric_grams":)";
  AppendIntOrNull(out, quote.volumetric_grams);

  const ServiceProduct& p = answer.product;
  out += R"(,"product":{"code":)";
  AppendQuoted(out, p.code);
  out += R"(,"name_zh":)";
  AppendQuoted(out, p.name_zh);
  out += R"(,"name_en":)";
  AppendQuoted(out, p.name_en);
  out += R"(,"volumetric_divisor":)";
  AppendInt(out, p.volumetric_divisor);
  out += p.dimensions_required ? R"(,"dimensions_required":true})" : R"(,"dimensions_required":false})";

  const RateCardRecord& card = answer.card;
  out += R"(,"rate_card":{"id":)";
  AppendInt(out, card.id.value());
  out += R"(,"kind":)";
  AppendQuoted(out, CardKindCode(card.kind));
  out += R"(,"name":)";
  AppendQuoted(out, card.name);
  out += R"(,"customer_id":)";
  AppendIntOrNull(out, card.customer_id ? std::optional<int64_t>(card.customer_id->value()) : std::nullopt);
  out += R"(,"contract_id":)";
  AppendIntOrNull(out, card.contract_id);
  out += R"(},"date":)";
  AppendQuoted(out, FormatDate(answer.date));
  out += '}';
  return out;
}

}  // namespace consign::pricing
