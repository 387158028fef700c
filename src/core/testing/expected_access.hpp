#pragma once
// For tests only: a module's access_expected.csv — its part of the permission matrix written out by
// hand — read into permission name → the roles that hold it. Header-only, so nothing but tests
// compiles it.
//
//   permission,  admin, manager, sales, agent, dispatcher, finance, portal
//   users.read,  Y,     Y,       -,     -,     -,          -,       -
//
// Lines starting with '#' are comments. Any cell other than Y or - is an error, as is a role column
// missing or out of order: a table nobody can misread.
#include <gtest/gtest.h>

#include <fstream>
#include <span>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>

#include "core/csv.hpp"
#include "core/permission.hpp"
#include "core/principal.hpp"

namespace consign::testing {

using ExpectedAccess = std::map<std::string, RoleSet>;

inline std::string TrimCell(std::string s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.erase(s.begin());
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.pop_back();
  return s;
}

inline ExpectedAccess ReadExpectedAccess(const std::string& path) {
  std::ifstream file(path);
  if (!file) throw std::runtime_error("cannot read " + path);
  std::string text, line;
  while (std::getline(file, line))
    if (!line.starts_with("#")) text += line + "\n";
  auto records = csv::Read(text);
  if (!records || records->empty()) throw std::runtime_error(path + ": not a CSV table");
  const auto& header = records->front().fields;
  if (header.size() != 1 + std::size(kAllRoles)) throw std::runtime_error(path + ": wrong number of columns");
  for (size_t i = 0; i < std::size(kAllRoles); ++i)
    if (TrimCell(header[i + 1]) != RoleName(kAllRoles[i]))
      throw std::runtime_error(path + ": column " + std::to_string(i + 2) + " must be " +
                               std::string(RoleName(kAllRoles[i])));
  ExpectedAccess expected;
  for (size_t r = 1; r < records->size(); ++r) {
    const auto& cells = (*records)[r].fields;
    if (cells.size() != header.size()) throw std::runtime_error(path + ": a row has the wrong number of cells");
    RoleSet roles;
    for (size_t i = 0; i < std::size(kAllRoles); ++i) {
      const std::string cell = TrimCell(cells[i + 1]);
      if (cell == "Y") roles = roles.With(kAllRoles[i]);
      else if (cell != "-") throw std::runtime_error(path + ": cell '" + cell + "' is neither Y nor -");
    }
    if (!expected.emplace(TrimCell(cells[0]), roles).second)
      throw std::runtime_error(path + ": " + TrimCell(cells[0]) + " appears twice");
  }
  return expected;
}

// The expected table of module `module` (its folder under src/modules).
inline ExpectedAccess ReadModuleExpectedAccess(const std::string& source_dir, const std::string& module) {
  return ReadExpectedAccess(source_dir + "/src/modules/" + module + "/access_expected.csv");
}

// Checks a module's declared table against its hand-written one: the same permissions, and for each
// the same roles. Every mismatch is reported by permission and role.
inline void ExpectAccessAsWritten(std::span<const AccessRule> declared, const ExpectedAccess& expected) {
  std::map<std::string, RoleSet> seen;
  for (const AccessRule& rule : declared) {
    const std::string name = rule.permission.Name();
    seen.emplace(name, rule.roles);
    auto it = expected.find(name);
    if (it == expected.end()) {
      ADD_FAILURE() << name << " is declared in access.hpp but missing from access_expected.csv";
      continue;
    }
    for (Role role : kAllRoles)
      EXPECT_EQ(rule.roles.Has(role), it->second.Has(role))
          << name << " for " << RoleName(role) << ": access.hpp and access_expected.csv disagree";
  }
  for (const auto& [name, roles] : expected)
    if (!seen.contains(name)) ADD_FAILURE() << name << " is in access_expected.csv but not declared in access.hpp";
}

}  // namespace consign::testing
