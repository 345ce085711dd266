#include <doctest/doctest.h>

#include "tumen/text_fold.hpp"
#include "tumen/utf8.hpp"

using namespace tumen;

TEST_CASE("utf8 validation rejects malformed sequences") {
    CHECK(utf8::is_valid("Өлзийбаяр Үүрцайх"));
    CHECK(utf8::is_valid(""));
    CHECK_FALSE(utf8::is_valid("\xC0\xAF"));          // overlong '/'
    CHECK_FALSE(utf8::is_valid("\xED\xA0\x80"));      // surrogate
    CHECK_FALSE(utf8::is_valid("\xD0"));              // truncated Cyrillic
    CHECK_FALSE(utf8::is_valid("abc\xFF"));
    CHECK_FALSE(utf8::is_valid("\xF4\x90\x80\x80"));  // > U+10FFFF
    CHECK(utf8::is_valid("\xF0\x9F\x98\x80"));        // emoji
}

TEST_CASE("utf8 length and truncate count code points") {
    CHECK(utf8::length("Өөгий") == 5);
    CHECK(utf8::truncate("Өөгий", 2) == "Өө");
    CHECK(utf8::truncate("ab", 5) == "ab");
    std::string s;
    utf8::append(s, 0x04E8);
    utf8::append(s, U'a');
    utf8::append(s, 0x1F600);
    CHECK(s == "Өa\xF0\x9F\x98\x80");
}

TEST_CASE("fold lower-cases Latin and Cyrillic including Mongolian letters") {
    CHECK(text::fold("БАТБАЯР") == "батбаяр");
    CHECK(text::fold("ӨЛЗИЙ ҮҮРЦАЙХ") == "өлзий үүрцайх");
    CHECK(text::fold("Hello WORLD") == "hello world");
    CHECK(text::fold("ÉCOLE Ünal ŁÓDŹ") == "école ünal łódź");
    CHECK(text::fold("Straße") == "strasse");
    CHECK(text::fold("ЀЁЂ") == "ѐеђ");
}

TEST_CASE("fold treats ё as е") {
    CHECK(text::fold("Ёлка ёж") == "елка еж");
    CHECK(text::equals_folded("Алёна", "АЛЕНА"));
}

TEST_CASE("fold keeps invalid bytes and other scripts unchanged") {
    CHECK(text::fold("A\xFFZ") == "a\xFFz");
    CHECK(text::fold("日本") == "日本");
}

TEST_CASE("trim and collapse handle Unicode white space") {
    CHECK(text::trim("  \t Монгол\u00A0") == "Монгол");
    CHECK(text::trim(" \u3000 ").empty());
    CHECK(text::trim("\xEF\xBB\xBFДархан") == "Дархан");  // BOM from CSV files
    CHECK(text::trim("\t\n\v\f\r a b \r\n") == "a b");  // ASCII only: trimmed without decoding
    CHECK(text::trim(" \x01x\x7F ") == "\x01x\x7F");
    CHECK(text::trim(" \t ").data() == nullptr);
    CHECK(text::trim(" a\u00A0") == "a");
    CHECK(text::collapse_whitespace("  Монгол \u00A0\n Шуудан  ХХК ") == "Монгол Шуудан ХХК");
    CHECK(text::collapse_whitespace("").empty());
}

TEST_CASE("folded comparisons") {
    CHECK(text::equals_folded("  Монгол  ШУУДАН ", "монгол шуудан"));
    CHECK_FALSE(text::equals_folded("Монгол", "Монголия"));
    CHECK(text::contains_folded("Монгол Шуудан ХХК", "ШУУДАН"));
    CHECK_FALSE(text::contains_folded("Дархан", "Эрдэнэт"));
}

TEST_CASE("word set key ignores word order") {
    CHECK(text::word_set_key("Ганболд Батбаяр") == text::word_set_key("батбаяр  ГАНБОЛД"));
    CHECK(text::word_set_key("Ганболд Батбаяр") != text::word_set_key("Ганболд Батсүх"));
}
