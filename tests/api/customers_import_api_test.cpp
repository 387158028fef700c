// Customer import and export over HTTP, on every backend: UTF-8 and GBK files as Excel saves them,
// the two modes, the report of bad rows, and files that cannot be read at all.
#include <boost/json.hpp>
#include <gmock/gmock.h>
#include <set>

#include "tests/api/auth_helpers.hpp"
#include "tests/api/gbk_helpers.hpp"
#include "tests/api/harness.hpp"
#include "tests/api/reveal_helpers.hpp"

namespace consign::apitest {
namespace {

namespace json = boost::json;
using ::testing::HasSubstr;

const Headers kCsv = {{"Content-Type", "text/csv"}};

const std::string kGoodAndBad =
    "客户编码,客户名称,行业,省,市,联系人,电话,价值分类\r\n"
    "IMP-001,深圳市顺达电子有限公司,电子,广东省,深圳市,陈建国,13812345678,A\r\n"
    "IMP-002,上海东方酒店,其他,上海市,上海市,王丽,12345,B\r\n"      // line 3: bad phone
    "IMP-003,北京蓝天广告有限公司,广告,北京市,北京市,张伟,+86 139 0000 1111,Z\r\n"  // line 4: bad class
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
  EXPECT_EQ(csv.body.find("13812345678"), std::string::npos);  // masked by default, even for an admin
  EXPECT_THAT(csv.body, HasSubstr("5678"));
  EXPECT_FALSE(database().Sql("SELECT id FROM audit_log WHERE action = 'export'").empty());

  HttpResponse xlsx = admin.Get("/api/v1/customers/export?format=xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_TRUE(xlsx.body.starts_with("PK"));  // a zip container
  EXPECT_EQ(admin.Get("/api/v1/customers/export?format=pdf").status, 400);

  // What an unmasked export wrote imports again (its codes now duplicate, which the report says per row).
  HttpResponse full = admin.Get("/api/v1/customers/export?format=csv&unmasked=true&reason=other&reason_text=migration");
  ASSERT_EQ(full.status, 200) << full.body;
  HttpResponse back = admin.Post("/api/v1/customers/imports?dry_run=true", full.body, kCsv);
  ASSERT_EQ(back.status, 422) << back.body;
  EXPECT_EQ(back.Json().at("errors").at(0).at("reason").as_string(), "duplicate");

  CreateUser(admin, "qian.finance", "finance");
  HttpResponse masked = LogInAs(server(), "qian.finance").Get("/api/v1/customers/export");
  ASSERT_EQ(masked.status, 200);
  EXPECT_EQ(masked.body.find("13812345678"), std::string::npos);
  CreateUser(admin, "zhao.dispatch", "dispatcher");
  EXPECT_EQ(LogInAs(server(), "zhao.dispatch").Get("/api/v1/customers/export").status, 403);
}

TEST_P(CustomersImportApi, EveryErrorOfARowIsReportedWithItsColumnAndReason) {
  HttpClient admin = LogInAsAdmin(server());
  const std::string file =
      "客户名称,类型,联系人,电话,邮箱,价值分类\r\n"
      "好客户,组织,陈建国,13812345678,ok@example.com,A\r\n"
      ",火星人,,12345,not-an-email,Z\r\n";  // line 3: six errors at once
  HttpResponse r = admin.Post("/api/v1/customers/imports?mode=all_or_nothing&dry_run=true", file, kCsv);
  ASSERT_EQ(r.status, 422) << r.body;
  std::set<std::string> found;
  const json::value report = r.Json();
  for (const json::value& e : report.at("errors").as_array()) {
    EXPECT_EQ(e.at("line").as_int64(), 3);
    found.insert(std::string(e.at("field").as_string()) + ":" + std::string(e.at("reason").as_string()));
  }
  EXPECT_EQ(found, (std::set<std::string>{"kind:invalid_enum", "value_class:invalid_enum", "name:required",
                                          "contact_name:required", "phone:invalid_phone", "email:invalid_email"}));
  EXPECT_EQ(r.Json().at("failed").as_int64(), 1);
  EXPECT_EQ(r.Json().at("valid").as_int64(), 1);
}

TEST_P(CustomersImportApi, AMappingReadsAFileWithOtherHeadersAndACheckNamesWhatItCannotMap) {
  HttpClient admin = LogInAsAdmin(server());
  const std::string file = "公司,联系人,手机号码,备注,细分市场\r\n顺达电子,陈建国,13812345678,老客户,中央商务区\r\n";
  // Without a mapping: a real run refuses the file; a check-only run tells what it found.
  EXPECT_EQ(admin.Post("/api/v1/customers/imports", file, kCsv).status, 400);
  HttpResponse check = admin.Post("/api/v1/customers/imports?dry_run=true&file_name=%E5%AE%A2%E6%88%B7.csv", file, kCsv);
  ASSERT_EQ(check.status, 422) << check.body;
  const json::value report = check.Json();
  EXPECT_EQ(report.at("unmapped_headers"), (json::array{"公司", "手机号码", "备注"}));
  EXPECT_EQ(report.at("headers").at(1).at("field").as_string(), "contact_name");
  EXPECT_EQ(report.at("headers").at(4).at("field").as_string(), "market");
  EXPECT_EQ(report.at("errors").at(0).at("field").as_string(), "columns");

  // mapping={"公司":"name","手机号码":"phone","备注":null}
  const std::string mapping =
      "%7B%22%E5%85%AC%E5%8F%B8%22%3A%22name%22%2C%22%E6%89%8B%E6%9C%BA%E5%8F%B7%E7%A0%81%22%3A%22phone%22%2C"
      "%22%E5%A4%87%E6%B3%A8%22%3Anull%7D";
  HttpResponse imported = admin.Post("/api/v1/customers/imports?file_name=a.csv&mapping=" + mapping, file, kCsv);
  ASSERT_EQ(imported.status, 200) << imported.body;
  EXPECT_EQ(imported.Json().at("imported").as_int64(), 1);
  EXPECT_TRUE(imported.Json().at("headers").at(3).at("ignored").as_bool());
  const json::value list = admin.Get("/api/v1/customers?q=%E9%A1%BA%E8%BE%BE").Json();
  ASSERT_EQ(list.at("items").as_array().size(), 1u);
  EXPECT_EQ(list.at("items").at(0).at("classification").at("market").as_string(), "cbd");
  EXPECT_EQ(list.at("items").at(0).at("primary_contact").at("phone").as_string(), "*******5678");

  HttpResponse bad = admin.Post("/api/v1/customers/imports?mapping=%7B%22x%22%3A%22salary%22%7D", file, kCsv);
  ASSERT_EQ(bad.status, 400);
  EXPECT_EQ(bad.Json().at("errors").at(0).at("field").as_string(), "mapping");
}

TEST_P(CustomersImportApi, EveryRunIsInTheHistoryTheRejectedOnesToo) {
  HttpClient admin = LogInAsAdmin(server());
  ASSERT_EQ(admin.Post("/api/v1/customers/imports?mode=all_or_nothing&file_name=bad.csv", kGoodAndBad, kCsv).status, 422);
  ASSERT_EQ(admin.Post("/api/v1/customers/imports?mode=valid_only&dry_run=true&file_name=check.csv", kGoodAndBad, kCsv).status, 200);
  ASSERT_EQ(admin.Post("/api/v1/customers/imports?mode=valid_only&file_name=good.csv", kGoodAndBad, kCsv).status, 200);
  HttpResponse history = admin.Get("/api/v1/customers/imports");
  ASSERT_EQ(history.status, 200) << history.body;
  const json::value listed = history.Json();
  const json::array& runs = listed.at("items").as_array();
  ASSERT_EQ(runs.size(), 3u);
  EXPECT_EQ(runs[0].at("file_name").as_string(), "good.csv");
  EXPECT_EQ(runs[0].at("outcome").as_string(), "imported");
  EXPECT_EQ(runs[0].at("mode").as_string(), "valid_only");
  EXPECT_EQ(runs[0].at("ok_rows").as_int64(), 1);
  EXPECT_EQ(runs[0].at("failed_rows").as_int64(), 3);
  EXPECT_EQ(runs[0].at("login").as_string(), "admin");
  EXPECT_EQ(runs[1].at("outcome").as_string(), "checked");
  EXPECT_TRUE(runs[1].at("dry_run").as_bool());
  EXPECT_EQ(runs[2].at("file_name").as_string(), "bad.csv");
  EXPECT_EQ(runs[2].at("outcome").as_string(), "rejected");
  EXPECT_EQ(runs[2].at("total_rows").as_int64(), 4);
  EXPECT_TRUE(runs[2].at("failed_rows_url").is_null());
  EXPECT_EQ(history.body.find("13812345678"), std::string::npos) << "counts only, never values";

  HttpResponse page = admin.Get("/api/v1/customers/imports?limit=2");
  ASSERT_EQ(page.Json().at("items").as_array().size(), 2u);
  const std::string cursor(page.Json().at("next_cursor").as_string());
  EXPECT_EQ(admin.Get("/api/v1/customers/imports?limit=2&cursor=" + cursor).Json().at("items").at(0).at("file_name").as_string(), "bad.csv");

  CreateUser(admin, "ma.sales", "sales");
  EXPECT_EQ(LogInAs(server(), "ma.sales").Get("/api/v1/customers/imports").status, 403);
  // A long Chinese name is kept shortened, never cut inside a character, never a refused import.
  std::string long_name;
  for (int i = 0; i < 70; ++i) long_name += "%E5%AE%A2";  // 客 × 70 = 210 bytes
  HttpResponse long_named = admin.Post("/api/v1/customers/imports?mode=valid_only&dry_run=true&file_name=" + long_name, kGoodAndBad, kCsv);
  ASSERT_EQ(long_named.status, 200) << long_named.body;
  std::string kept;
  for (int i = 0; i < 66; ++i) kept += "客";  // 198 bytes
  EXPECT_EQ(admin.Get("/api/v1/customers/imports?limit=1").Json().at("items").at(0).at("file_name").as_string(), kept);
}

TEST_P(CustomersImportApi, TheFailedRowsComeBackAsACsvWithTheirErrorsInTheUsersLanguage) {
  HttpClient admin = LogInAsAdmin(server());
  HttpResponse zh = admin.Post("/api/v1/customers/imports/failed-rows", kGoodAndBad, kCsv);
  ASSERT_EQ(zh.status, 200) << zh.body;
  EXPECT_THAT(zh.Header("content-type").value_or(""), HasSubstr("text/csv"));
  EXPECT_TRUE(zh.body.starts_with("\xEF\xBB\xBF"));
  EXPECT_THAT(zh.body, HasSubstr("客户编码,客户名称,类型,行业,省,市,区,详细地址,联系人,联系人角色,电话,邮箱,价值分类,客户层级,标签,"));
  EXPECT_THAT(zh.body, HasSubstr(",错误\r\n"));
  EXPECT_EQ(zh.body.find("IMP-001"), std::string::npos) << "the good row is not a failed row";
  EXPECT_THAT(zh.body, HasSubstr("IMP-002,上海东方酒店,,其他,上海市,上海市,,,王丽,,12345,"));
  EXPECT_THAT(zh.body, HasSubstr("电话：不是有效的手机或座机号码"));
  EXPECT_THAT(zh.body, HasSubstr("价值分类：不是可选的值"));
  EXPECT_THAT(zh.body, HasSubstr("整行：字段数与表头不一致"));

  HttpResponse en = admin.Post("/api/v1/customers/imports/failed-rows", kGoodAndBad,
                               {{"Content-Type", "text/csv"}, {"Accept-Language", "en-US,en;q=0.9"}});
  ASSERT_EQ(en.status, 200);
  EXPECT_THAT(en.body, HasSubstr("code,name,kind,industry,"));
  EXPECT_THAT(en.body, HasSubstr("Phone: is not a valid mobile or landline number"));
  EXPECT_EQ(CustomerCount(admin), 0u) << "a check: nothing written";
  EXPECT_TRUE(admin.Get("/api/v1/customers/imports").Json().at("items").as_array().empty()) << "and nothing kept";

  // The good phone of a failed row comes back guarded against formulas, as every cell starting with +.
  EXPECT_THAT(zh.body, HasSubstr(",'+86 139 0000 1111,"));

  // What comes back, fixed, imports again as it is: the errors column is ours and is skipped, the
  // guard is taken off (the phone is valid again).
  std::string fixed = zh.body;
  fixed.replace(fixed.find(",12345,"), 7, ",13612345678,");
  HttpResponse checked = admin.Post("/api/v1/customers/imports?mode=valid_only&dry_run=true", fixed, kCsv);
  ASSERT_EQ(checked.status, 200) << checked.body;
  // The fixed phone row passes, and so does the short row: in the template's columns it is whole now.
  // The bad value class is still bad.
  EXPECT_EQ(checked.Json().at("valid").as_int64(), 2) << checked.body;
  EXPECT_EQ(checked.Json().at("failed").as_int64(), 1) << checked.body;
  fixed.replace(fixed.find(",Z,"), 3, ",A,");
  HttpResponse imported = admin.Post("/api/v1/customers/imports?mode=all_or_nothing", fixed, kCsv);
  ASSERT_EQ(imported.status, 200) << imported.body;
  EXPECT_EQ(imported.Json().at("valid").as_int64(), 3) << imported.body;
  EXPECT_EQ(CustomerCount(admin), 3u);
}

CONSIGN_API_SUITE(CustomersImportApi);

}  // namespace
}  // namespace consign::apitest
