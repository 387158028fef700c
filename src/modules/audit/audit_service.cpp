#include "modules/audit/audit_service.hpp"

#include "modules/audit/access.hpp"

namespace consign::audit {

Result<std::vector<AuditEntryView>> ListTrail(Scope& scope, std::optional<std::string_view> entity,
                                              std::optional<std::string_view> entity_id, int limit,
                                              std::optional<int64_t> before_id) {
  CONSIGN_TRY(Require(scope.principal(), kRead));
  return List(scope.tx(), entity, entity_id, limit, before_id);
}

}  // namespace consign::audit
