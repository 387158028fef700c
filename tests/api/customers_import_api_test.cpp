// Customer import and export over HTTP, on every backend: UTF-8 and GBK files as Excel saves them,
// the two modes, the report of bad rows, and files that cannot be read at all.
#include <boost/json.hpp>
#include <gmock/gmock.h>
#include <iconv.h>

#include "tests/api/auth_helpers.hpp"
#include "tests/api/harness.hpp"
#include "tests/api/reveal_helpers.hpp"

namespace consign::apitest {
namespace {

namespace json = boost::json;
using ::testing::HasSubstr;

// What Excel "CSV (逗号分隔)" writes on a Chinese Windows: GBK (GB18030 is its superset).
std::string ToGb18030(const std::string& utf8) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  std::string out(utf8.size() * 4, '\0');
  char* in = const_cast<char*>(utf8.data());
  size_t in_left = utf8.size();
  char* o = out.data();
  size_t out_left = out.size();
  const size_t rc = iconv(cd, &in, &in_left, &o, &out_left);
  iconv_close(cd);
  EXPECT_NE(rc, static_cast<size_t>(-1));
  out.resize(out.size() - out_left);
  return out;
}

const Headers kCsv = {{"Content-Type", "text/csv"}};

const std::string kGoodAndBad =
    "客户编码,客户名称,行业,省,市,联系人,电话,价值分类\r\n"
    "IMP-001,深圳市顺达电子有限公司,电子,广东省,深圳市,陈建国,13812345678,A\r\n"
    "IMP-002,上海东方酒店,其他,上海市,上海市,王丽,12345,B\r\n"      // line 3: bad phone
    "IMP-003,北京蓝天广告有限公司,广告,北京市,北京市,张伟,13900001111,Z\r\n"  // line 4: bad class
    "IMP-004,杭州西湖服饰有限公司,服装\r\n";                          // line 5: too few columns

class CustomersImportApi : public ApiTest {
 protected:
  size_t CustomerCount(HttpClient& client) {
    const json::value list = client.Get("/api/v1/customers?limit=200").Json();
    return list.at("items").as_array().size();
  }
};

TEST_P(CustomersImportApi, AllOrNothingRejectsTheFileAndNamesEveryBadRow) {
  HttpClient admin = LogInAsAdmin(server());
  HttpResponse r = admin.Post("/api/v1/customers/imports?mode=all_or_nothing", kGoodAndBad, kCsv);
  ASSERT_EQ(r.status, 422) << r.body;
  const json::value report = r.Json();
  EXPECT_FALSE(report.at("committed").as_bool());
  EXPECT_EQ(report.at("total_rows").as_int64(), 4);
  EXPECT_EQ(report.at("imported").as_int64(), 0);
  EXPECT_EQ(report.at("failed").as_int64(), 3);
  const json::array& errors = report.at("errors").as_array();
  ASSERT_EQ(errors.size(), 3u) << r.body;
  EXPECT_EQ(errors[0].at("line").as_int64(), 3);
  EXPECT_EQ(errors[0].at("field").as_string(), "phone");
  EXPECT_EQ(errors[1].at("line").as_int64(), 4);
  EXPECT_EQ(errors[1].at("field").as_string(), "value_class");
  EXPECT_EQ(errors[1].at("reason").as_string(), "invalid_enum");
  EXPECT_EQ(errors[2].at("line").as_int64(), 5);
  EXPECT_EQ(errors[2].at("reason").as_string(), "column_count");
  EXPECT_EQ(CustomerCount(admin), 0u);
}

TEST_P(CustomersImportApi, ValidOnlyWritesTheGoodRowsAndReportsTheRest) {
  HttpClient admin = LogInAsAdmin(server());
  HttpResponse dry = admin.Post("/api/v1/customers/imports?mode=valid_only&dry_run=true", kGoodAndBad, kCsv);
  ASSERT_EQ(dry.status, 200) << dry.body;
  EXPECT_EQ(dry.Json().at("valid").as_int64(), 1);
  EXPECT_EQ(CustomerCount(admin), 0u);

  HttpResponse r = admin.Post("/api/v1/customers/imports?mode=valid_only", kGoodAndBad, kCsv);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.Json().at("committed").as_bool());
  EXPECT_EQ(r.Json().at("imported").as_int64(), 1);
  EXPECT_EQ(r.Json().at("errors").as_array().size(), 3u);
  const json::value list = admin.Get("/api/v1/customers?q=IMP-001").Json();
  ASSERT_EQ(list.at("items").as_array().size(), 1u);
  const json::value c =
      admin.Get("/api/v1/customers/" + std::to_string(list.at("items").at(0).at("id").as_int64())).Json();
  EXPECT_EQ(c.at("industry").as_string(), "electronics");
  EXPECT_EQ(c.at("requirements").at("template").as_string(), "electronics");  // template attached
  EXPECT_EQ(RevealContact(admin, c.at("id").as_int64(), c.at("contacts").at(0).at("id").as_int64(), "phone"),
            "13812345678");
  EXPECT_EQ(c.at("addresses").at(0).at("city").as_string(), "深圳市");

  // The same file again: its code is taken now, so nothing is imported twice.
  HttpResponse again = admin.Post("/api/v1/customers/imports?mode=valid_only", kGoodAndBad, kCsv);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.Json().at("imported").as_int64(), 0);
  EXPECT_EQ(again.Json().at("errors").at(0).at("reason").as_string(), "duplicate");
  EXPECT_EQ(CustomerCount(admin), 1u);
}

TEST_P(CustomersImportApi, GbkFilesFromExcelImportAndAreSearchable) {
  HttpClient admin = LogInAsAdmin(server());
  const std::string gbk = ToGb18030("客户名称,联系人,电话\r\n广州市顺丰达物流有限公司,李娜,020-87654321\r\n");
  HttpResponse r = admin.Post("/api/v1/customers/imports", gbk, kCsv);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json().at("encoding").as_string(), "gb18030");
  EXPECT_EQ(r.Json().at("imported").as_int64(), 1);
  const json::value found = admin.Get("/api/v1/customers?q=%E9%A1%BA%E4%B8%B0").Json();  // 顺丰
  ASSERT_EQ(found.at("items").as_array().size(), 1u);
  EXPECT_EQ(found.at("items").at(0).at("name").as_string(), "广州市顺丰达物流有限公司");
}

TEST_P(CustomersImportApi, UnreadableFilesAre400NamingTheProblem) {
  HttpClient admin = LogInAsAdmin(server());
  HttpResponse broken = admin.Post("/api/v1/customers/imports?encoding=utf-8", "客户名称\r\n\xff\xfe\xfd\r\n", kCsv);
  ASSERT_EQ(broken.status, 400) << broken.body;
  EXPECT_EQ(broken.Json().at("errors").at(0).at("field").as_string(), "file");
  EXPECT_EQ(broken.Json().at("errors").at(0).at("reason").as_string(), "bad_encoding");

  HttpResponse unknown = admin.Post("/api/v1/customers/imports", "客户名称,鞋码\r\n甲,42\r\n", kCsv);
  ASSERT_EQ(unknown.status, 400) << unknown.body;
  EXPECT_EQ(unknown.Json().at("errors").at(0).at("field").as_string(), "columns");

  EXPECT_EQ(admin.Post("/api/v1/customers/imports", "", kCsv).status, 400);
  HttpResponse mode = admin.Post("/api/v1/customers/imports?mode=some", "客户名称\r\n甲\r\n", kCsv);
  ASSERT_EQ(mode.status, 400);
  EXPECT_EQ(mode.Json().at("errors").at(0).at("field").as_string(), "mode");
  EXPECT_EQ(admin.Post("/api/v1/customers/imports", "客户名称\r\n甲\r\n", {{"Content-Type", "multipart/form-data"}}).status,
            415);
  EXPECT_EQ(CustomerCount(admin), 0u);
}

TEST_P(CustomersImportApi, TemplateAndExportRoundTrip) {
  HttpClient admin = LogInAsAdmin(server());
  HttpResponse tmpl = admin.Get("/api/v1/customers/import-template.csv");
  ASSERT_EQ(tmpl.status, 200);
  EXPECT_TRUE(tmpl.body.starts_with("\xEF\xBB\xBF"));
  EXPECT_THAT(tmpl.body, HasSubstr("客户名称"));

  ASSERT_EQ(admin.Post("/api/v1/customers/imports?mode=valid_only", kGoodAndBad, kCsv).status, 200);
  HttpResponse csv = admin.Get("/api/v1/customers/export?format=csv");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_THAT(csv.Header("content-type").value_or(""), HasSubstr("text/csv"));
  EXPECT_THAT(csv.body, HasSubstr("深圳市顺达电子有限公司"));
  EXPECT_THAT(csv.body, HasSubstr("13812345678"));  // admin holds pii.view; the export is audited
  EXPECT_FALSE(database().Sql("SELECT id FROM audit_log WHERE action = 'export'").empty());

  HttpResponse xlsx = admin.Get("/api/v1/customers/export?format=xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_TRUE(xlsx.body.starts_with("PK"));  // a zip container
  EXPECT_EQ(admin.Get("/api/v1/customers/export?format=pdf").status, 400);

  // What an export wrote imports again (its codes now duplicate, which the report says per row).
  HttpResponse back = admin.Post("/api/v1/customers/imports?dry_run=true", csv.body, kCsv);
  ASSERT_EQ(back.status, 422) << back.body;
  EXPECT_EQ(back.Json().at("errors").at(0).at("reason").as_string(), "duplicate");

  CreateUser(admin, "qian.finance", "finance");
  HttpResponse masked = LogInAs(server(), "qian.finance").Get("/api/v1/customers/export");
  ASSERT_EQ(masked.status, 200);
  EXPECT_EQ(masked.body.find("13812345678"), std::string::npos);
  CreateUser(admin, "zhao.dispatch", "dispatcher");
  EXPECT_EQ(LogInAs(server(), "zhao.dispatch").Get("/api/v1/customers/export").status, 403);
}

CONSIGN_API_SUITE(CustomersImportApi);

}  // namespace
}  // namespace consign::apitest
