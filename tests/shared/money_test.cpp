#include <doctest/doctest.h>

#include <limits>

#include "tumen/money.hpp"

using namespace tumen;

TEST_CASE("currency table") {
    CHECK(currency_minor_digits("MNT") == 2);
    CHECK(currency_minor_digits("JPY") == 0);
    CHECK(currency_minor_digits("KWD") == 3);
    CHECK_FALSE(currency_minor_digits("XXX"));
    CHECK(currency_symbol("MNT") == "₮");
    CHECK(currency_symbol("ABC") == "ABC");
}

TEST_CASE("parse decimal amounts without floating point") {
    CHECK(parse_amount("1234.5", 2).value() == 123450);
    CHECK(parse_amount("1,234,567.89", 2).value() == 123456789);
    CHECK(parse_amount("1 234 567,89", 2).value() == 123456789);
    CHECK(parse_amount("1\u00A0500\u00A0000", 2).value() == 150000000);
    CHECK(parse_amount("12,5", 2).value() == 1250);
    CHECK(parse_amount("1,234", 2).value() == 123400);
    CHECK(parse_amount("-0.01", 2).value() == -1);
    CHECK(parse_amount("+7", 0).value() == 7);
    CHECK(parse_amount("1.50", 0).ok() == false);
    CHECK(parse_amount("1.00", 0).value() == 1);
    CHECK(parse_amount(".5", 2).value() == 50);
    CHECK(parse_amount("  42  ", 2).value() == 4200);
}

TEST_CASE("bad amounts are errors") {
    CHECK_FALSE(parse_amount("", 2));
    CHECK_FALSE(parse_amount("abc", 2));
    CHECK_FALSE(parse_amount("1.234", 2));
    CHECK_FALSE(parse_amount("1,23,4", 2));
    CHECK_FALSE(parse_amount("12,34,567", 2));
    CHECK_FALSE(parse_amount("1.2.3", 2));
    CHECK_FALSE(parse_amount("-", 2));
    CHECK_FALSE(parse_amount("92233720368547758.08", 2));  // overflow
    CHECK(parse_amount("92233720368547758.07", 2).value() == std::numeric_limits<std::int64_t>::max());
    CHECK_FALSE(parse_money("10", "XYZ"));
    CHECK(parse_money("1 500 000", "MNT").value() == Money{150000000, "MNT"});
}

TEST_CASE("format amounts") {
    CHECK(format_amount(123456789, 2) == "1,234,567.89");
    CHECK(format_amount(5, 2) == "0.05");
    CHECK(format_amount(-5, 2) == "-0.05");
    CHECK(format_amount(1500, 0) == "1,500");
    CHECK(format_amount(150000000, 2, {.group = "\u00A0", .decimal = ",", .drop_zero_decimals = true}) ==
          "1\u00A0500\u00A0000");
    CHECK(format_amount(std::numeric_limits<std::int64_t>::min(), 2) == "-92,233,720,368,547,758.08");
    CHECK(format_money({123450, "USD"}) == "1,234.50 USD");
    CHECK(format_money({1500, "JPY"}) == "1,500 JPY");
}

TEST_CASE("checked arithmetic") {
    const auto max = std::numeric_limits<std::int64_t>::max();
    CHECK(checked_add(1, 2) == 3);
    CHECK_FALSE(checked_add(max, 1));
    CHECK_FALSE(checked_sub(std::numeric_limits<std::int64_t>::min(), 1));
    CHECK_FALSE(checked_mul(max / 2, 3));
    CHECK(add({100, "MNT"}, {50, "MNT"}) == Money{150, "MNT"});
    CHECK_FALSE(add({100, "MNT"}, {50, "USD"}));
    CHECK_FALSE(add({max, "MNT"}, {1, "MNT"}));
}

TEST_CASE("weighted amount is exact and rounds half away from zero") {
    CHECK(weighted_amount(100000, 25) == 25000);
    CHECK(weighted_amount(3, 50) == 2);      // 1.5 -> 2
    CHECK(weighted_amount(-3, 50) == -2);
    CHECK(weighted_amount(1000, 33.33) == 333);
    CHECK(weighted_amount(std::numeric_limits<std::int64_t>::max(), 100) == std::numeric_limits<std::int64_t>::max());
    CHECK(weighted_amount(1000, 150) == 1000);  // clamped
    CHECK(weighted_amount(1000, 0) == 0);
}

TEST_CASE("amount_format: Mongolian and English both write CLDR's \",\" groups and \".\" decimals") {
    for (const i18n::Lang lang : i18n::all_languages) {
        CAPTURE(i18n::code(lang));
        CHECK(format_amount(4'187'000'050, 2, amount_format(lang)) == "41,870,000.50");
        // What a form shows reads back as the same amount.
        CHECK(parse_amount(format_amount(4'187'000'050, 2, amount_format(lang)), 2).value() == 4'187'000'050);
    }
}
