#include "platform/http/json_writer.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdint>
#include <string>

namespace consign::http {
namespace {

namespace json = boost::json;

std::string Written(std::string_view text) {
  JsonWriter w;
  w.String(text);
  return std::move(w).Take();
}

TEST(JsonWriter, EscapesEveryByteAsBoostJsonDoes) {
  for (int ch = 0; ch < 256; ++ch) {
    const std::string text = "a" + std::string(1, static_cast<char>(ch)) + "b";
    EXPECT_EQ(Written(text), json::serialize(json::string(text))) << "byte " << ch;
  }
}

TEST(JsonWriter, WritesUtf8AndLongRunsAsTheyAre) {
  for (const std::string& text : {std::string(), std::string("深圳市南山区科技园 \"A\" 座\\3 层\n"),
                                 std::string(5000, 'x') + "\t" + std::string(10, 'y'), std::string(60, 'x'),
                                 std::string(61, 'x'), std::string(59, 'x') + "\n"})
    EXPECT_EQ(Written(text), json::serialize(json::string(text)));
}

TEST(JsonWriter, WritesNestedObjectsAndArraysAsBoostJsonDoes) {
  JsonWriter w;
  w.BeginObject();
  w.Key("id");
  w.Int(INT64_MIN);
  w.Key("max");
  w.Int(INT64_MAX);
  w.Key("zero");
  w.Int(0);
  w.Key("empty");
  w.BeginObject();
  w.EndObject();
  w.Key("list");
  w.BeginArray();
  w.BeginObject();
  w.Key("a");
  w.Bool(true);
  w.Key("b");
  w.Bool(false);
  w.EndObject();
  w.BeginArray();
  w.EndArray();
  w.String("x");
  w.Null();
  w.EndArray();
  w.Key("unset");
  w.StringOrNull("");
  w.Key("set");
  w.StringOrNull("v");
  w.Key("no_id");
  w.IntOrNull(std::nullopt);
  w.Key("an_id");
  w.IntOrNull(7);
  w.Key("we\"ird\tkey");
  w.String(std::string(70, 'z'));
  w.EndObject();

  const json::object expected{{"id", INT64_MIN},
                              {"max", INT64_MAX},
                              {"zero", 0},
                              {"empty", json::object{}},
                              {"list", json::array{json::object{{"a", true}, {"b", false}}, json::array{}, "x", nullptr}},
                              {"unset", nullptr},
                              {"set", "v"},
                              {"no_id", nullptr},
                              {"an_id", 7},
                              {"we\"ird\tkey", std::string(70, 'z')}};
  EXPECT_EQ(std::move(w).Take(), json::serialize(expected));
}

TEST(JsonWriter, WritesATopLevelArray) {
  JsonWriter w;
  w.BeginArray();
  w.Int(1);
  w.Int(2);
  w.EndArray();
  EXPECT_EQ(std::move(w).Take(), "[1,2]");
}

}  // namespace
}  // namespace consign::http
