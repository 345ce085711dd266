#include <doctest/doctest.h>

#include <cstdint>

#include "tumen/csv.hpp"

using namespace tumen;

namespace {
std::string utf16le(std::u16string_view s, bool bom) {
    std::string out = bom ? std::string("\xFF\xFE") : std::string();
    for (char16_t c : s) {
        out += static_cast<char>(c & 0xFF);
        out += static_cast<char>(c >> 8);
    }
    return out;
}

// Deterministic pseudo-random bytes (no <random> distribution differences between native and wasm).
std::string junk(std::size_t n, std::uint32_t seed) {
    std::string out(n, '\0');
    for (auto& c : out) {
        seed = seed * 1664525u + 1013904223u;
        c = static_cast<char>(seed >> 24);
    }
    return out;
}

std::string message_of(std::string_view data) {
    auto e = csv::check_file(data);
    return e ? e->message : std::string();
}
}  // namespace

TEST_CASE("check_file accepts UTF-8 CSV with and without BOM, Cyrillic included") {
    CHECK_FALSE(csv::check_file("Нэр,Имэйл\nӨлзий,u@x.mn\n"));
    CHECK_FALSE(csv::check_file(std::string(csv::utf8_bom) + "name\nҮүрэн\n"));
    CHECK_FALSE(csv::check_file("a\tb\r\n1\t2\r\n"));
}

TEST_CASE("check_file refuses empty files") {
    CHECK(message_of("").find("empty") != std::string::npos);
    CHECK(message_of(std::string(csv::utf8_bom) + " \r\n").find("empty") != std::string::npos);
    CHECK(message_of("\t\xC2\xA0\r\n\xE3\x80\x80 ").find("empty") != std::string::npos);  // no-break and ideographic spaces
    CHECK(message_of(" \xC2\xA0\n\xD0\x90\n") == "");  // a Cyrillic letter after the spaces
}

TEST_CASE("check_file refuses UTF-16 with and without a byte-order mark, Cyrillic or Latin") {
    const std::string with_bom = utf16le(u"Нэр,Имэйл\r\nӨлзий,u@x.mn\r\n", true);
    auto e = csv::check_file(with_bom);
    REQUIRE(e);
    CHECK(e->code == ErrorCode::bad_request);
    CHECK(e->field == "file");
    CHECK(e->message.find("UTF-16") != std::string::npos);
    CHECK(e->message.find("CSV UTF-8") != std::string::npos);
    CHECK(message_of(utf16le(u"name,email\r\nBat,b@x.mn\r\n", false)).find("UTF-16") != std::string::npos);
    CHECK(message_of(utf16le(u"Нэр,Имэйл\r\nӨлзий Батаа,Үүр\r\n", false)).find("UTF-16") != std::string::npos);
    CHECK(message_of(std::string("\xFE\xFF\x00n", 4)).find("UTF-16") != std::string::npos);
}

TEST_CASE("check_file names the spreadsheet or document someone uploaded instead of CSV") {
    CHECK(message_of(std::string("PK\x03\x04", 4) + "[Content_Types].xml").find(".xlsx") != std::string::npos);
    CHECK(message_of(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + "rest").find(".xls") != std::string::npos);
    CHECK(message_of("%PDF-1.7\n...").find("PDF") != std::string::npos);
}

TEST_CASE("check_file refuses binary junk, looking at a sample only") {
    const std::string data = junk(4 << 20, 42);
    auto e = csv::check_file(data);
    REQUIRE(e);
    CHECK(e->message.find("binary") != std::string::npos);
    std::string controls = "a,b\n";
    for (int i = 0; i < 100; ++i) controls += "\x01\x02\x03,x\n";
    CHECK(message_of(controls).find("binary") != std::string::npos);
}

TEST_CASE("check_file refuses a Windows-1251 file but leaves a few bad bytes to the rows") {
    // "Нэр,Утас\nБат,9911\n" in Windows-1251 (Mongolian э is 0xFD there).
    const std::string cp1251 = "\xCD\xFD\xF0,\xD3\xF2\xE0\xF1\n\xC1\xE0\xF2,9911\n\xC4\xEE\xF0\xE6,8811\n";
    CHECK(message_of(cp1251).find("not UTF-8") != std::string::npos);
    CHECK(message_of(cp1251).find("Windows-1251") != std::string::npos);
    CHECK_FALSE(csv::check_file("Нэр,Утас\nӨлзий,99\nБат,\xD0\n"));
}

TEST_CASE("detect_delimiter picks the separator of the header line, outside quotes") {
    CHECK(csv::detect_delimiter("a,b,c\n1;2;3;4;5\n") == ',');
    CHECK(csv::detect_delimiter("Нэр;Дүн;Огноо\n") == ';');
    CHECK(csv::detect_delimiter("a\tb\tc") == '\t');
    CHECK(csv::detect_delimiter("\"x;y;z\",b\n") == ',');
    CHECK(csv::detect_delimiter("single\n") == ',');
}
