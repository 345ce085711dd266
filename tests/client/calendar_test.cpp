// The calendar view model against a fake server: it learns "today" from the server (no zone database here), asks
// for the week from the language's first weekday, lays overlapping meetings side by side, moves a meeting with its
// version (snapping back with a message on 409), and the Meeting dialog checks its fields before posting local times.
#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "fakes.hpp"
#include "state/app_state.hpp"

using namespace tumen;
using namespace tumen::client;
using namespace tumen::client::testing;
using nlohmann::json;

namespace {

json meeting(std::int64_t id, const std::string& title, const std::string& start, const std::string& end, int version = 1) {
    return {{"kind", "meeting"}, {"id", id}, {"title", title}, {"all_day", false}, {"local_start", start},
            {"local_end", end}, {"start_date", nullptr}, {"end_date", nullptr}, {"version", version}, {"lead_id", 42},
            {"lead_name", "Тендер"}, {"attendees", json::array()}};
}

struct CalendarFixture {
    FakeTransport net;
    FakeHost host;
    AppState app{net, host};
    CalendarState& cal = app.calendar();

    explicit CalendarFixture(const char* lang = "mn-MN") {
        host.history = {"#/calendar"};
        app.start("#/calendar", lang, "");
        net.answer(200, R"({"user":{"id":1,"login":"admin","name":"Админ","role":"admin"},"csrf_token":"tok-1"})");
        while (!net.pending.empty()) net.answer(200, R"({"items":[]})");  // whatever sign-in asks for
    }
    // First open: today from the server, then the week.
    HttpRequest open(const json& items) {
        cal.show();
        REQUIRE(net.pending.size() == 1);
        auto first = net.answer(200, json{{"today", "2026-11-28"}, {"items", json::array()}}.dump());
        CHECK(first.path == "/api/v1/calendar");
        REQUIRE(net.pending.size() == 1);
        return net.answer(200, json{{"today", "2026-11-28"}, {"items", items}}.dump());
    }
};

}  // namespace

TEST_CASE("calendar: today comes from the server; the week starts on Monday in Mongolian, Sunday in English") {
    CalendarFixture f;
    auto r = f.open(json::array());
    CHECK(r.path == "/api/v1/calendar?from=2026-11-23&to=2026-11-29");
    CHECK(f.cal.today() == days_from_civil(2026, 11, 28));
    f.cal.next();
    CHECK(f.net.answer(200, R"({"items":[]})").path == "/api/v1/calendar?from=2026-11-30&to=2026-12-06");
    f.cal.set_mode(CalendarMode::month);
    // December 2026 from Monday 30 Nov to Sunday 3 Jan: five whole weeks.
    CHECK(f.net.answer(200, R"({"items":[]})").path == "/api/v1/calendar?from=2026-11-30&to=2027-01-03");
    f.cal.go_today();
    f.cal.set_mode(CalendarMode::day);
    f.net.pending.pop_front();  // the month request of go_today, superseded
    CHECK(f.net.answer(200, R"({"items":[]})").path == "/api/v1/calendar?from=2026-11-28&to=2026-11-28");

    CalendarFixture en("en-US");
    CHECK(en.open(json::array()).path == "/api/v1/calendar?from=2026-11-22&to=2026-11-28");
}

TEST_CASE("calendar: now and today follow the user's zone from the server's offset, not the browser's") {
    CalendarFixture f;
    // Before the offset came: no "now" line; today is the server's word.
    CHECK_FALSE(f.cal.local_now(0));
    f.cal.show();
    f.net.answer(200, json{{"today", "2026-11-28"}, {"utc_offset_s", 8 * 3600}, {"items", json::array()}}.dump());
    f.net.answer(200, json{{"today", "2026-11-28"}, {"utc_offset_s", 8 * 3600}, {"items", json::array()}}.dump());
    // 20:30 UTC on the 28th is 04:30 on the 29th in Ulaanbaatar, whatever zone the browser runs in.
    const Timestamp utc = start_of_day(days_from_civil(2026, 11, 28)) + 20 * 3600 + 30 * 60;
    const auto now = f.cal.local_now(utc);
    REQUIRE(now);
    CHECK(now->day == days_from_civil(2026, 11, 29));
    CHECK(now->seconds == 4 * 3600 + 30 * 60);
    CHECK(f.cal.is_today(days_from_civil(2026, 11, 29), utc));
    CHECK_FALSE(f.cal.is_today(days_from_civil(2026, 11, 28), utc));
    // West of UTC (Pago Pago, UTC-11): 05:00 UTC on the 29th is still 18:00 on the 28th.
    f.cal.reload();
    f.net.answer(200, json{{"today", "2026-11-28"}, {"utc_offset_s", -11 * 3600}, {"items", json::array()}}.dump());
    const auto west = f.cal.local_now(start_of_day(days_from_civil(2026, 11, 29)) + 5 * 3600);
    REQUIRE(west);
    CHECK(west->day == days_from_civil(2026, 11, 28));
    CHECK(west->seconds == 18 * 3600);
    f.cal.reset();
    CHECK_FALSE(f.cal.local_now(utc));
}

TEST_CASE("calendar: overlapping meetings of a day sit side by side; a meeting past midnight shows on both days") {
    CalendarFixture f;
    f.open({meeting(1, "A", "2026-11-25T09:00", "2026-11-25T10:00"), meeting(2, "B", "2026-11-25T09:30", "2026-11-25T11:00"),
            meeting(3, "C", "2026-11-25T12:00", "2026-11-25T12:00"), meeting(4, "Night", "2026-11-26T23:00", "2026-11-27T01:00"),
            {{"kind", "activity"}, {"id", 9}, {"title", "Call"}, {"all_day", true}, {"start_date", "2026-11-25"},
             {"end_date", "2026-11-25"}}});
    const auto day = f.cal.timed_on(days_from_civil(2026, 11, 25));
    REQUIRE(day.size() == 3);
    CHECK(day[0].slot == DaySlot{0, 2});
    CHECK(day[1].slot == DaySlot{1, 2});
    CHECK(day[2].slot == DaySlot{0, 1});
    CHECK(f.cal.all_day_on(days_from_civil(2026, 11, 25)).size() == 1);
    const auto night1 = f.cal.timed_on(days_from_civil(2026, 11, 26));
    REQUIRE(night1.size() == 1);
    CHECK(night1[0].from_s == 23 * 3600);
    CHECK(night1[0].to_s == 86400);
    const auto night2 = f.cal.timed_on(days_from_civil(2026, 11, 27));
    REQUIRE(night2.size() == 1);
    CHECK(night2[0].from_s == 0);
    CHECK(night2[0].to_s == 3600);
}

TEST_CASE("calendar: a move PATCHes local times with the version; the server's answer is kept") {
    CalendarFixture f;
    f.open(json::array({meeting(1, "A", "2026-11-25T09:00", "2026-11-25T10:00", 3)}));
    f.cal.move(1, days_from_civil(2026, 11, 26), 14 * 3600, 15 * 3600 + 1800);
    // Moved at once, before the answer.
    CHECK(f.cal.items()[0].start == LocalDateTime{days_from_civil(2026, 11, 26), 14 * 3600});
    CHECK(f.cal.moving());
    REQUIRE(f.net.pending.size() == 1);
    const auto& req = f.net.pending.front().request;
    CHECK(req.method == "PATCH");
    CHECK(req.path == "/api/v1/meetings/1");
    const json body = json::parse(req.body);
    CHECK(body["version"] == 3);
    CHECK(body["local_start"] == "2026-11-26T14:00");
    CHECK(body["local_end"] == "2026-11-26T15:30");
    f.net.answer(200, meeting(1, "A", "2026-11-26T14:00", "2026-11-26T15:30", 4).dump());
    CHECK(!f.cal.moving());
    CHECK(f.cal.items()[0].version == 4);
    CHECK(f.cal.banner().empty());
}

TEST_CASE("calendar: a refused move snaps back with a message") {
    CalendarFixture f;
    f.open(json::array({meeting(1, "A", "2026-11-25T09:00", "2026-11-25T10:00", 3)}));
    f.cal.move(1, days_from_civil(2026, 11, 25), 11 * 3600, 12 * 3600);
    f.net.answer(409, R"({"error":{"code":"conflict","message":"stale","current":{}}})");
    CHECK(f.cal.items()[0].start == LocalDateTime{days_from_civil(2026, 11, 25), 9 * 3600});
    CHECK(f.cal.banner().key == "calendar.error.changed");
    // ... and the range is read again to show the truth.
    REQUIRE(f.net.pending.size() == 1);
    CHECK(f.net.pending.front().request.path == "/api/v1/calendar?from=2026-11-23&to=2026-11-29");
    f.net.answer(200, json{{"items", json::array({meeting(1, "A", "2026-11-25T16:00", "2026-11-25T17:00", 4)})}}.dump());
    CHECK(f.cal.items()[0].start.seconds == 16 * 3600);

    f.cal.move(1, days_from_civil(2026, 11, 25), 8 * 3600, 9 * 3600);
    f.net.answer(0);
    CHECK(f.cal.items()[0].start.seconds == 16 * 3600);
    CHECK(!f.cal.banner().empty());
}

TEST_CASE("meeting dialog: local checks first, then POST with local times and attendees; 422 under the field") {
    CalendarFixture f;
    f.open(json::array());
    f.cal.open_dialog(42, "", "Болд", "bold@gobi.mn");
    auto& d = f.cal.draft();
    CHECK(d.date == "2026-11-28");
    CHECK(d.invite_contact);
    d.title = " ";
    d.start_time = "10:00";
    d.end_time = "9:00";
    f.cal.save_dialog();
    CHECK(f.net.pending.empty());
    CHECK(f.cal.dialog_error("title"));
    CHECK(f.cal.dialog_error("end_time"));
    d.title = "Гэрээ";
    d.end_time = "11:15";
    d.user_ids = {5};
    d.reminder_index = 3;  // 15 minutes
    f.cal.save_dialog();
    REQUIRE(f.net.pending.size() == 1);
    const auto req = f.net.pending.front().request;
    CHECK(req.path == "/api/v1/leads/42/meetings");
    const json body = json::parse(req.body);
    CHECK(body["local_start"] == "2026-11-28T10:00");
    CHECK(body["local_end"] == "2026-11-28T11:15");
    CHECK(body["reminder_minutes"] == 15);
    CHECK(body["attendees"] == json::array({{{"user_id", 5}}, {{"email", "bold@gobi.mn"}, {"name", "Болд"}}}));
    f.net.answer(422, R"({"error":{"code":"validation","message":"bad","field":"local_start",
                         "details":[{"field":"local_start","message":"must be a local time","key":"error.datetime"}]}})");
    CHECK(f.cal.dialog_open());
    CHECK(f.cal.dialog_error("start_time"));
    f.cal.save_dialog();
    f.net.answer(201, meeting(7, "Гэрээ", "2026-11-28T10:00", "2026-11-28T11:15").dump());
    CHECK(!f.cal.dialog_open());
    // The calendar reloads its range.
    REQUIRE(!f.net.pending.empty());
    CHECK(f.net.pending.back().request.path == "/api/v1/calendar?from=2026-11-23&to=2026-11-29");
}

TEST_CASE("calendar items: malformed ones are skipped, midnight ends stay on their day") {
    CHECK(!calendar_item_of(json{{"id", 1}, {"all_day", false}, {"local_start", "bad"}, {"local_end", "2026-11-28T10:00"}}));
    CHECK(!calendar_item_of(json{{"title", "no id"}}));
    auto it = calendar_item_of(meeting(1, "x", "2026-11-28T22:00", "2026-11-29T00:00"));
    REQUIRE(it);
    CHECK(it->end_date == days_from_civil(2026, 11, 28));
}
