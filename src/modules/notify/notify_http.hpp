#pragma once
#include "platform/http/router.hpp"

namespace consign::notify {

// An account's notification settings (GET/PUT /api/v1/customers/{id}/notification-settings), the
// templates (/api/v1/notification-templates…), the delivery log (/api/v1/notifications…) and a retry.
void RegisterRoutes(http::Router& router);

}  // namespace consign::notify
