#pragma once
// Uploaded text to UTF-8. Excel in China saves "CSV" in GBK unless told otherwise, so imports accept
// GB18030 (a superset of GBK and GB2312) as well as UTF-8. Pure (iconv works in memory), thread-safe.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace consign::text {

enum class Encoding { kAuto, kUtf8, kGb18030 };

// "auto", "utf-8", "gb18030"; the API's words for the enum.
std::string_view EncodingName(Encoding encoding);
// Accepts those words case-insensitively, plus "utf8", "gbk" and "gb2312" (which GB18030 decodes).
std::optional<Encoding> ParseEncoding(std::string_view name);

struct Decoded {
  std::string text;        // UTF-8, without a byte-order mark
  Encoding encoding_used;  // kUtf8 or kGb18030, never kAuto
};

// Decodes `bytes`.
//   kUtf8     the bytes must be valid UTF-8; a leading BOM is removed.
//   kGb18030  the bytes are converted from GB18030.
//   kAuto     a UTF-8 BOM, or bytes that are valid UTF-8, mean UTF-8; anything else is GB18030.
//             (GBK text is almost never valid UTF-8: its lead bytes 0x81-0xFE are followed by
//             bytes that UTF-8 does not allow there.)
// Errors: kInvalidArgument, field "file", reason "bad_encoding", the message naming the line
// (1-based) and the byte offset (0-based, in the upload) of the first undecodable byte. A UTF-16
// byte-order mark is refused with a message saying to save as CSV UTF-8.
[[nodiscard]] Result<Decoded> DecodeToUtf8(std::string_view bytes, Encoding encoding);

}  // namespace consign::text
