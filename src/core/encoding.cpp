#include "core/encoding.hpp"

#include <iconv.h>

#include <algorithm>
#include <stdexcept>
#include <variant>

#include <fmt/format.h>

#include "core/csv.hpp"
#include "core/text.hpp"

namespace consign::text {
namespace {

struct Failure {
  std::size_t offset;  // of the first bad byte in the input
};

std::size_t LineOf(std::string_view bytes, std::size_t offset) {
  // 0x0A is a line feed in UTF-8 and in GB18030 alike: it is never part of a multi-byte character.
  return 1 + static_cast<std::size_t>(std::count(bytes.begin(), bytes.begin() + offset, '\n'));
}

Error BadEncoding(std::string_view bytes, std::size_t base, std::size_t offset, std::string_view what) {
  return InvalidField("file", "bad_encoding",
                      fmt::format("Line {}, byte {}: the file is not valid {}.",
                                  LineOf(bytes, base + offset), base + offset, what));
}

// Offset of the first byte that does not start a well-formed UTF-8 sequence, or nullopt.
std::optional<std::size_t> FirstInvalidUtf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    // The lead byte gives the sequence length; IsValidUtf8 then checks that one sequence.
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size() || !IsValidUtf8(s.substr(i, len))) return i;
    i += len;
  }
  return std::nullopt;
}

// Converts GB18030 to UTF-8, or names the offset of the first byte iconv could not convert.
std::variant<std::string, Failure> FromGb18030(std::string_view bytes) {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    // glibc always ships GB18030; a system without it is broken, not the client's upload.
    throw std::runtime_error("iconv has no GB18030 converter");
  }
  std::string out(bytes.size() * 2 + 16, '\0');  // GB18030 → UTF-8 grows at most 2 bytes to 4
  char* in_ptr = const_cast<char*>(bytes.data());
  std::size_t in_left = bytes.size();
  char* out_ptr = out.data();
  std::size_t out_left = out.size();
  const std::size_t rc = iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left);
  iconv_close(cd);
  if (rc == static_cast<std::size_t>(-1)) {
    // EILSEQ (a bad sequence) and EINVAL (a sequence cut off at the end) both leave in_ptr at the
    // first byte not converted; the output buffer is large enough that E2BIG cannot happen.
    return Failure{static_cast<std::size_t>(in_ptr - bytes.data())};
  }
  out.resize(out.size() - out_left);
  return out;
}

}  // namespace

std::string_view EncodingName(Encoding encoding) {
  switch (encoding) {
    case Encoding::kAuto: return "auto";
    case Encoding::kUtf8: return "utf-8";
    case Encoding::kGb18030: return "gb18030";
  }
  return "auto";
}

std::optional<Encoding> ParseEncoding(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
  if (lower == "auto") return Encoding::kAuto;
  if (lower == "utf-8" || lower == "utf8") return Encoding::kUtf8;
  if (lower == "gb18030" || lower == "gbk" || lower == "gb2312") return Encoding::kGb18030;
  return std::nullopt;
}

Result<Decoded> DecodeToUtf8(std::string_view bytes, Encoding encoding) {
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    return InvalidField("file", "bad_encoding",
                        "Line 1, byte 0: the file is UTF-16; save it as \"CSV UTF-8\" or CSV (GBK).");
  }
  const bool bom = bytes.starts_with(csv::kUtf8Bom);
  const bool automatic = encoding == Encoding::kAuto;
  if (encoding == Encoding::kAuto) {
    if (bom || IsValidUtf8(bytes)) encoding = Encoding::kUtf8;
    else encoding = Encoding::kGb18030;
  }
  if (encoding == Encoding::kUtf8) {
    const std::size_t base = bom ? csv::kUtf8Bom.size() : 0;
    const std::string_view body = bytes.substr(base);
    if (auto bad = FirstInvalidUtf8(body)) return BadEncoding(bytes, base, *bad, "UTF-8");
    return Decoded{std::string(body), Encoding::kUtf8};
  }
  auto converted = FromGb18030(bytes);
  if (auto* failure = std::get_if<Failure>(&converted)) {
    if (!automatic) return BadEncoding(bytes, 0, failure->offset, "GB18030 (GBK)");
    // Neither encoding fits. The one that reads further is the one the file was meant to be in,
    // so its first bad byte is the one to show.
    const std::size_t utf8_bad = FirstInvalidUtf8(bytes).value_or(0);
    return BadEncoding(bytes, 0, std::max(utf8_bad, failure->offset), "UTF-8 or GB18030 (GBK)");
  }
  return Decoded{std::move(std::get<std::string>(converted)), Encoding::kGb18030};
}

}  // namespace consign::text
