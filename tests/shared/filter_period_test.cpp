// Period bases for the search bar's date presets (issue 5): this_week / this_month / this_quarter / this_year
// are the first day of the user's current period, and the `rotting` lead field.
#include <doctest/doctest.h>

#include "tumen/datetime.hpp"
#include "tumen/filter.hpp"

using namespace tumen;
using namespace tumen::filter;

namespace {

// The day a `create_date >= <base>` comparison starts at, for a user at `offset` minutes.
std::string start_of(std::string_view base, std::string_view now_utc, int offset) {
    const auto e = parse(std::string("date_deadline >= ") + std::string(base));
    REQUIRE(e.ok());
    Context ctx;
    ctx.now = *parse_timestamp(now_utc);
    ctx.utc_offset_minutes = offset;
    const auto span = resolve_time(e.value().comparison.values.front(), FieldType::date, ctx);
    REQUIRE(span);
    return format_date(static_cast<DayNumber>(span->lo));
}

}  // namespace

TEST_CASE("filter: period bases resolve to the first day of the user's week, month, quarter and year") {
    // Sunday 2026-11-29 16:30Z is already Monday 30 Nov in Ulaanbaatar (+8h).
    CHECK(start_of("this_week", "2026-11-29T16:30:00Z", 0) == "2026-11-23");
    CHECK(start_of("this_week", "2026-11-29T16:30:00Z", 480) == "2026-11-30");
    CHECK(start_of("this_month", "2026-11-29T16:30:00Z", 0) == "2026-11-01");
    CHECK(start_of("this_month", "2026-11-30T16:30:00Z", 480) == "2026-12-01");
    CHECK(start_of("this_quarter", "2026-11-29T16:30:00Z", 0) == "2026-10-01");
    CHECK(start_of("this_quarter", "2026-03-31T20:00:00Z", 480) == "2026-04-01");
    CHECK(start_of("this_year", "2026-12-31T20:00:00Z", 0) == "2026-01-01");
    CHECK(start_of("this_year", "2026-12-31T20:00:00Z", 480) == "2027-01-01");
    CHECK(start_of("this_month + 1m - 1d", "2026-02-10T00:00:00Z", 0) == "2026-02-28");
}

TEST_CASE("filter: period bases parse case-insensitively, print canonically and refuse hour offsets") {
    const auto e = parse("create_date >= THIS_Quarter and create_date < this_quarter + 3m");
    REQUIRE(e.ok());
    CHECK(print(e.value()) == "create_date >= this_quarter and create_date < this_quarter + 3m");
    CHECK(parse(print(e.value())).value() == e.value());
    const auto bad = parse("create_date >= this_week + 2h");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message.find("'this_week' is a date") != std::string::npos);
    CHECK_FALSE(check(parse("date_closed < this_year").value(), lead_filter_fields()));
}

TEST_CASE("filter: rotting is a non-null boolean lead field the record decides") {
    const FieldDef* f = lead_filter_fields().find("rotting");
    REQUIRE(f != nullptr);
    CHECK(f->type == FieldType::boolean);
    CHECK_FALSE(f->nullable);
    MapRecord r;
    r.set("rotting", true);
    const auto e = parse("rotting = true").value();
    CHECK(evaluate(e, lead_filter_fields(), r, Context{}));
    CHECK_FALSE(evaluate(e, lead_filter_fields(), MapRecord{}, Context{}));
}
