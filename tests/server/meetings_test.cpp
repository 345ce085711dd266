// Meetings and the calendar over HTTP: create/patch/delete with versions, local wall times in the user's zone
// (also across a DST switch), rights through the lead's record rules, the calendar range, 422 naming fields.
#include <doctest/doctest.h>

#include "auth_helpers.hpp"

using namespace tumen::testing;
using nlohmann::json;

namespace {

int64_t meetings_make_lead(httplib::Client& c, const std::string& name = "Уулзалтын тендер") {
    auto r = post_json(c, "/api/v1/leads", {{"name", name}});
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 201, r->body);
    return body_of(r)["id"].get<int64_t>();
}

std::string meetings_lead_path(int64_t id) { return "/api/v1/leads/" + std::to_string(id); }
std::string meeting_path(int64_t id) { return "/api/v1/meetings/" + std::to_string(id); }

json create_on(httplib::Client& c, int64_t lead, json body, int status = 201) {
    auto r = post_json(c, meetings_lead_path(lead) + "/meetings", body);
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == status, r->body);
    return body_of(r);
}

bool meetings_has_field_error(const json& body, const std::string& field) {
    for (const auto& d : body["error"]["details"])
        if (d["field"] == field) return true;
    return body["error"]["field"] == field;
}

void meetings_set_zone(TestServer& s, const std::string& zone) {
    auto r = patch_json(s.client, "/api/v1/account", {{"tz", zone}});
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 200, r->body);
}

}  // namespace

TEST_CASE("meetings: create on a lead in local time, read back, move with the version, delete") {
    TestServer s;
    s.login();  // admin, zone Asia/Ulaanbaatar (UTC+8, no DST)
    const int64_t lead = meetings_make_lead(s.client);
    json m = create_on(s.client, lead, {{"title", "Гэрээ хэлэлцэх"}, {"local_start", "2026-11-28T09:30"},
                                        {"local_end", "2026-11-28T10:30"}, {"location", "Оффис"}, {"reminder_minutes", 15}});
    const int64_t id = m["id"];
    CHECK(m["start"] == "2026-11-28T01:30:00Z");
    CHECK(m["end"] == "2026-11-28T02:30:00Z");
    CHECK(m["local_start"] == "2026-11-28T09:30");
    CHECK(m["lead_id"] == lead);
    CHECK(m["lead_name"] == "Уулзалтын тендер");
    CHECK(m["version"] == 1);
    CHECK(m["sequence"] == 0);
    CHECK(m["invitations"] == "none");

    auto list = s.client.Get(meetings_lead_path(lead) + "/meetings");
    REQUIRE(list->status == 200);
    REQUIRE(body_of(list)["items"].size() == 1);
    // The chatter says it was scheduled.
    auto msgs = body_of(s.client.Get(meetings_lead_path(lead) + "/messages"));
    REQUIRE(msgs["items"].size() >= 1);
    CHECK(msgs["items"][0]["body"].get<std::string>().find("Гэрээ хэлэлцэх") != std::string::npos);

    // Stale version: 409 carrying the meeting as it is.
    auto stale = patch_json(s.client, meeting_path(id), {{"version", 7}, {"local_start", "2026-11-28T11:00"}});
    REQUIRE(stale->status == 409);
    CHECK(body_of(stale)["error"]["current"]["version"] == 1);

    auto moved = patch_json(s.client, meeting_path(id), {{"version", 1}, {"local_start", "2026-11-28T11:00"},
                                                         {"local_end", "2026-11-28T11:45"}});
    REQUIRE_MESSAGE(moved->status == 200, moved->body);
    CHECK(body_of(moved)["start"] == "2026-11-28T03:00:00Z");
    CHECK(body_of(moved)["local_end"] == "2026-11-28T11:45");
    CHECK(body_of(moved)["version"] == 2);
    CHECK(body_of(moved)["sequence"] == 1);
    // A reminder change alone does not make a new sequence.
    auto rem = patch_json(s.client, meeting_path(id), {{"version", 2}, {"reminder_minutes", nullptr}});
    REQUIRE(rem->status == 200);
    CHECK(body_of(rem)["sequence"] == 1);

    REQUIRE(s.client.Delete(meeting_path(id))->status == 204);
    CHECK(s.client.Get(meeting_path(id))->status == 404);
    CHECK(s.client.Delete(meeting_path(id))->status == 404);
    CHECK(scalar(s, "SELECT count(*) FROM meeting_attendees") == 0);
}

TEST_CASE("meetings: bad input is a 422 naming the field") {
    TestServer s;
    s.login();
    const int64_t lead = meetings_make_lead(s.client);
    json e = create_on(s.client, lead, {{"start", "2026-11-28T01:00:00Z"}, {"end", "2026-11-28T02:00:00Z"}}, 422);
    CHECK(meetings_has_field_error(e, "title"));
    e = create_on(s.client, lead, {{"title", "x"}, {"local_start", "2026-11-28T10:00"}, {"local_end", "2026-11-28T09:00"}}, 422);
    CHECK(meetings_has_field_error(e, "end"));
    e = create_on(s.client, lead, {{"title", "x"}, {"local_start", "28.11.2026 10:00"}, {"local_end", "2026-11-28T11:00"}}, 422);
    CHECK(meetings_has_field_error(e, "local_start"));
    e = create_on(s.client, lead, {{"title", "x"}, {"local_start", "2026-11-28T10:00"}, {"local_end", "2026-11-28T11:00"},
                                   {"attendees", {{{"user_id", 999}}}}}, 422);
    CHECK(meetings_has_field_error(e, "attendees[0].user_id"));
    CHECK(scalar(s, "SELECT count(*) FROM meetings") == 0);
    // Unknown lead: 404.
    auto r = post_json(s.client, "/api/v1/leads/9999/meetings", {{"title", "x"}, {"local_start", "2026-11-28T10:00"},
                                                                {"local_end", "2026-11-28T11:00"}});
    CHECK(r->status == 404);
    auto cal = s.client.Get("/api/v1/calendar?from=2026-01-01&to=2026-06-01");
    REQUIRE(cal->status == 422);
    CHECK(meetings_has_field_error(body_of(cal), "to"));
    cal = s.client.Get("/api/v1/calendar?from=yesterday&to=2026-06-01");
    REQUIRE(cal->status == 422);
    CHECK(meetings_has_field_error(body_of(cal), "from"));
}

TEST_CASE("meetings: a meeting follows its lead's record rules; one without a lead its parties") {
    TestServer s;
    s.login();
    const int64_t team = insert_team(s, "Говь");
    const int64_t own_id = create_user(s, "own", "sales_own", {{"team_ids", {team}}})["id"];
    const int64_t other_id = create_user(s, "other", "sales_own", {{"team_ids", {team}}})["id"];
    auto own = sign_in(s, "own");
    auto other = sign_in(s, "other");
    // The admin's lead assigned to "other": "own" may not see it.
    auto lr = post_json(s.client, "/api/v1/leads", {{"name", "Нууц тендер"}, {"user_id", other_id}, {"team_id", team}});
    REQUIRE(lr->status == 201);
    const int64_t lead = body_of(lr)["id"];
    json m = create_on(s.client, lead, {{"title", "Нууц уулзалт"}, {"start", "2026-11-28T01:00:00Z"},
                                        {"end", "2026-11-28T02:00:00Z"}, {"attendees", {{{"user_id", own_id}}}}});
    const int64_t on_lead = m["id"];
    CHECK(own.client->Get(meeting_path(on_lead))->status == 404);
    CHECK(own.client->Get(meetings_lead_path(lead) + "/meetings")->status == 404);
    CHECK(patch_json(*own.client, meeting_path(on_lead), {{"version", 1}, {"title", "x"}})->status == 404);
    CHECK(own.client->Delete(meeting_path(on_lead))->status == 404);
    CHECK(other.client->Get(meeting_path(on_lead))->status == 200);
    // Even as an attendee, "own" does not get it in the calendar: the lead is hidden.
    auto cal = body_of(own.client->Get("/api/v1/calendar?from=2026-11-28&to=2026-11-28"));
    CHECK(cal["items"].empty());

    // Without a lead: the organizer and attendees see it, another salesperson does not.
    auto r = post_json(*own.client, "/api/v1/meetings", {{"title", "Кофе"}, {"start", "2026-11-28T03:00:00Z"},
                                                         {"end", "2026-11-28T03:30:00Z"}});
    REQUIRE_MESSAGE(r->status == 201, r->body);
    const int64_t free_id = body_of(r)["id"];
    CHECK(other.client->Get(meeting_path(free_id))->status == 404);
    CHECK(s.client.Get(meeting_path(free_id))->status == 200);  // administrator
    // Someone else's calendar: managers only.
    CHECK(own.client->Get("/api/v1/calendar?from=2026-11-28&to=2026-11-28&user_id=" + std::to_string(other_id))->status == 404);
    auto as_admin = s.client.Get("/api/v1/calendar?from=2026-11-28&to=2026-11-28&user_id=" + std::to_string(own_id));
    REQUIRE(as_admin->status == 200);
    CHECK(body_of(as_admin)["items"].size() == 2);
    // A lead the caller cannot see is refused as lead_id of a free meeting.
    auto bad = post_json(*own.client, "/api/v1/meetings", {{"title", "x"}, {"lead_id", lead}, {"start", "2026-11-28T03:00:00Z"},
                                                           {"end", "2026-11-28T03:30:00Z"}});
    REQUIRE(bad->status == 422);
    CHECK(meetings_has_field_error(body_of(bad), "lead_id"));
}

TEST_CASE("calendar: the range is a span of local days in the user's zone") {
    TestServer s;
    s.login();  // Asia/Ulaanbaatar
    const int64_t lead = meetings_make_lead(s.client);
    // 23:30 on the 28th in Ulaanbaatar is 15:30Z on the 28th; 07:30 on the 29th local is 23:30Z on the 28th.
    create_on(s.client, lead, {{"title", "Орой"}, {"local_start", "2026-11-28T23:30"}, {"local_end", "2026-11-28T23:59"}});
    create_on(s.client, lead, {{"title", "Өглөө"}, {"local_start", "2026-11-29T07:30"}, {"local_end", "2026-11-29T08:00"}});
    create_on(s.client, lead, {{"title", "Өдөржин"}, {"all_day", true}, {"start_date", "2026-11-29"}, {"end_date", "2026-11-30"}});
    auto titles = [&](const std::string& from, const std::string& to) {
        auto r = s.client.Get("/api/v1/calendar?from=" + from + "&to=" + to);
        REQUIRE_MESSAGE(r->status == 200, r->body);
        std::string out;
        const json body = body_of(r);
        for (const auto& i : body["items"]) out += (out.empty() ? "" : "|") + i["title"].get<std::string>();
        return out;
    };
    CHECK(titles("2026-11-28", "2026-11-28") == "Орой");
    CHECK(titles("2026-11-29", "2026-11-29") == "Өглөө|Өдөржин");
    CHECK(titles("2026-11-30", "2026-12-06") == "Өдөржин");
    auto day = body_of(s.client.Get("/api/v1/calendar?from=2026-11-28&to=2026-11-28"));
    CHECK(day["time_zone"] == "Asia/Ulaanbaatar");
    CHECK(day["utc_offset_s"] == 8 * 3600);  // the client's "now" line: UTC now + this, not the browser's zone
    CHECK(day["items"][0]["local_start"] == "2026-11-28T23:30");
    CHECK(day["items"][0]["kind"] == "meeting");
    // The same meetings seen from UTC: the morning one falls on the 28th.
    meetings_set_zone(s, "UTC");
    CHECK(titles("2026-11-28", "2026-11-28") == "Орой|Өглөө");
    CHECK(body_of(s.client.Get("/api/v1/calendar"))["utc_offset_s"] == 0);
}

TEST_CASE("meetings: local times across a DST switch (Europe/Berlin), a time in the gap moves forward") {
    TestServer s;
    s.login();
    meetings_set_zone(s, "Europe/Berlin");
    const int64_t lead = meetings_make_lead(s.client);
    json m = create_on(s.client, lead, {{"title", "Vor der Umstellung"}, {"local_start", "2026-03-28T10:00"},
                                        {"local_end", "2026-03-28T11:00"}});
    CHECK(m["start"] == "2026-03-28T09:00:00Z");  // CET, UTC+1
    auto r = patch_json(s.client, meeting_path(m["id"]), {{"version", 1}, {"local_start", "2026-03-29T10:00"},
                                                          {"local_end", "2026-03-29T11:00"}});
    REQUIRE_MESSAGE(r->status == 200, r->body);
    CHECK(body_of(r)["start"] == "2026-03-29T08:00:00Z");  // CEST, UTC+2
    CHECK(body_of(r)["local_start"] == "2026-03-29T10:00");
    // 02:30 does not exist on 29 March 2026 in Berlin: it becomes 03:30 CEST = 01:30Z.
    r = patch_json(s.client, meeting_path(m["id"]), {{"version", 2}, {"local_start", "2026-03-29T02:30"},
                                                     {"local_end", "2026-03-29T04:00"}});
    REQUIRE_MESSAGE(r->status == 200, r->body);
    CHECK(body_of(r)["start"] == "2026-03-29T01:30:00Z");
    CHECK(body_of(r)["local_start"] == "2026-03-29T03:30");
}

TEST_CASE("calendar endpoints name schemas the OpenAPI document holds") {
    TestServer s;
    auto doc = TestServer::body(s.client.Get("/api/v1/openapi.json"));
    const auto& schemas = doc["components"]["schemas"];
    int checked = 0;
    for (const auto& e : tumen::api::endpoints()) {
        if (std::string(e.tag) != "calendar") continue;
        for (std::string_view name : {e.request, e.response})
            if (!name.empty()) {
                CHECK_MESSAGE(schemas.contains(std::string(name)), e.id, " names ", name);
                ++checked;
            }
    }
    CHECK(checked >= 10);
    CHECK(doc["paths"]["/calendar/{token}.ics"]["get"]["responses"]["200"]["content"].contains("text/calendar"));
}

TEST_CASE("calendar: open activities of the user are all-day items on their due date") {
    TestServer s;
    s.login();
    const int64_t lead = meetings_make_lead(s.client, "Дуудлагын тендер");
    const bool have_activities = scalar(s, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'activities'") == 1;
    if (have_activities) {
        // The activities module's table (contract 4 of the session notes), written directly.
        s.app->db().write([&](tumen::store::Connection& c) {
            for (const char* state : {"open", "done"})
                c.prepare_uncached("INSERT INTO activities(lead_id, summary, due_date, user_id, state, created_at, created_by, version)"
                                   " VALUES (?, ?, '2026-11-28', 1, ?, 0, 1, 1)")
                    .bind(1, lead).bind(2, std::string("Залгах ") + state).bind(3, state).run();
        });
    }
    auto r = s.client.Get("/api/v1/calendar?from=2026-11-23&to=2026-11-29");
    REQUIRE_MESSAGE(r->status == 200, r->body);
    std::vector<json> acts;
    const json body = body_of(r);
    for (const auto& i : body["items"])
        if (i["kind"] == "activity") acts.push_back(i);
    if (!have_activities) {
        CHECK(acts.empty());  // a database before the activities migration: meetings only, no error
        return;
    }
    REQUIRE(acts.size() == 1);
    CHECK(acts[0]["title"] == "Залгах open");
    CHECK(acts[0]["start_date"] == "2026-11-28");
    CHECK(acts[0]["lead_name"] == "Дуудлагын тендер");
    CHECK(body_of(s.client.Get("/api/v1/calendar?from=2026-11-29&to=2026-11-30"))["items"].empty());
}
