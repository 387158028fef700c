#pragma once
// Files as Excel "CSV (逗号分隔)" writes them on a Chinese Windows: GBK (GB18030 is its superset).
#include <gtest/gtest.h>
#include <iconv.h>

#include <string>

namespace consign::apitest {

inline std::string ToGb18030(const std::string& utf8) {
  iconv_t cd = iconv_open("GB18030", "UTF-8");
  std::string out(utf8.size() * 4, '\0');
  char* in = const_cast<char*>(utf8.data());
  size_t in_left = utf8.size();
  char* o = out.data();
  size_t out_left = out.size();
  const size_t rc = iconv(cd, &in, &in_left, &o, &out_left);
  iconv_close(cd);
  EXPECT_NE(rc, static_cast<size_t>(-1));
  out.resize(out.size() - out_left);
  return out;
}

}  // namespace consign::apitest
