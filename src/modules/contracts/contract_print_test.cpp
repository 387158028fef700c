#include "modules/contracts/contract_print.hpp"

#include <gtest/gtest.h>

namespace consign::contracts {
namespace {

TEST(ContractPrint, EscapesEveryMarkupCharacter) {
  EXPECT_EQ(EscapeHtml(R"(<b a="1" b='2'>&</b>)"), "&lt;b a=&quot;1&quot; b=&#39;2&#39;&gt;&amp;&lt;/b&gt;");
}

TEST(ContractPrint, BasisPointsReadAsPercent) {
  EXPECT_EQ(BasisPointsAsPercent(9900), "99.00%");
  EXPECT_EQ(BasisPointsAsPercent(10), "0.10%");
  EXPECT_EQ(BasisPointsAsPercent(10000), "100.00%");
}

TEST(ContractPrint, ShowsTheTermsInChineseAndNothingInternal) {
  Terms t = DraftFromTemplate("pharma", *ParseDate("2027-01-01"));
  t.internal_notes = "客户难缠，底价可再让";
  t.annual_value = Money::Cny(123'456'789);
  t.clauses.push_back("<script>alert(1)</script>");
  t.transit_promises = {{"standard", "cross_province", 72}, {"cold_chain", "same_city", 12}};
  const std::string html = RenderPrint("HT000001", "华康医药<有限>公司", 2, t, {{"standard", "标准快递"}});
  EXPECT_NE(html.find("物流服务合同"), std::string::npos);
  EXPECT_NE(html.find("华康医药&lt;有限&gt;公司"), std::string::npos);
  EXPECT_NE(html.find("第 2 版"), std::string::npos);
  EXPECT_NE(html.find("代办保险"), std::string::npos);
  EXPECT_NE(html.find("60 天"), std::string::npos);
  EXPECT_NE(html.find("2027年1月1日"), std::string::npos);
  EXPECT_NE(html.find("2027年12月31日"), std::string::npos);
  EXPECT_NE(html.find("99.00%"), std::string::npos);
  // The promises by product name and zone; a code without a name as it is.
  EXPECT_NE(html.find("<tr><td>标准快递</td><td>跨省</td><td>72</td></tr>"), std::string::npos);
  EXPECT_NE(html.find("<tr><td>cold_chain</td><td>同城</td><td>12</td></tr>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_EQ(html.find("底价"), std::string::npos);
  EXPECT_EQ(html.find("1234567.89"), std::string::npos);
}

}  // namespace
}  // namespace consign::contracts
