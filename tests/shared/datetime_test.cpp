#include <doctest/doctest.h>

#include "tumen/datetime.hpp"

using namespace tumen;

TEST_CASE("days_from_civil and back") {
    CHECK(days_from_civil(1970, 1, 1) == 0);
    CHECK(days_from_civil(2000, 3, 1) == 11017);
    CHECK(days_from_civil(1969, 12, 31) == -1);
    CHECK(days_from_civil(2026, 11, 27) == 20784);
    for (DayNumber d = -800000; d <= 800000; d += 997) {
        const auto c = civil_from_days(d);
        REQUIRE(is_valid_date(c.year, c.month, c.day));
        REQUIRE(days_from_civil(c.year, c.month, c.day) == d);
    }
    CHECK(civil_from_days(days_from_civil(2024, 2, 29)) == CivilDate{2024, 2, 29});
}

TEST_CASE("calendar rules") {
    CHECK(is_leap_year(2024));
    CHECK_FALSE(is_leap_year(2100));
    CHECK(is_leap_year(2000));
    CHECK(days_in_month(2026, 2) == 28);
    CHECK_FALSE(is_valid_date(2026, 2, 29));
    CHECK_FALSE(is_valid_date(2026, 13, 1));
    CHECK(iso_weekday(0) == 4);                               // Thursday
    CHECK(iso_weekday(days_from_civil(2026, 11, 27)) == 5);   // Friday
    CHECK(iso_weekday(-1) == 3);
    CHECK(add_months(days_from_civil(2026, 1, 31), 1) == days_from_civil(2026, 2, 28));
    CHECK(add_months(days_from_civil(2026, 1, 15), -2) == days_from_civil(2025, 11, 15));
    CHECK(month_start(days_from_civil(2026, 11, 27)) == days_from_civil(2026, 11, 1));
}

TEST_CASE("ISO 8601 timestamps round-trip") {
    const auto t = parse_timestamp("2026-11-27T13:30:00Z");
    REQUIRE(t.has_value());
    CHECK(*t == 1795786200);
    CHECK(format_timestamp(*t) == "2026-11-27T13:30:00Z");
    CHECK(format_timestamp(0) == "1970-01-01T00:00:00Z");
    CHECK(format_timestamp(-1) == "1969-12-31T23:59:59Z");
    CHECK(parse_timestamp(format_timestamp(-86401)) == -86401);
}

TEST_CASE("ISO 8601 variants: offsets, fractions, no zone") {
    CHECK(parse_timestamp("2026-11-27T21:30:00+08:00") == parse_timestamp("2026-11-27T13:30:00Z"));
    CHECK(parse_timestamp("2026-11-27T08:30:00-0500") == parse_timestamp("2026-11-27T13:30:00Z"));
    CHECK(parse_timestamp("2026-11-27 13:30:00.123Z") == parse_timestamp("2026-11-27T13:30:00Z"));
    CHECK(parse_timestamp("2026-11-27T13:30") == parse_timestamp("2026-11-27T13:30:00Z"));
}

TEST_CASE("bad timestamps and dates are rejected") {
    CHECK_FALSE(parse_timestamp("2026-11-27"));
    CHECK_FALSE(parse_timestamp("2026-02-30T00:00:00Z"));
    CHECK_FALSE(parse_timestamp("2026-11-27T24:00:00Z"));
    CHECK_FALSE(parse_timestamp("2026-11-27T13:30:00Zjunk"));
    CHECK_FALSE(parse_timestamp("27.11.2026"));
    CHECK_FALSE(parse_timestamp(""));
    CHECK(parse_date("2026-11-27") == days_from_civil(2026, 11, 27));
    CHECK_FALSE(parse_date("2026-11-27T00:00:00Z"));
    CHECK_FALSE(parse_date("2026-1-27"));
    CHECK(format_date(days_from_civil(2026, 1, 5)) == "2026-01-05");
    CHECK(format_month(days_from_civil(2026, 1, 5)) == "2026-01");
}

TEST_CASE("day arithmetic floors before 1970") {
    CHECK(day_of(-1) == -1);
    CHECK(day_of(86399) == 0);
    CHECK(start_of_day(1) == 86400);
    CHECK(days_between(0, 86400 * 3 - 1) == 2);
    CHECK(days_between(86400, 0) == -1);
    CHECK(parse_timestamp("9999-12-31T23:59:59Z") == max_timestamp);
    CHECK(parse_timestamp("0000-01-01T00:00:00Z") == min_timestamp);
}
