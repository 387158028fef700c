// The audit trail against someone editing the database behind the server's back: `consign audit
// verify` names the altered entry, and entries cut off the end — through the chain heads in the
// database, and through the anchor file outside it when the heads were rewound too. On every backend.
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/api/auth_helpers.hpp"
#include "tests/api/harness.hpp"

namespace consign::apitest {
namespace {

class AuditVerify : public ApiTest {};

TEST_P(AuditVerify, NamesTheEntryEditedBehindTheServersBack) {
  HttpClient admin = LogInAsAdmin(server());
  const int64_t user_id = CreateUser(admin, "li.na", "sales");
  ASSERT_EQ(admin.Patch("/api/v1/users/" + std::to_string(user_id), R"({"role":"agent"})").status, 200);
  CreateUser(admin, "zhang.wei", "finance");

  CommandResult intact = RunConsign({"audit", "verify", "--db", database().url()});
  EXPECT_EQ(intact.exit_code, 0) << intact.err;
  EXPECT_NE(intact.out.find("audit trail intact: "), std::string::npos) << intact.out;

  // The history of the user through the API: the role change, then the creation.
  HttpResponse history = admin.Get("/api/v1/audit?entity=user&entity_id=" + std::to_string(user_id));
  ASSERT_EQ(history.status, 200) << history.body;
  const boost::json::value history_json = history.Json();
  const auto& items = history_json.at("items").as_array();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].at("action").as_string(), "user.update");
  EXPECT_EQ(items[0].at("before").at("role").as_string(), "sales");
  EXPECT_EQ(items[0].at("after").at("role").as_string(), "agent");
  EXPECT_EQ(items[0].at("actor").at("login").as_string(), "admin");
  const int64_t entry = items[0].at("id").as_int64();

  // The trigger refuses a plain UPDATE...
  EXPECT_THROW(database().Sql("UPDATE audit_log SET after_json = '{\"role\":\"admin\"}' WHERE id = " +
                              std::to_string(entry)),
               std::runtime_error);
  // ...so the tamperer drops it first.
  database().Sql(database().backend() == "postgres" ? "DROP TRIGGER audit_log_no_update ON audit_log"
                                                    : "DROP TRIGGER audit_log_no_update");
  database().Sql("UPDATE audit_log SET after_json = '{\"role\":\"admin\"}' WHERE id = " + std::to_string(entry));

  CommandResult broken = RunConsign({"audit", "verify", "--db", database().url()});
  EXPECT_EQ(broken.exit_code, 1) << broken.out << broken.err;
  EXPECT_NE(broken.out.find("audit trail broken at entry " + std::to_string(entry) + ": hash mismatch"),
            std::string::npos)
      << broken.out;
}

TEST_P(AuditVerify, NamesEntriesCutOffTheEndEvenWhenTheHeadWasRewound) {
  HttpClient admin = LogInAsAdmin(server());
  CreateUser(admin, "li.na", "sales");
  CreateUser(admin, "zhang.wei", "finance");
  CreateUser(admin, "wang.fang", "agent");

  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("consign-anchor-" + std::to_string(::getpid()) + "-" + GetParam());
  std::filesystem::create_directories(dir);
  const std::string anchor = (dir / "audit.anchor").string();
  const std::vector<std::string> verify = {"audit", "verify", "--db", database().url()};
  std::vector<std::string> verify_anchored = verify;
  verify_anchored.insert(verify_anchored.end(), {"--anchor", anchor});

  CommandResult intact = RunConsign(verify_anchored);
  ASSERT_EQ(intact.exit_code, 0) << intact.out << intact.err;
  EXPECT_NE(intact.out.find("audit trail intact: "), std::string::npos) << intact.out;
  std::ifstream anchor_file(anchor);
  std::stringstream anchor_text;
  anchor_text << anchor_file.rdbuf();
  EXPECT_EQ(anchor_text.str().rfind("consign-audit-anchor-v1\n", 0), 0u) << anchor_text.str();

  // The newest entry (the last user's creation) and the chain it ended.
  const int64_t last = std::stoll(database().Sql("SELECT MAX(id) FROM audit_log")[0]);
  const std::string chain = database().Sql("SELECT chain FROM audit_log WHERE id = " + std::to_string(last))[0];
  const std::string seq = database().Sql("SELECT seq FROM audit_log WHERE id = " + std::to_string(last))[0];
  const std::string kept = database().Sql("SELECT id FROM audit_log WHERE chain = " + chain + " AND seq = " +
                                          std::to_string(std::stoll(seq) - 1))[0];
  const bool pg = database().backend() == "postgres";
  EXPECT_THROW(database().Sql("DELETE FROM audit_log WHERE id = " + std::to_string(last)), std::runtime_error);
  database().Sql(pg ? "DROP TRIGGER audit_log_no_delete ON audit_log" : "DROP TRIGGER audit_log_no_delete");
  database().Sql("DELETE FROM audit_log WHERE id = " + std::to_string(last));

  // What is left is a valid chain; its head still knows where it ended.
  CommandResult cut = RunConsign(verify);
  EXPECT_EQ(cut.exit_code, 1) << cut.out << cut.err;
  EXPECT_NE(cut.out.find("audit trail cut off at the end of chain " + chain + ": 1 entry missing after entry " +
                         kept + " (chain positions " + seq + " to " + seq + "; the head records " + seq + ")"),
            std::string::npos)
      << cut.out;

  // The tamperer moves the head back as well: the database alone can no longer tell...
  database().Sql(pg ? "DROP TRIGGER audit_heads_forward_only ON audit_heads" : "DROP TRIGGER audit_heads_forward_only");
  database().Sql("UPDATE audit_heads SET seq = seq - 1, hash = (SELECT hash FROM audit_log WHERE id = " + kept +
                 ") WHERE chain = " + chain);
  CommandResult fooled = RunConsign(verify);
  EXPECT_EQ(fooled.exit_code, 0) << fooled.out << fooled.err;

  // ...but the anchor outside it can.
  CommandResult anchored = RunConsign(verify_anchored);
  EXPECT_EQ(anchored.exit_code, 1) << anchored.out << anchored.err;
  EXPECT_NE(anchored.out.find("audit trail cut off at the end of chain " + chain + ": 1 entry missing after entry " +
                              kept + " (chain positions " + seq + " to " + seq + "; the anchor records " + seq + ")"),
            std::string::npos)
      << anchored.out;
  std::filesystem::remove_all(dir);
}

TEST_P(AuditVerify, AuditListNeedsAuditRead) {
  HttpClient admin = LogInAsAdmin(server());
  CreateUser(admin, "li.na", "sales");
  HttpClient sales = LogInAs(server(), "li.na");
  EXPECT_EQ(sales.Get("/api/v1/audit?entity=user&entity_id=1").status, 403);
  EXPECT_EQ(admin.Get("/api/v1/audit?limit=0").status, 400);
  EXPECT_EQ(admin.Get("/api/v1/audit?entity_id=1").status, 400);
  HttpResponse page = admin.Get("/api/v1/audit?limit=1");
  ASSERT_EQ(page.status, 200);
  EXPECT_FALSE(page.Json().at("next_cursor").is_null());
}

// Found when tried: GET /api/v1/audit showed before/after with full phones to an API key scoped only
// to audit:read. Now snapshots are masked for every caller, an admin (who holds pii.view) included:
// a value is seen only by revealing it, one field with a reason.
TEST_P(AuditVerify, SnapshotsAreMaskedForEveryCallerAdminsIncluded) {
  HttpClient admin = LogInAsAdmin(server());
  HttpResponse created = admin.Post(
      "/api/v1/customers",
      R"({"name":"顺达电子有限公司","contacts":[{"name":"王建国","role":"decision_maker","phone":"13812345678","email":"wang.jianguo@example.cn"}],)"
      R"("addresses":[{"kind":"delivery","province":"广东省","city":"深圳市","district":"南山区","street":"科技园南路88号"}]})");
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = std::to_string(created.Json().at("id").as_int64());

  HttpResponse key = admin.Post("/api/v1/api-keys", R"({"name":"auditor","scopes":["audit:read"]})");
  ASSERT_EQ(key.status, 201) << key.body;
  HttpClient auditor = server().Client();
  auditor.SetDefaultHeader("Authorization", "Bearer " + std::string(key.Json().at("key").as_string()));
  for (HttpClient* reader : {&auditor, &admin}) {
    HttpResponse masked = reader->Get("/api/v1/audit?entity=customer&entity_id=" + id);
    ASSERT_EQ(masked.status, 200) << masked.body;
    EXPECT_EQ(masked.body.find("13812345678"), std::string::npos) << masked.body;
    EXPECT_EQ(masked.body.find("王建国"), std::string::npos);
    EXPECT_EQ(masked.body.find("wang.jianguo@example.cn"), std::string::npos);
    EXPECT_EQ(masked.body.find("科技园南路88号"), std::string::npos);
    EXPECT_NE(masked.body.find("5678"), std::string::npos) << "the tail of the phone stays";
    EXPECT_NE(masked.body.find("顺达电子有限公司"), std::string::npos) << "an organisation's name is not personal data";
  }
}

CONSIGN_API_SUITE(AuditVerify);

}  // namespace
}  // namespace consign::apitest
