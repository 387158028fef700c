// Issue 10, items 1, 2 and 5 over HTTP on every backend: a carrier pushes scans with its own key; each
// event is stored once, a bad one is named by its index while the good ones of the batch are kept, an
// unknown code and an event from the future are refused, an event for a waybill with no order waits in
// quarantine and attaches itself when the order exists, another carrier's key cannot report on this
// carrier's orders; the status comes from event time, not arrival; the first scan makes the order
// picked up; the public page answers without a login and with no personal data.
#include <signal.h>
#include <time.h>

#include <boost/json.hpp>
#include <chrono>
#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "core/clock.hpp"
#include "modules/orders/waybill.hpp"
#include "tests/api/auth_helpers.hpp"
#include "tests/api/harness.hpp"
#include "tests/api/tracking_helpers.hpp"

namespace consign::apitest {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

class TrackingApi : public ApiTest {
 protected:
  ServerOptions ServerOptionsForTest() override {
    ServerOptions o;
    o.fake_now = fake_now_;
    o.extra_args = {"--track-per-minute", "5"};
    return o;
  }
  std::string fake_now_{kFakeNow};

  void SetUp() override {
    ApiTest::SetUp();
    admin_ = std::make_unique<HttpClient>(LogInAsAdmin(server()));
    HttpResponse customer = admin().Post("/api/v1/customers", R"({"name":"顺达电子有限公司"})");
    ASSERT_EQ(customer.status, 201) << customer.body;
    customer_ = customer.Json().at("id").as_int64();
    carrier_ = Carrier("TRK");
    key_ = KeyOf(carrier_);
  }
  HttpClient& admin() { return *admin_; }

  int64_t Carrier(std::string_view code) {
    HttpResponse r = admin().Post("/api/v1/carriers", json::serialize(CarrierBody(code)));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? r.Json().at("id").as_int64() : 0;
  }
  std::string KeyOf(int64_t carrier) {
    HttpResponse r = admin().Post("/api/v1/carriers/" + std::to_string(carrier) + "/api-keys", R"({"label":"scans"})");
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? std::string(r.Json().at("key").as_string()) : "";
  }
  // A new order, allocated to the only carrier that covers it; its waybill number.
  std::string Order() {
    HttpResponse r = admin().Post("/api/v1/orders", json::serialize(OrderBody(customer_)));
    EXPECT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(r.Json().at("status").as_string(), "allocated") << r.body;
    return std::string(r.Json().at("waybill").as_string());
  }
  // The exceptions the dispatcher's queue lists (state: open, resolved or all), polled for a few
  // seconds until at least `at_least` are there: the checker is a background job.
  json::array Exceptions(const std::string& query, size_t at_least = 0) {
    json::array items;
    for (int i = 0; i < 50; ++i) {
      HttpResponse r = admin().Get("/api/v1/exceptions" + query);
      EXPECT_EQ(r.status, 200) << r.body;
      items = r.Json().at("items").as_array();
      if (items.size() >= at_least) break;
      std::this_thread::sleep_for(200ms);
    }
    return items;
  }
  HttpResponse Push(const json::array& events, const std::string& key) {
    HttpClient carrier = server().Client();
    return carrier.Post("/api/v1/scans", json::serialize(events), {{"X-Carrier-Key", key}});
  }
  json::object Tracking(const std::string& waybill) {
    HttpResponse r = admin().Get("/api/v1/orders/" + waybill + "/tracking");
    EXPECT_EQ(r.status, 200) << r.body;
    return r.Json().as_object();
  }

  std::unique_ptr<HttpClient> admin_;
  int64_t customer_ = 0, carrier_ = 0;
  std::string key_;
};

std::vector<std::tuple<int64_t, std::string, std::string>> Rejected(const json::value& report) {
  std::vector<std::tuple<int64_t, std::string, std::string>> out;
  for (const json::value& r : report.at("rejected").as_array())
    out.emplace_back(r.at("index").as_int64(), std::string(r.at("field").as_string()),
                     std::string(r.at("reason").as_string()));
  return out;
}

TEST_P(TrackingApi, ABatchKeepsItsGoodEventsOnceAndNamesEachBadOne) {
  const std::string waybill = Order();
  const int64_t serial = *orders::ParseWaybill(waybill);
  const auto now = ServerNow();
  const json::array events = {
      Scan(waybill, "103", now - 5h, "e1", "深圳南山营业部"),
      Scan(waybill, "ARRIVE", now - 3h, "e2", "深圳转运中心"),
      Scan(waybill, "103", now - 5h, "e1", "深圳南山营业部"),  // the same event again
      Scan(waybill, "XYZ", now - 2h, "e3"),                     // a code nobody mapped
      Scan(waybill, "DEPART", now + 1h, "e4"),                  // from the future
      Scan(orders::FormatWaybill(serial + 1000), "103", now - 1h, "q1"),  // no such order yet
      json::object{{"waybill", waybill}},                                 // no code, no time
  };
  HttpResponse r = Push(events, key_);
  ASSERT_EQ(r.status, 200) << r.body;
  const json::value report = r.Json();
  EXPECT_EQ(report.at("received").as_int64(), 7);
  EXPECT_EQ(report.at("stored").as_int64(), 2);
  EXPECT_EQ(report.at("duplicates").as_int64(), 1);
  EXPECT_EQ(report.at("quarantined").as_int64(), 1);
  const std::vector<std::tuple<int64_t, std::string, std::string>> expected = {
      {3, "events[3].code", "unknown_code"},
      {4, "events[4].at", "in_future"},
      {6, "events[6].code", "required"},
      {6, "events[6].time", "required"}};
  EXPECT_EQ(Rejected(report), expected);

  // The same batch again stores nothing new.
  const json::value again = Push(events, key_).Json();
  EXPECT_EQ(again.at("stored").as_int64(), 0);
  EXPECT_EQ(again.at("duplicates").as_int64(), 4);

  const json::object tracking = Tracking(waybill);
  EXPECT_EQ(tracking.at("status").as_string(), "in_transit");
  EXPECT_EQ(tracking.at("last_place").as_string(), "深圳转运中心");
  EXPECT_EQ(tracking.at("timeline").as_array().size(), 2u);
  EXPECT_EQ(tracking.at("eta").at("basis").as_string(), "promise");
  // The first scan made the order picked up: it can no longer be cancelled.
  EXPECT_EQ(admin().Get("/api/v1/orders/" + waybill).Json().at("status").as_string(), "picked_up");
  EXPECT_GE(admin().Post("/api/v1/orders/" + waybill + "/cancel", "{}").status, 400);
}

// The usual event is read by a plain one-pass reader (tracking_http.cpp, ReadPlainScan); anything unusual
// by the checked reader, which names each mistake. Both must agree on what is kept and what is refused.
TEST_P(TrackingApi, EveryEventIsReadAlikeWhateverItsShape) {
  const std::string waybill = Order();
  const auto now = ServerNow();
  json::object nulls = Scan(waybill, "ARRIVE", now - 4h, "n1", "深圳转运中心");
  nulls["reason"] = nullptr;
  nulls["signer"] = nullptr;
  nulls["source"] = "poll";
  json::object unknown = Scan(waybill, "ARRIVE", now - 4h, "u1");
  unknown["colour"] = "red";
  json::object wrong_type = Scan(waybill, "ARRIVE", now - 4h, "w1");
  wrong_type["place"] = 12;
  json::object too_long = Scan(waybill, "ARRIVE", now - 4h, "l1");
  too_long["division"] = "4403051234567";
  json::object control = Scan(waybill, "ARRIVE", now - 4h, "c1");
  control["place"] = "深圳\n转运中心";
  json::object bad_source = Scan(waybill, "ARRIVE", now - 4h, "s1");
  bad_source["source"] = "fax";
  json::object null_code = Scan(waybill, "ARRIVE", now - 4h, "k1");
  null_code["code"] = nullptr;
  json::object empty_time = Scan(waybill, "ARRIVE", now - 4h, "t1");
  empty_time["time"] = "";
  json::object bad_time = Scan(waybill, "ARRIVE", now - 4h, "t2");
  bad_time["time"] = "yesterday";
  const json::array events = {nulls,   unknown,   wrong_type, too_long, control,
                              bad_source, null_code, empty_time, bad_time, json::value("not an event")};
  HttpResponse r = Push(events, key_);
  ASSERT_EQ(r.status, 200) << r.body;
  const json::value report = r.Json();
  EXPECT_EQ(report.at("stored").as_int64(), 1) << r.body;
  const std::vector<std::tuple<int64_t, std::string, std::string>> expected = {
      {1, "events[1].colour", "unknown_field"},
      {2, "events[2].place", "invalid_type"},
      {3, "events[3].division", "too_long"},
      {4, "events[4].place", "invalid_characters"},
      {5, "events[5].source", "invalid_enum"},
      {6, "events[6].code", "required"},
      {7, "events[7].at", "out_of_range"},
      {8, "events[8].time", "invalid_format"},
      {9, "events[9]", "invalid_type"}};
  EXPECT_EQ(Rejected(report), expected);
  const json::object tracking = Tracking(waybill);
  ASSERT_EQ(tracking.at("timeline").as_array().size(), 1u);
  const json::object& kept = tracking.at("timeline").as_array()[0].as_object();
  EXPECT_EQ(kept.at("place").as_string(), "深圳转运中心");
  EXPECT_EQ(kept.at("source").as_string(), "poll");
  EXPECT_EQ(kept.at("reason").as_string(), "");
  EXPECT_EQ(kept.at("utc_offset_minutes").as_int64(), 480);
}

TEST_P(TrackingApi, TheStatusComesFromEventTimeAndTheSignerIsMasked) {
  const std::string waybill = Order();
  const auto now = ServerNow();
  json::object delivered = Scan(waybill, "301", now - 1h, "d1", "上海浦东");
  delivered["signer"] = "李四";
  ASSERT_EQ(Push({Scan(waybill, "103", now - 30h, "p1"), delivered}, key_).status, 200);
  // A hub scan from before the delivery arrives late: it is history, not the status.
  ASSERT_EQ(Push({Scan(waybill, "ARRIVE", now - 10h, "h1", "上海转运中心")}, key_).status, 200);
  const json::object tracking = Tracking(waybill);
  EXPECT_EQ(tracking.at("status").as_string(), "delivered");
  EXPECT_EQ(tracking.at("status_zh").as_string(), "已签收");
  const json::array& timeline = tracking.at("timeline").as_array();
  ASSERT_EQ(timeline.size(), 3u);
  EXPECT_EQ(timeline[1].at("place").as_string(), "上海转运中心");
  EXPECT_EQ(timeline[2].at("signer").as_string(), "李*");
  EXPECT_TRUE(tracking.at("eta").is_null());
}

TEST_P(TrackingApi, APublicPageAnswersWithoutLoginAndSaysWhenANumberIsMistyped) {
  const std::string waybill = Order();
  const auto now = ServerNow();
  ASSERT_EQ(Push({Scan(waybill, "103", now - 2h, "p1", "深圳南山营业部")}, key_).status, 200);
  HttpClient anyone = server().Client();
  HttpResponse r = anyone.Get("/api/v1/track/" + waybill);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json().at("status").as_string(), "picked_up");
  EXPECT_FALSE(r.Json().as_object().contains("order_id"));
  EXPECT_EQ(r.body.find("张三"), std::string::npos);
  EXPECT_EQ(r.body.find("李四"), std::string::npos);

  std::string typo = waybill;
  typo.back() = static_cast<char>('0' + (typo.back() - '0' + 1) % 10);
  HttpResponse bad = anyone.Get("/api/v1/track/" + typo);
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_NE(bad.body.find("invalid_waybill"), std::string::npos);
  EXPECT_EQ(anyone.Get("/api/v1/track/" + orders::FormatWaybill(999'999)).status, 404);
  // Five look-ups a minute from one address (this server's setting): the sixth waits.
  for (int i = 0; i < 2; ++i) EXPECT_EQ(anyone.Get("/api/v1/track/" + waybill).status, 200);
  HttpResponse limited = anyone.Get("/api/v1/track/" + waybill);
  EXPECT_EQ(limited.status, 429) << limited.body;
  EXPECT_EQ(limited.Header("retry-after").value_or(""), "60");  // the server's clock stands at a whole minute
}

std::string Base64(std::string_view bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (size_t i = 0; i < bytes.size(); i += 3) {
    uint32_t n = static_cast<uint8_t>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) n |= static_cast<uint8_t>(bytes[i + 1]) << 8;
    if (i + 2 < bytes.size()) n |= static_cast<uint8_t>(bytes[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kAlphabet[n & 63] : '=';
  }
  return out;
}

// The first field error of a problem answer: "field:reason".
std::string FirstField(const HttpResponse& r) {
  const json::value body = r.Json();
  const json::array& errors = body.at("errors").as_array();
  return errors.empty() ? "" : std::string(errors[0].at("field").as_string()) + ":" + std::string(errors[0].at("reason").as_string());
}

TEST_P(TrackingApi, ABrandIsCheckedSetOnTheAccountShownOnThePublicPageAndCleared) {
  const std::string brand_path = "/api/v1/customers/" + std::to_string(customer_) + "/brand";
  const std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + std::string(120, 'p');
  auto patch = [&](const json::object& body) { return admin().Patch(brand_path, json::serialize(body)); };

  // Refused, each naming its field: a colour that is not #rrggbb, an SVG (as SVG or dressed as a
  // PNG), more than 200 KB, a member the API does not have.
  HttpResponse bad = patch({{"primary_color", "blue"}});
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(FirstField(bad), "primary_color:invalid_format");
  const std::string svg = R"svg(<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>)svg";
  for (std::string_view type : {"image/svg+xml", "image/png"}) {
    HttpResponse r = patch({{"logo", "data:" + std::string(type) + ";base64," + Base64(svg)}});
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(FirstField(r), "logo:unsupported_type") << type;
  }
  HttpResponse plain_svg = patch({{"logo", "data:image/svg+xml," + svg}});
  EXPECT_EQ(FirstField(plain_svg), "logo:unsupported_type") << plain_svg.body;
  std::string big = png;
  big.resize(200 * 1024 + 1, 'x');
  HttpResponse too_big = patch({{"logo", "data:image/png;base64," + Base64(big)}});
  EXPECT_EQ(too_big.status, 400) << too_big.body;
  EXPECT_EQ(FirstField(too_big), "logo:too_large");
  HttpResponse unknown = patch({{"primary_color", "#1f5fbf"}, {"colour", "#1f5fbf"}});
  EXPECT_EQ(unknown.status, 400) << unknown.body;
  EXPECT_EQ(FirstField(unknown), "colour:unknown_field");
  // A portal user cannot edit its account (no customers.update): console only.
  CreateUser(admin(), "shunda.portal", "portal", customer_);
  HttpClient portal = LogInAs(server(), "shunda.portal");
  EXPECT_EQ(portal.Patch(brand_path, R"({"primary_color":"#000000"})").status, 403);
  EXPECT_TRUE(admin().Get("/api/v1/customers/" + std::to_string(customer_)).Json().at("brand").is_null());

  HttpResponse set = patch({{"primary_color", "#1F5FBF"}, {"logo", "data:image/png;base64," + Base64(png)}});
  ASSERT_EQ(set.status, 200) << set.body;
  const json::value brand = set.Json().at("brand");
  EXPECT_EQ(brand.at("primary_color").as_string(), "#1f5fbf");
  EXPECT_EQ(brand.at("logo_type").as_string(), "image/png");
  EXPECT_EQ(brand.at("logo_bytes").as_int64(), static_cast<int64_t>(png.size()));
  const std::string logo_url(brand.at("logo_url").as_string());
  EXPECT_TRUE(logo_url.starts_with("/api/v1/brand-logos/")) << logo_url;
  // Read with the account, by staff and by the portal user of that account.
  EXPECT_EQ(admin().Get("/api/v1/customers/" + std::to_string(customer_)).Json().at("brand"), brand);
  EXPECT_EQ(portal.Get("/api/v1/customers/" + std::to_string(customer_)).Json().at("brand"), brand);
  HttpResponse history = admin().Get("/api/v1/customers/" + std::to_string(customer_) + "/history");
  EXPECT_NE(history.body.find("brand.set"), std::string::npos) << history.body;

  // The public page: the brand of the order's account, nothing else of the account; the logo
  // without login, as uploaded.
  const std::string waybill = Order();
  ASSERT_EQ(Push({Scan(waybill, "103", ServerNow() - 2h, "p1", "深圳南山营业部")}, key_).status, 200);
  HttpClient anyone = server().Client();
  HttpResponse track = anyone.Get("/api/v1/track/" + waybill);
  ASSERT_EQ(track.status, 200) << track.body;
  EXPECT_EQ(track.Json().at("brand"), (json::object{{"primary_color", "#1f5fbf"}, {"logo_url", logo_url}}));
  EXPECT_EQ(track.body.find("顺达"), std::string::npos) << "no account data but the brand";
  HttpResponse logo = anyone.Get(logo_url);
  ASSERT_EQ(logo.status, 200);
  EXPECT_EQ(logo.Header("content-type").value_or(""), "image/png");
  EXPECT_EQ(logo.body, png);
  EXPECT_EQ(anyone.Get("/api/v1/brand-logos/" + std::string(64, '0')).status, 404);

  // Removing the logo keeps the colour; clearing removes the brand, and the page goes unbranded.
  HttpResponse no_logo = patch({{"logo", nullptr}});
  ASSERT_EQ(no_logo.status, 200) << no_logo.body;
  EXPECT_TRUE(no_logo.Json().at("brand").at("logo_url").is_null());
  EXPECT_EQ(no_logo.Json().at("brand").at("primary_color").as_string(), "#1f5fbf");
  EXPECT_EQ(anyone.Get(logo_url).status, 404);
  EXPECT_EQ(admin().Delete(brand_path).status, 204);
  EXPECT_TRUE(admin().Get("/api/v1/customers/" + std::to_string(customer_)).Json().at("brand").is_null());
  EXPECT_TRUE(anyone.Get("/api/v1/track/" + waybill).Json().at("brand").is_null());
}

// The public page keeps its answers (db/stamped_cache.hpp): each change below must show on the very next
// look-up through a server that kept the old answer and did not make the change itself.
TEST_P(TrackingApi, AKeptPublicPageNeverOutlivesAScanABrandOrAnEtaWrittenThroughAnotherServer) {
  const std::string waybill = Order();
  const std::string order = std::to_string(*orders::ParseWaybill(waybill));
  ASSERT_EQ(Push({Scan(waybill, "103", ServerNow() - 3h, "k1", "深圳南山营业部")}, key_).status, 200);
  // A second node twenty minutes on: it finds the checker idle for longer than ten minutes and runs it,
  // which stores the shipment's ETA — an answer is kept only when made of a stored ETA.
  ServerOptions options;
  options.fake_now = FormatRfc3339(*ParseRfc3339(kFakeNow) + std::chrono::minutes(20));
  options.extra_args = {"--track-per-minute", "0"};
  ConsignServer other(database().url(), options);
  const std::string eta_stored = "SELECT count(*) FROM tracking_shipments WHERE order_id = " + order + " AND eta_p50 IS NOT NULL";
  for (int i = 0; i < 100 && database().Sql(eta_stored) != std::vector<std::string>{"1"}; ++i) std::this_thread::sleep_for(100ms);
  ASSERT_EQ(database().Sql(eta_stored), std::vector<std::string>{"1"});

  HttpClient anyone = other.Client();
  const auto look_twice = [&] {  // the second answer is the kept one
    HttpResponse first = anyone.Get("/api/v1/track/" + waybill);
    EXPECT_EQ(first.status, 200) << first.body;
    EXPECT_EQ(anyone.Get("/api/v1/track/" + waybill).body, first.body);
    return first.status == 200 ? first.Json() : json::value();
  };
  EXPECT_EQ(look_twice().at("timeline").as_array().size(), 1u);

  ASSERT_EQ(Push({Scan(waybill, "ARRIVE", ServerNow() - 1h, "k2", "深圳转运中心")}, key_).status, 200);
  const json::value moved = look_twice();
  ASSERT_EQ(moved.at("timeline").as_array().size(), 2u);
  EXPECT_EQ(moved.at("last_place").as_string(), "深圳转运中心");

  const std::string brand_path = "/api/v1/customers/" + std::to_string(customer_) + "/brand";
  ASSERT_EQ(admin().Patch(brand_path, R"({"primary_color":"#1f5fbf"})").status, 200);
  EXPECT_EQ(look_twice().at("brand").at("primary_color").as_string(), "#1f5fbf");
  ASSERT_EQ(admin().Delete(brand_path).status, 204);
  EXPECT_TRUE(look_twice().at("brand").is_null());

  // The checker's next refresh of the stored ETA (written here as it would write it).
  database().Sql("UPDATE tracking_shipments SET eta_confidence = 'high' WHERE order_id = " + order);
  EXPECT_EQ(look_twice().at("eta").at("confidence").as_string(), "high");
}

TEST_P(TrackingApi, ThePublicAnswerNamesTheCitiesOnTheWayAndTheDestinationsCity) {
  const std::string waybill = Order();
  const auto now = ServerNow();
  json::object claim = Scan(waybill, "LOADED", now - 5h, "c1", "杭州");
  claim["division"] = "330100";
  json::array events = {Scan(waybill, "103", now - 9h, "p1", "深圳南山营业部"), Scan(waybill, "ARRIVE", now - 8h, "a1", "深圳转运中心"),
                        Scan(waybill, "DEPART", now - 7h, "d1", "深圳转运中心"), claim, Scan(waybill, "ARRIVE", now - 2h, "a2", "上海转运中心")};
  for (auto [i, division] : {std::pair{0, "440305"}, std::pair{1, "440300"}, std::pair{2, "440300"}, std::pair{4, "310000"}})
    events[static_cast<size_t>(i)].as_object()["division"] = division;
  ASSERT_EQ(Push(events, key_).status, 200);
  HttpResponse r = server().Client().Get("/api/v1/track/" + waybill);
  ASSERT_EQ(r.status, 200) << r.body;
  // Shenzhen once for its three scans, the claim at Hangzhou no stop, Shanghai's province code its city.
  EXPECT_EQ(r.Json().at("route"), (json::array{json::object{{"division", "4403"}, {"name", "深圳市"}},
                                               json::object{{"division", "3101"}, {"name", "上海市"}}}));
  EXPECT_EQ(r.Json().at("destination"), (json::object{{"division", "3101"}, {"name", "上海市"}}));
  EXPECT_EQ(r.body.find("世纪大道"), std::string::npos) << "the city, never the address";
}

TEST_P(TrackingApi, AQuarantinedEventAttachesWhenItsOrderArrives) {
  const std::string first = Order();
  const std::string next = orders::FormatWaybill(*orders::ParseWaybill(first) + 1);
  const auto now = ServerNow();
  ASSERT_EQ(admin().Put("/api/v1/customers/" + std::to_string(customer_) + "/notification-settings",
                        R"({"language":"zh","email":"ops@shunda.test","email_topics":["picked_up"]})").status, 200);
  const json::value early = Push({Scan(next, "103", now - 1h, "early")}, key_).Json();
  EXPECT_EQ(early.at("quarantined").as_int64(), 1);
  ASSERT_EQ(Order(), next);
  const json::value later = Push({Scan(next, "ARRIVE", now - 30min, "later")}, key_).Json();
  EXPECT_EQ(later.at("stored").as_int64(), 1);
  EXPECT_EQ(later.at("attached").as_int64(), 1);
  EXPECT_EQ(Tracking(next).at("timeline").as_array().size(), 2u);
  // The pickup that waited is told when it attaches, once.
  EXPECT_EQ(database().Sql("SELECT count(*) FROM notify_messages WHERE topic = 'picked_up' AND order_id = " +
                           std::to_string(*orders::ParseWaybill(next))),
            std::vector<std::string>{"1"});
}

TEST_P(TrackingApi, OnlyTheOrdersOwnCarrierReportsOnItAndAKeyIsRequired) {
  const std::string waybill = Order();
  const std::string other_key = KeyOf(Carrier("OTHER"));
  const auto now = ServerNow();
  const json::value report = Push({Scan(waybill, "103", now - 1h, "x1")}, other_key).Json();
  EXPECT_EQ(Rejected(report), (std::vector<std::tuple<int64_t, std::string, std::string>>{
                                  {0, "events[0].waybill", "not_your_waybill"}}));
  EXPECT_EQ(Push({Scan(waybill, "103", now - 1h, "x1")}, "ck_not-a-key").status, 401);
  HttpClient anyone = server().Client();
  EXPECT_EQ(anyone.Post("/api/v1/scans", "[]").status, 401);
  EXPECT_EQ(Push({}, key_).status, 400);
  json::array too_many(5001, Scan(waybill, "ARRIVE", now - 1h, "same"));
  HttpResponse over = Push(too_many, key_);
  EXPECT_EQ(over.status, 400);
  EXPECT_NE(over.body.find("too_many"), std::string::npos);
}

// Issue 10's code tables: a carrier's own table maps its codes, and only its codes; another carrier's
// codes stay the default's; a mistake names rules[i].field; an empty table is the default again.
TEST_P(TrackingApi, ACarriersOwnCodeTableMapsItsCodesAndNoOneElses) {
  const std::string waybill = Order();  // allocated to carrier_ (the only carrier yet)
  const std::string path = "/api/v1/carriers/" + std::to_string(carrier_) + "/scan-codes";
  const auto errors_of = [](const HttpResponse& r) {
    std::vector<std::pair<std::string, std::string>> out;
    const json::value problem = r.Json();
    if (problem.is_object() && problem.as_object().contains("errors"))
      for (const json::value& e : problem.at("errors").as_array())
        out.emplace_back(e.at("field").as_string(), e.at("reason").as_string());
    return out;
  };
  const auto put = [&](std::string_view body, std::string_view revision) {
    return admin().Request("PUT", path, body, {{"If-Match", "\"" + std::string(revision) + "\""}});
  };

  // None of its own: the default is in effect.
  HttpResponse first = admin().Get(path);
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_FALSE(first.Json().at("own").as_bool());
  EXPECT_TRUE(first.Json().at("rules").as_array().empty());
  EXPECT_GT(first.Json().at("default").as_array().size(), 40u);
  EXPECT_EQ(first.Header("etag").value_or(""), "\"1\"");

  // Mistakes are named rule by rule, and nothing is stored.
  const std::string own =
      R"({"rules":[{"raw_code":"ZX99","status":"delivered","substatus":"delivered.signed_by_addressee"},)"
      R"({"raw_code":"ZX10","status":"picked_up","party":"none","claim":false}]})";
  EXPECT_EQ(admin().Request("PUT", path, own).status, 428) << "If-Match is required";
  HttpResponse bad = put(R"({"rules":[{"raw_code":"ZX99","status":"delivered","substatus":"exception.lost"},)"
                         R"({"raw_code":"ZX10","status":"teleported"},{"raw_code":"ZX11","status":"delivered","colour":"red"}]})",
                         "1");
  EXPECT_EQ(bad.status, 400) << bad.body;
  const std::vector<std::pair<std::string, std::string>> bad_fields = errors_of(bad);
  EXPECT_EQ(bad_fields, (std::vector<std::pair<std::string, std::string>>{{"rules[1].status", "invalid_enum"},
                                                                           {"rules[2].colour", "unknown_field"}}));
  HttpResponse bad_substatus =
      put(R"({"rules":[{"raw_code":"ZX99","status":"delivered","substatus":"exception.lost"}]})", "1");
  EXPECT_EQ(bad_substatus.status, 400) << bad_substatus.body;
  EXPECT_EQ(errors_of(bad_substatus),
            (std::vector<std::pair<std::string, std::string>>{{"rules[0].substatus", "invalid_enum"}}));
  EXPECT_EQ(errors_of(put(R"({"rules":[],"mode":"merge"})", "1")),
            (std::vector<std::pair<std::string, std::string>>{{"mode", "unknown_field"}}));
  EXPECT_FALSE(admin().Get(path).Json().at("own").as_bool());

  // Its own table, and a dispatcher who may read carriers but not change them.
  HttpResponse saved = put(own, "1");
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_TRUE(saved.Json().at("own").as_bool());
  EXPECT_EQ(saved.Json().at("rules").as_array().size(), 2u);
  EXPECT_EQ(saved.Header("etag").value_or(""), "\"2\"");
  EXPECT_EQ(put(own, "1").status, 412) << "a stale revision";
  EXPECT_EQ(database().Sql("SELECT count(*) FROM audit_log WHERE action = 'tracking.scan_codes'"),
            std::vector<std::string>{"1"});
  CreateUser(admin(), "diaodu.codes", "dispatcher");
  HttpClient dispatcher = LogInAs(server(), "diaodu.codes");
  EXPECT_EQ(dispatcher.Get(path).status, 200);
  EXPECT_EQ(dispatcher.Request("PUT", path, own, {{"If-Match", "\"2\""}}).status, 403);

  // Carrier A's ZX99 is a delivery; the default's 103 is no longer one of its codes.
  const auto now = ServerNow();
  json::object delivered = Scan(waybill, "ZX99", now - 1h, "z2", "上海浦东");
  delivered["signer"] = "李四";
  const json::value report = Push({Scan(waybill, "ZX10", now - 20h, "z1"), delivered, Scan(waybill, "103", now - 2h, "z3")},
                                  key_)
                                 .Json();
  EXPECT_EQ(report.at("stored").as_int64(), 2) << report;
  EXPECT_EQ(Rejected(report), (std::vector<std::tuple<int64_t, std::string, std::string>>{
                                  {2, "events[2].code", "unknown_code"}}));
  const json::object tracking = Tracking(waybill);
  EXPECT_EQ(tracking.at("status").as_string(), "delivered");
  EXPECT_EQ(tracking.at("substatus").as_string(), "delivered.signed_by_addressee");

  // For carrier B the same code is unknown, named by the event's index and its code.
  const int64_t other = Carrier("CODESB");
  const json::value other_report =
      Push({Scan(waybill, "ARRIVE", now - 3h, "b1"), Scan(waybill, "ZX99", now - 1h, "b2")}, KeyOf(other)).Json();
  const std::vector<std::tuple<int64_t, std::string, std::string>> other_rejected = Rejected(other_report);
  ASSERT_EQ(other_rejected.size(), 2u) << other_report;
  EXPECT_EQ(other_rejected[1], (std::tuple<int64_t, std::string, std::string>{1, "events[1].code", "unknown_code"}));
  const json::array rejected = other_report.at("rejected").as_array();
  EXPECT_NE(std::string(rejected[1].at("message").as_string()).find("ZX99"), std::string::npos) << other_report;
  EXPECT_FALSE(admin().Get("/api/v1/carriers/" + std::to_string(other) + "/scan-codes").Json().at("own").as_bool());

  // An empty table: back to the default — ZX99 unknown again, 103 known again.
  HttpResponse reset = put(R"({"rules":[]})", "2");
  ASSERT_EQ(reset.status, 200) << reset.body;
  EXPECT_FALSE(reset.Json().at("own").as_bool());
  EXPECT_EQ(reset.Header("etag").value_or(""), "\"3\"");
  const json::value after_reset =
      Push({Scan(waybill, "ZX99", now - 1h, "r1"), Scan(waybill, "103", now - 20h, "r2")}, key_).Json();
  EXPECT_EQ(Rejected(after_reset), (std::vector<std::tuple<int64_t, std::string, std::string>>{
                                       {0, "events[0].code", "unknown_code"}}));
  EXPECT_EQ(after_reset.at("stored").as_int64(), 1);
  EXPECT_EQ(admin().Get("/api/v1/carriers/999999/scan-codes").status, 404);
}

TEST_P(TrackingApi, DamageIsRaisedAtOnceOnceAndADispatcherResolvesIt) {
  const std::string waybill = Order();
  const auto now = ServerNow();
  const json::value report =
      Push({Scan(waybill, "103", now - 5h, "p1"), Scan(waybill, "DAMAGED", now - 1h, "d1", "上海转运中心")}, key_).Json();
  EXPECT_EQ(report.at("exceptions_raised").as_int64(), 1);
  // Sent again: raised once.
  EXPECT_EQ(Push({Scan(waybill, "DAMAGED", now - 30min, "d2")}, key_).Json().at("exceptions_raised").as_int64(), 0);
  const json::array open = Exceptions("?kind=damaged", 1);
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].at("waybill").as_string(), waybill);
  EXPECT_EQ(open[0].at("severity").as_string(), "high");
  EXPECT_EQ(open[0].at("party").as_string(), "carrier");
  EXPECT_EQ(Tracking(waybill).at("exceptions").as_array().size(), 1u);
  // The orders list's exception filter finds it (the flag the tracking module keeps on the order).
  auto flagged = [&] {
    std::vector<std::string> out;
    const json::value listed = admin().Get("/api/v1/orders?exception=1").Json();
    for (const json::value& o : listed.at("items").as_array()) out.emplace_back(o.at("waybill").as_string());
    return out;
  };
  EXPECT_EQ(flagged(), std::vector<std::string>{waybill});
  EXPECT_EQ(admin().Get("/api/v1/orders?exception=maybe").status, 400);

  const std::string resolve = "/api/v1/exceptions/" + std::to_string(open[0].at("id").as_int64()) + "/resolve";
  HttpResponse no_outcome = admin().Post(resolve, "{}");
  EXPECT_EQ(no_outcome.status, 400);
  EXPECT_NE(no_outcome.body.find("outcome"), std::string::npos);
  CreateUser(admin(), "agent.trk", "agent");
  HttpClient agent = LogInAs(server(), "agent.trk");
  EXPECT_EQ(agent.Get("/api/v1/exceptions").status, 403);
  EXPECT_EQ(admin().Post(resolve, R"({"outcome":"已联系客户，按保价赔付"})").status, 204);
  EXPECT_EQ(admin().Post(resolve, R"({"outcome":"again"})").status, 404);
  EXPECT_TRUE(flagged().empty()) << "its last open exception resolved, the order is no longer flagged";
  EXPECT_TRUE(Exceptions("?kind=damaged").empty());
  const json::array resolved = Exceptions("?state=resolved");
  ASSERT_EQ(resolved.size(), 1u);
  EXPECT_EQ(resolved[0].at("outcome").as_string(), "已联系客户，按保价赔付");
  EXPECT_EQ(admin().Get("/api/v1/exceptions?state=sideways").status, 400);
}

// GET /api/v1/customer-exceptions (the portal's 我的异常件): a portal user sees their own account's
// exceptions and no other's, whatever account_id they send; staff name the account and may read it;
// the carrier and the dispatcher's outcome are left out.
TEST_P(TrackingApi, AnAccountSeesItsOwnExceptionsOnly) {
  const std::string ours = Order();
  HttpResponse other_customer = admin().Post("/api/v1/customers", R"({"name":"远方贸易有限公司"})");
  ASSERT_EQ(other_customer.status, 201) << other_customer.body;
  const int64_t other = other_customer.Json().at("id").as_int64();
  HttpResponse other_order = admin().Post("/api/v1/orders", json::serialize(OrderBody(other)));
  ASSERT_EQ(other_order.status, 201) << other_order.body;
  const std::string theirs(other_order.Json().at("waybill").as_string());
  const auto now = ServerNow();
  const json::value report = Push({Scan(ours, "103", now - 5h, "o1"), Scan(ours, "DAMAGED", now - 1h, "o2"),
                                   Scan(theirs, "103", now - 5h, "t1"), Scan(theirs, "DAMAGED", now - 1h, "t2")},
                                  key_).Json();
  ASSERT_EQ(report.at("exceptions_raised").as_int64(), 2) << report;

  CreateUser(admin(), "ours.portal", "portal", customer_);
  HttpClient portal = LogInAs(server(), "ours.portal");
  auto waybills = [](const HttpResponse& r) {
    std::vector<std::string> out;
    EXPECT_EQ(r.status, 200) << r.body;
    if (r.status != 200) return out;
    const json::value listed = r.Json();
    for (const json::value& x : listed.at("items").as_array()) out.emplace_back(x.at("waybill").as_string());
    return out;
  };
  HttpResponse own = portal.Get("/api/v1/customer-exceptions");
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(waybills(own), std::vector<std::string>{ours});
  const json::value own_json = own.Json();
  ASSERT_EQ(own_json.at("items").as_array().size(), 1u) << own.body;
  const json::object& row = own_json.at("items").at(0).as_object();
  EXPECT_EQ(row.at("kind").as_string(), "damaged");
  EXPECT_EQ(row.at("state").as_string(), "open");
  EXPECT_FALSE(row.contains("carrier_id"));
  EXPECT_FALSE(row.contains("outcome"));
  EXPECT_TRUE(row.contains("customer_told"));
  // Another account's id is ignored: still their own.
  EXPECT_EQ(waybills(portal.Get("/api/v1/customer-exceptions?account_id=" + std::to_string(other))),
            std::vector<std::string>{ours});
  EXPECT_TRUE(waybills(portal.Get("/api/v1/customer-exceptions?state=resolved")).empty());

  // Staff name the account.
  HttpResponse unnamed = admin().Get("/api/v1/customer-exceptions");
  EXPECT_EQ(unnamed.status, 400);
  EXPECT_NE(unnamed.body.find("account_id"), std::string::npos);
  EXPECT_EQ(waybills(admin().Get("/api/v1/customer-exceptions?account_id=" + std::to_string(other))),
            std::vector<std::string>{theirs});
  EXPECT_EQ(admin().Get("/api/v1/customer-exceptions?account_id=999999").status, 404);
  EXPECT_EQ(admin().Get("/api/v1/customer-exceptions?account_id=x").status, 400);
  EXPECT_EQ(admin().Get("/api/v1/customer-exceptions?account_id=" + std::to_string(other) + "&state=sideways").status, 400);

  // Resolved by the dispatcher: the customer sees it settled.
  const json::array open = Exceptions("?kind=damaged", 2);
  for (const json::value& x : open) {
    if (x.at("waybill").as_string() != ours) continue;
    ASSERT_EQ(admin().Post("/api/v1/exceptions/" + std::to_string(x.at("id").as_int64()) + "/resolve",
                           R"({"outcome":"已赔付"})").status, 204);
  }
  EXPECT_EQ(waybills(portal.Get("/api/v1/customer-exceptions?state=resolved")), std::vector<std::string>{ours});
  EXPECT_TRUE(waybills(portal.Get("/api/v1/customer-exceptions?state=open")).empty());
}

TEST_P(TrackingApi, TheCheckerFindsAShipmentStalledOnceItsTimeHasPassed) {
  const std::string waybill = Order();
  const std::string never_scanned = Order();
  ASSERT_EQ(Push({Scan(waybill, "103", ServerNow() - 1h, "p1")}, key_).status, 200);
  EXPECT_TRUE(Exceptions("?kind=stalled").empty());
  // Forty hours later (the server's clock): 41 h without a scan in transit (the limit is 36 h), and an
  // order no carrier ever picked up (24 h).
  fake_now_ = FormatRfc3339(*ParseRfc3339(kFakeNow) + std::chrono::hours(40));
  RestartServer();
  admin_ = std::make_unique<HttpClient>(LogInAs(server(), "admin", kAdminPassword));
  const json::array stalled = Exceptions("?kind=stalled", 2);
  ASSERT_EQ(stalled.size(), 2u);
  std::map<std::string, std::string> detail;
  for (const json::value& e : stalled)
    detail[std::string(e.at("waybill").as_string())] = std::string(e.at("detail_zh").as_string());
  EXPECT_NE(detail[waybill].find("运输中阶段超过 36 小时"), std::string::npos) << detail[waybill];
  EXPECT_NE(detail[never_scanned].find("待揽收阶段超过 24 小时"), std::string::npos) << detail[never_scanned];
}

TEST_P(TrackingApi, AScorecardCountsWhatTheCarriersShipmentsShowed) {
  const std::string waybill = Order();
  const auto now = ServerNow();
  json::object delivered = Scan(waybill, "301", now - 1h, "d1", "上海浦东");
  delivered["signer"] = "李四";
  // Picked up, through two hubs and out for delivery: five of the six expected stages (no departure).
  ASSERT_EQ(Push({Scan(waybill, "103", now - 30h, "p1"), Scan(waybill, "ARRIVE", now - 28h, "a1"),
                  Scan(waybill, "1001", now - 8h, "a2"), Scan(waybill, "5", now - 4h, "o1"), delivered},
                 key_)
                .status,
            200);
  HttpResponse r = admin().Get("/api/v1/carriers/" + std::to_string(carrier_) + "/scorecard?days=7");
  ASSERT_EQ(r.status, 200) << r.body;
  const json::value card = r.Json();
  const json::value& overall = card.at("overall");
  EXPECT_EQ(overall.at("shipments").as_int64(), 1);
  EXPECT_EQ(overall.at("delivered").as_int64(), 1);
  EXPECT_EQ(overall.at("on_time_bp").as_int64(), 10000);  // 29 h against a 72 h promise
  EXPECT_EQ(overall.at("scan_completeness_bp").as_int64(), 8333);  // 5 of 6
  EXPECT_EQ(overall.at("damage_bp").as_int64(), 0);
  ASSERT_EQ(card.at("lanes").as_array().size(), 1u);
  EXPECT_EQ(card.at("lanes").as_array()[0].at("lane").as_string(), "44→31");
  EXPECT_EQ(admin().Get("/api/v1/carriers/" + std::to_string(carrier_) + "/scorecard?days=0").status, 400);
  EXPECT_EQ(admin().Get("/api/v1/carriers/999999/scorecard").status, 404);
  CreateUser(admin(), "sales.trk", "sales");
  EXPECT_EQ(LogInAs(server(), "sales.trk").Get("/api/v1/carriers/" + std::to_string(carrier_) + "/scorecard").status,
            403);
}

TEST_P(TrackingApi, KillNineDuringIngestLosesNoAcknowledgedEventAndARetryStoresNothingTwice) {
  std::vector<std::string> waybills;
  for (int i = 0; i < 10; ++i) waybills.push_back(Order());
  const auto now = ServerNow();
  // The account hears of pickups by e-mail: the messages are queued with the events (no SMTP server is
  // configured here, so they stay in the outbox; what counts is that each is there once).
  HttpResponse told = admin().Put("/api/v1/customers/" + std::to_string(customer_) + "/notification-settings",
                                      R"({"language":"zh","email":"ops@shunda.test","email_topics":["picked_up"]})");
  ASSERT_EQ(told.status, 200) << told.body;
  // Each writer pushes batches of 50 new events; a batch answered 200 is acknowledged whole (all valid).
  std::mutex mu;
  std::vector<json::array> acknowledged;
  std::atomic<bool> stop{false};
  std::vector<std::thread> writers;
  for (int w = 0; w < 3; ++w) {
    writers.emplace_back([&, w] {
      HttpClient carrier = server().Client();
      carrier.ExpectTransportFailures(true);
      for (int b = 0; !stop && b < 1000; ++b) {
        json::array batch;
        for (int k = 0; k < 50; ++k)
          batch.push_back(Scan(waybills[(w * 7 + b + k) % waybills.size()], k % 10 == 0 ? "PICKUP" : "ARRIVE",
                               now - std::chrono::minutes(1 + (b * 50 + k) % 600),
                               "w" + std::to_string(w) + "-" + std::to_string(b) + "-" + std::to_string(k)));
        HttpResponse r = carrier.Post("/api/v1/scans", json::serialize(batch), {{"X-Carrier-Key", key_}});
        if (r.status != 200) break;  // the server is gone
        std::lock_guard lock(mu);
        acknowledged.push_back(std::move(batch));
      }
    });
  }
  for (int waited = 0; waited < 200; ++waited) {
    {
      std::lock_guard lock(mu);
      if (acknowledged.size() >= 10) break;
    }
    std::this_thread::sleep_for(50ms);
  }
  server().Signal(SIGKILL);
  ASSERT_TRUE(server().Wait(std::chrono::seconds(10)).has_value());
  stop = true;
  for (auto& t : writers) t.join();
  ASSERT_GE(acknowledged.size(), 5u) << "the writers hardly wrote; the test proves nothing";

  RestartServer();
  std::set<std::string> stored;
  for (const std::string& key : database().Sql("SELECT event_key FROM tracking_events")) stored.insert(key);
  size_t events = 0;
  for (const json::array& batch : acknowledged)
    for (const json::value& e : batch) {
      ++events;
      EXPECT_TRUE(stored.contains("id:" + std::string(e.at("event_id").as_string())))
          << "acknowledged event " << e.at("event_id").as_string() << " was lost";
    }
  // The carrier, unsure after the crash, sends an acknowledged batch again: nothing is stored twice.
  const json::value again = Push(acknowledged.front(), key_).Json();
  EXPECT_EQ(again.at("stored").as_int64(), 0);
  EXPECT_EQ(again.at("duplicates").as_int64(), 50);
  EXPECT_EQ(std::stoll(database().Sql("SELECT count(*) FROM tracking_events").at(0)), static_cast<int64_t>(stored.size()));
  EXPECT_GE(stored.size(), events);
  // Every order whose pickup is stored has its one pickup message; none has two.
  const auto picked = database().Sql("SELECT count(DISTINCT order_id) FROM tracking_events WHERE raw_code = 'PICKUP' "
                                     "AND order_id IS NOT NULL");
  const auto messages = database().Sql("SELECT count(*) FROM notify_messages WHERE topic = 'picked_up'");
  const auto orders = database().Sql("SELECT count(DISTINCT order_id) FROM notify_messages WHERE topic = 'picked_up'");
  EXPECT_GT(std::stoll(picked.at(0)), 0);
  EXPECT_EQ(messages.at(0), picked.at(0)) << "one pickup message per order picked up";
  EXPECT_EQ(orders.at(0), picked.at(0));
}

TEST_P(TrackingApi, AnAdminSetsTheExceptionThresholdsAndTheCheckerUsesThem) {
  HttpResponse defaults = admin().Get("/api/v1/exception-thresholds");
  ASSERT_EQ(defaults.status, 200) << defaults.body;
  EXPECT_EQ(defaults.Json().at("in_transit_hours").as_int64(), 36);
  json::object t = defaults.Json().as_object();
  t["lost_after_hours"] = 10;  // not more than in transit's 36 h
  HttpResponse bad = admin().Request("PUT", "/api/v1/exception-thresholds", json::serialize(t));
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("lost_after_hours"), std::string::npos) << bad.body;
  t["lost_after_hours"] = 168;
  t["in_transit_hours"] = 12;
  HttpResponse saved = admin().Request("PUT", "/api/v1/exception-thresholds", json::serialize(t));
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(admin().Get("/api/v1/exception-thresholds").Json().at("in_transit_hours").as_int64(), 12);
  CreateUser(admin(), "diaodu.trk", "dispatcher");
  HttpClient dispatcher = LogInAs(server(), "diaodu.trk");
  EXPECT_EQ(dispatcher.Get("/api/v1/exception-thresholds").status, 200);
  EXPECT_EQ(dispatcher.Request("PUT", "/api/v1/exception-thresholds", json::serialize(t)).status, 403);

  // Picked up 13 h ago, nothing since: stalled under the admin's 12 h (the default 36 h would not be).
  const std::string waybill = Order();
  ASSERT_EQ(Push({Scan(waybill, "103", ServerNow() - 13h, "p1"), Scan(waybill, "DAMAGED", ServerNow() - 13h, "d1")},
                 key_)
                .status,
            200);
  const json::array stalled = Exceptions("?kind=stalled", 1);
  ASSERT_EQ(stalled.size(), 1u);
  EXPECT_NE(std::string(stalled[0].at("detail_zh").as_string()).find("12 小时"), std::string::npos);
}

CONSIGN_API_SUITE(TrackingApi);

}  // namespace
}  // namespace consign::apitest
