#include "modules/customers/brand_service.hpp"

#include <boost/json.hpp>
#include <sodium.h>

#include "modules/audit/audit_chain.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/customers/access.hpp"
#include "modules/customers/customer_service.hpp"
#include "modules/customers/customer_store.hpp"

namespace consign::customers {

namespace json = boost::json;

namespace {

std::string ToBase64(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.pop_back();  // the terminating NUL sodium writes
  return out;
}

std::optional<std::string> FromBase64(std::string_view text) {
  std::string out(text.size() / 4 * 3 + 3, '\0');
  size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                        &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    return std::nullopt;
  out.resize(length);
  return out;
}

bool IsSha256Hex(std::string_view name) {
  if (name.size() != 64) return false;
  for (char c : name)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

// The account for a brand change: customers.update, inside the record rule, not archived.
Status CheckEditable(Scope& scope, int64_t id) {
  CONSIGN_TRY(Require(scope.principal(), kUpdate));
  const std::optional<Customer> c = LoadCustomer(scope.tx(), id, /*for_update=*/true);
  if (!c || !InScope(scope.principal(), *c)) return NotFound("Customer");
  if (c->status == CustomerStatus::kArchived)
    return MakeError(ErrorCode::kInvalidState, "An archived customer cannot be edited; restore it first.");
  return Ok();
}

// The audit trail's record of a brand: what is shown and the logo's name and size, never the image.
std::string BrandSnapshot(const std::optional<StoredBrand>& b) {
  json::value brand = nullptr;
  if (b)
    brand = json::object{{"primary_color", b->primary_color ? json::value(*b->primary_color) : json::value(nullptr)},
                         {"logo_sha256", b->logo_sha256 ? json::value(*b->logo_sha256) : json::value(nullptr)},
                         {"logo_type", b->logo_type ? json::value(*b->logo_type) : json::value(nullptr)},
                         {"logo_bytes", b->logo_bytes}};
  return json::serialize(json::object{{"brand", std::move(brand)}});
}

Status AuditBrand(Scope& scope, std::string_view action, int64_t id, const std::optional<StoredBrand>& before,
                  const std::optional<StoredBrand>& after) {
  audit::AuditEntry entry;
  entry.at = scope.now();
  entry.actor = scope.principal();
  entry.action = std::string(action);
  entry.entity = "customer";
  entry.entity_id = std::to_string(id);
  entry.before_json = BrandSnapshot(before);
  entry.after_json = BrandSnapshot(after);
  entry.request_id = scope.request_id();
  return audit::AuditLog{}.Record(scope.tx(), entry);
}

bool SameBrand(const std::optional<StoredBrand>& a, const std::optional<StoredBrand>& b) {
  if (!a || !b) return !a && !b;
  return a->primary_color == b->primary_color && a->logo_sha256 == b->logo_sha256;
}

}  // namespace

std::string LogoUrl(std::string_view sha256) { return "/api/v1/brand-logos/" + std::string(sha256); }

Result<std::optional<StoredBrand>> ChangeBrand(Scope& scope, int64_t id, BrandChange change) {
  scope.write_tx();
  CONSIGN_TRY(CheckEditable(scope, id));
  // Every mistake of the request at once, as a form's.
  FieldErrors errors;
  std::optional<std::optional<std::string>> color;
  if (change.primary_color) {
    if (!*change.primary_color) {
      color.emplace(std::nullopt);
    } else if (auto parsed = ParseColor(**change.primary_color); parsed) {
      color.emplace(*std::move(parsed));
    } else {
      for (const FieldError& e : parsed.error().fields) errors.Add(e.field, e.reason, e.message);
    }
  }
  std::optional<std::optional<LogoRow>> logo;
  if (change.logo) {
    if (!*change.logo) {
      logo.emplace(std::nullopt);
    } else if (auto type = CheckLogo((*change.logo)->declared_type, (*change.logo)->bytes); type) {
      const std::string& bytes = (*change.logo)->bytes;
      logo.emplace(LogoRow{std::string(MediaType(*type)), ToBase64(bytes), static_cast<int64_t>(bytes.size()),
                           audit::Sha256Hex(bytes)});
    } else {
      for (const FieldError& e : type.error().fields) errors.Add(e.field, e.reason, e.message);
    }
  }
  if (!errors.empty()) return std::move(errors).ToError();

  const std::optional<StoredBrand> before = LoadBrand(scope.tx(), id);
  const Instant now = scope.now();
  if (color && (!before || before->primary_color != *color)) StoreBrandColor(scope.tx(), id, *color, now);
  const std::optional<std::string> new_sha = logo && *logo ? std::optional((*logo)->sha256) : std::nullopt;
  if (logo && (!before || before->logo_sha256 != new_sha)) StoreBrandLogo(scope.tx(), id, *logo, now);
  DropEmptyBrand(scope.tx(), id);
  std::optional<StoredBrand> after = LoadBrand(scope.tx(), id);
  if (!SameBrand(before, after)) CONSIGN_TRY(AuditBrand(scope, after ? "brand.set" : "brand.clear", id, before, after));
  return after;
}

Status ClearBrand(Scope& scope, int64_t id) {
  scope.write_tx();
  CONSIGN_TRY(CheckEditable(scope, id));
  const std::optional<StoredBrand> before = LoadBrand(scope.tx(), id);
  if (!before) return Ok();
  DeleteBrand(scope.tx(), id);
  return AuditBrand(scope, "brand.clear", id, before, std::nullopt);
}

std::optional<PublicBrand> PublicBrandOf(db::Transaction& tx, CustomerId customer) {
  const std::optional<StoredBrand> b = LoadBrand(tx, customer.value());
  if (!b) return std::nullopt;
  PublicBrand p;
  p.primary_color = b->primary_color;
  if (b->logo_sha256) p.logo_url = LogoUrl(*b->logo_sha256);
  return p;
}

std::optional<LogoImage> LogoByName(db::Transaction& tx, std::string_view sha256) {
  if (!IsSha256Hex(sha256)) return std::nullopt;
  const std::optional<StoredLogo> stored = LoadLogo(tx, sha256);
  if (!stored) return std::nullopt;
  std::optional<std::string> bytes = FromBase64(stored->base64);
  if (!bytes) return std::nullopt;
  return LogoImage{stored->type, *std::move(bytes)};
}

}  // namespace consign::customers
