#include "platform/http/wire.hpp"

#include <charconv>

#include "platform/http/error_mapping.hpp"

namespace consign::http {

namespace {

// A field as it goes on the wire; a CR, LF or NUL in a name or value (which would end the field and
// begin another: response splitting) becomes a space.
void AppendField(std::string& out, std::string_view name, std::string_view value) {
  const size_t from = out.size();
  out.append(name).append(": ").append(value);
  for (size_t i = from; i < out.size(); ++i)
    if (out[i] == '\r' || out[i] == '\n' || out[i] == '\0') out[i] = ' ';
  out.append("\r\n");
}

}  // namespace

WireResponse ToWire(const Response& r, unsigned version, bool keep_alive, bool head) {
  WireResponse wire;
  wire.close = !keep_alive;
  std::string& out = wire.bytes;
  size_t size = 64 + r.content_type.size() + (head ? 0 : r.body.size());
  for (const auto& [name, value] : r.headers) size += name.size() + value.size() + 4;
  out.reserve(size);
  out.append(version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ");
  char digits[8];
  out.append(digits, std::to_chars(digits, digits + sizeof digits, r.status).ptr);
  out += ' ';
  out.append(StatusTitle(r.status));
  out.append("\r\n");
  if (!r.content_type.empty()) AppendField(out, "Content-Type", r.content_type);
  for (const auto& [name, value] : r.headers) AppendField(out, name, value);
  if (version >= 11 && !keep_alive) out.append("Connection: close\r\n");
  if (version < 11 && keep_alive) out.append("Connection: keep-alive\r\n");
  // No body and no length for 1xx, 204 and 304 (RFC 9110 §8.6); HEAD gets GET's length without its body.
  const bool bodiless = r.status == 204 || r.status == 304 || (r.status >= 100 && r.status < 200);
  if (!bodiless) {
    out.append("Content-Length: ");
    char length[24];
    out.append(length, std::to_chars(length, length + sizeof length, r.body.size()).ptr);
    out.append("\r\n");
  }
  out.append("\r\n");
  if (!bodiless && !head) out.append(r.body);
  return wire;
}

}  // namespace consign::http
