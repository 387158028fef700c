// Saved list views over HTTP on every backend: each user's own, validated, never another's.
#include <boost/json.hpp>

#include "tests/api/auth_helpers.hpp"
#include "tests/api/harness.hpp"

namespace consign::apitest {
namespace {

namespace json = boost::json;

class SavedViewsApi : public ApiTest {};

const char* kView = R"({"resource":"customers","name":"深圳A类客户","query":{"city":"深圳市","value_class":"A"}})";

TEST_P(SavedViewsApi, SaveListAndDeleteOwnView) {
  HttpClient admin = LogInAsAdmin(server());
  CreateUser(admin, "li.na", "sales");
  HttpClient sales = LogInAs(server(), "li.na");

  HttpResponse created = sales.Post("/api/v1/saved-views", kView);
  ASSERT_EQ(created.status, 201) << created.body;
  const int64_t id = created.Json().at("id").as_int64();
  EXPECT_EQ(created.Json().at("query").at("city").as_string(), "深圳市");

  HttpResponse list = sales.Get("/api/v1/saved-views?resource=customers");
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(list.Json().at("items").as_array().size(), 1u);
  EXPECT_EQ(list.Json().at("items").at(0).at("name").as_string(), "深圳A类客户");

  HttpResponse again = sales.Post("/api/v1/saved-views", kView);
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(again.Json().at("errors").at(0).at("field").as_string(), "name");

  EXPECT_EQ(sales.Delete("/api/v1/saved-views/" + std::to_string(id)).status, 204);
  EXPECT_TRUE(sales.Get("/api/v1/saved-views").Json().at("items").as_array().empty());
  EXPECT_EQ(sales.Delete("/api/v1/saved-views/" + std::to_string(id)).status, 404);
}

TEST_P(SavedViewsApi, TheOrdersListKeepsItsOwnViews) {
  HttpClient admin = LogInAsAdmin(server());
  HttpResponse created =
      admin.Post("/api/v1/saved-views", R"({"resource":"orders","name":"今天待分配","query":{"status":"pending"}})");
  ASSERT_EQ(created.status, 201) << created.body;
  const json::value orders = admin.Get("/api/v1/saved-views?resource=orders").Json();
  ASSERT_EQ(orders.at("items").as_array().size(), 1u);
  EXPECT_EQ(orders.at("items").at(0).at("query").at("status").as_string(), "pending");
  EXPECT_TRUE(admin.Get("/api/v1/saved-views?resource=customers").Json().at("items").as_array().empty());
}

TEST_P(SavedViewsApi, AnotherUsersViewIsInvisibleAndCannotBeDeleted) {
  HttpClient admin = LogInAsAdmin(server());
  CreateUser(admin, "li.na", "sales");
  CreateUser(admin, "wang.fang", "agent");
  HttpClient owner = LogInAs(server(), "li.na");
  HttpClient other = LogInAs(server(), "wang.fang");
  HttpResponse created = owner.Post("/api/v1/saved-views", kView);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string path = "/api/v1/saved-views/" + std::to_string(created.Json().at("id").as_int64());

  EXPECT_TRUE(other.Get("/api/v1/saved-views").Json().at("items").as_array().empty());
  EXPECT_EQ(other.Delete(path).status, 404);
  EXPECT_EQ(owner.Get("/api/v1/saved-views").Json().at("items").as_array().size(), 1u);
}

TEST_P(SavedViewsApi, BadInputNamesTheField) {
  HttpClient admin = LogInAsAdmin(server());
  HttpResponse r = admin.Post("/api/v1/saved-views", R"({"resource":"ships","name":"","query":{}})");
  ASSERT_EQ(r.status, 400) << r.body;
  const json::value problem = r.Json();
  const json::array& errors = problem.at("errors").as_array();
  ASSERT_GE(errors.size(), 2u);
  EXPECT_EQ(errors[0].at("field").as_string(), "resource");
  EXPECT_EQ(errors[0].at("reason").as_string(), "invalid_enum");

  HttpResponse no_query = admin.Post("/api/v1/saved-views", R"({"resource":"customers","name":"x"})");
  ASSERT_EQ(no_query.status, 400) << no_query.body;
  EXPECT_EQ(no_query.Json().at("errors").at(0).at("field").as_string(), "query");

  HttpResponse not_json = admin.Post("/api/v1/saved-views", R"({"resource":)");
  EXPECT_EQ(not_json.status, 400) << not_json.body;
  EXPECT_EQ(admin.Delete("/api/v1/saved-views/abc").status, 404);
}

TEST_P(SavedViewsApi, AViewNameWithControlCharactersOrAnUnknownFieldIsRefused) {
  HttpClient admin = LogInAsAdmin(server());
  HttpResponse lines = admin.Post("/api/v1/saved-views", R"({"resource":"customers","name":"我的\n视图","query":{}})");
  ASSERT_EQ(lines.status, 400) << lines.body;
  EXPECT_EQ(lines.Json().at("errors").at(0).at("field").as_string(), "name");
  EXPECT_EQ(lines.Json().at("errors").at(0).at("reason").as_string(), "invalid_characters");
  HttpResponse unknown =
      admin.Post("/api/v1/saved-views", R"({"resource":"customers","name":"我的视图","query":{},"shared":true})");
  ASSERT_EQ(unknown.status, 400) << unknown.body;
  EXPECT_EQ(unknown.Json().at("errors").at(0).at("field").as_string(), "shared");
  EXPECT_EQ(unknown.Json().at("errors").at(0).at("reason").as_string(), "unknown_field");
  HttpResponse filter =
      admin.Post("/api/v1/saved-views", R"({"resource":"customers","name":"我的视图","query":{"q":"顺达\u202e"}})");
  ASSERT_EQ(filter.status, 400) << filter.body;
  EXPECT_EQ(filter.Json().at("errors").at(0).at("field").as_string(), "query.q");
  EXPECT_EQ(filter.Json().at("errors").at(0).at("reason").as_string(), "invalid_characters");
  EXPECT_TRUE(admin.Get("/api/v1/saved-views?resource=customers").Json().at("items").as_array().empty());
}

TEST_P(SavedViewsApi, AnonymousIs401) {
  EXPECT_EQ(server().Client().Get("/api/v1/saved-views").status, 401);
}

CONSIGN_API_SUITE(SavedViewsApi);

}  // namespace
}  // namespace consign::apitest
