#include <doctest/doctest.h>

#include "tumen/analysis.hpp"

using namespace tumen::analysis;
using nlohmann::json;

namespace {

Cell cell(json k1, std::string l1, json k2, std::string l2, int64_t count, int64_t won, int64_t lost,
          std::map<std::string, int64_t> expected, int64_t close_days = 0, int64_t closed = 0) {
    Cell c;
    c.key1 = std::move(k1);
    c.label1 = std::move(l1);
    c.key2 = std::move(k2);
    c.label2 = std::move(l2);
    c.count = count;
    c.won = won;
    c.lost = lost;
    c.expected = expected;
    for (auto& [cur, v] : expected) c.weighted[cur] = v / 2;
    c.close_days_sum = close_days;
    c.closed = closed;
    return c;
}

// Stage x salesperson: two stages, two people, one person missing in one stage, and a lead with no salesperson.
Answer two_dimensions() {
    Answer a;
    a.group_by = "stage";
    a.group_by2 = "user";
    a.cells = {
        cell(1, "Шинэ", 7, "Болд", 3, 0, 1, {{"MNT", 300000}}),
        cell(1, "Шинэ", 8, "Сараа", 1, 0, 0, {{"MNT", 100000}, {"USD", 5000}}),
        cell(2, "Ялсан", 7, "Болд", 2, 2, 0, {{"MNT", 1000000}}, 30, 2),
        cell(2, "Ялсан", nullptr, "", 1, 1, 0, {{"MNT", 50}}, 9, 1),
    };
    return a;
}

}  // namespace

TEST_CASE("measures are named both ways and money measures are flagged") {
    for (Measure m : all_measures()) CHECK(measure_from(to_string(m)) == m);
    CHECK_FALSE(measure_from("revenue"));
    CHECK(is_money(Measure::expected_revenue));
    CHECK_FALSE(is_money(Measure::win_rate));
}

TEST_CASE("a cell's measures come from its parts; measures without a basis have no value") {
    const Cell c = cell(1, "Шинэ", nullptr, "", 10, 3, 1, {{"MNT", 123456}}, 45, 3);
    CHECK(value_of(c, Measure::count, "MNT") == 10.0);
    CHECK(value_of(c, Measure::expected_revenue, "MNT") == 123456.0);
    CHECK(value_of(c, Measure::expected_revenue, "USD") == 0.0);  // no conversion between currencies
    CHECK(value_of(c, Measure::weighted_revenue, "MNT") == 61728.0);
    CHECK(value_of(c, Measure::days_to_close, "") == 15.0);
    CHECK(value_of(c, Measure::win_rate, "") == 75.0);
    const Cell empty = cell(2, "x", nullptr, "", 4, 0, 0, {});
    CHECK_FALSE(value_of(empty, Measure::days_to_close, ""));
    CHECK_FALSE(value_of(empty, Measure::win_rate, ""));
}

TEST_CASE("the pivot keeps the answer's order, fills gaps with zero cells, and totals from the parts") {
    const Pivot p = pivot(two_dimensions());
    REQUIRE(p.rows.size() == 2);
    REQUIRE(p.columns.size() == 3);
    CHECK(p.rows[0].label == "Шинэ");
    CHECK(p.columns[0].label == "Болд");
    CHECK(p.columns[1].label == "Сараа");
    CHECK(p.columns[2].key.is_null());
    // Сараа has nothing in Ялсан: a zero cell that still knows its keys.
    const Cell& gap = p.cells[1][1];
    CHECK(gap.count == 0);
    CHECK(gap.key1 == 2);
    CHECK(gap.key2 == 8);
    CHECK(p.row_totals[0].count == 4);
    CHECK(p.row_totals[0].expected.at("USD") == 5000);
    CHECK(p.column_totals[0].count == 5);
    CHECK(p.total.count == 7);
    CHECK(p.total.expected.at("MNT") == 1400050);
    // The win rate of the total is won / (won + lost) over everything: 3 / 4, not the mean of the rows' rates.
    CHECK(value_of(p.total, Measure::win_rate, "") == 75.0);
    CHECK(value_of(p.row_totals[1], Measure::days_to_close, "") == doctest::Approx(13.0));
}

TEST_CASE("one dimension gives one column and a plain two-column CSV") {
    Answer a;
    a.group_by = "country";
    a.cells = {cell("MN", "MN", nullptr, "", 2, 1, 1, {{"MNT", 250}}), cell(nullptr, "", nullptr, "", 1, 0, 0, {{"MNT", 5}})};
    const Pivot p = pivot(a);
    CHECK(p.columns.size() == 1);
    CHECK(pivot_csv(p, Measure::expected_revenue, "MNT", "None", "Total") ==
          ",Total\r\nMN,2.50\r\nNone,0.05\r\nTotal,2.55\r\n");
}

TEST_CASE("the CSV of two dimensions has a header per column, empty cells for no value, guarded labels") {
    Answer a = two_dimensions();
    a.cells[0].label1 = "=HYPERLINK(\"x\")";
    const std::string csv = pivot_csv(pivot(a), Measure::win_rate, "", "Хоосон", "Нийт");
    CHECK(csv ==
          ",Болд,Сараа,Хоосон,Нийт\r\n"
          "\"'=HYPERLINK(\"\"x\"\")\",0.0,,,0.0\r\n"
          "Ялсан,100.0,,100.0,100.0\r\n"
          "Нийт,66.7,,100.0,75.0\r\n");
}

TEST_CASE("JSON round trip and dimension checks name the parameter") {
    const Answer a = two_dimensions();
    const Answer back = json(a).get<Answer>();
    CHECK(back.group_by == "stage");
    CHECK(back.group_by2 == "user");
    CHECK(back.cells == a.cells);
    CHECK(currencies(a) == std::vector<std::string>{"MNT", "USD"});

    CHECK(check_dimensions("stage", ""));
    CHECK(check_dimensions("tag", "create_month"));
    auto bad = check_dimensions("stage", "stage");
    REQUIRE_FALSE(bad);
    CHECK(bad.error().field == "group_by2");
    auto unknown = check_dimensions("colour", "");
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().field == "group_by");
}
