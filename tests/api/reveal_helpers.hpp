#pragma once
// Revealing one masked value from black-box tests (POST /api/v1/customers/{id}/reveal), for suites
// that need to check what is stored behind the mask:
//
//   EXPECT_EQ(RevealContact(admin, id, contact_id, "phone"), "13812345678");
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "tests/api/harness.hpp"

namespace consign::apitest {

// POST …/reveal with `body` as is.
inline HttpResponse RevealRequest(HttpClient& client, int64_t customer_id, const boost::json::object& body) {
  return client.Post("/api/v1/customers/" + std::to_string(customer_id) + "/reveal", boost::json::serialize(body));
}

// The value answered for `body` plus reason "callback" ("" and a test failure unless 200).
inline std::string RevealValue(HttpClient& client, int64_t customer_id, boost::json::object body) {
  if (!body.contains("reason")) body["reason"] = "callback";
  HttpResponse r = RevealRequest(client, customer_id, body);
  EXPECT_EQ(r.status, 200) << r.body;
  if (r.status != 200) return "";
  return std::string(r.Json().at("value").as_string());
}

// contact.<what> ("name", "phone", "email") of one contact.
inline std::string RevealContact(HttpClient& client, int64_t customer_id, int64_t contact_id, std::string_view what) {
  return RevealValue(client, customer_id, {{"field", "contact." + std::string(what)}, {"contact_id", contact_id}});
}

// address.street of one address.
inline std::string RevealStreet(HttpClient& client, int64_t customer_id, int64_t address_id) {
  return RevealValue(client, customer_id, {{"field", "address.street"}, {"address_id", address_id}});
}

}  // namespace consign::apitest
