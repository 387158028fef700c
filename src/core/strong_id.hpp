#pragma once
// Ids are strong types so a CustomerId can never be passed where a UserId is meant.
#include <compare>
#include <cstdint>
#include <functional>

namespace consign {

template <class Tag, class T = int64_t>
class StrongId {
 public:
  constexpr StrongId() = default;
  constexpr explicit StrongId(T value) : value_(value) {}
  constexpr T value() const { return value_; }
  friend constexpr auto operator<=>(const StrongId&, const StrongId&) = default;

 private:
  T value_{};
};

using UserId = StrongId<class UserIdTag>;
using TeamId = StrongId<class TeamIdTag>;
using CustomerId = StrongId<class CustomerIdTag>;

}  // namespace consign

template <class Tag, class T>
struct std::hash<consign::StrongId<Tag, T>> {
  size_t operator()(const consign::StrongId<Tag, T>& id) const noexcept { return std::hash<T>{}(id.value()); }
};
