#pragma once
// Use cases for carriers (承运商). Each takes a Scope and checks its permission (access.hpp) itself;
// every change is audited in its transaction (entity "carrier"). The carriers module's public header
// with carrier.hpp.
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "modules/carriers/carrier.hpp"
#include "platform/db/database.hpp"
#include "platform/scope/scope.hpp"

namespace consign::carriers {

// ... the use cases of the module (list, get, create, update, suspend, resume, API keys) ...

// For another module's use case that has checked its own permission (the orders module's allocation):
// every carrier, active or suspended, with its coverage, products, capacity, rates, transit times and
// performance — contacts left out, no API keys. Ordered by id.
std::vector<Carrier> CarriersForAllocation(db::Transaction& tx);

// The carrier an API key (as sent, "ck_...") belongs to, for the scans of the tracking module; none for
// an unknown, revoked or malformed key, and for a suspended carrier's key.
std::optional<CarrierId> CarrierOfApiKey(db::Transaction& tx, std::string_view key);

}  // namespace consign::carriers
