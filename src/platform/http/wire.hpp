#pragma once
// A response as the bytes that go on the wire — status line, header fields, body — in one buffer, which
// the server writes with one call. (Beast's serializer walked a concatenation of a dozen buffers piece
// by piece: a tenth of a short read's instructions, for bytes a few appends make.) No Beast here, so a
// unit test holds the framing.
#include <string>

#include "platform/http/message.hpp"

namespace consign::http {

struct WireResponse {
  std::string bytes;
  bool close = false;  // the connection ends after this response
};

// HTTP/1.1 (or 1.0 when `version` is 10) framing of `r`: Content-Type, the handler's fields, Connection
// where keep-alive differs from the version's default, Content-Length — none for 1xx, 204 and 304; for
// HEAD (`head`) GET's length without the body. A CR, LF or NUL in a field's name or value, which would
// end the field and begin another (response splitting), is written as a space.
WireResponse ToWire(const Response& r, unsigned version, bool keep_alive, bool head);

}  // namespace consign::http
