#pragma once
// A realistic demo company for `consign demo`: its sales teams and owners, and its customer
// accounts — Chinese company and person names, real provinces/cities/districts (china_divisions),
// industries in the proportions a Chinese 3PL sees, contacts in their roles, preferences, and
// classifications consistent with value (A ≈ 20% of accounts, carrying most of the volume).
//
// Pure and deterministic: customer n of seed s is always the same, whatever else was generated, so
// the bulk loader can generate in any order or in parallel. Thread-safe (no shared state).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace consign::demo {

struct DemoTeam {
  std::string name;  // "华南大客户部"
};

struct DemoSalesUser {
  std::string login;  // "sales.007"
  std::string name;   // "李娜"
  std::size_t team;   // index into Teams()
};

struct DemoContact {
  std::string name;
  std::string role;   // decision_maker | assistant | operations | finance | other (api-contract.md)
  std::string title;  // "总经理"
  std::string phone;  // canonical mobile, text::NormalizePhone form
  std::string email;  // may be empty
  bool is_primary = false;
};

struct DemoAddress {
  std::string kind;  // pickup | billing | delivery
  std::string province, city, district;
  std::string division_code;  // GB/T 2260 code of the district (or city when it has none)
  std::string street;
  bool is_default = false;
};

struct DemoClassification {
  std::string relationship_type, relationship_depth, maturity, marketing_type, value_class, tier,
      market, lifecycle_stage, development_stage;
};

struct DemoPreferences {
  std::string pickup_window, packaging, handling, preferred_channel, usual;
  std::optional<std::string> birthday;  // YYYY-MM-DD
};

struct DemoCustomer {
  std::string code;  // "C0000001"
  std::string name;
  std::string kind;      // individual | organization
  std::string industry;  // api-contract.md enum
  DemoClassification classification;
  DemoPreferences preferences;
  std::vector<std::string> tags;
  std::vector<DemoContact> contacts;
  std::vector<DemoAddress> addresses;
  std::size_t owner;  // index into SalesUsers()
  int64_t age_days;   // how long ago the account was created, 0..730
};

class DemoCompany {
 public:
  // `customers` sizes the sales force (about one owner per 2,000 accounts, at least 6, at most 300).
  DemoCompany(uint64_t seed, int64_t customers);

  const std::vector<DemoTeam>& Teams() const { return teams_; }
  const std::vector<DemoSalesUser>& SalesUsers() const { return sales_; }

  // Customer number `n` (1-based); its code is "C" + n zero-padded to seven digits.
  DemoCustomer Customer(int64_t n) const;

 private:
  uint64_t seed_;
  std::vector<DemoTeam> teams_;
  std::vector<DemoSalesUser> sales_;
};

// A person's name: a surname drawn by frequency, and a one- or two-character given name.
std::string PersonName(uint64_t random);

}  // namespace consign::demo
