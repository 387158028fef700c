#pragma once
// An account's brand (品牌): the logo and the primary colour the public tracking page shows for the
// account's shipments. Pure: what a colour and a logo must be, checked before anything is stored.
//   - The colour is "#rrggbb" (stored lower case): what antd's colorPrimary takes.
//   - The logo is a PNG or a JPEG of at most kMaxLogoBytes, recognised by its first bytes, never by
//     the type the client declares. SVG is refused: it is a document that may carry scripts, shown
//     on a public page under our origin. Anything else (GIF, WebP, HTML, text) is refused too.
#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace consign::customers {

inline constexpr size_t kMaxLogoBytes = 200 * 1024;

enum class ImageType { kPng, kJpeg };

// "image/png", "image/jpeg".
std::string_view MediaType(ImageType type);

// The colour in its stored form ("#1f5fbf"). kInvalidArgument naming primary_color (invalid_format)
// for anything but '#' and six hex digits.
[[nodiscard]] Result<std::string> ParseColor(std::string_view text);

// What the logo's bytes are. kInvalidArgument naming logo: empty (required), larger than
// kMaxLogoBytes (too_large), SVG or any other format (unsupported_type), or bytes of another type
// than `declared_media_type` says (type_mismatch: a JPEG sent as image/png is a client's mistake
// worth telling, not guessing about).
[[nodiscard]] Result<ImageType> CheckLogo(std::string_view declared_media_type, std::string_view bytes);

}  // namespace consign::customers
