// Data sets for scoring: CSV to examples, the 70/30 split, quintile bins of the training rows, "NA" as a value.
#include <doctest/doctest.h>

#include "tumen/scoring_dataset.hpp"

using namespace tumen;
using namespace tumen::scoring;

namespace {

Dataset numbers(int count, int distinct) {
    Dataset d;
    d.fields = {"n"};
    for (int i = 0; i < count; ++i) d.rows.push_back(Example{{std::to_string(1 + i % distinct)}, i % 2 == 0});
    return d;
}

}  // namespace

TEST_CASE("a CSV becomes examples: the label column is the outcome, every other column a field") {
    auto table = csv::parse("state,churn,calls\nKS,no,1\nOH,yes,NA\nNJ,no,\n");
    REQUIRE(table);
    auto d = dataset_from_csv(table.value(), "churn", "yes");
    REQUIRE(d);
    CHECK(d->fields == std::vector<std::string>{"state", "calls"});
    REQUIRE(d->rows.size() == 3);
    CHECK(d->rows[1].values == std::vector<std::string>{"OH", "NA"});
    CHECK(d->rows[1].won);
    CHECK_FALSE(d->rows[0].won);
    CHECK(dataset_from_csv(table.value(), "status", "yes").error().field == "label");
    CHECK(dataset_from_csv(table.value(), "churn", "maybe").error().field == "label");
    auto ragged = csv::parse("a,b\n1,2\n3\n");
    REQUIRE(ragged);
    CHECK(dataset_from_csv(ragged.value(), "a", "1").error().field == "csv");
}

TEST_CASE("rows with index % 10 < 7 train") {
    auto s = split_by_index(23);
    CHECK(s.train.size() == 7 + 7 + 3);
    CHECK(s.test == std::vector<std::size_t>{7, 8, 9, 17, 18, 19});
}

TEST_CASE("numbers with more than 12 distinct training values are cut into training quintiles") {
    Dataset d = numbers(20, 20);  // 1..20
    std::vector<std::size_t> all(20);
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
    auto e = fit_encoding(d, all);
    REQUIRE(e.fields[0].binned);
    // numpy-style linear quantiles of 1..20 at 20/40/60/80 %
    REQUIRE(e.fields[0].cuts.size() == 4);
    CHECK(e.fields[0].cuts[0] == doctest::Approx(4.8));
    CHECK(e.fields[0].cuts[1] == doctest::Approx(8.6));
    CHECK(e.fields[0].cuts[2] == doctest::Approx(12.4));
    CHECK(e.fields[0].cuts[3] == doctest::Approx(16.2));
    CHECK(category(e.fields[0], "1") == "<= 4.8");
    CHECK(category(e.fields[0], "5") == "4.8..8.6");
    CHECK(category(e.fields[0], "8.6") == "4.8..8.6");  // bins are closed on the right
    CHECK(category(e.fields[0], "100") == "> 16.2");   // beyond the training range: the end bins
    CHECK(category(e.fields[0], "-3") == "<= 4.8");
    CHECK(category(e.fields[0], "NA") == "NA");
    CHECK(category(e.fields[0], "") == "NA");
    CHECK(*standardised(e.fields[0], "10.5") == doctest::Approx(0.0));

    // The cut points come from the training rows only.
    auto low_half = fit_encoding(d, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
    CHECK(low_half.fields[0].binned);
    CHECK(low_half.fields[0].cuts.back() < 12);
}

TEST_CASE("few distinct numbers, text and missing values stay categories") {
    Dataset d = numbers(40, 12);
    d.fields.push_back("home");
    for (std::size_t i = 0; i < d.rows.size(); ++i) d.rows[i].values.push_back(i % 3 ? "rent" : "NA");
    auto e = fit_encoding(d, split_by_index(d.rows.size()).train);
    CHECK(e.fields[0].numeric);
    CHECK_FALSE(e.fields[0].binned);
    CHECK(category(e.fields[0], "7") == "7");
    CHECK_FALSE(e.fields[1].numeric);
    auto c = categorised(d, e);
    CHECK(c.rows[0].values == std::vector<std::string>{"1", "NA"});
    CHECK(c.rows[1].values == std::vector<std::string>{"2", "rent"});
    CHECK(c.rows[0].won == d.rows[0].won);
}

TEST_CASE("duplicate quantiles collapse into fewer bins") {
    Dataset d;
    d.fields = {"messages"};
    for (int i = 0; i < 100; ++i) d.rows.push_back(Example{{std::to_string(i < 70 ? 0 : i)}, false});
    std::vector<std::size_t> all(100);
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
    auto e = fit_encoding(d, all);
    REQUIRE(e.fields[0].binned);
    CHECK(e.fields[0].cuts.size() == 2);  // 0, 0, 0 collapse; then the 80 % quantile
    CHECK(category(e.fields[0], "0") == "<= 0");
}

TEST_CASE("numbers parse only when the whole text is a finite number") {
    CHECK(*parse_number("12.5") == 12.5);
    CHECK(*parse_number("-3e2") == -300);
    CHECK_FALSE(parse_number("12a").has_value());
    CHECK_FALSE(parse_number("inf").has_value());
    CHECK_FALSE(parse_number("").has_value());
    CHECK_FALSE(parse_number("0x1F").has_value());
}
