#include "modules/pricing/pricing_service.hpp"

#include <algorithm>
#include <memory>
#include <map>
#include <mutex>
#include <tuple>
#include <unordered_map>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "modules/audit/audit_log.hpp"
#include "modules/customers/customer_service.hpp"
#include "modules/pricing/access.hpp"
#include "modules/pricing/pricing_store.hpp"
#include "modules/pricing/rate_card_json.hpp"
#include "modules/pricing/rate_cards.hpp"

namespace consign::pricing {

namespace json = boost::json;

namespace {

// The calendar day in China (UTC+8, no daylight saving) at `now`: the day a card's dates mean.
Date ChinaToday(Instant now) {
  return Date{std::chrono::floor<std::chrono::days>(now + std::chrono::hours(8))};
}

std::string MatrixJson(const ZoneMatrix& m) {
  json::array adjacent, remote;
  for (const auto& [a, b] : m.adjacent) adjacent.push_back(json::array{json::string(a), json::string(b)});
  for (const std::string& p : m.remote) remote.push_back(json::string(p));
  return json::serialize(json::object{{"adjacent", std::move(adjacent)}, {"remote", std::move(remote)}});
}

std::string CardAuditJson(const RateCardRecord& r) {
  json::object o{{"id", r.id.value()},
                 {"kind", CardKindCode(r.kind)},
                 {"product", r.card.product_code},
                 {"name", r.name},
                 {"status", CardStatusCode(r.status)},
                 {"version", r.version}};
  if (r.customer_id) o["customer_id"] = r.customer_id->value();
  if (r.contract_id) o["contract_id"] = *r.contract_id;
  if (r.valid_from) o["valid_from"] = FormatDate(*r.valid_from);
  if (r.valid_to) o["valid_to"] = FormatDate(*r.valid_to);
  RateCardFieldsToJson(r.card, o);
  return json::serialize(o);
}

Status AuditCard(Scope& scope, std::string_view action, const std::optional<RateCardRecord>& before,
                 const RateCardRecord& after) {
  return audit::AuditLog{}.Record(
      scope.tx(), audit::AuditEntry{scope.now(), scope.principal(), std::string(action), "rate_card",
                                    std::to_string(after.id.value()),
                                    before ? std::optional<std::string>(CardAuditJson(*before)) : std::nullopt,
                                    CardAuditJson(after), scope.request_id()});
}

// The customer must exist and be one the caller may read (the customers module's record rule). Only
// checked, not loaded: a quote asks it on every request.
Status CheckCustomer(Scope& scope, CustomerId customer) {
  Status readable = customers::CheckReadable(scope, customer.value());
  if (readable) return Ok();
  if (readable.error().code == ErrorCode::kNotFound)
    return InvalidField("customer_id", "unknown_customer", "no customer with this id that you may see");
  return readable.error();
}

// Published cards are the company's tariff (rate_cards.write); an agreement card's drafts are priced
// by whoever drafts the customer's contract (agreement_cards.write).
Status RequireWrite(Scope& scope, const RateCardRecord& record) {
  return Require(scope.principal(), record.kind == CardKind::kPublished ? kRateCardsWrite : kAgreementCardsWrite);
}

// A card that belongs to a contract is activated and ended with it, not on its own.
Status CheckNotContracts(const RateCardRecord& record) {
  if (record.kind != CardKind::kAgreement || !record.contract_id) return Ok();
  const std::string message = "this card belongs to contract " + std::to_string(*record.contract_id) +
                              ": it is activated and ended with the contract";
  Error e = MakeError(ErrorCode::kInvalidState, message);
  e.fields.push_back({"contract_id", "follows_contract", message});
  return e;
}

Result<RateCardRecord> LoadVisible(Scope& scope, RateCardId id, bool for_update) {
  std::optional<RateCardRecord> record = LoadRateCard(scope.tx(), id, for_update);
  if (!record) return NotFound("Rate card");
  if (record->customer_id) {
    Result<customers::Customer> c = customers::Get(scope, record->customer_id->value());
    if (!c) return NotFound("Rate card");
  }
  return *std::move(record);
}

}  // namespace

// --- rate cards (rate_cards.hpp) ---------------------------------------------------------------

Result<std::vector<RateCardRecord>> ListCards(Scope& scope, const CardFilter& filter) {
  CONSIGN_TRY(Require(scope.principal(), kRateCardsRead));
  return ListRateCards(scope.tx(), filter);
}

Result<RateCardRecord> GetCard(Scope& scope, RateCardId id) {
  CONSIGN_TRY(Require(scope.principal(), kRateCardsRead));
  return LoadVisible(scope, id, false);
}

Result<RateCardRecord> CreateDraft(Scope& scope, RateCardRecord record) {
  CONSIGN_TRY(RequireWrite(scope, record));
  scope.write_tx();
  FieldErrors errors;
  if (record.kind == CardKind::kPublished && record.customer_id)
    errors.Add("customer_id", "not_allowed", "a published card is for every customer");
  if (record.kind == CardKind::kPublished && record.contract_id)
    errors.Add("contract_id", "not_allowed", "a published card belongs to no contract");
  if (record.kind == CardKind::kAgreement && !record.customer_id)
    errors.Add("customer_id", "required", "an agreement card is a customer's");
  if (Status s = ValidateRateCard(record.card); !s)
    for (const FieldError& e : s.error().fields) errors.Add(e.field, e.reason, e.message);
  if (!record.card.product_code.empty() && !LoadProduct(scope.tx(), record.card.product_code))
    errors.Add("product", "unknown_product", "no service product with this code");
  if (!errors.empty()) return std::move(errors).ToError();
  if (record.customer_id) CONSIGN_TRY(CheckCustomer(scope, *record.customer_id));

  record.status = CardStatus::kDraft;
  record.valid_from.reset();
  record.valid_to.reset();
  record.version = 1;
  record.created_at = record.updated_at = scope.now();
  if (record.name.empty())
    record.name = record.card.product_code + (record.kind == CardKind::kPublished ? " 公布价" : " 协议价");
  record.id = InsertRateCard(scope.tx(), record);
  CONSIGN_TRY(AuditCard(scope, "rate_card.create", std::nullopt, record));
  return record;
}

Result<RateCardRecord> CreateAgreementDraft(Scope& scope, CustomerId customer, int64_t contract_id,
                                            std::string_view product_code, std::optional<RateCard> card) {
  CONSIGN_TRY(Require(scope.principal(), kAgreementCardsWrite));
  scope.write_tx();
  RateCardRecord record;
  record.kind = CardKind::kAgreement;
  record.customer_id = customer;
  record.contract_id = contract_id;
  if (card) {
    record.card = *std::move(card);
  } else {
    if (!LoadProduct(scope.tx(), product_code))
      return InvalidField("product", "unknown_product", "no service product with this code");
    std::optional<RateCardRecord> published = ActivePublishedCard(scope.tx(), product_code);
    if (!published)
      return MakeError(ErrorCode::kInvalidState, "The product has no active published card to start from.");
    record.card = std::move(published->card);
  }
  record.card.product_code = std::string(product_code);
  return CreateDraft(scope, std::move(record));
}

Result<RateCardRecord> UpdateDraft(Scope& scope, RateCardId id, int64_t expected_version, std::string name,
                                   RateCard card) {
  CONSIGN_TRY(Require(scope.principal(), kAgreementCardsWrite));  // the least either kind needs
  scope.write_tx();
  Result<RateCardRecord> before = LoadVisible(scope, id, true);
  if (!before) return before.error();
  CONSIGN_TRY(RequireWrite(scope, *before));
  CONSIGN_TRY(CheckEditable(*before));
  if (before->version != expected_version)
    return Error{ErrorCode::kPreconditionFailed, "The rate card was changed meanwhile; reload it.", {},
                 {{"If-Match", "stale", "the card's version is " + std::to_string(before->version)}}};
  card.product_code = before->card.product_code;  // a card never changes product
  CONSIGN_TRY(ValidateRateCard(card));
  RateCardRecord after = *before;
  if (!name.empty()) after.name = std::move(name);
  after.card = std::move(card);
  after.updated_at = scope.now();
  after.version = UpdateRateCard(scope.tx(), after);
  CONSIGN_TRY(AuditCard(scope, "rate_card.update", *before, after));
  return after;
}

namespace {

Result<RateCardRecord> ActivateLoaded(Scope& scope, const Result<RateCardRecord>& before, std::optional<Date> valid_from,
                                      std::optional<Date> valid_to) {
  if (!before) return before.error();
  CONSIGN_TRY(CheckActivation(*before, valid_from, valid_to));
  RateCardRecord after = *before;
  after.status = CardStatus::kActive;
  after.valid_from = valid_from ? valid_from : std::optional<Date>(ChinaToday(scope.now()));
  after.valid_to = valid_to;
  after.updated_at = scope.now();
  if (after.kind == CardKind::kPublished) {
    // The product's current published card ends first: at most one is active (a unique index says so too).
    if (std::optional<RateCardRecord> current = ActivePublishedCard(scope.tx(), after.card.product_code)) {
      RateCardRecord ended = *current;
      ended.status = CardStatus::kEnded;
      ended.updated_at = scope.now();
      ended.version = UpdateRateCard(scope.tx(), ended);
      CONSIGN_TRY(AuditCard(scope, "rate_card.end", *current, ended));
    }
  } else {
    for (const RateCardRecord& other : ActiveAgreementCards(scope.tx(), *after.customer_id, after.card.product_code, after.id))
      if (other.valid_from && Overlaps(*after.valid_from, after.valid_to, *other.valid_from, other.valid_to))
        return Conflict("valid_from", "overlaps_active",
                        "rate card " + std::to_string(other.id.value()) + " of this customer and product is active from " +
                            FormatDate(*other.valid_from) + (other.valid_to ? " to " + FormatDate(*other.valid_to) : "") +
                            "; end it or choose dates after it");
  }
  after.version = UpdateRateCard(scope.tx(), after);
  CONSIGN_TRY(AuditCard(scope, "rate_card.activate", *before, after));
  return after;
}

Result<RateCardRecord> EndLoaded(Scope& scope, const RateCardRecord& before) {
  CONSIGN_TRY(CheckEnd(before));
  RateCardRecord after = before;
  after.status = CardStatus::kEnded;
  after.updated_at = scope.now();
  after.version = UpdateRateCard(scope.tx(), after);
  CONSIGN_TRY(AuditCard(scope, "rate_card.end", before, after));
  return after;
}

// The card of `contract_id`, locked. Not found unless it is that contract's agreement card.
Result<RateCardRecord> LoadContractsCard(Scope& scope, RateCardId id, int64_t contract_id) {
  std::optional<RateCardRecord> record = LoadRateCard(scope.tx(), id, /*for_update=*/true);
  if (!record || record->kind != CardKind::kAgreement || record->contract_id != contract_id)
    return InvalidField("rate_card_id", "not_found", "the rate card is not this contract's agreement card");
  return *std::move(record);
}

}  // namespace

Result<RateCardRecord> Activate(Scope& scope, RateCardId id, std::optional<Date> valid_from,
                                std::optional<Date> valid_to) {
  CONSIGN_TRY(Require(scope.principal(), kRateCardsWrite));
  scope.write_tx();
  Result<RateCardRecord> before = LoadVisible(scope, id, true);
  if (before) CONSIGN_TRY(CheckNotContracts(*before));
  return ActivateLoaded(scope, before, valid_from, valid_to);
}

Result<RateCardRecord> End(Scope& scope, RateCardId id) {
  CONSIGN_TRY(Require(scope.principal(), kRateCardsWrite));
  scope.write_tx();
  Result<RateCardRecord> before = LoadVisible(scope, id, true);
  if (!before) return before.error();
  CONSIGN_TRY(CheckNotContracts(*before));
  return EndLoaded(scope, *before);
}

Result<RateCardRecord> ActivateForContract(Scope& scope, RateCardId id, int64_t contract_id, Date valid_from,
                                           std::optional<Date> valid_to) {
  scope.write_tx();
  return ActivateLoaded(scope, LoadContractsCard(scope, id, contract_id), valid_from, valid_to);
}

Result<std::optional<RateCardRecord>> EndForContract(Scope& scope, RateCardId id, int64_t contract_id) {
  scope.write_tx();
  Result<RateCardRecord> card = LoadContractsCard(scope, id, contract_id);
  if (!card) return card.error();
  if (card->status != CardStatus::kActive) return std::optional<RateCardRecord>{};
  auto ended = EndLoaded(scope, *card);
  if (!ended) return ended.error();
  return std::optional<RateCardRecord>{*std::move(ended)};
}

// --- quotes, products, the matrix ---------------------------------------------------------------

namespace {

// What every quote reads and almost nothing changes — the products, the zone matrix and the active
// published cards, parsed — kept once per process and read again when the database's PricingRevision
// differs (it changes in the transaction of every change to them, on any node). A quote's snapshot
// sees a revision and the data of that revision together, so a hit is what it would have read.
struct Reference {
  const db::Database* database = nullptr;
  int64_t revision = 0;
  std::vector<ServiceProduct> products;
  ZoneMatrix matrix;
  std::vector<RateCardRecord> published;

  // The agreement cards quotes have read since, parsed: card id → the card at one version. A quote
  // reads which card is in force and its version from the database first (LookUpQuote), so a card
  // activated, ended or replaced on any node prices the very next quote; only the parsing of its
  // prices is saved. Kept here so that a new revision (or another database) begins afresh.
  mutable std::mutex agreements_mutex;
  mutable std::unordered_map<int64_t, std::shared_ptr<const RateCardRecord>> agreements;  // GUARDED_BY(agreements_mutex)
};

// Enough for every agreement card of a large book; past it the map is emptied and filled again.
constexpr size_t kMaxKeptAgreements = 20'000;

std::mutex reference_mutex;
std::shared_ptr<const Reference> reference;  // GUARDED_BY(reference_mutex)

// The reference data of `revision`, as the caller read it from the database in its transaction.
std::shared_ptr<const Reference> ReferenceData(Scope& scope, int64_t revision) {
  {
    std::lock_guard lock(reference_mutex);
    if (reference && reference->database == &scope.database() && reference->revision == revision) return reference;
  }
  db::Transaction& tx = scope.tx();
  auto fresh = std::make_shared<Reference>();
  fresh->database = &scope.database();
  fresh->revision = revision;
  fresh->products = LoadProducts(tx);
  fresh->matrix = LoadZoneMatrix(tx);
  for (const ServiceProduct& p : fresh->products)
    if (std::optional<RateCardRecord> card = ActivePublishedCard(tx, p.code)) fresh->published.push_back(*std::move(card));
  std::lock_guard lock(reference_mutex);
  reference = fresh;
  return fresh;
}

// The agreement card that prices `customer`'s `product` on `day`, given the cards in force the
// database named (LookUpQuote): the kept copy of that version, else the card read and kept.
std::optional<RateCardRecord> AgreementCard(Scope& scope, const Reference& ref, const std::vector<AgreementVersion>& in_force,
                                            CustomerId customer, std::string_view product, Date day) {
  const AgreementVersion* latest = LatestAgreement(in_force);
  if (!latest) return std::nullopt;
  {
    std::lock_guard lock(ref.agreements_mutex);
    const auto kept = ref.agreements.find(latest->id.value());
    if (kept != ref.agreements.end() && kept->second->version == latest->version) return *kept->second;
  }
  std::optional<RateCardRecord> card = LoadRateCard(scope.tx(), latest->id, /*for_update=*/false);
  // PostgreSQL reads each statement at its own moment: a card changed between the two is read whole
  // again, as before this cache, rather than kept under a version it no longer has.
  if (!card || card->version != latest->version) return ActiveAgreementCard(scope.tx(), customer, product, day);
  auto parsed = std::make_shared<const RateCardRecord>(*card);
  std::lock_guard lock(ref.agreements_mutex);
  if (ref.agreements.size() >= kMaxKeptAgreements) ref.agreements.clear();
  ref.agreements.insert_or_assign(latest->id.value(), std::move(parsed));
  return card;
}

// Whose prices the caller asks for: a portal user its own account's, whatever it sends (another
// account is kForbidden); staff an account they may read (CheckCustomer), or none (the published
// prices).
Result<std::optional<CustomerId>> PricedFor(Scope& scope, std::optional<CustomerId> asked) {
  const Principal& who = scope.principal();
  if (who.role == Role::kPortal) {
    if (!who.customer_id) return Forbidden("This portal user is linked to no customer account.");
    if (asked && *asked != *who.customer_id) return Forbidden("A portal user sees its own account's prices only.");
    return std::optional<CustomerId>{who.customer_id};
  }
  if (asked) CONSIGN_TRY(CheckCustomer(scope, *asked));
  return asked;
}

}  // namespace

namespace {

// The agreement cards in force a run of quotes has looked up: (customer, product, day) → LookUpQuote's.
using AgreementsInForce = std::map<std::tuple<int64_t, std::string, Date>, std::vector<AgreementVersion>>;

Date QuoteDay(Scope& scope, const QuoteInput& input) { return input.date.value_or(ChinaToday(scope.now())); }

// One quote once the caller's permission and its customer are checked, the reference data read and
// the customer's agreement cards in force for the input's product and day looked up (`in_force`).
Result<QuoteAnswer> QuoteChecked(Scope& scope, const Reference& ref, const QuoteInput& input,
                                 const std::vector<AgreementVersion>& in_force) {
  const auto product = std::ranges::find(ref.products, input.product_code, &ServiceProduct::code);
  if (product == ref.products.end())
    return InvalidField("product", "unknown_product", "no service product with this code");

  const Date day = QuoteDay(scope, input);
  std::optional<RateCardRecord> card;
  if (input.rate_card_id) {
    Result<RateCardRecord> named = GetCard(scope, *input.rate_card_id);
    if (!named && named.error().code == ErrorCode::kNotFound)
      return InvalidField("rate_card_id", "not_found", "no rate card with this id that you may see");
    if (!named) return named.error();
    if (named->card.product_code != product->code)
      return InvalidField("rate_card_id", "product_mismatch", "the card prices another service product");
    card = *std::move(named);
  }
  if (!card && input.customer_id) card = AgreementCard(scope, ref, in_force, *input.customer_id, product->code, day);
  if (!card) {
    const auto published = std::ranges::find_if(
        ref.published, [&](const RateCardRecord& r) { return r.card.product_code == product->code; });
    if (published != ref.published.end()) card = *published;
  }
  if (!card) return MakeError(ErrorCode::kInvalidState, "The product has no active rate card.");

  Result<QuoteResult> quote = Quote(*product, card->card, ref.matrix, input.request);
  if (!quote) return quote.error();
  return QuoteAnswer{*std::move(quote), *product, *std::move(card), day};
}

}  // namespace

Result<QuoteAnswer> QuoteShipment(Scope& scope, QuoteInput input) {
  CONSIGN_TRY(Require(scope.principal(), kQuote));
  // A quote writes nothing: a read transaction, so that quotes do not queue for SQLite's writer lock.
  if (!scope.has_tx()) scope.read_tx();
  Result<std::optional<CustomerId>> customer = PricedFor(scope, input.customer_id);
  if (!customer) return customer.error();
  input.customer_id = *customer;
  // One statement: the revision of the reference data and the customer's agreement cards in force.
  const QuoteLookup lookup = LookUpQuote(scope.tx(), input.customer_id, input.product_code, QuoteDay(scope, input));
  return QuoteChecked(scope, *ReferenceData(scope, lookup.revision), input, lookup.agreements);
}

Result<std::vector<Result<QuoteAnswer>>> QuoteShipments(Scope& scope, std::optional<CustomerId> customer_id,
                                                        std::vector<QuoteInput> inputs) {
  CONSIGN_TRY(Require(scope.principal(), kQuote));
  if (!scope.has_tx()) scope.read_tx();
  Result<std::optional<CustomerId>> customer = PricedFor(scope, customer_id);
  if (!customer) return customer.error();
  const std::shared_ptr<const Reference> ref = ReferenceData(scope, PricingRevision(scope.tx()));
  AgreementsInForce in_force;
  std::vector<Result<QuoteAnswer>> answers;
  answers.reserve(inputs.size());
  for (QuoteInput& input : inputs) {
    input.customer_id = *customer;
    static const std::vector<AgreementVersion> kNone;
    const std::vector<AgreementVersion>* agreements = &kNone;
    if (input.customer_id) {
      const Date day = QuoteDay(scope, input);
      auto key = std::make_tuple(input.customer_id->value(), input.product_code, day);
      auto found = in_force.find(key);
      if (found == in_force.end())
        found = in_force.emplace(std::move(key), LookUpQuote(scope.tx(), input.customer_id, input.product_code, day).agreements)
                    .first;
      agreements = &found->second;
    }
    answers.push_back(QuoteChecked(scope, *ref, input, *agreements));
  }
  return answers;
}

Result<PriceList> GetPriceList(Scope& scope, std::optional<CustomerId> customer, std::optional<Date> date) {
  CONSIGN_TRY(Require(scope.principal(), kPriceListRead));
  if (!scope.has_tx()) scope.read_tx();
  Result<std::optional<CustomerId>> whose = PricedFor(scope, customer);
  if (!whose) return whose.error();
  const std::shared_ptr<const Reference> ref = ReferenceData(scope, PricingRevision(scope.tx()));
  PriceList list{*whose, date.value_or(ChinaToday(scope.now())), {}};
  for (const ServiceProduct& product : ref->products) {
    std::optional<RateCardRecord> card;
    if (list.customer_id) card = ActiveAgreementCard(scope.tx(), *list.customer_id, product.code, list.date);
    if (!card) {
      const auto published = std::ranges::find_if(
          ref->published, [&](const RateCardRecord& r) { return r.card.product_code == product.code; });
      if (published != ref->published.end()) card = *published;
    }
    if (card) list.entries.push_back(PriceListEntry{product, *std::move(card)});
  }
  return list;
}

Result<std::vector<ServiceProduct>> ListProducts(Scope& scope) {
  CONSIGN_TRY(Require(scope.principal(), kProductsRead));
  return LoadProducts(scope.tx());
}

Result<ZoneMatrix> GetZoneMatrix(Scope& scope) {
  CONSIGN_TRY(Require(scope.principal(), kZoneMatrixRead));
  return LoadZoneMatrix(scope.tx());
}

Result<ZoneMatrix> SetZoneMatrix(Scope& scope, ZoneMatrix matrix) {
  CONSIGN_TRY(Require(scope.principal(), kZoneMatrixWrite));
  CONSIGN_TRY(ValidateZoneMatrix(matrix));
  db::Transaction& tx = scope.write_tx();
  const ZoneMatrix before = LoadZoneMatrix(tx);
  ReplaceZoneMatrix(tx, matrix);
  CONSIGN_TRY(audit::AuditLog{}.Record(
      tx, audit::AuditEntry{scope.now(), scope.principal(), "zone_matrix.update", "zone_matrix", "1",
                            MatrixJson(before), MatrixJson(matrix), scope.request_id()}));
  return matrix;
}

Status SeedStandardPricing(db::Database& database, const Clock& clock) {
  Result<bool> seeded = RunInScope<bool>(
      database, clock, Principal::System("pricing-seed"), "seed", [](Scope& scope) -> Result<bool> {
        db::Transaction& tx = scope.tx();
        const bool fresh_matrix = LoadZoneMatrix(tx).adjacent.empty();
        int position = 0;
        bool any = false;
        for (const ServiceProduct& product : StandardProducts()) {
          if (!InsertProductIfAbsent(tx, product, ++position)) continue;
          any = true;
          RateCardRecord record;
          record.kind = CardKind::kPublished;
          record.name = product.name_zh + " 公布价";
          record.card = StandardRateCard(product);
          record.status = CardStatus::kActive;
          record.valid_from = ChinaToday(scope.now());
          record.created_at = record.updated_at = scope.now();
          record.id = InsertRateCard(tx, record);
          CONSIGN_TRY(AuditCard(scope, "rate_card.create", std::nullopt, record));
        }
        if (any && fresh_matrix) {
          const ZoneMatrix matrix = DefaultZoneMatrix();
          ReplaceZoneMatrix(tx, matrix);
          CONSIGN_TRY(audit::AuditLog{}.Record(
              tx, audit::AuditEntry{scope.now(), scope.principal(), "zone_matrix.update", "zone_matrix", "1",
                                    std::nullopt, MatrixJson(matrix), scope.request_id()}));
        }
        return any;
      });
  if (!seeded) return seeded.error();
  return Ok();
}

}  // namespace consign::pricing
