// Meetings: validation naming fields, the JSON round trip, the day layout of overlapping events, week starts per
// language and the local wall-time text the calendar sends.
#include <doctest/doctest.h>

#include "tumen/meeting.hpp"

using namespace tumen;
using nlohmann::json;

namespace {
bool meeting_has_error_on(const FieldErrors& fe, std::string_view field) {
    for (const auto& d : fe.list())
        if (d.field == field) return true;
    return false;
}
bool meeting_has_error_on(const Error& e, std::string_view field) {
    for (const auto& d : e.details)
        if (d.field == field) return true;
    return false;
}
json timed() {
    return {{"title", "Гэрээ хэлэлцэх"}, {"start", "2026-11-28T01:30:00Z"}, {"end", "2026-11-28T02:30:00Z"}};
}
}  // namespace

TEST_CASE("meeting: a timed meeting decodes and round-trips") {
    auto j = timed();
    j["attendees"] = json::array({{{"user_id", 3}}, {{"email", "Bold <bold@example.mn>"}, {"response", "accepted"}}});
    j["reminder_minutes"] = 15;
    j["lead_id"] = 7;
    auto m = meeting_from_json(j);
    REQUIRE(m.ok());
    CHECK(m->title == "Гэрээ хэлэлцэх");
    CHECK(*m->start == *parse_timestamp("2026-11-28T01:30:00Z"));
    CHECK(m->attendees.size() == 2);
    CHECK(m->attendees[1].response == AttendeeResponse::accepted);
    CHECK(m->attendees[1].email == "bold@example.mn");  // "Name <address>" as typed is split
    CHECK(m->attendees[1].name == "Bold");
    CHECK(*m->reminder_minutes == 15);
    json back = m.value();
    CHECK(back["start"] == "2026-11-28T01:30:00Z");
    CHECK(back["start_date"].is_null());
    CHECK(back["attendees"][0]["user_id"] == 3);
    CHECK(back["attendees"][1]["response"] == "accepted");
    auto again = meeting_from_json(back);
    REQUIRE(again.ok());
    CHECK(again.value() == m.value());
}

TEST_CASE("meeting: validation names the field") {
    SUBCASE("title required") {
        auto j = timed();
        j["title"] = "  ";
        auto m = meeting_from_json(j);
        REQUIRE(!m.ok());
        CHECK(meeting_has_error_on(m.error(), "title"));
    }
    SUBCASE("end after start") {
        auto j = timed();
        j["end"] = j["start"];
        auto m = meeting_from_json(j);
        REQUIRE(!m.ok());
        CHECK(meeting_has_error_on(m.error(), "end"));
        CHECK(!meeting_has_error_on(m.error(), "start"));
    }
    SUBCASE("timed needs start and end") {
        auto m = meeting_from_json({{"title", "x"}});
        REQUIRE(!m.ok());
        CHECK(meeting_has_error_on(m.error(), "start"));
        CHECK(meeting_has_error_on(m.error(), "end"));
    }
    SUBCASE("all-day uses dates, not times") {
        auto m = meeting_from_json({{"title", "x"}, {"all_day", true}, {"start", "2026-11-28T01:30:00Z"},
                                    {"start_date", "2026-11-28"}, {"end_date", "2026-11-27"}});
        REQUIRE(!m.ok());
        CHECK(meeting_has_error_on(m.error(), "start"));
        CHECK(meeting_has_error_on(m.error(), "end_date"));
        CHECK(!meeting_has_error_on(m.error(), "start_date"));
        auto ok = meeting_from_json({{"title", "x"}, {"all_day", true}, {"start_date", "2026-11-28"}, {"end_date", "2026-11-28"}});
        CHECK(ok.ok());
    }
    SUBCASE("reminder range") {
        auto j = timed();
        j["reminder_minutes"] = 10081;
        CHECK(meeting_has_error_on(meeting_from_json(j).error(), "reminder_minutes"));
        j["reminder_minutes"] = -1;
        CHECK(meeting_has_error_on(meeting_from_json(j).error(), "reminder_minutes"));
        j["reminder_minutes"] = nullptr;
        CHECK(meeting_from_json(j).ok());
    }
    SUBCASE("attendees: identified, no duplicates, at most 100, bad e-mail named by index") {
        auto j = timed();
        j["attendees"] = json::array({{{"user_id", 3}}, {{"name", "nobody"}}, {{"user_id", 3}}, {{"email", "not-an-address"}}});
        auto m = meeting_from_json(j);
        REQUIRE(!m.ok());
        CHECK(meeting_has_error_on(m.error(), "attendees[3].email"));
        j["attendees"] = json::array({{{"user_id", 3}}, {{"name", "nobody"}}, {{"user_id", 3}}});
        m = meeting_from_json(j);
        REQUIRE(!m.ok());
        CHECK(meeting_has_error_on(m.error(), "attendees[1]"));
        CHECK(meeting_has_error_on(m.error(), "attendees[2]"));
        CHECK(!meeting_has_error_on(m.error(), "attendees[0]"));
        json many = json::array();
        for (int i = 1; i <= 101; ++i) many.push_back({{"user_id", i}});
        j["attendees"] = many;
        CHECK(meeting_has_error_on(meeting_from_json(j).error(), "attendees"));
        many.erase(many.begin());
        j["attendees"] = many;
        CHECK(meeting_from_json(j).ok());
    }
    SUBCASE("a patch cannot set the organizer or sequence") {
        Meeting m = meeting_from_json(timed()).value();
        auto fe = apply_patch(m, {{"organizer_id", 9}, {"sequence", 4}, {"colour", "red"}});
        CHECK(meeting_has_error_on(fe, "organizer_id"));
        CHECK(meeting_has_error_on(fe, "sequence"));
        CHECK(meeting_has_error_on(fe, "colour"));
    }
}

TEST_CASE("meeting: a new sequence for time and place changes, not for reminders") {
    Meeting a = meeting_from_json(timed()).value();
    Meeting b = a;
    b.reminder_minutes = 30;
    CHECK(!meeting_needs_new_sequence(a, b));
    b.start = *a.start + 900;
    CHECK(meeting_needs_new_sequence(a, b));
    b = a;
    b.location = "Оффис";
    CHECK(meeting_needs_new_sequence(a, b));
}

TEST_CASE("layout: events that do not overlap each take the full width") {
    auto s = layout_day({{0, 60}, {60, 120}, {200, 230}});
    CHECK(s == std::vector<DaySlot>{{0, 1}, {0, 1}, {0, 1}});
}

TEST_CASE("layout: overlapping events sit side by side, clusters are separate") {
    // 9:00-10:00, 9:30-11:00, 10:00-10:30 (fits under the first), then 12:00-13:00 alone.
    auto s = layout_day({{540, 600}, {570, 660}, {600, 630}, {720, 780}});
    CHECK(s[0] == DaySlot{0, 2});
    CHECK(s[1] == DaySlot{1, 2});
    CHECK(s[2] == DaySlot{0, 2});
    CHECK(s[3] == DaySlot{0, 1});
}

TEST_CASE("layout: three at once, order of the input kept, longer first on equal starts") {
    auto s = layout_day({{600, 630}, {600, 720}, {610, 620}});
    CHECK(s[1] == DaySlot{0, 3});
    CHECK(s[0] == DaySlot{1, 3});
    CHECK(s[2] == DaySlot{2, 3});
}

TEST_CASE("layout: a chain of overlaps is one cluster; zero-length events get room") {
    // A overlaps B, B overlaps C, A and C do not: one cluster of 2 columns, C reuses A's column.
    auto s = layout_day({{0, 60}, {30, 90}, {60, 120}});
    CHECK(s == std::vector<DaySlot>{{0, 2}, {1, 2}, {0, 2}});
    auto z = layout_day({{100, 100}, {100, 100}}, 15);
    CHECK(z == std::vector<DaySlot>{{0, 2}, {1, 2}});
    CHECK(layout_day({}).empty());
}

TEST_CASE("week start: Monday for mn, Sunday for en") {
    const DayNumber sat = days_from_civil(2026, 11, 28);  // a Saturday
    REQUIRE(iso_weekday(sat) == 6);
    CHECK(week_start(sat, "mn") == days_from_civil(2026, 11, 23));
    CHECK(week_start(sat, "en") == days_from_civil(2026, 11, 22));
    const DayNumber sun = days_from_civil(2026, 11, 29);
    CHECK(week_start(sun, "mn") == days_from_civil(2026, 11, 23));
    CHECK(week_start(sun, "en") == sun);
    const DayNumber mon = days_from_civil(2026, 11, 23);
    CHECK(week_start(mon, "mn") == mon);
    CHECK(week_start_weekday("en_US") == 7);
}

TEST_CASE("local date-time text") {
    auto t = parse_local_datetime("2026-11-28T09:30");
    REQUIRE(t);
    CHECK(t->day == days_from_civil(2026, 11, 28));
    CHECK(t->seconds == 9 * 3600 + 30 * 60);
    CHECK(parse_local_datetime("2026-11-28 23:59:59")->seconds == 86399);
    CHECK(!parse_local_datetime("2026-11-28T24:00"));
    CHECK(!parse_local_datetime("2026-11-28T09:30Z"));
    CHECK(!parse_local_datetime("2026-02-30T09:30"));
    CHECK(!parse_local_datetime("2026-11-28T9:30"));
    CHECK(format_local_datetime(days_from_civil(2026, 1, 5), 7 * 3600 + 5 * 60) == "2026-01-05T07:05");
    CHECK(snap_seconds(9 * 3600 + 7 * 60, 900) == 9 * 3600);
    CHECK(snap_seconds(9 * 3600 + 8 * 60, 900) == 9 * 3600 + 900);
}
