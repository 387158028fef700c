#pragma once
// Use cases for carriers (承运商). Each takes a Scope and checks its permission (access.hpp) itself;
// every change is audited in its transaction (entity "carrier"). The carriers module's public header
// with carrier.hpp.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "modules/carriers/carrier.hpp"
#include "modules/carriers/carrier_store.hpp"
#include "platform/db/database.hpp"
#include "platform/scope/scope.hpp"

namespace consign::carriers {

// Reads (carriers.read) show contacts' phones and e-mails masked (text::MaskPhone, MaskEmail) unless
// the principal holds audit::kPiiView. Changes need carriers.manage, API keys carriers.keys.
// A carrier that does not exist answers kNotFound. REQUIRES for the changing use cases: a write scope.

struct CarrierFilter {
  std::optional<CarrierStatus> status;
  std::optional<CarrierKind> kind;
  std::string covering;  // a province, city or district code (Covers); empty: any
  std::string text;      // part of the code, Chinese or English name, case-insensitive; empty: any
  int limit = 50;
  std::optional<int64_t> cursor;  // ids after this one
};
// By id, up to limit + 1 (the extra one tells that another page exists). kInvalidArgument naming
// "covering" for a code that is no division of the geo module.
[[nodiscard]] Result<std::vector<Carrier>> ListCarriers(Scope& scope, const CarrierFilter& filter);
[[nodiscard]] Result<Carrier> GetCarrier(Scope& scope, CarrierId id);

// Creates an active carrier. Errors: ValidateCarrier's; products[i] invalid_enum for a product the
// pricing module does not sell (pricing::ListProducts, the products table); kConflict (code, duplicate).
[[nodiscard]] Result<Carrier> CreateCarrier(Scope& scope, Carrier carrier);

// Applies a request's changes to the stored carrier (the handler reads the JSON body); an error names
// the field. Status and suspended_reason change only through Suspend and Resume.
using CarrierEdit = std::function<Status(Carrier&)>;
// kPreconditionRequired without `expected_revision`, kPreconditionFailed (If-Match, stale) when it is
// not the stored revision; otherwise as CreateCarrier. A contact's phone or e-mail sent back masked
// as it was shown keeps the stored value (matched by the contact's name).
[[nodiscard]] Result<Carrier> UpdateCarrier(Scope& scope, CarrierId id, std::optional<int> expected_revision,
                                            const CarrierEdit& edit);
// active → suspended with a reason (kInvalidArgument "reason" required when blank; kInvalidState
// "status" when suspended already). A suspended carrier gets no orders and its API keys stop working.
[[nodiscard]] Result<Carrier> SuspendCarrier(Scope& scope, CarrierId id, std::string reason);
// suspended → active (kInvalidState "status" when active already).
[[nodiscard]] Result<Carrier> ResumeCarrier(Scope& scope, CarrierId id);

// API keys (carriers.keys). The key is shown once, when made: "ck_<prefix>_<secret>"
// (auth::NewApiKey); only the SHA-256 of the secret is kept.
using CarrierApiKey = StoredApiKey;
struct NewCarrierApiKey {
  CarrierApiKey key;
  std::string secret;  // the whole key, "ck_..."; never stored, never shown again
};
// kInvalidArgument "label" required / too_long (100); kInvalidState "status" for a suspended carrier.
[[nodiscard]] Result<NewCarrierApiKey> CreateApiKey(Scope& scope, CarrierId id, std::string label);
[[nodiscard]] Result<std::vector<CarrierApiKey>> ListApiKeys(Scope& scope, CarrierId id);
// kNotFound for a key that is not the carrier's or is revoked already.
[[nodiscard]] Status RevokeApiKey(Scope& scope, CarrierId id, CarrierApiKeyId key_id);

// For another module's use case that has checked its own permission (the orders module's allocation):
// every carrier, active or suspended, with its coverage, products, capacity, rates, transit times and
// performance — contacts left out, no API keys. Ordered by id.
std::vector<Carrier> CarriersForAllocation(db::Transaction& tx);
// For the tracking module: what the carrier's shipments showed (its scorecard over 30 days), kept beside
// the declared figures; CarriersForAllocation returns it in `measured`.
void SetMeasuredPerformance(db::Transaction& tx, CarrierId id, const Performance& measured, int64_t shipments,
                            Instant at);

// The carrier an API key (as sent, "ck_...") belongs to, for the scans of the tracking module; none for
// an unknown, revoked or malformed key, and for a suspended carrier's key.
std::optional<CarrierId> CarrierOfApiKey(db::Transaction& tx, std::string_view key);
// For the tracking module once a key was accepted, in its write transaction: notes when the key was
// last used (shown in the key list). Does nothing for a key CarrierOfApiKey would refuse.
void NoteApiKeyUse(db::Transaction& tx, std::string_view key, Instant at);

}  // namespace consign::carriers
