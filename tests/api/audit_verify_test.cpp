// The audit trail against someone editing the database behind the server's back: `consign audit
// verify` names the altered entry. On every backend.
#include <boost/json.hpp>

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

CONSIGN_API_SUITE(AuditVerify);

}  // namespace
}  // namespace consign::apitest
