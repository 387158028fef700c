#pragma once
#include "modules/activities/subjects.hpp"
#include "platform/http/router.hpp"

namespace consign::activities {

// /api/v1/activities (GET ?subject=kind:id, POST), /api/v1/activities/my-day, /api/v1/activities/{id},
// /api/v1/activities/{id}/complete, /api/v1/customers/{id}/timeline; /api/v1/referrals (GET, POST),
// /api/v1/referrals/{id} (GET, DELETE). `subjects` lives as long as the program (module::Services).
void RegisterRoutes(http::Router& router, const SubjectRegistry& subjects);

}  // namespace consign::activities
