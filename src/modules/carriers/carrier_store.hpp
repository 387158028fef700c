#pragma once
// SQL for carriers and their API keys. A carrier is one row; its lists (coverage, products, rates,
// transit times, contacts) are JSON columns in carrier_json.hpp's form, so reading every carrier for
// the allocation is one query. API keys are rows of their own: only the SHA-256 of the secret is
// stored, the prefix in clear for the lookup.
#include <optional>
#include <string>
#include <vector>

#include "modules/carriers/carrier.hpp"
#include "platform/db/database.hpp"

namespace consign::carriers {

using CarrierApiKeyId = StrongId<class CarrierApiKeyIdTag>;

std::vector<db::Migration> Migrations();

// Carriers with id > after_id, by id; status and kind filter when given.
std::vector<Carrier> LoadCarriers(db::Transaction& tx, std::optional<CarrierStatus> status,
                                  std::optional<CarrierKind> kind, int64_t after_id = 0);
// The measured figures (carrier_measured) into each carrier that has them.
void LoadMeasured(db::Transaction& tx, std::vector<Carrier>& carriers);
void SaveMeasured(db::Transaction& tx, int64_t carrier_id, const Performance& p, int64_t shipments, Instant at);
// With `for_update`, the row is locked on PostgreSQL until the transaction ends.
std::optional<Carrier> LoadCarrier(db::Transaction& tx, CarrierId id, bool for_update = false);
bool CodeTaken(db::Transaction& tx, std::string_view code, CarrierId except = CarrierId{});
// Returns the carrier with its id; revision 1.
Carrier InsertCarrier(db::Transaction& tx, Carrier carrier);
// Writes every field of `carrier` and carrier.revision + 1 when the stored revision is still
// carrier.revision; false otherwise (changed meanwhile, or gone).
bool UpdateCarrierRow(db::Transaction& tx, const Carrier& carrier);

struct StoredApiKey {
  CarrierApiKeyId id;
  CarrierId carrier_id;
  std::string prefix;       // the "ck_<prefix>_" part, shown in lists
  std::string label;
  std::optional<UserId> created_by;
  Instant created_at{};
  std::optional<Instant> last_used_at;
  std::optional<Instant> revoked_at;
};

StoredApiKey InsertApiKey(db::Transaction& tx, StoredApiKey key, std::string_view secret_hash);
std::vector<StoredApiKey> LoadApiKeys(db::Transaction& tx, CarrierId carrier);
std::optional<StoredApiKey> LoadApiKey(db::Transaction& tx, CarrierId carrier, CarrierApiKeyId id);
// Sets revoked_at once: false when the key is not the carrier's or was revoked already.
bool RevokeApiKeyRow(db::Transaction& tx, CarrierId carrier, CarrierApiKeyId id, Instant at);

// What a key lookup needs: the stored hash, whether the key was revoked, its carrier's status.
struct ApiKeyMatch {
  CarrierApiKeyId id;
  CarrierId carrier_id;
  std::string secret_hash;
  bool revoked = false;
  CarrierStatus carrier_status = CarrierStatus::kActive;
};
std::optional<ApiKeyMatch> FindApiKeyByPrefix(db::Transaction& tx, std::string_view prefix);
void MarkApiKeyUsed(db::Transaction& tx, CarrierApiKeyId id, Instant at);

}  // namespace consign::carriers
