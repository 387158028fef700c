// Customer exports over HTTP, on every backend (issue 6): masked by default even for an admin; the
// unmasked export as its own permission with a reason, audited with its rows; a large export as a
// background job whose file only its owner downloads; per-user limits (429 + Retry-After); and an
// export that never holds up a concurrent write. The server runs with a tiny threshold
// (--export-async-rows 5) and the test hooks, so a test can hold an export mid-way (<export dir>/hold).
#include <boost/json.hpp>
#include <gmock/gmock.h>
#include <stdlib.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "tests/api/auth_helpers.hpp"
#include "tests/api/harness.hpp"

namespace consign::apitest {
namespace {

namespace json = boost::json;
using ::testing::HasSubstr;
using namespace std::chrono_literals;

const Headers kCsv = {{"Content-Type", "text/csv"}};

// `n` accounts, each with a contact whose phone is 138000000NN.
std::string Accounts(int n) {
  std::string file = "客户编码,客户名称,行业,省,市,联系人,电话,价值分类\r\n";
  for (int i = 1; i <= n; ++i) {
    char phone[16];
    std::snprintf(phone, sizeof phone, "138%08d", i);
    file += "EXP-" + std::to_string(i) + ",导出测试公司" + std::to_string(i) + "号,电子,广东省,深圳市,陈建国," + phone +
            ",A\r\n";
  }
  return file;
}

size_t Lines(const std::string& csv) {
  size_t n = 0;
  for (char c : csv) n += c == '\n';
  return n;
}

class CustomersExportApi : public ApiTest {
 protected:
  ServerOptions ServerOptionsForTest() override {
    char pattern[] = "/tmp/consign-export-test-XXXXXX";
    dir_ = mkdtemp(pattern);
    ServerOptions options;
    options.extra_args = {"--export-dir", dir_.string(), "--export-async-rows", "5", "--export-per-hour", "4"};
    options.env = {{"CONSIGN_TEST_HOOKS", "1"}};
    return options;
  }
  void TearDown() override {
    Release();  // a failed assertion must not leave an export held while the server stops
    ApiTest::TearDown();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  void Import(HttpClient& admin, int n) {
    HttpResponse r = admin.Post("/api/v1/customers/imports?mode=all_or_nothing", Accounts(n), kCsv);
    ASSERT_EQ(r.status, 200) << r.body;
  }
  void Hold() { std::ofstream(dir_ / "hold") << "held by the test"; }
  void Release() {
    std::error_code ignored;
    std::filesystem::remove(dir_ / "hold", ignored);
  }

  // Polls an export until `done` says so (or 30 s pass); returns its last state.
  json::value PollExport(HttpClient& client, const std::string& url,
                         const std::function<bool(const json::value&)>& done) {
    json::value last;
    for (int i = 0; i < 1500; ++i) {
      HttpResponse r = client.Get(url);
      EXPECT_EQ(r.status, 200) << r.body;
      if (r.status != 200) return last;
      last = r.Json();
      if (done(last)) return last;
      std::this_thread::sleep_for(20ms);
    }
    ADD_FAILURE() << "export did not get there: " << json::serialize(last);
    return last;
  }

  std::vector<std::string> ExportAudits() {
    return database().Sql("SELECT after_json FROM audit_log WHERE action = 'export' ORDER BY id");
  }

  std::filesystem::path dir_;
};

TEST_P(CustomersExportApi, IsMaskedByDefaultEvenForAnAdminAndAuditedWithItsRows) {
  HttpClient admin = LogInAsAdmin(server());
  Import(admin, 3);
  HttpResponse csv = admin.Get("/api/v1/customers/export?format=csv");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_THAT(csv.Header("content-type").value_or(""), HasSubstr("text/csv"));
  EXPECT_EQ(Lines(csv.body), 4u);  // header + 3
  EXPECT_THAT(csv.body, HasSubstr("导出测试公司1号"));
  EXPECT_EQ(csv.body.find("13800000001"), std::string::npos) << "an admin's default export is masked";
  EXPECT_THAT(csv.body, HasSubstr("0001"));  // the phone's last four digits only
  EXPECT_EQ(csv.body.find("陈建国"), std::string::npos);

  const auto audits = ExportAudits();
  ASSERT_EQ(audits.size(), 1u);
  const json::value entry = json::parse(audits[0]);
  EXPECT_EQ(entry.at("rows").as_int64(), 3);
  EXPECT_FALSE(entry.at("unmasked").as_bool());

  HttpResponse xlsx = admin.Get("/api/v1/customers/export?format=xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_TRUE(xlsx.body.starts_with("PK"));
  EXPECT_EQ(admin.Get("/api/v1/customers/export?format=pdf").status, 400);
}

TEST_P(CustomersExportApi, UnmaskedIsItsOwnPermissionAndNeedsAReason) {
  HttpClient admin = LogInAsAdmin(server());
  Import(admin, 3);
  CreateUser(admin, "li.sales", "sales");
  CreateUser(admin, "qian.finance", "finance");
  // Sales and finance may export, masked; unmasked is admin's and manager's alone.
  EXPECT_EQ(LogInAs(server(), "li.sales").Get("/api/v1/customers/export?unmasked=true&reason=callback").status, 403);
  HttpClient finance = LogInAs(server(), "qian.finance");
  EXPECT_EQ(finance.Get("/api/v1/customers/export?unmasked=true&reason=callback").status, 403);
  HttpResponse masked = finance.Get("/api/v1/customers/export");
  ASSERT_EQ(masked.status, 200);
  EXPECT_EQ(masked.body.find("13800000001"), std::string::npos);

  HttpResponse no_reason = admin.Get("/api/v1/customers/export?unmasked=true");
  ASSERT_EQ(no_reason.status, 400) << no_reason.body;
  EXPECT_EQ(no_reason.Json().at("errors").at(0).at("field").as_string(), "reason");
  HttpResponse bad_reason = admin.Get("/api/v1/customers/export?unmasked=true&reason=curiosity");
  ASSERT_EQ(bad_reason.status, 400);
  EXPECT_EQ(bad_reason.Json().at("errors").at(0).at("field").as_string(), "reason");
  HttpResponse other = admin.Get("/api/v1/customers/export?unmasked=true&reason=other");
  ASSERT_EQ(other.status, 400);
  EXPECT_EQ(other.Json().at("errors").at(0).at("field").as_string(), "reason_text");
  EXPECT_EQ(admin.Get("/api/v1/customers/export?unmasked=maybe&reason=claim").status, 400);
  EXPECT_EQ(ExportAudits().size(), 1u) << "only finance's masked export so far";

  HttpResponse unmasked = admin.Get("/api/v1/customers/export?unmasked=true&reason=customer_request");
  ASSERT_EQ(unmasked.status, 200) << unmasked.body;
  EXPECT_THAT(unmasked.body, HasSubstr("13800000001"));
  EXPECT_THAT(unmasked.body, HasSubstr("陈建国"));
  const auto audits = ExportAudits();
  ASSERT_EQ(audits.size(), 2u);
  const json::value entry = json::parse(audits[1]);
  EXPECT_EQ(entry.at("rows").as_int64(), 3);
  EXPECT_TRUE(entry.at("unmasked").as_bool());
  EXPECT_EQ(entry.at("reason").as_string(), "customer_request");
  EXPECT_EQ(database().Sql("SELECT entity FROM audit_log WHERE action = 'export' ORDER BY id DESC")[0], "customer");
}

TEST_P(CustomersExportApi, ALargeExportIsAJobWhoseFileOnlyItsOwnerDownloads) {
  HttpClient admin = LogInAsAdmin(server());
  Import(admin, 7);  // more than --export-async-rows 5
  HttpResponse started = admin.Get("/api/v1/customers/export?format=csv");
  ASSERT_EQ(started.status, 202) << started.body;
  const json::value job = started.Json();
  EXPECT_EQ(job.at("total_rows").as_int64(), 7);
  const std::string url(job.at("status_url").as_string());
  EXPECT_EQ(started.Header("location").value_or(""), url);

  const json::value done = PollExport(admin, url, [](const json::value& e) { return e.at("status") != "running"; });
  ASSERT_EQ(done.at("status").as_string(), "done") << json::serialize(done);
  EXPECT_EQ(done.at("rows_written").as_int64(), 7);
  const std::string file_url(done.at("download_url").as_string());
  EXPECT_EQ(file_url, url + "/file");

  HttpResponse file = admin.Get(file_url);
  ASSERT_EQ(file.status, 200) << file.body;
  EXPECT_TRUE(file.body.starts_with("\xEF\xBB\xBF"));
  EXPECT_EQ(Lines(file.body), 8u);
  EXPECT_EQ(file.body.find("13800000007"), std::string::npos);  // masked

  // Another user — even a manager, who may export — cannot tell the export exists.
  CreateUser(admin, "sun.manager", "manager");
  HttpClient manager = LogInAs(server(), "sun.manager");
  EXPECT_EQ(manager.Get(url).status, 404);
  EXPECT_EQ(manager.Get(file_url).status, 404);
  EXPECT_EQ(admin.Get("/api/v1/customers/exports/999999").status, 404);

  const auto audits = ExportAudits();
  ASSERT_EQ(audits.size(), 1u);
  EXPECT_EQ(json::parse(audits[0]).at("rows").as_int64(), 7);
}

TEST_P(CustomersExportApi, AUserIsLimitedToOneRunningExportAndAFewPerHour) {
  HttpClient admin = LogInAsAdmin(server());
  Import(admin, 7);
  Hold();
  HttpResponse large = admin.Get("/api/v1/customers/export");
  ASSERT_EQ(large.status, 202) << large.body;
  HttpResponse second = admin.Get("/api/v1/customers/export?kind=individual");
  ASSERT_EQ(second.status, 429) << second.body;
  EXPECT_GT(std::stoi(second.Header("retry-after").value_or("0")), 0);
  Release();
  const std::string url(large.Json().at("status_url").as_string());
  PollExport(admin, url, [](const json::value& e) { return e.at("status") != "running"; });

  // --export-per-hour 4: the large one and three more; the fifth waits for the hour to pass.
  for (int i = 0; i < 3; ++i) ASSERT_EQ(admin.Get("/api/v1/customers/export?limit=1&kind=individual").status, 200);
  HttpResponse fifth = admin.Get("/api/v1/customers/export?kind=individual");
  ASSERT_EQ(fifth.status, 429) << fifth.body;
  const int wait = std::stoi(fifth.Header("retry-after").value_or("0"));
  EXPECT_GT(wait, 0);
  EXPECT_LE(wait, 3600);
  // The limit is the user's: another user exports.
  CreateUser(admin, "sun.manager", "manager");
  EXPECT_EQ(LogInAs(server(), "sun.manager").Get("/api/v1/customers/export?kind=individual").status, 200);
}

TEST_P(CustomersExportApi, AWriteCompletesWhileAnExportIsRunning) {
  HttpClient admin = LogInAsAdmin(server());
  Import(admin, 3);
  const json::value list = admin.Get("/api/v1/customers?limit=1").Json();
  const int64_t id = list.at("items").at(0).at("id").as_int64();
  const std::string path = "/api/v1/customers/" + std::to_string(id);

  // An export answered at once, held after its first page: its read transaction is open.
  Hold();
  std::atomic<bool> export_finished{false};
  long export_status = 0;
  std::thread exporter([&] {
    HttpClient client = LogInAs(server(), "admin", kAdminPassword);
    export_status = client.Get("/api/v1/customers/export").status;
    export_finished = true;
  });
  // Wait until the export has started (its row exists), then write beside it.
  for (int i = 0; i < 500 && database().Sql("SELECT id FROM customer_exports").empty(); ++i)
    std::this_thread::sleep_for(10ms);
  const std::string etag = admin.Get(path).Header("etag").value_or("");
  HttpResponse patched = admin.Patch(path, R"({"name":"导出期间改名公司"})", {{"If-Match", etag}});
  EXPECT_EQ(patched.status, 200) << patched.body;
  HttpResponse created = admin.Post("/api/v1/customers", R"({"name":"导出期间新建公司"})");
  EXPECT_EQ(created.status, 201) << created.body;
  EXPECT_FALSE(export_finished.load()) << "the writes must have completed while the export was still running";
  Release();
  exporter.join();
  EXPECT_EQ(export_status, 200);

  // The same for a background export.
  for (int i = 0; i < 4; ++i) ASSERT_EQ(admin.Post("/api/v1/customers", R"({"name":"再来一家公司"})").status, 201);
  Hold();
  HttpResponse started = admin.Get("/api/v1/customers/export?status=all");
  ASSERT_EQ(started.status, 202) << started.body;
  const std::string url(started.Json().at("status_url").as_string());
  PollExport(admin, url, [](const json::value& e) { return e.at("rows_written").as_int64() > 0; });
  const std::string etag2 = admin.Get(path).Header("etag").value_or("");
  HttpResponse again = admin.Patch(path, R"({"name":"后台导出期间改名"})", {{"If-Match", etag2}});
  EXPECT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(admin.Get(url).Json().at("status").as_string(), "running");
  Release();
  const json::value done = PollExport(admin, url, [](const json::value& e) { return e.at("status") != "running"; });
  EXPECT_EQ(done.at("status").as_string(), "done");
}

CONSIGN_API_SUITE(CustomersExportApi);

}  // namespace
}  // namespace consign::apitest
