#include "core/permission.hpp"

#include <algorithm>

namespace consign {

std::string Permission::Name() const {
  std::string name(resource);
  name += '.';
  name += action;
  return name;
}

PermissionSet PermissionSet::Everything() {
  PermissionSet set;
  set.everything_ = true;
  return set;
}

void PermissionSet::Add(Permission p) {
  auto at = std::lower_bound(items_.begin(), items_.end(), p);
  if (at == items_.end() || *at != p) items_.insert(at, p);
}

bool PermissionSet::Has(Permission p) const {
  return everything_ || std::binary_search(items_.begin(), items_.end(), p);
}

}  // namespace consign
