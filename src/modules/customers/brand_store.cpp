#include "modules/customers/brand_store.hpp"

namespace consign::customers {

namespace {
StoredBrand BrandFromRow(const db::Row& row) {
  StoredBrand b;
  b.primary_color = row.OptText("primary_color");
  b.logo_type = row.OptText("logo_type");
  b.logo_sha256 = row.OptText("logo_sha256");
  b.logo_bytes = row.OptInt("logo_bytes").value_or(0);
  b.updated_at = row.Time("updated_at");
  return b;
}
}  // namespace

std::optional<StoredBrand> LoadBrand(db::Transaction& tx, int64_t customer_id) {
  const db::Rows rows = tx.Query(
      "SELECT primary_color, logo_type, logo_sha256, logo_bytes, updated_at FROM customer_brands WHERE customer_id = $1",
      {/* $1 */ customer_id});
  if (rows.empty()) return std::nullopt;
  return BrandFromRow(rows[0]);
}

std::optional<AccountStamp> LoadAccountStamp(db::Transaction& tx, int64_t customer_id) {
  const db::Rows rows = tx.Query(
      "SELECT c.version, c.created_at, c.owner_user_id, c.team_id, b.customer_id AS branded, b.primary_color, "
      "b.logo_type, b.logo_sha256, b.logo_bytes, b.updated_at "
      "FROM customers c LEFT JOIN customer_brands b ON b.customer_id = c.id WHERE c.id = $1",
      {/* $1 */ customer_id});
  if (rows.empty()) return std::nullopt;
  const db::Row& row = rows[0];
  AccountStamp stamp;
  stamp.version = row.Int("version");
  stamp.created_at = row.Time("created_at");
  if (auto owner = row.OptInt("owner_user_id")) stamp.placement.owner = UserId{*owner};
  if (auto team = row.OptInt("team_id")) stamp.placement.team = TeamId{*team};
  if (!row.IsNull("branded")) stamp.brand = BrandFromRow(row);
  return stamp;
}

void StoreBrandColor(db::Transaction& tx, int64_t customer_id, const std::optional<std::string>& color, Instant at) {
  tx.Execute(
      "INSERT INTO customer_brands (customer_id, primary_color, updated_at) VALUES ($1, $2, $3) "
      "ON CONFLICT (customer_id) DO UPDATE SET primary_color = excluded.primary_color, updated_at = excluded.updated_at",
      {/* $1 */ customer_id, /* $2 */ db::Opt(color), /* $3 */ at});
}

void StoreBrandLogo(db::Transaction& tx, int64_t customer_id, const std::optional<LogoRow>& logo, Instant at) {
  db::Param type = db::Null(), base64 = db::Null(), bytes = db::Null(), sha256 = db::Null();
  if (logo) {
    type = logo->type;
    base64 = logo->base64;
    bytes = logo->bytes;
    sha256 = logo->sha256;
  }
  tx.Execute(
      "INSERT INTO customer_brands (customer_id, logo_type, logo_base64, logo_bytes, logo_sha256, updated_at) "
      "VALUES ($1, $2, $3, $4, $5, $6) "
      "ON CONFLICT (customer_id) DO UPDATE SET logo_type = excluded.logo_type, logo_base64 = excluded.logo_base64, "
      "logo_bytes = excluded.logo_bytes, logo_sha256 = excluded.logo_sha256, updated_at = excluded.updated_at",
      {/* $1 */ customer_id, /* $2 */ type, /* $3 */ base64, /* $4 */ bytes, /* $5 */ sha256, /* $6 */ at});
}

void DropEmptyBrand(db::Transaction& tx, int64_t customer_id) {
  tx.Execute("DELETE FROM customer_brands WHERE customer_id = $1 AND primary_color IS NULL AND logo_sha256 IS NULL",
             {/* $1 */ customer_id});
}

bool DeleteBrand(db::Transaction& tx, int64_t customer_id) {
  return tx.Execute("DELETE FROM customer_brands WHERE customer_id = $1", {/* $1 */ customer_id}) > 0;
}

std::optional<StoredLogo> LoadLogo(db::Transaction& tx, std::string_view sha256) {
  // Two accounts may upload the same image: any row holding it serves, the bytes are the same.
  const db::Rows rows = tx.Query(
      "SELECT logo_type, logo_base64 FROM customer_brands WHERE logo_sha256 = $1 LIMIT 1", {/* $1 */ std::string(sha256)});
  if (rows.empty()) return std::nullopt;
  return StoredLogo{rows[0].Text("logo_type"), rows[0].Text("logo_base64")};
}

}  // namespace consign::customers
