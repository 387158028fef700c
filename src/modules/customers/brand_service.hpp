#pragma once
// Use cases of an account's brand (brand.hpp): read with the account, set and cleared by whoever may
// edit it (customers.update and the record rule, as Save: outside it the account is "not found"; an
// archived account is not edited), each change audited on the account (actions brand.set,
// brand.clear; before/after {"brand": {...}} without the image, so the history shows what changed).
// Portal users hold no customers.update: a customer's brand is set by its account's staff.
// A brand is not part of the account's version: setting it needs no If-Match, the last write wins.
// Nothing here commits.
#include <cstdint>
#include <optional>
#include <string>

#include "core/strong_id.hpp"
#include "core/result.hpp"
#include "modules/customers/brand.hpp"
#include "modules/customers/brand_store.hpp"
#include "platform/scope/scope.hpp"

namespace consign::customers {

// Where the logo named `sha256` is served (no login: the public tracking page shows it).
std::string LogoUrl(std::string_view sha256);

// A logo as uploaded: the media type the client declared and the image's bytes.
struct LogoUpload {
  std::string declared_type;
  std::string bytes;
};

// What a change asks for. A member left nullopt is kept; one set to nullopt inside is removed.
struct BrandChange {
  std::optional<std::optional<std::string>> primary_color;  // as sent: ParseColor checks it
  std::optional<std::optional<LogoUpload>> logo;
};

// Applies `change` (kInvalidArgument naming primary_color or logo as brand.hpp says, every mistake
// at once) and answers the brand as it is now (nullopt when nothing is left of it). A change that
// alters nothing writes nothing and audits nothing. REQUIRES: a write scope.
Result<std::optional<StoredBrand>> ChangeBrand(Scope& scope, int64_t id, BrandChange change);

// Removes the account's brand (nothing to remove is not an error). REQUIRES: a write scope.
[[nodiscard]] Status ClearBrand(Scope& scope, int64_t id);

// --- for other modules --------------------------------------------------------------------------
// The brand the public tracking page shows for a shipment of `customer`: its colour and where its
// logo is served, nothing else of the account. No permission check: a brand is meant to be shown to
// anyone who tracks the account's shipments. nullopt when the account has none.
struct PublicBrand {
  std::optional<std::string> primary_color;
  std::optional<std::string> logo_url;
  bool operator==(const PublicBrand&) const = default;
};
std::optional<PublicBrand> PublicBrandOf(db::Transaction& tx, CustomerId customer);

// The logo named `sha256` (lower-case hex) as it is served: media type and bytes. nullopt when no
// account has it, or the name is not 64 hex digits. No permission check (see PublicBrand).
struct LogoImage {
  std::string media_type;
  std::string bytes;
};
std::optional<LogoImage> LogoByName(db::Transaction& tx, std::string_view sha256);

}  // namespace consign::customers
