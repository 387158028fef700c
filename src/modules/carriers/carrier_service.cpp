#include "modules/carriers/carrier_service.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "core/text.hpp"
#include "modules/audit/access.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/auth/credentials.hpp"
#include "modules/carriers/access.hpp"
#include "modules/carriers/carrier_json.hpp"
#include "modules/pricing/pricing_service.hpp"
#include "modules/pricing/zone.hpp"

namespace consign::carriers {

namespace {

constexpr size_t kMaxLabelChars = 100;
constexpr size_t kMaxReasonChars = 500;
constexpr std::string_view kEntity = "carrier";

bool IsBlank(std::string_view s) { return s.find_first_not_of(" \t") == std::string_view::npos; }

void MaskContacts(Carrier& c) {
  for (Contact& contact : c.contacts) {
    if (!contact.phone.empty()) contact.phone = text::MaskPhone(contact.phone);
    if (!contact.email.empty()) contact.email = text::MaskEmail(contact.email);
  }
}

Carrier AsShownTo(const Principal& who, Carrier c) {
  if (!Holds(who, audit::kPiiView)) MaskContacts(c);
  return c;
}

// A phone or e-mail sent back as it was shown (masked) keeps the stored value of the contact of the
// same name; a masked value that matches none cannot be saved.
Status RestoreMasked(const Carrier& stored, Carrier& incoming) {
  FieldErrors errors;
  for (size_t i = 0; i < incoming.contacts.size(); ++i) {
    Contact& c = incoming.contacts[i];
    const Contact* old = nullptr;
    for (const Contact& o : stored.contacts)
      if (o.name == c.name) old = &o;
    const std::string at = "contacts[" + std::to_string(i) + "]";
    if (text::LooksMasked(c.phone)) {
      if (old && !old->phone.empty() && c.phone == text::MaskPhone(old->phone)) c.phone = old->phone;
      else errors.Add(at + ".phone", "invalid", "a masked phone cannot be saved; type the number");
    }
    if (text::LooksMasked(c.email)) {
      if (old && !old->email.empty() && c.email == text::MaskEmail(old->email)) c.email = old->email;
      else errors.Add(at + ".email", "invalid", "a masked e-mail cannot be saved; type the address");
    }
  }
  if (!errors.empty()) return std::move(errors).ToError();
  return Ok();
}

// Products are the pricing module's (its products table, through its public use case).
Status CheckProductsSold(Scope& scope, const Carrier& c) {
  auto sold = pricing::ListProducts(scope);
  if (!sold) return sold.error();
  std::string names;
  for (const pricing::ServiceProduct& p : *sold) names += (names.empty() ? "" : ", ") + p.code;
  FieldErrors errors;
  for (size_t i = 0; i < c.products.size(); ++i) {
    const bool known = std::ranges::any_of(*sold, [&](const pricing::ServiceProduct& p) { return p.code == c.products[i]; });
    if (!known) errors.Add("products[" + std::to_string(i) + "]", "invalid_enum", "product must be one of: " + names);
  }
  if (!errors.empty()) return std::move(errors).ToError();
  return Ok();
}

Status CheckCarrier(Scope& scope, const Carrier& c) {
  CONSIGN_TRY(ValidateCarrier(c));
  CONSIGN_TRY(CheckProductsSold(scope, c));
  if (CodeTaken(scope.tx(), c.code, c.id)) return Conflict("code", "duplicate", "Another carrier has this code.");
  return Ok();
}

std::string Snapshot(const Carrier& c) { return boost::json::serialize(CarrierToJson(c)); }

Status Audit(Scope& scope, std::string_view action, CarrierId id, std::optional<std::string> before,
             std::optional<std::string> after) {
  return audit::AuditLog{}.Record(scope.tx(), audit::AuditEntry{scope.now(), scope.principal(), std::string(action),
                                                                std::string(kEntity), std::to_string(id.value()),
                                                                std::move(before), std::move(after),
                                                                scope.request_id()});
}

Result<Carrier> Load(Scope& scope, CarrierId id, bool for_update) {
  auto c = LoadCarrier(scope.tx(), id, for_update);
  if (!c) return NotFound("Carrier");
  return *c;
}

// Writes a changed carrier whose revision is the stored one, audits it and answers it as shown.
Result<Carrier> Save(Scope& scope, const Carrier& before, Carrier after, std::string_view action) {
  after.updated_at = scope.now();
  if (!UpdateCarrierRow(scope.tx(), after))
    return Error{ErrorCode::kPreconditionFailed, "Someone else changed this carrier; reload and try again.", {},
                 {{"If-Match", "stale", "the carrier changed meanwhile"}}};
  after.revision += 1;
  CONSIGN_TRY(Audit(scope, action, after.id, Snapshot(before), Snapshot(after)));
  return AsShownTo(scope.principal(), std::move(after));
}

std::string Lower(std::string_view s) { return text::NormalizeForSearch(s); }

bool Matches(const Carrier& c, const std::string& needle) {
  return Lower(c.code).find(needle) != std::string::npos || Lower(c.name_zh).find(needle) != std::string::npos ||
         Lower(c.name_en).find(needle) != std::string::npos;
}

}  // namespace

Result<std::vector<Carrier>> ListCarriers(Scope& scope, const CarrierFilter& filter) {
  CONSIGN_TRY(Require(scope.principal(), kRead));
  if (!filter.covering.empty()) CONSIGN_TRY(pricing::ResolveDivision(filter.covering, "covering"));
  const std::string needle = Lower(filter.text);
  // Carriers are tens, not thousands: coverage and text filter here, over the status and kind the SQL
  // narrowed, so the page still ends at `limit` matches.
  std::vector<Carrier> out;
  for (Carrier& c : LoadCarriers(scope.tx(), filter.status, filter.kind, filter.cursor.value_or(0))) {
    if (!filter.covering.empty() && !Covers(c, filter.covering)) continue;
    if (!needle.empty() && !Matches(c, needle)) continue;
    out.push_back(AsShownTo(scope.principal(), std::move(c)));
    if (static_cast<int>(out.size()) > filter.limit) break;
  }
  return out;
}

Result<Carrier> GetCarrier(Scope& scope, CarrierId id) {
  CONSIGN_TRY(Require(scope.principal(), kRead));
  auto c_loaded = Load(scope, id, false);
  if (!c_loaded) return c_loaded.error();
  std::vector<Carrier> one{std::move(*c_loaded)};
  LoadMeasured(scope.tx(), one);
  return AsShownTo(scope.principal(), std::move(one.front()));
}

Result<Carrier> CreateCarrier(Scope& scope, Carrier carrier) {
  CONSIGN_TRY(Require(scope.principal(), kManage));
  carrier.id = CarrierId{};
  carrier.status = CarrierStatus::kActive;
  carrier.suspended_reason.clear();
  carrier.created_at = carrier.updated_at = scope.now();
  CONSIGN_TRY(CheckCarrier(scope, carrier));
  Carrier saved = InsertCarrier(scope.tx(), std::move(carrier));
  CONSIGN_TRY(Audit(scope, "carrier.create", saved.id, std::nullopt, Snapshot(saved)));
  return AsShownTo(scope.principal(), std::move(saved));
}

Result<Carrier> UpdateCarrier(Scope& scope, CarrierId id, std::optional<int> expected_revision,
                              const CarrierEdit& edit) {
  CONSIGN_TRY(Require(scope.principal(), kManage));
  auto before_loaded = Load(scope, id, true);
  if (!before_loaded) return before_loaded.error();
  Carrier before = std::move(*before_loaded);
  if (!expected_revision)
    return Error{ErrorCode::kPreconditionRequired, "Send If-Match with the carrier's ETag to change it.", {},
                 {{"If-Match", "required", "If-Match is required"}}};
  if (*expected_revision != before.revision)
    return Error{ErrorCode::kPreconditionFailed, "Someone else changed this carrier; reload and try again.", {},
                 {{"If-Match", "stale", "the carrier's revision is " + std::to_string(before.revision)}}};
  Carrier after = before;
  CONSIGN_TRY(edit(after));
  // What the edit may not touch: identity, state and history.
  after.id = before.id;
  after.status = before.status;
  after.suspended_reason = before.suspended_reason;
  after.revision = before.revision;
  after.created_at = before.created_at;
  CONSIGN_TRY(RestoreMasked(before, after));
  CONSIGN_TRY(CheckCarrier(scope, after));
  return Save(scope, before, std::move(after), "carrier.update");
}

Result<Carrier> SuspendCarrier(Scope& scope, CarrierId id, std::string reason) {
  CONSIGN_TRY(Require(scope.principal(), kManage));
  if (IsBlank(reason)) return InvalidField("reason", "required", "a suspension needs a reason");
  if (text::CodePointCount(reason) > kMaxReasonChars)
    return InvalidField("reason", "too_long", "reason is at most 500 characters");
  auto before_loaded = Load(scope, id, true);
  if (!before_loaded) return before_loaded.error();
  Carrier before = std::move(*before_loaded);
  if (before.status == CarrierStatus::kSuspended)
    return Error{ErrorCode::kInvalidState, "The carrier is suspended already.", {},
                 {{"status", "invalid_state", "the carrier is suspended already"}}};
  Carrier after = before;
  after.status = CarrierStatus::kSuspended;
  after.suspended_reason = std::move(reason);
  return Save(scope, before, std::move(after), "carrier.suspend");
}

Result<Carrier> ResumeCarrier(Scope& scope, CarrierId id) {
  CONSIGN_TRY(Require(scope.principal(), kManage));
  auto before_loaded = Load(scope, id, true);
  if (!before_loaded) return before_loaded.error();
  Carrier before = std::move(*before_loaded);
  if (before.status == CarrierStatus::kActive)
    return Error{ErrorCode::kInvalidState, "The carrier is active already.", {},
                 {{"status", "invalid_state", "the carrier is active already"}}};
  Carrier after = before;
  after.status = CarrierStatus::kActive;
  after.suspended_reason.clear();
  return Save(scope, before, std::move(after), "carrier.resume");
}

Result<NewCarrierApiKey> CreateApiKey(Scope& scope, CarrierId id, std::string label) {
  CONSIGN_TRY(Require(scope.principal(), kKeys));
  if (IsBlank(label)) return InvalidField("label", "required", "a key needs a label (where it is used)");
  if (text::CodePointCount(label) > kMaxLabelChars)
    return InvalidField("label", "too_long", "label is at most 100 characters");
  auto carrier_loaded = Load(scope, id, false);
  if (!carrier_loaded) return carrier_loaded.error();
  Carrier carrier = std::move(*carrier_loaded);
  if (carrier.status == CarrierStatus::kSuspended)
    return Error{ErrorCode::kInvalidState, "A suspended carrier gets no new keys.", {},
                 {{"status", "invalid_state", "the carrier is suspended"}}};
  const auth::ApiKeyParts parts = auth::NewApiKey();
  StoredApiKey key;
  key.carrier_id = id;
  key.prefix = parts.prefix;
  key.label = std::move(label);
  if (scope.principal().user_id != UserId{}) key.created_by = scope.principal().user_id;
  key.created_at = scope.now();
  key = InsertApiKey(scope.tx(), std::move(key), auth::TokenHash(parts.secret));
  // Never the secret: the trail names the key by its prefix.
  boost::json::object after{{"key_id", key.id.value()}, {"prefix", key.prefix}, {"label", key.label}};
  CONSIGN_TRY(Audit(scope, "carrier.api_key.create", id, std::nullopt, boost::json::serialize(after)));
  return NewCarrierApiKey{std::move(key), parts.Full()};
}

Result<std::vector<CarrierApiKey>> ListApiKeys(Scope& scope, CarrierId id) {
  CONSIGN_TRY(Require(scope.principal(), kKeys));
  CONSIGN_TRY(Load(scope, id, false));
  return LoadApiKeys(scope.tx(), id);
}

Status RevokeApiKey(Scope& scope, CarrierId id, CarrierApiKeyId key_id) {
  CONSIGN_TRY(Require(scope.principal(), kKeys));
  auto key = LoadApiKey(scope.tx(), id, key_id);
  if (!key || !RevokeApiKeyRow(scope.tx(), id, key_id, scope.now())) return NotFound("API key");
  boost::json::object before{{"key_id", key->id.value()}, {"prefix", key->prefix}, {"label", key->label}};
  return Audit(scope, "carrier.api_key.revoke", id, boost::json::serialize(before), std::nullopt);
}

std::vector<Carrier> CarriersForAllocation(db::Transaction& tx) {
  std::vector<Carrier> all = LoadCarriers(tx, std::nullopt, std::nullopt);
  for (Carrier& c : all) c.contacts.clear();
  LoadMeasured(tx, all);
  return all;
}

void SetMeasuredPerformance(db::Transaction& tx, CarrierId id, const Performance& measured, int64_t shipments,
                            Instant at) {
  SaveMeasured(tx, id.value(), measured, shipments, at);
}

namespace {

std::optional<ApiKeyMatch> AcceptedKey(db::Transaction& tx, std::string_view key) {
  const auto parts = auth::ParseApiKey(key);
  if (!parts) return std::nullopt;
  auto match = FindApiKeyByPrefix(tx, parts->prefix);
  if (!match || match->revoked || match->carrier_status != CarrierStatus::kActive) return std::nullopt;
  if (!auth::ConstantTimeEquals(match->secret_hash, auth::TokenHash(parts->secret))) return std::nullopt;
  return match;
}

}  // namespace

std::optional<CarrierId> CarrierOfApiKey(db::Transaction& tx, std::string_view key) {
  auto match = AcceptedKey(tx, key);
  if (!match) return std::nullopt;
  return match->carrier_id;
}

void NoteApiKeyUse(db::Transaction& tx, std::string_view key, Instant at) {
  if (auto match = AcceptedKey(tx, key)) MarkApiKeyUsed(tx, match->id, at);
}

}  // namespace consign::carriers
