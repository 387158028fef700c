// The server behind PgBouncer in transaction mode (scripts/pg-test-cluster.sh pgbouncer: few server
// connections for any number of clients), unchanged but for `prepared_statements=off` in its URL.
// Several nodes share one database and many clients write, read, list and import at once, so each
// node's transactions run on server connections that other nodes' transactions used a moment before:
// anything kept in a server session (prepared statements, SET TimeZone) would break here.
//
// Only on the "pgbouncer" backend: the same work on SQLite and on PostgreSQL directly is what the
// customers, import and auth suites already cover.
#include <boost/json.hpp>
#include <gmock/gmock.h>

#include <atomic>
#include <memory>
#include <thread>

#include "tests/api/auth_helpers.hpp"
#include "tests/api/harness.hpp"

namespace consign::apitest {
namespace {

namespace json = boost::json;

class PgBouncerApi : public ApiTest {
 protected:
  ServerOptions ServerOptionsForTest() override {
    ServerOptions options;
    // A request pool smaller than the workers: requests wait for connections, and those that wait
    // for their audit entry leave the entry's writer its own (background) connection.
    options.extra_args = {"--worker-threads", "6", "--db-pool-size", "3"};
    return options;
  }

  size_t Rows(const std::string& sql) { return database().Sql(sql).size(); }

  static size_t ForDatabase(const std::vector<std::map<std::string, std::string>>& rows, const std::string& name) {
    size_t n = 0;
    for (const auto& row : rows) n += row.count("database") && row.at("database") == name;
    return n;
  }
};

TEST_P(PgBouncerApi, SeveralNodesServeConcurrentClientsThroughTransactionPooling) {
  std::vector<std::unique_ptr<ConsignServer>> others;
  for (int i = 0; i < 2; ++i) others.push_back(std::make_unique<ConsignServer>(database().url(), ServerOptionsForTest()));
  std::vector<const ConsignServer*> nodes{&server()};
  for (const auto& other : others) nodes.push_back(other.get());

  HttpClient admin = LogInAsAdmin(server());
  const std::string token =
      std::string(admin.Post("/api/v1/auth/login", LoginBody("admin", kAdminPassword)).Json().at("token").as_string());

  constexpr int kClients = 12, kEach = 5;
  std::atomic<int> unexpected{0};
  std::vector<std::thread> clients;
  for (int t = 0; t < kClients; ++t) {
    clients.emplace_back([&, t] {
      HttpClient client = nodes[t % nodes.size()]->Client();  // the session works on every node
      client.SetDefaultHeader("Authorization", "Bearer " + token);
      auto expect = [&](const HttpResponse& r, long status, const char* what) {
        if (r.status == status) return true;
        ++unexpected;
        ADD_FAILURE() << what << " answered " << r.status << ": " << r.body.substr(0, 400);
        return false;
      };
      for (int i = 0; i < kEach; ++i) {
        const std::string code = "PGB-" + std::to_string(t) + "-" + std::to_string(i);
        const json::object body{
            {"code", code},
            {"name", "顺达物流" + std::to_string(t) + "号" + std::to_string(i)},
            {"kind", "organization"},
            {"contacts", json::array{json::object{{"name", "陈建国"}, {"phone", "138" + std::to_string(10000000 + t * 100 + i)},
                                                  {"is_primary", true}},
                                     json::object{{"name", "刘秘书"}, {"phone", "13900001111"}}}},
            {"addresses", json::array{json::object{{"kind", "pickup"}, {"province", "广东省"}, {"city", "深圳市"}}}}};
        HttpResponse created =
            client.Post("/api/v1/customers", json::serialize(body), {{"Idempotency-Key", code}});
        if (!expect(created, 201, "create")) continue;
        const std::string path = "/api/v1/customers/" + std::to_string(created.Json().at("id").as_int64());
        expect(client.Get(path), 200, "read");
        // One reveal per client (its audit entry and the per-user count, shared by the nodes, in the
        // database): 12 in all, under the limit of one user.
        if (i == 0)
          expect(client.Post(path + "/reveal", json::serialize(json::object{
                                                   {"field", "contact.phone"},
                                                   {"contact_id", created.Json().at("contacts").at(0).at("id")},
                                                   {"reason", "callback"}})),
                 200, "reveal");
        // Dynamic filters (an unprepared statement) and the primary contacts of the page (an IN list).
        HttpResponse list = client.Get("/api/v1/customers?kind=organization&sort=-created_at&limit=5");
        if (expect(list, 200, "list")) {
          if (list.Json().at("items").as_array().empty()) ++unexpected;
        }
        HttpResponse edited = client.Patch(path, R"({"name":"顺达物流改名)" + std::to_string(t) + "-" + std::to_string(i) + "\"}",
                                           {{"If-Match", "\"1\""}});
        expect(edited, 200, "edit");
      }
    });
  }
  for (auto& c : clients) c.join();
  EXPECT_EQ(unexpected.load(), 0);

  EXPECT_EQ(Rows("SELECT id FROM customers WHERE code LIKE 'PGB-%'"), static_cast<size_t>(kClients * kEach));
  EXPECT_EQ(Rows("SELECT id FROM customers WHERE version = 2"), static_cast<size_t>(kClients * kEach));
  EXPECT_EQ(Rows("SELECT id FROM customer_contacts"), static_cast<size_t>(2 * kClients * kEach));
  EXPECT_EQ(Rows("SELECT id FROM audit_log WHERE action = 'pii.reveal'"), static_cast<size_t>(kClients));
  EXPECT_EQ(database().Sql("SELECT attempts FROM reveal_throttle"), std::vector<std::string>{std::to_string(kClients)})
      << "one count for the user, whichever node answered";
  // Every instant went in and came out as UTC, whichever server connection carried it.
  EXPECT_EQ(Rows("SELECT id FROM customers WHERE created_at <> TIMESTAMPTZ '2026-11-22 08:00:00+00'"), 0u);
  CommandResult verify = RunConsign({"audit", "verify", "--db", database().url()});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;

  // The nodes' connections outnumber PgBouncer's server connections to this database: transactions
  // of different clients ran on the same server connection.
  const size_t client_connections = ForDatabase(PgBouncerShow("CLIENTS"), database().pg_name());
  const size_t server_connections = ForDatabase(PgBouncerShow("SERVERS"), database().pg_name());
  EXPECT_GT(client_connections, server_connections) << "nodes' connections to PgBouncer vs its server connections";
  for (const auto& pool : PgBouncerShow("POOLS")) {
    if (pool.at("database") != database().pg_name()) continue;
    EXPECT_EQ(pool.at("pool_mode"), "transaction");
  }
}

TEST_P(PgBouncerApi, BulkImportAndMigrationsOfARestartedNodeWorkThere) {
  HttpClient admin = LogInAsAdmin(server());
  std::string csv = "客户编码,客户名称,行业,省,市,联系人,电话\r\n";
  constexpr int kRows = 600;  // more than one batch of the duplicate-code check
  for (int i = 0; i < kRows; ++i)
    csv += "BLK-" + std::to_string(i) + ",杭州西湖服饰" + std::to_string(i) + "号,服装,浙江省,杭州市,王丽,139" +
           std::to_string(10000000 + i) + "\r\n";
  const Headers kCsv = {{"Content-Type", "text/csv"}};
  HttpResponse imported = admin.Post("/api/v1/customers/imports?mode=valid_only", csv, kCsv);
  ASSERT_EQ(imported.status, 200) << imported.body;
  EXPECT_EQ(imported.Json().at("imported").as_int64(), kRows);

  // Migrations run again at start (nothing left to do) under their transaction-scoped lock.
  RestartServer();
  HttpClient again = LogInAs(server(), "admin", kAdminPassword);
  HttpResponse twice = again.Post("/api/v1/customers/imports?mode=valid_only", csv, kCsv);
  ASSERT_EQ(twice.status, 200) << twice.body;
  EXPECT_EQ(twice.Json().at("imported").as_int64(), 0);
  EXPECT_EQ(twice.Json().at("errors").as_array().size(), static_cast<size_t>(kRows));
  EXPECT_EQ(Rows("SELECT id FROM customers"), static_cast<size_t>(kRows));
  HttpResponse found = again.Get("/api/v1/customers?q=BLK-599");
  ASSERT_EQ(found.status, 200) << found.body;
  EXPECT_EQ(found.Json().at("items").as_array().size(), 1u);
}

CONSIGN_API_SUITE_PGBOUNCER(PgBouncerApi);

}  // namespace
}  // namespace consign::apitest
