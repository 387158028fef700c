#include "modules/demo/demo_company.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "core/text.hpp"
#include "modules/geo/china_divisions.hpp"

namespace consign::demo {

// China's divisions are the geo module's (its public header).
using geo::Cities;
using geo::City;
using geo::District;
using geo::Districts;
using geo::Province;
using geo::Provinces;
namespace {

TEST(ChinaDivisions, AreTheRealOnesWithGbT2260Codes) {
  EXPECT_GE(Provinces().size(), 31u);
  EXPECT_GE(Cities().size(), 330u);
  EXPECT_GE(Districts().size(), 2800u);
  bool shenzhen = false;
  for (const City& city : Cities()) {
    if (city.code == "4403") {
      shenzhen = true;
      EXPECT_EQ(city.name, "深圳市");
      EXPECT_EQ(Provinces()[city.province].name, "广东省");
      bool nanshan = false;
      for (uint32_t k = 0; k < city.district_count; ++k) {
        const District& d = Districts()[city.first_district + k];
        EXPECT_TRUE(d.code.starts_with("4403"));
        if (d.name == "南山区") nanshan = d.code == "440305";
      }
      EXPECT_TRUE(nanshan);
    }
    // Municipalities are named as themselves, never 市辖区.
    EXPECT_NE(city.name, "市辖区");
    EXPECT_TRUE(city.code.starts_with(Provinces()[city.province].code));
  }
  EXPECT_TRUE(shenzhen);
}

TEST(DemoCompany, IsDeterministicPerSeedAndNumber) {
  DemoCompany a(42, 1000), b(42, 1000), c(43, 1000);
  EXPECT_EQ(a.Customer(7).name, b.Customer(7).name);
  EXPECT_EQ(a.Customer(7).contacts[0].phone, b.Customer(7).contacts[0].phone);
  // Generating others first changes nothing.
  a.Customer(1);
  EXPECT_EQ(a.Customer(8).code, b.Customer(8).code);
  EXPECT_EQ(a.Customer(8).name, b.Customer(8).name);
  int same = 0;
  for (int n = 1; n <= 20; ++n) same += a.Customer(n).name == c.Customer(n).name;
  EXPECT_LT(same, 5);
}

TEST(DemoCompany, CustomersLookReal) {
  DemoCompany company(1, 10000);
  std::set<std::string_view> provinces, cities;
  for (const Province& p : Provinces()) provinces.insert(p.name);
  for (const City& c : Cities()) cities.insert(c.name);
  std::set<std::string> codes;
  for (int n = 1; n <= 2000; ++n) {
    const DemoCustomer customer = company.Customer(n);
    EXPECT_TRUE(codes.insert(customer.code).second);
    EXPECT_FALSE(customer.name.empty());
    EXPECT_TRUE(text::IsValidUtf8(customer.name));
    if (customer.kind == "organization") {
      EXPECT_TRUE(customer.name.ends_with("有限公司")) << customer.name;
      EXPECT_GE(customer.contacts.size(), 3u);
      std::set<std::string> roles;
      for (const auto& contact : customer.contacts) roles.insert(contact.role);
      EXPECT_TRUE(roles.count("decision_maker") && roles.count("assistant") && roles.count("operations"));
    } else {
      EXPECT_EQ(customer.kind, "individual");
      EXPECT_EQ(customer.contacts.size(), 1u);
    }
    for (const auto& contact : customer.contacts) {
      EXPECT_EQ(text::NormalizePhone(contact.phone), contact.phone) << contact.phone;
      if (!contact.email.empty()) {
        EXPECT_TRUE(text::IsValidEmail(contact.email)) << contact.email;
      }
    }
    ASSERT_FALSE(customer.addresses.empty());
    EXPECT_TRUE(provinces.count(customer.addresses[0].province));
    EXPECT_TRUE(cities.count(customer.addresses[0].city));
    EXPECT_LT(customer.owner, company.SalesUsers().size());
    EXPECT_TRUE(customer.age_days >= 0 && customer.age_days <= 730);
  }
}

TEST(DemoCompany, ValueClassesFollowTheEightyTwentyRule) {
  DemoCompany company(5, 20000);
  std::map<std::string, int> classes, tiers_of_a, industries;
  const int n = 20000;
  for (int k = 1; k <= n; ++k) {
    const DemoCustomer c = company.Customer(k);
    ++classes[c.classification.value_class];
    if (c.classification.value_class == "A") ++tiers_of_a[c.classification.tier];
    ++industries[c.industry];
  }
  EXPECT_NEAR(classes["A"] / double(n), 0.20, 0.02);
  EXPECT_NEAR(classes["B"] / double(n), 0.30, 0.02);
  EXPECT_NEAR(classes["C"] / double(n), 0.50, 0.02);
  EXPECT_GT(tiers_of_a["high_end"], tiers_of_a["mid"] * 3);  // A accounts are mostly high-end
  EXPECT_EQ(tiers_of_a.count("mass"), 0u);
  EXPECT_GT(industries["ecommerce"], industries["pharma"] * 3);
  EXPECT_GT(industries["manufacturing"], industries["advertising"] * 3);
  EXPECT_EQ(industries.size(), 10u);
}

TEST(DemoCompany, SalesForceScalesWithTheBook) {
  EXPECT_EQ(DemoCompany(1, 100).SalesUsers().size(), 6u);
  EXPECT_EQ(DemoCompany(1, 100000).SalesUsers().size(), 50u);
  EXPECT_EQ(DemoCompany(1, 10'000'000).SalesUsers().size(), 300u);
  DemoCompany company(1, 100000);
  std::set<std::string> logins;
  for (const auto& user : company.SalesUsers()) {
    EXPECT_TRUE(logins.insert(user.login).second);
    EXPECT_LT(user.team, company.Teams().size());
  }
}

TEST(DemoCompany, PersonNamesAreChinese) {
  for (uint64_t k = 0; k < 200; ++k) {
    const std::string name = PersonName(k);
    const auto count = text::CodePointCount(name);
    EXPECT_TRUE(count >= 2 && count <= 4) << name;
    for (char32_t c : text::DecodeUtf8(name)) EXPECT_TRUE(text::IsCjk(c)) << name;
  }
}

}  // namespace
}  // namespace consign::demo
