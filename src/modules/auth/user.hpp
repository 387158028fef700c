#pragma once
// Users of Consign: staff in their roles and customers' portal users. Pure validation rules.
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/principal.hpp"
#include "core/result.hpp"
#include "core/strong_id.hpp"

namespace consign::auth {

struct User {
  UserId id{};
  std::string login;
  std::string name;
  Role role = Role::kPortal;
  std::optional<TeamId> team_id;
  std::optional<CustomerId> customer_id;
  bool must_change_password = false;
  bool active = true;
  Instant created_at{};
  Instant updated_at{};
  int64_t version = 1;
};

inline constexpr size_t kMaxLoginChars = 64;
inline constexpr size_t kMaxUserNameChars = 100;

// A login is 2–64 characters of lower-case letters, digits and . _ - @ (so it is unambiguous in
// logs and URLs and never differs only by case). kInvalidArgument naming "login" otherwise.
[[nodiscard]] Status CheckLogin(std::string_view login);

// A user's display name: at most 100 characters, one line, no control characters or bidirectional
// overrides (invalid_characters), which could make it read differently in lists and the audit trail.
// Empty is allowed here (the login stands in). kInvalidArgument naming "name" otherwise.
[[nodiscard]] Status CheckUserName(std::string_view name);

// The invariants between role and links: a portal user belongs to exactly one customer account;
// staff belong to none. kInvalidArgument naming "customer_id" otherwise.
[[nodiscard]] Status CheckRoleLinks(Role role, const std::optional<CustomerId>& customer_id);

// The Principal a user acts as (a person, not an API key).
Principal PrincipalOf(const User& user);

}  // namespace consign::auth
