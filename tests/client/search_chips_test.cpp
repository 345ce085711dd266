// The search bar's Rotting, Tag, Country and Date range chips (issue 5) on the leads list and the board: kept in
// the address (reload and back restore them), and the filter each adds, checked by the shared checker and
// evaluated against records at a fixed clock in the user's zone.
#include <doctest/doctest.h>

#include "state/board_query.hpp"
#include "state/lead_list_query.hpp"
#include "state/search_chips.hpp"
#include "tumen/datetime.hpp"
#include "tumen/filter.hpp"

using namespace tumen;
using namespace tumen::client;

namespace {

// Does the lead created at `created_utc` match `text` for a user in Ulaanbaatar (+8h) at `now_utc`?
bool created_matches(const std::string& text, std::string_view created_utc, std::string_view now_utc) {
    auto e = filter::parse(text);
    REQUIRE_MESSAGE(e.ok(), text);
    REQUIRE_FALSE(filter::check(e.value(), filter::lead_filter_fields()));
    filter::Context ctx;
    ctx.now = *parse_timestamp(now_utc);
    ctx.utc_offset_minutes = 480;
    filter::MapRecord r;
    r.set("create_date", static_cast<std::int64_t>(*parse_timestamp(created_utc)));
    return filter::evaluate(e.value(), filter::lead_filter_fields(), r, ctx);
}

std::string date_filter(std::string_view field, std::string_view preset, std::string from = {}, std::string to = {}) {
    SearchChips c;
    c.set_date(field, preset, std::move(from), std::move(to));
    const auto parts = search_chips_filter(c);
    return parts.empty() ? std::string() : parts.front();
}

}  // namespace

TEST_CASE("search chips: every new chip round-trips through the list's and the board's address") {
    LeadListQuery q;
    q.mine = true;
    q.chips.rotting = true;
    q.chips.tag_id = 12;
    q.chips.country = "MN";
    q.chips.set_date("date_closed", "this_quarter");
    const std::string s = format_list_query(q);
    CHECK(s == "f=mine%2Crotting&tag=12&country=MN&date=date_closed%3Athis_quarter");
    CHECK(parse_list_query(s) == q);
    CHECK(q.any_filter());

    BoardQuery b;
    b.chips = q.chips;
    b.chips.set_date("create_date", "custom", "2026-01-01", "2026-03-31");
    const std::string bs = format_board_query(b);
    CHECK(bs == "f=rotting&tag=12&country=MN&date=create_date%3A2026-01-01..2026-03-31");
    CHECK(parse_board_query(bs) == b);
    // An open-ended custom range keeps its open side.
    b.chips.set_date("date_deadline", "custom", "", "2026-06-30");
    CHECK(parse_board_query(format_board_query(b)) == b);
    // Every preset on every field survives the trip.
    for (auto field : date_range_fields)
        for (auto preset : date_range_presets) {
            LeadListQuery p;
            p.chips.set_date(field, preset, "2026-02-01", "2026-02-28");
            REQUIRE(p.chips.date_field == field);
            CHECK(parse_list_query(format_list_query(p)) == p);
        }
}

TEST_CASE("search chips: bad values in the address are dropped, not half-applied") {
    const auto q = parse_list_query("tag=-4&date=email:today&country=");
    CHECK(q.chips == SearchChips{});
    CHECK(parse_list_query("date=create_date:yesterday").chips.date_field.empty());
    CHECK(parse_list_query("date=create_date:2026-02-30..2026-03-01").chips.date_field.empty());
    CHECK(parse_list_query("date=create_date:..").chips.date_field.empty());
    CHECK(parse_board_query("f=bogus,rotting&tag=x").chips.rotting);
    CHECK(parse_board_query("tag=x").chips.tag_id == 0);
}

TEST_CASE("search chips: the filters they add, on the list and the board, pass the shared checker") {
    LeadListQuery q;
    q.chips.rotting = true;
    q.chips.tag_id = 3;
    q.chips.country = "M\"N";  // quoted safely: a value never becomes syntax
    q.chips.set_date("create_date", "this_month");
    CHECK(list_filter(q) == "rotting = true and tag_ids has 3 and country = \"M\\\"N\" and "
                            "create_date >= this_month and create_date < this_month + 1m");
    BoardQuery b;
    b.chips = q.chips;
    CHECK(board_filter(b, 4) == "team_id = 4 and " + list_filter(q));
    for (const auto& text : {list_filter(q), board_filter(b, 0)}) {
        auto e = filter::parse(text);
        REQUIRE(e.ok());
        CHECK_FALSE(filter::check(e.value(), filter::lead_filter_fields()));
    }
    CHECK(date_filter("date_deadline", "today") == "date_deadline = today");
    CHECK(date_filter("date_closed", "last_30_days") == "date_closed >= today - 29d and date_closed <= today");
    CHECK(date_filter("create_date", "custom", "2026-01-01", "") == "create_date >= \"2026-01-01\"");
    CHECK(date_filter("create_date", "custom", "2026-01-01", "2026-01-31") ==
          "create_date >= \"2026-01-01\" and create_date <= \"2026-01-31\"");
}

TEST_CASE("search chips: date presets select by the user's own days (Ulaanbaatar, +8h)") {
    // Now: Monday 30 Nov 2026 01:30 in Ulaanbaatar (Sunday 29 Nov 17:30 UTC).
    const char* now = "2026-11-29T17:30:00Z";
    // Created Monday 00:10 local = Sunday 16:10 UTC: today and this week for the user, though not in UTC.
    CHECK(created_matches(date_filter("create_date", "today"), "2026-11-29T16:10:00Z", now));
    CHECK(created_matches(date_filter("create_date", "this_week"), "2026-11-29T16:10:00Z", now));
    CHECK_FALSE(created_matches(date_filter("create_date", "this_week"), "2026-11-29T15:50:00Z", now));  // Sunday local
    CHECK(created_matches(date_filter("create_date", "this_month"), "2026-10-31T16:00:00Z", now));  // 1 Nov local
    CHECK_FALSE(created_matches(date_filter("create_date", "this_month"), "2026-10-31T15:59:59Z", now));
    CHECK(created_matches(date_filter("create_date", "this_quarter"), "2026-10-01T00:00:00Z", now));
    CHECK_FALSE(created_matches(date_filter("create_date", "this_quarter"), "2026-09-30T15:00:00Z", now));
    CHECK(created_matches(date_filter("create_date", "this_year"), "2026-01-01T00:00:00Z", now));
    CHECK(created_matches(date_filter("create_date", "last_30_days"), "2026-11-01T00:00:00Z", now));  // 31 Oct+8h = 1 Nov
    CHECK_FALSE(created_matches(date_filter("create_date", "last_30_days"), "2026-10-31T15:00:00Z", now));
    CHECK(created_matches(date_filter("create_date", "custom", "2026-11-01", "2026-11-30"), "2026-11-29T16:10:00Z", now));
    CHECK_FALSE(created_matches(date_filter("create_date", "custom", "", "2026-11-29"), "2026-11-29T16:10:00Z", now));
}

TEST_CASE("search chips: the Country picker reads the countries present from the groups reply") {
    CHECK(countries_from_groups(R"({"group_by":"country","groups":[{"key":"MN","count":3},{"key":null,"count":1},
                                   {"key":"CN","count":2}]})") == std::vector<std::string>{"CN", "MN"});
    CHECK(countries_from_groups("not json").empty());
}
