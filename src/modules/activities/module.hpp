#pragma once
#include "platform/module/module.hpp"

namespace consign::activities {

// Activities on accounts, leads and opportunities (calls, visits, meetings, e-mails, notes with a next
// step), "my day", the account's timeline, and referrals. Provides the SubjectRegistry (subjects.hpp).
module::Module Module();

}  // namespace consign::activities
