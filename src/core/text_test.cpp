#include "core/text.hpp"

#include <gtest/gtest.h>

namespace consign::text {
namespace {

using Strings = std::vector<std::string>;

TEST(Utf8, ValidAndInvalidSequences) {
  struct Case {
    std::string bytes;
    bool valid;
  };
  const Case cases[] = {
      {"", true},
      {"abc", true},
      {"深圳市顺达电子有限公司", true},
      {"\xF0\x9F\x93\xA6", true},         // 📦, four bytes
      {"\xEF\xBF\xBD", true},             // a real U+FFFD
      {"\xC0\xAF", false},                // overlong '/'
      {"\xE0\x80\xAF", false},            // overlong, three bytes
      {"\xED\xA0\x80", false},            // surrogate D800
      {"\xF4\x90\x80\x80", false},        // above U+10FFFF
      {"\xE6\xB7", false},                // truncated 深
      {"\x80", false},                    // lone continuation byte
      {"\xC9\xEE\xDB\xDA", false},        // 深圳 in GBK
      {"ok\xFF", false},
  };
  for (const auto& c : cases) EXPECT_EQ(IsValidUtf8(c.bytes), c.valid) << c.bytes;
}

TEST(Utf8, UnsafeCharactersAreControlsAndBidiOverrides) {
  EXPECT_FALSE(text::HasUnsafeCharacters("深圳市顺达电子 Ltd.\tA-1"));
  EXPECT_TRUE(text::HasUnsafeCharacters("a\nb"));
  EXPECT_FALSE(text::HasUnsafeCharacters("a\r\nb", /*multiline=*/true));
  EXPECT_TRUE(text::HasUnsafeCharacters(std::string("a\0b", 3)));
  EXPECT_TRUE(text::HasUnsafeCharacters("a\x1b" "[31mb"));
  EXPECT_TRUE(text::HasUnsafeCharacters("a\x7f"));
  EXPECT_TRUE(text::HasUnsafeCharacters("\xc2\x85"));          // U+0085, a C1 control
  EXPECT_TRUE(text::HasUnsafeCharacters("abc\xe2\x80\xae" "cba"));  // U+202E RIGHT-TO-LEFT OVERRIDE
  EXPECT_TRUE(text::HasUnsafeCharacters("\xe2\x81\xa6x"));      // U+2066 LEFT-TO-RIGHT ISOLATE
  EXPECT_FALSE(text::HasUnsafeCharacters("\xe2\x80\x8b"));      // U+200B ZERO WIDTH SPACE is not a control
}

TEST(Utf8, DecodeEncodeRoundTrip) {
  const std::string s = "A深📦é";
  const std::u32string cps = DecodeUtf8(s);
  EXPECT_EQ(cps, (std::u32string{U'A', U'深', U'📦', U'é'}));
  EXPECT_EQ(EncodeUtf8(cps), s);
}

TEST(Utf8, DecodeReplacesEachBadByteAndKeepsTheRest) {
  EXPECT_EQ(DecodeUtf8("a\xFF" "b"), (std::u32string{U'a', 0xFFFD, U'b'}));
  // A truncated sequence before a valid character must not swallow that character.
  EXPECT_EQ(DecodeUtf8("\xE6\xB7" "深"), (std::u32string{0xFFFD, 0xFFFD, U'深'}));
}

TEST(Utf8, EncodeReplacesSurrogatesAndOutOfRange) {
  EXPECT_EQ(EncodeUtf8(std::u32string{0xD800}), "\xEF\xBF\xBD");
  EXPECT_EQ(EncodeUtf8(std::u32string{0x110000}), "\xEF\xBF\xBD");
}

TEST(Utf8, CountsCodePointsNotBytes) {
  EXPECT_EQ(CodePointCount(""), 0u);
  EXPECT_EQ(CodePointCount("abc"), 3u);
  EXPECT_EQ(CodePointCount("深圳市顺达电子有限公司"), 11u);
  EXPECT_EQ(CodePointCount("📦x"), 2u);
}

TEST(Utf8, TruncatesOnCodePointBoundaries) {
  EXPECT_EQ(TruncateCodePoints("深圳市顺达", 2), "深圳");
  EXPECT_EQ(TruncateCodePoints("深圳", 5), "深圳");
  EXPECT_EQ(TruncateCodePoints("a📦b", 2), "a📦");
  EXPECT_EQ(TruncateCodePoints("abc", 0), "");
}

TEST(Search, IsCjk) {
  EXPECT_TRUE(IsCjk(U'深'));
  EXPECT_TRUE(IsCjk(U'〇'));
  EXPECT_TRUE(IsCjk(U'㐀'));      // extension A
  EXPECT_TRUE(IsCjk(0x20000));    // extension B
  EXPECT_TRUE(IsCjk(U'カ'));
  EXPECT_TRUE(IsCjk(U'한'));
  EXPECT_FALSE(IsCjk(U'a'));
  EXPECT_FALSE(IsCjk(U'，'));     // full-width comma
  EXPECT_FALSE(IsCjk(U'。'));
  EXPECT_FALSE(IsCjk(U'Ａ'));
}

TEST(Search, Normalizes) {
  struct Case {
    std::string in, out;
  };
  const Case cases[] = {
      {"", ""},
      {"  ", ""},
      {"ＡＢＣ１２３", "abc123"},
      {"  Shun   Da\t\n电子 ", "shun da 电子"},
      {"顺达\u3000电子", "顺达 电子"},       // ideographic space
      {"ＳＤ－０１", "sd-01"},
      {"深圳市顺达", "深圳市顺达"},
  };
  for (const auto& c : cases) EXPECT_EQ(NormalizeForSearch(c.in), c.out) << c.in;
}

TEST(Search, GramsOfCjkRunsAreUnigramsAndBigrams) {
  EXPECT_EQ(SearchGrams("顺达电子"),
            (Strings{"顺", "达", "电", "子", "顺达", "达电", "电子"}));
  EXPECT_EQ(SearchGrams("张"), (Strings{"张"}));
}

TEST(Search, GramsOfMixedText) {
  EXPECT_EQ(SearchGrams("深圳顺达 ＳＤ-01"),
            (Strings{"深", "圳", "顺", "达", "深圳", "圳顺", "顺达", "sd", "01"}));
  EXPECT_EQ(SearchGrams("ABC电子Co.,Ltd"), (Strings{"abc", "电", "子", "电子", "co", "ltd"}));
}

TEST(Search, GramsAreUniqueAndSkipPunctuation) {
  EXPECT_EQ(SearchGrams("哈哈哈"), (Strings{"哈", "哈哈"}));
  EXPECT_EQ(SearchGrams("（顺达）、《电子》"), (Strings{"顺", "达", "顺达", "电", "子", "电子"}));
  EXPECT_TRUE(SearchGrams("").empty());
  EXPECT_TRUE(SearchGrams(" -,.!").empty());
}

TEST(Search, EveryTwoCharacterSubstringIsAGram) {
  const std::string name = "深圳市顺达电子有限公司";
  const Strings grams = SearchGrams(name);
  const std::u32string cps = DecodeUtf8(name);
  for (std::size_t k = 0; k + 1 < cps.size(); ++k) {
    const std::string pair = EncodeUtf8(cps.substr(k, 2));
    EXPECT_NE(std::find(grams.begin(), grams.end(), pair), grams.end()) << pair;
  }
}

TEST(Search, PhoneGramIsTelPlusLastFourDigits) {
  struct Case {
    std::string phone, gram;
  };
  const Case cases[] = {
      {"13812345678", "tel5678"},
      {"+86 138-1234-5678", "tel5678"},
      {"0755-87654321", "tel4321"},
      {"0755-87654321-123", "tel4321"},   // extension is not the number
      {"0755-87654321转8", "tel4321"},
      {"400-123-4567", "tel4567"},
      {"12345", "tel2345"},               // not a valid phone: still its last four digits
      {"123", ""},
      {"", ""},
  };
  for (const auto& c : cases) EXPECT_EQ(PhoneGram(c.phone), c.gram) << c.phone;
}

TEST(Search, QueryGramsOfCjk) {
  EXPECT_EQ(QueryGrams("顺"), (std::vector<QueryGram>{{"顺", false}}));
  EXPECT_EQ(QueryGrams("顺达"), (std::vector<QueryGram>{{"顺达", false}}));
  EXPECT_EQ(QueryGrams("顺达电子"),
            (std::vector<QueryGram>{{"顺达", false}, {"达电", false}, {"电子", false}}));
}

TEST(Search, QueryGramsOfWordsArePrefixes) {
  EXPECT_EQ(QueryGrams("  ShunDa "), (std::vector<QueryGram>{{"shunda", true}}));
  EXPECT_EQ(QueryGrams("顺达 SD"), (std::vector<QueryGram>{{"顺达", false}, {"sd", true}}));
  EXPECT_EQ(QueryGrams("ＣＵ００１"), (std::vector<QueryGram>{{"cu001", true}}));
  EXPECT_EQ(QueryGrams("a a"), (std::vector<QueryGram>{{"a", true}}));
  EXPECT_TRUE(QueryGrams("，。 ").empty());
}

TEST(Search, QueryGramsAreASubsetOfTheIndexedGrams) {
  // Whatever substring a user types, its exact grams are among the indexed grams of the text.
  const std::string name = "深圳市顺达电子有限公司";
  const Strings indexed = SearchGrams(name);
  const std::u32string cps = DecodeUtf8(name);
  for (std::size_t begin = 0; begin < cps.size(); ++begin) {
    for (std::size_t len = 1; begin + len <= cps.size(); ++len) {
      for (const QueryGram& gram : QueryGrams(EncodeUtf8(cps.substr(begin, len)))) {
        EXPECT_FALSE(gram.prefix);
        EXPECT_NE(std::find(indexed.begin(), indexed.end(), gram.token), indexed.end()) << gram.token;
      }
    }
  }
}

TEST(Search, Fts5QueryQuotesAndMarksPrefixes) {
  EXPECT_EQ(Fts5Query(QueryGrams("顺达 sd")), "\"顺达\" \"sd\"*");
  EXPECT_EQ(Fts5Query({{"a\"b", false}}), "\"a\"\"b\"");
  EXPECT_EQ(Fts5Query({}), "");
}

TEST(Search, ExactAndPrefixTokensSplitTheGrams) {
  const auto grams = QueryGrams("顺达电 sd 01");
  EXPECT_EQ(ExactTokens(grams), (Strings{"顺达", "达电"}));
  EXPECT_EQ(PrefixTokens(grams), (Strings{"sd", "01"}));
}

TEST(Search, LikePrefixEscapesWildcards) {
  EXPECT_EQ(LikePrefix("sd"), "sd%");
  EXPECT_EQ(LikePrefix("a%b_c\\"), "a\\%b\\_c\\\\%");
}

TEST(Search, PhoneQueryGramOnlyForFourDigits) {
  EXPECT_EQ(PhoneQueryGram("1234"), "tel1234");
  EXPECT_EQ(PhoneQueryGram(" １２３４ "), "tel1234");
  EXPECT_EQ(PhoneQueryGram("123"), std::nullopt);
  EXPECT_EQ(PhoneQueryGram("12345"), std::nullopt);
  EXPECT_EQ(PhoneQueryGram("12a4"), std::nullopt);
}

TEST(Mask, Names) {
  struct Case {
    std::string in, out;
  };
  const Case cases[] = {
      {"", ""},
      {"张", "*"},
      {"张三", "张*"},
      {"张三丰", "张**"},
      {"欧阳娜娜", "欧阳**"},
      {"欧阳", "欧*"},          // a compound surname alone still hides a character
      {"司马相如", "司马**"},
      {" 李四 ", "李*"},
      {"Zhang San", "Z**** S**"},
      {"Li", "L*"},
      {"A", "*"},
      {"Mary-Jane O'Neil", "M***-J*** O*****"},
      {"J. Smith", "*. S****"},
  };
  for (const auto& c : cases) EXPECT_EQ(MaskName(c.in), c.out) << c.in;
}

TEST(Mask, NamesAlwaysHideACharacter) {
  for (std::string name : {"张", "李四", "欧阳", "X", "Al", "王 五"}) {
    const std::string masked = MaskName(name);
    EXPECT_NE(masked, name);
    EXPECT_TRUE(LooksMasked(masked)) << name;
  }
}

TEST(Text, TruncateBytesNeverCutsACharacterInHalf) {
  EXPECT_EQ(TruncateBytes("abc", 5), "abc");
  EXPECT_EQ(TruncateBytes("abcdef", 3), "abc");
  // 深 圳 市 are three bytes each: 7 bytes hold two of them.
  EXPECT_EQ(TruncateBytes("深圳市", 7), "深圳");
  EXPECT_EQ(TruncateBytes("深圳市", 9), "深圳市");
  EXPECT_EQ(TruncateBytes("深圳市", 2), "");
  EXPECT_EQ(TruncateBytes("", 2), "");
}

TEST(Mask, Phones) {
  struct Case {
    std::string in, out;
  };
  const Case cases[] = {
      {"", ""},
      {"13812341234", "*******1234"},
      {"19912345678", "*******5678"},
      {"12012345678", "*******5678"},          // eleven digits but no mobile prefix: the general parse
      {"+86 138-1234-1234", "*******1234"},
      {"0086 13812341234", "*******1234"},
      {"0755-12345678", "********5678"},
      {"010-12345678-123", "*******5678"},     // the extension is dropped, not shown
      {"12345678", "******78"},                // short: at least six hidden
      {"1234567", "******7"},
      {"123456", "******"},
      {"12", "******"},
      {"n/a", "******"},
  };
  for (const auto& c : cases) EXPECT_EQ(MaskPhone(c.in), c.out) << c.in;
}

TEST(Mask, PhonesNeverShowMoreThanFourDigits) {
  for (std::string phone : {"13812341234", "0755-12345678", "010-12345678-123", "400-123-4567", "1234567",
                            "+86 10 8765 4321"}) {
    const std::string masked = MaskPhone(phone);
    const auto shown = std::count_if(masked.begin(), masked.end(), [](char c) { return c >= '0' && c <= '9'; });
    const auto hidden = std::count(masked.begin(), masked.end(), '*');
    EXPECT_LE(shown, 4) << phone;
    EXPECT_GE(hidden, 6) << phone;
  }
}

TEST(Mask, Emails) {
  struct Case {
    std::string in, out;
  };
  const Case cases[] = {
      {"", ""},
      {"zhang.san@example.com", "z***@example.com"},
      {"ab@example.cn", "a***@example.cn"},
      {"a@example.cn", "***@example.cn"},
      {"张三@例子.中国", "张***@例子.中国"},
      {"no-at-sign", "***"},
  };
  for (const auto& c : cases) EXPECT_EQ(MaskEmail(c.in), c.out) << c.in;
}

TEST(Mask, Streets) {
  struct Case {
    std::string in, out;
  };
  const Case cases[] = {
      {"", ""},
      {"科技园路88号3栋1201室", "科技园路****"},
      {"中关村大街1号", "中关村大街****"},
      {"南京东路步行街100号", "南京东路步行街****"},
      {"建国门外大街甲１２号", "建国门外大街****"},       // full-width digits too
      {"幸福小区5栋2单元301", "幸福小区****"},          // no road marker: up to the first digit
      {"南锣鼓巷", "南锣鼓巷****"},
      {"华侨城东部工业区", "华侨城东****"},              // no digits, no marker: first half
      {"88 Keji Road Room 1201", "****"},
  };
  for (const auto& c : cases) EXPECT_EQ(MaskStreet(c.in), c.out) << c.in;
}

TEST(Mask, StreetsNeverShowADigit) {
  for (std::string street : {"科技园路88号3栋1201室", "1号楼", "深南大道6001号", "xx路7弄3号"}) {
    const std::string masked = MaskStreet(street);
    EXPECT_EQ(masked.find_first_of("0123456789"), std::string::npos) << masked;
  }
}

TEST(Mask, LooksMasked) {
  EXPECT_TRUE(LooksMasked("*******1234"));
  EXPECT_TRUE(LooksMasked("张*"));
  EXPECT_FALSE(LooksMasked("13812341234"));
  EXPECT_FALSE(LooksMasked("张三"));
}

TEST(Phone, NormalizesValidNumbers) {
  struct Case {
    std::string in, out;
  };
  const Case cases[] = {
      {"13812341234", "13812341234"},
      {"138 1234 1234", "13812341234"},
      {"138-1234-1234", "13812341234"},
      {"+86 138 1234 1234", "13812341234"},
      {"+86-13812341234", "13812341234"},
      {"008613812341234", "13812341234"},
      {"8613812341234", "13812341234"},
      {"１３８１２３４１２３４", "13812341234"},
      {"19912345678", "19912345678"},
      {"0755-12345678", "0755-12345678"},
      {"(0755) 1234 5678", "0755-12345678"},
      {"075512345678", "0755-12345678"},
      {"010-12345678", "010-12345678"},
      {"01012345678", "010-12345678"},
      {"021-6123456", "021-6123456"},
      {"0571 8888 6666", "0571-88886666"},
      {"+86 10 8765 4321", "010-87654321"},
      {"+86 755 12345678", "0755-12345678"},
      {"0755-12345678-123", "0755-12345678-123"},
      {"0755-12345678转123", "0755-12345678-123"},
      {"0755-12345678 ext. 45", "0755-12345678-45"},
      {"0755-12345678 x45", "0755-12345678-45"},
      {"010-12345678#8", "010-12345678-8"},
      {"400-123-4567", "400-123-4567"},
      {"4001234567", "400-123-4567"},
      {"800 123 4567", "800-123-4567"},
  };
  for (const auto& c : cases) {
    const auto got = NormalizePhone(c.in);
    ASSERT_TRUE(got.has_value()) << c.in;
    EXPECT_EQ(*got, c.out) << c.in;
  }
}

TEST(Phone, RejectsInvalidNumbers) {
  for (std::string in : {"", "abc", "1381234123", "138123412345", "12812341234", "23812341234",
                         "+1 415 555 0100", "+86 12812341234", "0755-0234567",
                         "0755-123456", "0755-123456789", "0115-12345678", "13812341234-12",
                         "13812341234 ext 5", "0755-12345678 ext", "0755-12345678-1234567",
                         "138 1234 1234 电话", "12345678", "+86", "0086"}) {
    EXPECT_EQ(NormalizePhone(in), std::nullopt) << in;
  }
}

TEST(Email, AcceptsPracticalAddresses) {
  for (std::string e : {"zhang.san@example.com", "a@b.cn", "ops+cn@shunda-dz.com.cn", "x_y@mail.163.com",
                        "O'Neil@example.org", "user@example.xn--fiqs8s"}) {
    EXPECT_TRUE(IsValidEmail(e)) << e;
  }
}

TEST(Email, RejectsBrokenAddresses) {
  for (std::string e : Strings{"", "plain", "@example.com", "a@", "a@b", "a@.com", "a@b..com", "a@-b.com",
                        "a@b-.com", "a.@b.com", ".a@b.com", "a..b@c.com", "a b@c.com", "a@b.c",
                        "a@b.c0m", "张三@例子.中国", "a@b.com.", "a@@b.com",
                        std::string(65, 'a') + "@b.com", "a@" + std::string(64, 'b') + ".com"}) {
    EXPECT_FALSE(IsValidEmail(e)) << e;
  }
}

}  // namespace
}  // namespace consign::text
