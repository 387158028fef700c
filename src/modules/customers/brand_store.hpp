#pragma once
// The customers module's SQL for brands: table customer_brands (migration 8, customer_store.cpp).
// One statement each, the same text on SQLite and PostgreSQL. No permission checks: brand_service does.
#include <cstdint>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "modules/customers/access.hpp"
#include "platform/db/database.hpp"

namespace consign::customers {

// An account's brand as stored, without the image itself.
struct StoredBrand {
  std::optional<std::string> primary_color;  // "#1f5fbf"
  std::optional<std::string> logo_type;      // "image/png" | "image/jpeg"; set exactly when there is a logo
  std::optional<std::string> logo_sha256;    // lower-case hex of the image's bytes: its public name
  int64_t logo_bytes = 0;
  Instant updated_at{};
  bool operator==(const StoredBrand&) const = default;
};

// A logo to store: its media type, the image as base64, its size and name.
struct LogoRow {
  std::string type;
  std::string base64;
  int64_t bytes = 0;
  std::string sha256;
};

// nullopt when the account has no brand.
std::optional<StoredBrand> LoadBrand(db::Transaction& tx, int64_t customer_id);

// An account's version, creation time and placement with its brand, in one query: what the account
// read checks its kept answers against (answer_cache.hpp). nullopt when no account has this id.
struct AccountStamp {
  int64_t version = 0;
  Instant created_at{};
  Placement placement;
  std::optional<StoredBrand> brand;
};
std::optional<AccountStamp> LoadAccountStamp(db::Transaction& tx, int64_t customer_id);
// Set the colour (nullopt: none), keeping the logo; makes the row when there is none.
void StoreBrandColor(db::Transaction& tx, int64_t customer_id, const std::optional<std::string>& color, Instant at);
// Set the logo (nullopt: none), keeping the colour; makes the row when there is none.
void StoreBrandLogo(db::Transaction& tx, int64_t customer_id, const std::optional<LogoRow>& logo, Instant at);
// Removes the account's brand row if it holds neither a colour nor a logo.
void DropEmptyBrand(db::Transaction& tx, int64_t customer_id);
// Removes the account's brand; false when it had none.
bool DeleteBrand(db::Transaction& tx, int64_t customer_id);

// The image named `sha256`: its media type and base64; nullopt when no account has it.
struct StoredLogo {
  std::string type;
  std::string base64;
};
std::optional<StoredLogo> LoadLogo(db::Transaction& tx, std::string_view sha256);

}  // namespace consign::customers
