#include "modules/customers/brand.hpp"

#include <optional>

namespace consign::customers {

namespace {

std::optional<ImageType> Sniff(std::string_view bytes) {
  // PNG's eight-byte signature; JPEG's start-of-image marker followed by another marker.
  if (bytes.starts_with(std::string_view("\x89PNG\r\n\x1a\n", 8))) return ImageType::kPng;
  if (bytes.starts_with(std::string_view("\xff\xd8\xff", 3))) return ImageType::kJpeg;
  return std::nullopt;
}

// SVG is XML text: after optional white space and a byte-order mark it starts with '<' (<?xml, <svg,
// <!DOCTYPE or a comment). Told apart only for the message: every non-PNG/JPEG is refused anyway.
bool LooksLikeSvg(std::string_view declared, std::string_view bytes) {
  if (declared.starts_with("image/svg")) return true;
  if (bytes.starts_with("\xef\xbb\xbf")) bytes.remove_prefix(3);
  const size_t first = bytes.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && bytes[first] == '<';
}

bool IsHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

}  // namespace

std::string_view MediaType(ImageType type) {
  switch (type) {
    case ImageType::kPng: return "image/png";
    case ImageType::kJpeg: return "image/jpeg";
  }
  return "application/octet-stream";
}

Result<std::string> ParseColor(std::string_view text) {
  bool ok = text.size() == 7 && text[0] == '#';
  for (size_t i = 1; ok && i < text.size(); ++i) ok = IsHex(text[i]);
  if (!ok) return InvalidField("primary_color", "invalid_format", "primary_color is '#' and six hex digits, e.g. #1f5fbf");
  std::string colour(text);
  for (char& c : colour)
    if (c >= 'A' && c <= 'F') c = static_cast<char>(c - 'A' + 'a');
  return colour;
}

Result<ImageType> CheckLogo(std::string_view declared_media_type, std::string_view bytes) {
  if (bytes.empty()) return InvalidField("logo", "required", "the logo is empty");
  if (bytes.size() > kMaxLogoBytes)
    return InvalidField("logo", "too_large",
                        "the logo is " + std::to_string(bytes.size() / 1024) + " KB; at most 200 KB is accepted");
  const std::optional<ImageType> type = Sniff(bytes);
  if (!type) {
    if (LooksLikeSvg(declared_media_type, bytes))
      return InvalidField("logo", "unsupported_type", "SVG is not accepted (it can carry scripts); upload a PNG or JPEG");
    return InvalidField("logo", "unsupported_type", "the logo must be a PNG or JPEG image");
  }
  if (declared_media_type != MediaType(*type))
    return InvalidField("logo", "type_mismatch",
                        "the image is a " + std::string(MediaType(*type)) + ", not " + std::string(declared_media_type));
  return *type;
}

}  // namespace consign::customers
