#include <doctest/doctest.h>

#include "tumen/csv.hpp"

using namespace tumen;

namespace {
std::vector<csv::Record> read_all(std::string_view text, char delim = ',') {
    csv::Reader r(text, delim);
    std::vector<csv::Record> out;
    csv::Record rec;
    while (r.next(rec)) out.push_back(rec);
    return out;
}
}  // namespace

TEST_CASE("csv reader splits plain fields and both line-end styles") {
    auto rows = read_all("Нэр,Имэйл\r\nБат-Өлзий,bat@gobi.mn\nҮүрцайх,uur@tavan.mn\r\n");
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].fields == std::vector<std::string>{"Нэр", "Имэйл"});
    CHECK(rows[1].fields == std::vector<std::string>{"Бат-Өлзий", "bat@gobi.mn"});
    CHECK(rows[2].fields[0] == "Үүрцайх");
    CHECK(rows[0].line == 1);
    CHECK(rows[1].line == 2);
    CHECK(rows[2].line == 3);
    for (const auto& r : rows) CHECK(r.error.empty());
}

TEST_CASE("csv reader handles quotes, doubled quotes, delimiters and line breaks inside fields") {
    auto rows = read_all("a,b,c\n\"Говь, ХК\",\"He said \"\"сайн\"\"\",\"line 1\r\nline 2\"\nnext,row,here\n");
    REQUIRE(rows.size() == 3);
    CHECK(rows[1].fields[0] == "Говь, ХК");
    CHECK(rows[1].fields[1] == "He said \"сайн\"");
    CHECK(rows[1].fields[2] == "line 1\nline 2");  // CRLF inside a field becomes LF
    CHECK(rows[1].line == 2);
    CHECK(rows[2].line == 4);  // the record before spanned two lines
    CHECK(rows[2].fields[0] == "next");
}

TEST_CASE("csv reader keeps empty fields and skips blank lines") {
    auto rows = read_all("a,,c\n\n,,\n\"\",x,\nlast,,\n");
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].fields == std::vector<std::string>{"a", "", "c"});
    CHECK(rows[1].fields == std::vector<std::string>{"", "x", ""});
    CHECK(rows[1].line == 4);
    CHECK(rows[2].fields == std::vector<std::string>{"last", "", ""});
}

TEST_CASE("csv reader: last line without a line break, lone CR line ends, other delimiters") {
    auto rows = read_all("a;b\rc;d", ';');
    REQUIRE(rows.size() == 2);
    CHECK(rows[1].fields == std::vector<std::string>{"c", "d"});
    CHECK(rows[1].line == 2);
    auto tabs = read_all("Нэр\tУтас\nӨнөр\t99112233\n", '\t');
    CHECK(tabs[1].fields == std::vector<std::string>{"Өнөр", "99112233"});
}

TEST_CASE("csv reader reports an unterminated quote on the record where it opened") {
    auto rows = read_all("a,b\n1,2\n\"open,3\n4,5\n");
    REQUIRE(rows.size() == 3);
    CHECK(rows[1].error.empty());
    CHECK(rows[2].line == 3);
    CHECK(rows[2].error.find("line 3") != std::string::npos);
    CHECK(rows[2].error.find("never closed") != std::string::npos);
}

TEST_CASE("csv reader names the column that is not UTF-8 and keeps reading") {
    auto rows = read_all("a,b\nok,\xD0\nгоё,ok\n");
    REQUIRE(rows.size() == 3);
    CHECK(rows[1].error == "column 2 is not valid UTF-8 text");
    CHECK(rows[1].line == 2);
    CHECK(rows[2].error.empty());
    CHECK(rows[2].fields[0] == "гоё");
}

TEST_CASE("csv reader keeps text after a closing quote like spreadsheets do") {
    auto rows = read_all("\"abc\"def,x\n");
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].fields[0] == "abcdef");
}

TEST_CASE("csv parse: BOM, header, ragged rows with their line numbers, trailing empty cells") {
    std::string data = std::string(csv::utf8_bom) + "Нэр,Имэйл,Утас\r\nӨлзий,u@x.mn,9911\r\nбогино,мөр\r\nхэт,урт,мөр,нэмэлт\r\nТөгс,t@x.mn,88,,\r\n";
    auto t = csv::parse(data);
    REQUIRE(t.ok());
    CHECK(t->delimiter == ',');
    CHECK(t->header == std::vector<std::string>{"Нэр", "Имэйл", "Утас"});
    REQUIRE(t->rows.size() == 4);
    CHECK(t->rows[0].error.empty());
    CHECK(t->rows[1].line == 3);
    CHECK(t->rows[1].error == "has 2 fields, the header has 3");
    CHECK(t->rows[2].line == 4);
    CHECK(t->rows[2].error == "has 4 fields, the header has 3");
    CHECK(t->rows[3].error.empty());
    CHECK(t->rows[3].fields.size() == 3);
}

TEST_CASE("csv parse detects semicolon files and stops at max_records") {
    auto t = csv::parse("Нэр;Дүн\nА;1,5\nБ;2\nВ;3\n", {0, 2});
    REQUIRE(t.ok());
    CHECK(t->delimiter == ';');
    CHECK(t->rows.size() == 2);
    CHECK(t->truncated);
    CHECK(t->rows[0].fields[1] == "1,5");
}

TEST_CASE("csv parse refuses a file whose header cannot be read") {
    auto t = csv::parse("\"never closed,header\n1,2\n");
    REQUIRE_FALSE(t.ok());
    CHECK(t.error().code == ErrorCode::bad_request);
    CHECK(t.error().field == "file");
    CHECK(t.error().message.find("header") != std::string::npos);
    CHECK_FALSE(csv::parse(",,,\n").ok());
}
