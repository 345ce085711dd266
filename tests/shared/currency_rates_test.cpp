#include <doctest/doctest.h>

#include <limits>

#include "tumen/currency_rates.hpp"

using namespace tumen;

namespace {
RateTable mnt_rates() {
    RateTable t;  // company MNT
    t.rates["USD"] = parse_rate("3450.25").value();
    t.rates["JPY"] = parse_rate("23.1").value();
    t.rates["KWD"] = parse_rate("11200.5").value();
    return t;
}
}  // namespace

TEST_CASE("rates are positive decimals with up to nine places") {
    CHECK(parse_rate("3450.25").value() == 3'450'250'000'000);
    CHECK(parse_rate("0.000289855").value() == 289'855);
    CHECK(parse_rate("1").value() == 1'000'000'000);
    CHECK_FALSE(parse_rate("0").ok());
    CHECK_FALSE(parse_rate("-2").ok());
    CHECK_FALSE(parse_rate("abc").ok());
    CHECK_FALSE(parse_rate("0.0000000001").ok());  // ten places
    CHECK_FALSE(parse_rate("").ok());
}

TEST_CASE("amounts convert to the company currency exactly, across minor digits") {
    const RateTable t = mnt_rates();
    CHECK(t.to_company({100, "MNT"}) == 100);                  // the company currency itself
    CHECK(t.to_company({100, "USD"}) == 345025);               // $1.00 -> 3,450.25 ₮
    CHECK(t.to_company({1, "USD"}) == 3450);                   // $0.01 -> 34.5025 ₮ -> 34.50 ₮
    CHECK(t.to_company({-1, "USD"}) == -3450);                 // rounding is symmetric
    CHECK(t.to_company({1000, "JPY"}) == 2310000);             // ¥1,000 (no minor digits) -> 23,100.00 ₮
    CHECK(t.to_company({1500, "KWD"}) == 1680075);             // 1.500 KWD (three digits) -> 16,800.75 ₮
    CHECK_FALSE(t.to_company({100, "EUR"}));                   // no rate
    CHECK_FALSE(t.to_company({std::numeric_limits<std::int64_t>::max(), "USD"}));  // does not fit
    // Rounding half away from zero at the last company digit: $0.02 at 0.25 -> 0.005 ₮ -> 0.01 ₮.
    RateTable half;
    half.rates["USD"] = parse_rate("0.25").value();
    CHECK(half.to_company({2, "USD"}) == 1);
    CHECK(half.to_company({-2, "USD"}) == -1);
    CHECK(half.to_company({1, "USD"}) == 0);
    // A company in yen: MNT -> JPY divides.
    RateTable yen;
    yen.company = "JPY";
    yen.rates["MNT"] = parse_rate("0.0433").value();
    CHECK(yen.to_company({100000, "MNT"}) == 43);  // 1,000.00 ₮ -> ¥43.3 -> ¥43
}

TEST_CASE("a total over several currencies says whether every amount had a rate") {
    const RateTable t = mnt_rates();
    auto all = company_total({{100, "USD"}, {50000, "MNT"}}, t);
    CHECK(all.complete);
    CHECK(all.total == Money{395025, "MNT"});
    auto partial = company_total({{100, "USD"}, {700, "EUR"}}, t);
    CHECK_FALSE(partial.complete);
    CHECK(partial.total == Money{345025, "MNT"});
    CHECK(company_total({}, t).total == Money{0, "MNT"});
}

TEST_CASE("the rate table travels as JSON; inactive rows, the company row and junk are left out") {
    std::vector<CurrencyRate> rows = {{1, "USD", "3450.25", true, 1}, {2, "EUR", "3700", false, 1}, {3, "MNT", "1", true, 1}};
    const auto j = rate_table_json("MNT", rows);
    CHECK(j == nlohmann::json::parse(R"({"company":"MNT","rates":{"USD":"3450.25"}})"));
    const RateTable back = rate_table_from_json(j);
    CHECK(back.company == "MNT");
    CHECK(back.rates.size() == 1);
    CHECK(back.rates.at("USD") == 3'450'250'000'000);
    const RateTable junk = rate_table_from_json(nlohmann::json::parse(R"({"company":"ZZZ","rates":{"USD":"x","ABC":"2","EUR":3}})"));
    CHECK(junk.company == "MNT");
    CHECK(junk.rates.empty());
}

TEST_CASE("a currency row names a known code and a positive rate") {
    CurrencyRate r;
    CHECK(apply_patch(r, {{"name", "usd"}, {"rate", "3450.25"}}).empty());
    CHECK(r.name == "USD");  // upper-cased
    CHECK(r.rate == "3450.25");
    auto bad = apply_patch(r, {{"name", "XYZ"}, {"rate", "0"}});
    REQUIRE(bad.list().size() == 2);
    CHECK(bad.list()[0].field == "name");
    CHECK(bad.list()[0].key == "error.currency");
    CHECK(bad.list()[1].field == "rate");
    CHECK(bad.list()[1].key == "error.rate");
    CurrencyRate empty;
    auto missing = apply_patch(empty, {{"active", true}});
    REQUIRE(missing.list().size() == 1);
    CHECK(missing.list()[0].field == "name");
    CHECK(currency_rate_from_json({{"id", 4}, {"name", "CNY"}, {"rate", "480.1"}, {"active", true}, {"version", 2}}).value() ==
          CurrencyRate{4, "CNY", "480.1", true, 2});
}
