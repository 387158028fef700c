// The bytes of a response on the wire (wire.hpp): what Beast's serializer used to frame.
#include "platform/http/wire.hpp"

#include <gtest/gtest.h>

namespace consign::http {
namespace {

TEST(Wire, FramesAResponseWithItsLengthAndFields) {
  Response r = Response::Json(200, R"({"ok":true})");
  r.Set("X-Request-Id", "r-1");
  const WireResponse wire = ToWire(r, 11, true, false);
  EXPECT_EQ(wire.bytes,
            "HTTP/1.1 200 OK\r\n"
            "Content-Type: application/json\r\n"
            "X-Request-Id: r-1\r\n"
            "Content-Length: 11\r\n"
            "\r\n"
            R"({"ok":true})");
  EXPECT_FALSE(wire.close);
}

TEST(Wire, SaysConnectionWhereKeepAliveIsNotTheVersionsDefault) {
  const Response r = Response::Text(404, "no");
  const WireResponse closing = ToWire(r, 11, false, false);
  EXPECT_NE(closing.bytes.find("\r\nConnection: close\r\n"), std::string::npos) << closing.bytes;
  EXPECT_TRUE(closing.close);
  const WireResponse old_kept = ToWire(r, 10, true, false);
  EXPECT_TRUE(old_kept.bytes.starts_with("HTTP/1.0 404 Not Found\r\n")) << old_kept.bytes;
  EXPECT_NE(old_kept.bytes.find("\r\nConnection: keep-alive\r\n"), std::string::npos) << old_kept.bytes;
  EXPECT_EQ(ToWire(r, 11, true, false).bytes.find("Connection:"), std::string::npos);
  EXPECT_EQ(ToWire(r, 10, false, false).bytes.find("Connection:"), std::string::npos);
}

TEST(Wire, HeadHasGetsLengthAndNoBody) {
  const WireResponse wire = ToWire(Response::Json(200, "0123456789"), 11, true, true);
  EXPECT_TRUE(wire.bytes.ends_with("Content-Length: 10\r\n\r\n")) << wire.bytes;
}

TEST(Wire, NoContentAndNotModifiedHaveNoLengthAndNoBody) {
  EXPECT_EQ(ToWire(Response::NoContent(), 11, true, false).bytes, "HTTP/1.1 204 No Content\r\n\r\n");
  Response not_modified = Response::Json(304, "ignored");
  not_modified.content_type.clear();
  not_modified.Set("ETag", "\"7\"");
  EXPECT_EQ(ToWire(not_modified, 11, true, false).bytes, "HTTP/1.1 304 Not Modified\r\nETag: \"7\"\r\n\r\n");
}

TEST(Wire, ALineBreakInAFieldCannotStartAnother) {
  Response r = Response::Json(200, "{}");
  r.Set("Content-Disposition", "attachment; filename=\"a\r\nSet-Cookie: session=stolen\"");
  r.Set("X-Bad\nName", "v\0w");
  const WireResponse wire = ToWire(r, 11, true, false);
  EXPECT_EQ(wire.bytes.find("\r\nSet-Cookie"), std::string::npos) << wire.bytes;
  EXPECT_NE(wire.bytes.find("filename=\"a  Set-Cookie: session=stolen\"\r\n"), std::string::npos) << wire.bytes;
  EXPECT_NE(wire.bytes.find("\r\nX-Bad Name: v\r\n"), std::string::npos) << wire.bytes;
}

}  // namespace
}  // namespace consign::http
