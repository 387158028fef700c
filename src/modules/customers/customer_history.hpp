#pragma once
// Field-level differences between two snapshots of an account as the audit trail stores them
// (AuditJson), for GET /customers/{id}/history: found on the stored values, shown masked.
// Pure: JSON in, a list of changes out.
#include <boost/json/value.hpp>
#include <string>
#include <vector>

namespace consign::customers {

// One difference. `path` names the place the way the API's field errors do, with items of a list
// named by their id rather than their position (positions move when an item is removed):
//   "name", "classification.value_class", "owner.id", "contacts[id=7].phone", "addresses[id=3].city",
//   "contacts[id=9]" (the whole contact added or removed), "tags" (one tag added or removed).
// `change` is "changed", "added" or "removed". `before`/`after` are the values as the snapshots hold
// them (null where there is none: an added item has no before). `item` is the contact's name or the
// address's place for a change inside a contacts/addresses item (masked as the snapshot is), else empty.
struct FieldChange {
  std::string path;
  std::string change;
  boost::json::value before;
  boost::json::value after;
  std::string item;
};

// The differences from `before` to `after` (both objects; anything else gives no differences), in
// the order of after's keys, then keys only before has. Bookkeeping fields (version, created_at,
// updated_at, masked) are not differences. A list of objects with "id" is matched by id; a list of
// strings (tags) gives one "added"/"removed" change per value.
std::vector<FieldChange> DiffSnapshots(const boost::json::value& before, const boost::json::value& after);
// The same differences, found by comparing `before` and `after` (the stored snapshots), with every
// value and item label taken from the `_shown` snapshots (the same snapshots masked: same shape, ids
// and order). Two phones with the same mask are still a change; it shows as mask → mask.
std::vector<FieldChange> DiffSnapshots(const boost::json::value& before, const boost::json::value& after,
                                       const boost::json::value& before_shown, const boost::json::value& after_shown);

}  // namespace consign::customers
