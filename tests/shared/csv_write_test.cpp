#include <doctest/doctest.h>

#include "tumen/csv.hpp"

using namespace tumen;

TEST_CASE("csv writer quotes only what needs quoting and ends rows with CRLF") {
    std::string out;
    csv::append_row(out, {"Өлзий", "Говь, ХК", "say \"hi\"", "two\nlines", " padded", ""});
    CHECK(out == "Өлзий,\"Говь, ХК\",\"say \"\"hi\"\"\",\"two\nlines\",\" padded\",\r\n");
    std::string semi;
    csv::append_row(semi, {"1,5", "a;b"}, ';');
    CHECK(semi == "1,5;\"a;b\"\r\n");
}

TEST_CASE("csv writer output reads back to the same fields") {
    const std::vector<std::vector<std::string>> rows = {
        {"Нэр", "Тайлбар", "Утас"},
        {"Үүрцайх \"Өргөө\"", "мөр 1\nмөр 2, тэгээд \"иш\"", "+976 9911-2233"},
        {"", ",", "\"\""},
    };
    std::string text;
    for (const auto& r : rows) csv::append_row(text, r);
    auto t = csv::parse(std::string(csv::utf8_bom) + text);
    REQUIRE(t.ok());
    CHECK(t->header == rows[0]);
    REQUIRE(t->rows.size() == 2);
    CHECK(t->rows[0].fields == rows[1]);
    CHECK(t->rows[1].fields == rows[2]);
}

TEST_CASE("formula guard: spreadsheet formulas are neutralised, phone numbers and plain text are not") {
    CHECK(csv::neutralize_formula("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")");
    CHECK(csv::neutralize_formula("@SUM(A1)") == "'@SUM(A1)");
    CHECK(csv::neutralize_formula("+1+cmd|' /C calc'!A0") == "'+1+cmd|' /C calc'!A0");
    CHECK(csv::neutralize_formula("-2+3") == "'-2+3");
    CHECK(csv::neutralize_formula("-5") == "-5");
    CHECK(csv::neutralize_formula("+976 9911-2233") == "+976 9911-2233");
    CHECK(csv::neutralize_formula("Өлзий = сайн") == "Өлзий = сайн");
    CHECK(csv::strip_formula_guard("'=SUM(A1)") == "=SUM(A1)");
    CHECK(csv::strip_formula_guard("'quoted'") == "'quoted'");
    CHECK(csv::strip_formula_guard(csv::neutralize_formula("=1+1")) == "=1+1");
}
