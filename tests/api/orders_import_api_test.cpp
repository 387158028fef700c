// Issue 9, item 2: orders imported from a file over HTTP, on every backend. A GBK file as Excel saves
// it with one bad row in both modes (all-or-nothing writes nothing; valid-rows writes the good ones,
// priced and allocated as one batch), a row with a wrong column count, a file with a broken encoding,
// an .xlsx, a retry under the same Idempotency-Key that is not stored twice, a portal user's import
// for its own account, and the template.
#include <boost/json.hpp>
#include <gmock/gmock.h>

#include "src/core/testing/make_xlsx.hpp"
#include "tests/api/auth_helpers.hpp"
#include "tests/api/gbk_helpers.hpp"
#include "tests/api/harness.hpp"

namespace consign::apitest {
namespace {

namespace json = boost::json;
using ::testing::HasSubstr;

const Headers kCsv = {{"Content-Type", "text/csv"}};

const std::string kHeader =
    "寄件人,寄件人电话,寄件省,寄件市,寄件区,寄件地址,收件人,收件人电话,收件省,收件市,收件区,收件地址,件数,重量(kg),"
    "产品,客户单号\r\n";
std::string Row(std::string_view reference, std::string_view consignee_phone = "13987654321",
                std::string_view consignee_district = "浦东新区") {
  return "张三,13812345678,广东省,深圳市,南山区,科技园南区1栋101,李四," + std::string(consignee_phone) +
         ",上海市,上海市," + std::string(consignee_district) + ",世纪大道100号2001室,1,2.3,标准快递," +
         std::string(reference) + "\r\n";
}
// Row 3 has a phone that is no phone and a district that does not exist.
const std::string kGoodAndBad = kHeader + Row("PO-1") + Row("PO-2", "12345", "火星区") + Row("PO-3");

json::object Fen(int64_t amount) { return json::object{{"amount_minor", amount}, {"currency", "CNY"}}; }

class OrdersImportApi : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    admin_ = std::make_unique<HttpClient>(LogInAsAdmin(server()));
    HttpResponse c = admin().Post("/api/v1/customers", R"({"name":"顺达电子有限公司"})");
    ASSERT_EQ(c.status, 201) << c.body;
    customer_ = c.Json().at("id").as_int64();
    const json::object carrier{
        {"code", "CHEAP"}, {"name_zh", "廉价快运"}, {"name_en", "Cheap Express"}, {"kind", "subcontracted"},
        {"coverage", json::array{"44", "31"}}, {"products", json::array{"standard"}},
        {"daily_capacity_orders", 100}, {"daily_capacity_grams", 1'000'000'000},
        {"rates", json::array{json::object{{"product", "standard"}, {"zone", "cross_province"}, {"first_grams", 1000},
                                           {"first_price", Fen(900)}, {"step_grams", 1000}, {"step_price", Fen(200)}}}},
        {"transit", json::array{json::object{{"product", "standard"}, {"zone", "cross_province"}, {"hours", 48}}}},
        {"declared", {{"on_time_bp", 9600}, {"damage_bp", 10}, {"scan_completeness_bp", 9700}}}};
    HttpResponse k = admin().Post("/api/v1/carriers", json::serialize(carrier));
    ASSERT_EQ(k.status, 201) << k.body;
    carrier_ = k.Json().at("id").as_int64();
  }
  HttpClient& admin() { return *admin_; }
  std::string Path(std::string_view mode) {
    return "/api/v1/orders/imports?mode=" + std::string(mode) + "&customer_id=" + std::to_string(customer_);
  }
  json::array Orders(HttpClient& client) {
    return client.Get("/api/v1/orders?limit=200&customer_id=" + std::to_string(customer_)).Json().at("items").as_array();
  }

  std::unique_ptr<HttpClient> admin_;
  int64_t customer_ = 0;
  int64_t carrier_ = 0;
};

TEST_P(OrdersImportApi, AllOrNothingWithABadRowWritesNothingAndReportsIt) {
  HttpResponse r = admin().Post(Path("all_or_nothing"), ToGb18030(kGoodAndBad), kCsv);
  ASSERT_EQ(r.status, 422) << r.body;
  const json::value report = r.Json();
  EXPECT_EQ(report.at("encoding").as_string(), "gb18030");
  EXPECT_EQ(report.at("rows").as_int64(), 3);
  EXPECT_EQ(report.at("created").as_int64(), 0);
  EXPECT_EQ(report.at("rejected").as_int64(), 1);
  const json::array& errors = report.at("errors").as_array();
  ASSERT_EQ(errors.size(), 2u) << r.body;
  EXPECT_EQ(errors[0].at("row").as_int64(), 3);
  EXPECT_EQ(errors[0].at("field").as_string(), "consignee_district");
  EXPECT_EQ(errors[0].at("reason").as_string(), "unknown_division");
  EXPECT_EQ(errors[1].at("field").as_string(), "consignee_phone");
  EXPECT_EQ(errors[1].at("reason").as_string(), "invalid_phone");
  EXPECT_THAT(std::string(errors[1].at("message").as_string()), HasSubstr("Row 3"));
  EXPECT_EQ(Orders(admin()).size(), 0u);
}

TEST_P(OrdersImportApi, ValidRowsWritesTheGoodOnesPricedAndAllocatedAsABatch) {
  HttpResponse r = admin().Post(Path("valid_rows"), ToGb18030(kGoodAndBad), kCsv);
  ASSERT_EQ(r.status, 200) << r.body;
  const json::value report = r.Json();
  EXPECT_EQ(report.at("created").as_int64(), 2);
  EXPECT_EQ(report.at("rejected").as_int64(), 1);
  EXPECT_EQ(report.at("allocated").as_int64(), 2);
  EXPECT_EQ(report.at("errors").as_array().size(), 2u);
  const json::array orders = Orders(admin());
  ASSERT_EQ(orders.size(), 2u);
  const int64_t id = orders[0].at("id").as_int64();
  const json::value order = admin().Get("/api/v1/orders/" + std::to_string(id)).Json();
  EXPECT_EQ(order.at("source").as_string(), "import");
  EXPECT_EQ(order.at("status").as_string(), "allocated");
  EXPECT_EQ(order.at("carrier_id").as_int64(), carrier_);
  EXPECT_EQ(order.at("allocation").at("mode").as_string(), "batch");
  EXPECT_EQ(order.at("price").at("amount_minor").as_int64(), 2400) << "2.3 kg standard 跨省, as POST /orders prices it";
  EXPECT_EQ(order.at("consignee").at("division").as_string(), "310115");
  // Capacity taken for both.
  const json::value load = admin().Get("/api/v1/carrier-load?date=" + std::string(order.at("ship_date").as_string())).Json();
  EXPECT_EQ(load.at("items").at(0).at("orders").as_int64(), 2);
}

TEST_P(OrdersImportApi, AWrongColumnCountIsAReportLineNamingTheRow) {
  const std::string file = kHeader + Row("PO-1") + "张三,13812345678,广东省\r\n";
  HttpResponse r = admin().Post(Path("valid_rows"), file, kCsv);
  ASSERT_EQ(r.status, 200) << r.body;
  const json::value report = r.Json();
  const json::array& errors = report.at("errors").as_array();
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].at("row").as_int64(), 3);
  EXPECT_EQ(errors[0].at("field").as_string(), "");
  EXPECT_EQ(errors[0].at("reason").as_string(), "column_count");
  EXPECT_EQ(report.at("created").as_int64(), 1);
}

TEST_P(OrdersImportApi, ABrokenEncodingIsA4xxNamingTheFileAndItsLine) {
  std::string file = ToGb18030(kHeader + Row("PO-1"));
  file += "\x81\x20" "broken\r\n";  // a GB18030 lead byte followed by a space: no character at all
  HttpResponse r = admin().Post(Path("valid_rows"), file, kCsv);
  ASSERT_GE(r.status, 400) << r.body;
  ASSERT_LT(r.status, 500) << r.body;
  const json::value problem = r.Json();
  const json::value& e = problem.at("errors").at(0);
  EXPECT_EQ(e.at("field").as_string(), "file");
  EXPECT_EQ(e.at("reason").as_string(), "bad_encoding");
  EXPECT_THAT(std::string(e.at("message").as_string()), HasSubstr("3"));
  EXPECT_EQ(Orders(admin()).size(), 0u);
}

TEST_P(OrdersImportApi, ARetryUnderTheSameKeyIsNotStoredTwice) {
  const std::string file = kHeader + Row("PO-1") + Row("PO-2");
  Headers headers = kCsv;
  headers.emplace_back("Idempotency-Key", "import-1");
  HttpResponse first = admin().Post(Path("valid_rows"), file, headers);
  ASSERT_EQ(first.status, 200) << first.body;
  HttpResponse again = admin().Post(Path("valid_rows"), file, headers);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.Header("idempotent-replayed"), "true");
  EXPECT_EQ(again.Json().at("import_id"), first.Json().at("import_id"));
  EXPECT_EQ(again.Json().at("created").as_int64(), 2);
  EXPECT_EQ(Orders(admin()).size(), 2u);
  HttpResponse other = admin().Post(Path("valid_rows"), file + Row("PO-3"), headers);
  EXPECT_EQ(other.status, 409) << other.body;
  EXPECT_EQ(Orders(admin()).size(), 2u);
}

TEST_P(OrdersImportApi, AnXlsxWorkbookImportsFromItsFirstSheet) {
  const std::vector<std::string> header = {"寄件人", "寄件人电话", "寄件省", "寄件市", "寄件区", "寄件地址",
                                           "收件人", "收件人电话", "收件省", "收件市", "收件区", "收件地址", "重量(kg)"};
  const std::vector<std::string> row = {"张三", "13812345678", "广东", "深圳", "南山", "科技园1号",
                                        "李四", "13987654321", "上海", "", "浦东新区", "世纪大道1号", "2.3"};
  HttpResponse r = admin().Post(
      Path("all_or_nothing"), testing::MakeXlsx({header, row, row}),
      {{"Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json().at("created").as_int64(), 2);
  EXPECT_TRUE(r.Json().at("encoding").is_null());
}

TEST_P(OrdersImportApi, AHeaderWithoutTheRequiredColumnsIsRefusedNamingThem) {
  HttpResponse r = admin().Post(Path("valid_rows"), "收件人,收件人电话\r\n李四,13987654321\r\n", kCsv);
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_EQ(r.Json().at("errors").at(0).at("field").as_string(), "columns");
}

TEST_P(OrdersImportApi, APortalUserImportsForItsOwnAccountAndStaffMustNameOne) {
  HttpResponse other = admin().Post("/api/v1/customers", R"({"name":"华康医药有限公司"})");
  ASSERT_EQ(other.status, 201);
  CreateUser(admin(), "shunda.portal", "portal", customer_);
  HttpClient portal = LogInAs(server(), "shunda.portal");
  const std::string theirs = "/api/v1/orders/imports?mode=valid_rows&customer_id=" +
                             std::to_string(other.Json().at("id").as_int64());
  HttpResponse r = portal.Post(theirs, kHeader + Row("PO-1"), kCsv);
  ASSERT_EQ(r.status, 200) << r.body;
  const json::array mine = portal.Get("/api/v1/orders").Json().at("items").as_array();
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].at("customer_id").as_int64(), customer_);
  HttpResponse staff = admin().Post("/api/v1/orders/imports", kHeader + Row("PO-1"), kCsv);
  EXPECT_EQ(staff.status, 400) << staff.body;
  EXPECT_EQ(staff.Json().at("errors").at(0).at("field").as_string(), "customer_id");
}

TEST_P(OrdersImportApi, TheTemplateOpensInExcelAsUtf8) {
  HttpResponse r = admin().Get("/api/v1/orders/import-template.csv");
  ASSERT_EQ(r.status, 200);
  EXPECT_THAT(r.Header("content-type").value_or(""), HasSubstr("text/csv"));
  EXPECT_TRUE(r.body.starts_with("\xEF\xBB\xBF")) << "a BOM, so Excel reads UTF-8";
  EXPECT_THAT(r.body, HasSubstr("寄件人,寄件人电话,寄件省"));
  // The template's own example imports.
  HttpResponse imported = admin().Post(Path("all_or_nothing"), r.body, kCsv);
  EXPECT_EQ(imported.status, 200) << imported.body;
}

CONSIGN_API_SUITE(OrdersImportApi);

}  // namespace
}  // namespace consign::apitest
