// Activities over HTTP: types (seeded, managers write), schedule with the type's defaults, edit with versions
// (409), done with feedback (chatter line, triggered and picked next activities, suggestions), snooze, cancel,
// "my activities" grouped in the user's zone, rights through the lead's record rules (404), 422 naming fields.
#include <doctest/doctest.h>

#include <ctime>

#include "auth_helpers.hpp"
#include "tumen/datetime.hpp"
#include "tz/user_zone.hpp"

using namespace tumen::testing;
using nlohmann::json;
namespace tz = tumen::server::tz;

namespace {

int64_t activities_make_lead(httplib::Client& c, json body = {{"name", "Үйл ажиллагааны тендер"}}) {
    auto r = post_json(c, "/api/v1/leads", body);
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 201, r->body);
    return body_of(r)["id"].get<int64_t>();
}

std::string lead_acts(int64_t id) { return "/api/v1/leads/" + std::to_string(id) + "/activities"; }
std::string act_path(int64_t id) { return "/api/v1/activities/" + std::to_string(id); }

json activities_schedule(httplib::Client& c, int64_t lead, const json& body, int status = 201) {
    auto r = post_json(c, lead_acts(lead), body);
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == status, r->body);
    return body_of(r);
}

bool activities_has_field_error(const json& body, const std::string& field) {
    for (const auto& d : body["error"]["details"])
        if (d["field"] == field) return true;
    return body["error"]["field"] == field;
}

void activities_set_zone(httplib::Client& c, const std::string& zone) {
    auto r = patch_json(c, "/api/v1/account", {{"tz", zone}});
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 200, r->body);
}

std::string local_today(const char* zone, int offset_days = 0) {
    return tumen::format_date(tz::local_day(zone, std::time(nullptr)) + offset_days);
}

}  // namespace

TEST_CASE("activities: seeded types; managers add and rename them, sales users only read") {
    TestServer s;
    s.login();
    auto list = body_of(s.client.Get("/api/v1/activity-types"));
    REQUIRE(list["items"].size() == 5);
    CHECK(list["items"][0]["code"] == "call");
    CHECK(list["items"][0]["category"] == "call");
    CHECK(list["items"][3]["code"] == "todo");

    auto bad = post_json(s.client, "/api/v1/activity-types", {{"name", ""}, {"delay_unit", "hours"}});
    REQUIRE(bad->status == 422);
    CHECK(activities_has_field_error(body_of(bad), "name"));
    CHECK(activities_has_field_error(body_of(bad), "delay_unit"));
    auto no_such = post_json(s.client, "/api/v1/activity-types", {{"name", "Демо"}, {"chaining", "trigger"}, {"triggered_id", 999}});
    REQUIRE(no_such->status == 422);
    CHECK(activities_has_field_error(body_of(no_such), "triggered_id"));

    auto made = post_json(s.client, "/api/v1/activity-types", {{"name", "Демо үзүүлэх"}, {"icon", "desktop"},
                                                               {"delay_count", 1}, {"delay_unit", "weeks"}});
    REQUIRE_MESSAGE(made->status == 201, made->body);
    const int64_t demo = body_of(made)["id"];

    auto stale = patch_json(s.client, "/api/v1/activity-types/1", {{"version", 5}, {"name", "Phone call"}});
    REQUIRE(stale->status == 409);
    CHECK(body_of(stale)["error"]["current"]["name"] == "Call");
    auto renamed = patch_json(s.client, "/api/v1/activity-types/1", {{"version", 1}, {"name", "Утасны дуудлага"}});
    REQUIRE_MESSAGE(renamed->status == 200, renamed->body);
    CHECK(body_of(renamed)["code"] == "");  // renamed: the typed name shows, not the translation
    CHECK(body_of(renamed)["version"] == 2);
    CHECK(patch_json(s.client, "/api/v1/activity-types/999", {{"version", 1}})->status == 404);

    create_user(s, "seller", "sales_all");
    auto seller = sign_in(s, "seller");
    CHECK(seller.client->Get("/api/v1/activity-types")->status == 200);
    CHECK(post_json(*seller.client, "/api/v1/activity-types", {{"name", "x"}})->status == 403);
    CHECK(patch_json(*seller.client, "/api/v1/activity-types/" + std::to_string(demo), {{"version", 1}})->status == 403);
    CHECK(scalar(s, "SELECT count(*) FROM activity_types") == 6);
}

TEST_CASE("activities: schedule with type defaults, edit with the version, 422 naming fields, snooze, cancel") {
    TestServer s;
    s.login();  // admin, Asia/Ulaanbaatar
    const int64_t lead = activities_make_lead(s.client);
    // Call: 2 days after today (in the user's zone); the assignee defaults to the caller.
    json a = activities_schedule(s.client, lead, {{"type_id", 1}, {"summary", "Үнийн санал ярих"}});
    CHECK(a["due_date"] == local_today("Asia/Ulaanbaatar", 2));
    CHECK(a["due_state"] == "planned");
    CHECK(a["state"] == "open");
    CHECK(a["user_id"].is_number_integer());
    CHECK(a["icon"] == "phone");
    CHECK(a["type_code"] == "call");
    const int64_t id = a["id"];

    auto bad = post_json(s.client, lead_acts(lead), {{"type_id", 999}, {"due_date", "2026-02-30"}, {"user_id", 999}});
    REQUIRE(bad->status == 422);
    CHECK(activities_has_field_error(body_of(bad), "due_date"));
    auto bad_refs = post_json(s.client, lead_acts(lead), {{"type_id", 999}, {"user_id", 999}, {"due_date", "2026-12-01"}});
    REQUIRE(bad_refs->status == 422);
    CHECK(activities_has_field_error(body_of(bad_refs), "type_id"));
    CHECK(activities_has_field_error(body_of(bad_refs), "user_id"));
    auto no_due = post_json(s.client, lead_acts(lead), {{"summary", "no type, no date"}});
    REQUIRE(no_due->status == 422);
    CHECK(activities_has_field_error(body_of(no_due), "due_date"));
    CHECK(post_json(s.client, lead_acts(987654), {{"due_date", "2026-12-01"}})->status == 404);

    auto stale = patch_json(s.client, act_path(id), {{"version", 4}, {"summary", "x"}});
    REQUIRE(stale->status == 409);
    CHECK(body_of(stale)["error"]["current"]["summary"] == "Үнийн санал ярих");
    auto no_version = patch_json(s.client, act_path(id), {{"summary", "x"}});
    REQUIRE(no_version->status == 422);
    CHECK(activities_has_field_error(body_of(no_version), "version"));
    auto moved = patch_json(s.client, act_path(id), {{"version", 1}, {"due_date", local_today("Asia/Ulaanbaatar", -3)}});
    REQUIRE_MESSAGE(moved->status == 200, moved->body);
    CHECK(body_of(moved)["due_state"] == "overdue");
    CHECK(body_of(moved)["version"] == 2);
    CHECK(patch_json(s.client, act_path(999999), {{"version", 1}})->status == 404);

    // Snooze checks the version like every other write: a stale one is 409 with the record as it is now.
    auto sn_stale = post_json(s.client, act_path(id) + "/snooze", {{"days", 1}, {"version", 1}});
    REQUIRE(sn_stale->status == 409);
    CHECK(body_of(sn_stale)["error"]["current"]["version"] == 2);
    CHECK(body_of(sn_stale)["error"]["current"]["due_date"] == local_today("Asia/Ulaanbaatar", -3));
    auto sn_no_version = post_json(s.client, act_path(id) + "/snooze", {{"days", 1}});
    REQUIRE(sn_no_version->status == 422);
    CHECK(activities_has_field_error(body_of(sn_no_version), "version"));
    // Snoozing an overdue activity counts from today.
    auto sn = post_json(s.client, act_path(id) + "/snooze", {{"days", 1}, {"version", 2}});
    REQUIRE_MESSAGE(sn->status == 200, sn->body);
    CHECK(body_of(sn)["due_date"] == local_today("Asia/Ulaanbaatar", 1));
    CHECK(body_of(sn)["due_state"] == "planned");
    CHECK(body_of(sn)["version"] == 3);
    auto sn_bad = post_json(s.client, act_path(id) + "/snooze", {{"days", 0}, {"version", 3}});
    REQUIRE(sn_bad->status == 422);
    CHECK(activities_has_field_error(body_of(sn_bad), "days"));

    auto listed = body_of(s.client.Get(lead_acts(lead)));
    REQUIRE(listed["items"].size() == 1);

    auto cancelled = s.client.Delete(act_path(id));
    REQUIRE_MESSAGE(cancelled->status == 200, cancelled->body);
    CHECK(body_of(cancelled)["state"] == "cancelled");
    CHECK(body_of(s.client.Get(lead_acts(lead)))["items"].empty());
    CHECK(s.client.Delete(act_path(id))->status == 422);  // not open any more
}

TEST_CASE("activities: done writes feedback to the chatter, schedules the triggered type, returns suggestions") {
    TestServer s;
    s.login();
    const int64_t lead = activities_make_lead(s.client);
    // E-mail (2) triggers a Call (1); To-do (4) suggests E-mail and Meeting.
    auto t2 = patch_json(s.client, "/api/v1/activity-types/2", {{"version", 1}, {"chaining", "trigger"}, {"triggered_id", 1}});
    REQUIRE_MESSAGE(t2->status == 200, t2->body);
    auto t4 = patch_json(s.client, "/api/v1/activity-types/4", {{"version", 1}, {"suggested_ids", {2, 3}}});
    REQUIRE_MESSAGE(t4->status == 200, t4->body);

    json mail = activities_schedule(s.client, lead, {{"type_id", 2}, {"summary", "Танилцуулга илгээх"}, {"due_date", "2026-11-20"}});
    auto done = post_json(s.client, act_path(mail["id"]) + "/done", {{"feedback", "Илгээсэн, хариу хүлээж байна"}});
    REQUIRE_MESSAGE(done->status == 200, done->body);
    json d = body_of(done);
    CHECK(d["activity"]["state"] == "done");
    CHECK(d["activity"]["feedback"] == "Илгээсэн, хариу хүлээж байна");
    CHECK_FALSE(d["activity"]["done_at"].is_null());
    REQUIRE(d["scheduled"].size() == 1);
    CHECK(d["scheduled"][0]["type_id"] == 1);
    CHECK(d["scheduled"][0]["due_date"] == local_today("Asia/Ulaanbaatar", 2));  // Call: 2 days from today
    CHECK(d["suggested_type_ids"].empty());
    // The chatter line: kind activity with type, summary and feedback.
    auto msgs = body_of(s.client.Get("/api/v1/leads/" + std::to_string(lead) + "/messages"));
    REQUIRE(msgs["items"].size() >= 1);
    CHECK(msgs["items"][0]["kind"] == "activity");
    const std::string body = msgs["items"][0]["body"];
    CHECK(body.find("E-mail") != std::string::npos);
    CHECK(body.find("Танилцуулга илгээх") != std::string::npos);
    CHECK(body.find("хариу хүлээж") != std::string::npos);
    CHECK(post_json(s.client, act_path(mail["id"]) + "/done", json::object())->status == 422);  // already done

    // Suggestions, and a next activity picked by the caller (validated before anything is written).
    json todo = activities_schedule(s.client, lead, {{"type_id", 4}, {"due_date", "2026-12-01"}});
    auto bad_next = post_json(s.client, act_path(todo["id"]) + "/done", {{"next", {{"type_id", 999}}}});
    REQUIRE(bad_next->status == 422);
    CHECK(activities_has_field_error(body_of(bad_next), "next.type_id"));
    CHECK(body_of(s.client.Get(lead_acts(lead)))["items"].size() == 2);  // nothing changed
    auto stale = post_json(s.client, act_path(todo["id"]) + "/done", {{"version", 9}});
    REQUIRE(stale->status == 409);
    auto done2 = post_json(s.client, act_path(todo["id"]) + "/done",
                           {{"version", 1}, {"next", {{"type_id", 3}, {"summary", "Гэрээ байгуулах"}, {"due_date", "2026-12-10"}}}});
    REQUIRE_MESSAGE(done2->status == 200, done2->body);
    json d2 = body_of(done2);
    CHECK(d2["suggested_type_ids"] == json({2, 3}));
    REQUIRE(d2["scheduled"].size() == 1);
    CHECK(d2["scheduled"][0]["summary"] == "Гэрээ байгуулах");
    CHECK(d2["scheduled"][0]["due_date"] == "2026-12-10");
    auto open = body_of(s.client.Get(lead_acts(lead)))["items"];
    REQUIRE(open.size() == 2);  // the triggered call and the picked meeting
}

TEST_CASE("activities: an activity follows its lead's record rules") {
    TestServer s;
    s.login();
    const int64_t team = insert_team(s, "Хангай");
    const int64_t own_id = create_user(s, "own", "sales_own", {{"team_ids", {team}}})["id"];
    const int64_t other_id = create_user(s, "other", "sales_own", {{"team_ids", {team}}})["id"];
    auto own = sign_in(s, "own");
    auto other = sign_in(s, "other");
    const int64_t lead = activities_make_lead(s.client, {{"name", "Нууц"}, {"user_id", other_id}, {"team_id", team}});
    json a = activities_schedule(s.client, lead, {{"type_id", 1}, {"user_id", own_id}, {"due_date", "2026-11-01"}});
    const int64_t id = a["id"];
    CHECK(own.client->Get(lead_acts(lead))->status == 404);
    CHECK(post_json(*own.client, lead_acts(lead), {{"due_date", "2026-12-01"}})->status == 404);
    CHECK(patch_json(*own.client, act_path(id), {{"version", 1}, {"summary", "x"}})->status == 404);
    CHECK(own.client->Delete(act_path(id))->status == 404);
    CHECK(post_json(*own.client, act_path(id) + "/done", json::object())->status == 404);
    CHECK(post_json(*own.client, act_path(id) + "/snooze", {{"days", 1}, {"version", 1}})->status == 404);
    // Assigned to "own" but on a hidden lead: not in their list either.
    auto mine = body_of(own.client->Get("/api/v1/activities/mine"));
    CHECK(mine["groups"]["overdue"].empty());
    CHECK(other.client->Get(lead_acts(lead))->status == 200);
    // Someone else's list: managers only.
    CHECK(own.client->Get("/api/v1/activities/mine?user_id=" + std::to_string(other_id))->status == 404);
    auto as_admin = body_of(s.client.Get("/api/v1/activities/mine?user_id=" + std::to_string(own_id)));
    REQUIRE(as_admin["groups"]["overdue"].size() == 1);
    CHECK(as_admin["groups"]["overdue"][0]["lead_name"] == "Нууц");
    CHECK(scalar(s, "SELECT count(*) FROM activities WHERE state = 'open'") == 1);
}

TEST_CASE("activities: today is the assigned user's local day, not UTC's") {
    TestServer s;
    s.login();
    // Kiritimati (UTC+14) and Pago Pago (UTC-11) are always on different dates, whatever the time now.
    activities_set_zone(s.client, "Pacific/Kiritimati");
    const int64_t far_west = create_user(s, "west", "sales_all", {{"tz", "Pacific/Pago_Pago"}})["id"];
    const int64_t lead = activities_make_lead(s.client);
    const std::string kiri_today = local_today("Pacific/Kiritimati");
    json mine_a = activities_schedule(s.client, lead, {{"summary", "мин"}, {"due_date", kiri_today}});
    CHECK(mine_a["due_state"] == "today");
    json west_a = activities_schedule(s.client, lead, {{"summary", "баруун"}, {"due_date", kiri_today}, {"user_id", far_west}});
    CHECK(west_a["due_state"] == "planned");  // still yesterday in Pago Pago
    json west_b = activities_schedule(s.client, lead, {{"summary", "өчигдөр"}, {"due_date", local_today("Pacific/Pago_Pago")},
                                             {"user_id", far_west}});
    CHECK(west_b["due_state"] == "today");

    auto mine = body_of(s.client.Get("/api/v1/activities/mine"));
    CHECK(mine["today"] == kiri_today);
    REQUIRE(mine["groups"]["today"].size() == 1);
    CHECK(mine["groups"]["today"][0]["summary"] == "мин");
    auto west = body_of(s.client.Get("/api/v1/activities/mine?user_id=" + std::to_string(far_west)));
    CHECK(west["today"] == local_today("Pacific/Pago_Pago"));
    CHECK(west["groups"]["today"].size() == 1);
    CHECK(west["groups"]["planned"].size() == 1);
    CHECK(west["groups"]["overdue"].empty());
    // Ulaanbaatar: today there is today in the lead's list for a UB user.
    activities_set_zone(s.client, "Asia/Ulaanbaatar");
    json ub = activities_schedule(s.client, lead, {{"summary", "УБ"}, {"due_date", local_today("Asia/Ulaanbaatar")}});
    CHECK(ub["due_state"] == "today");
}

TEST_CASE("activities: lead list and board cards carry the next activity and the no-next-step flag") {
    TestServer s;
    s.login();
    const int64_t busy = activities_make_lead(s.client, {{"name", "Завгүй"}});
    const int64_t idle = activities_make_lead(s.client, {{"name", "Сул"}});
    activities_schedule(s.client, busy, {{"type_id", 3}, {"summary", "later"}, {"due_date", local_today("Asia/Ulaanbaatar", 5)}});
    json first = activities_schedule(s.client, busy, {{"type_id", 1}, {"summary", "first"}, {"due_date", local_today("Asia/Ulaanbaatar", -1)}});

    auto page = body_of(s.client.Get("/api/v1/leads?limit=50"));
    json busy_row, idle_row;
    for (const auto& it : page["items"]) {
        if (it["id"] == busy) busy_row = it;
        if (it["id"] == idle) idle_row = it;
    }
    REQUIRE(busy_row.is_object());
    REQUIRE(idle_row.is_object());
    REQUIRE(busy_row["next_activity"].is_object());
    CHECK(busy_row["next_activity"]["id"] == first["id"]);
    CHECK(busy_row["next_activity"]["state"] == "overdue");
    CHECK(busy_row["next_activity"]["icon"] == "phone");
    CHECK(busy_row["no_next_step"] == false);
    CHECK(idle_row["next_activity"].is_null());
    CHECK(idle_row["no_next_step"] == true);

    auto groups = body_of(s.client.Get("/api/v1/leads/groups?group_by=stage"));
    bool seen = false;
    for (const auto& g : groups["groups"])
        for (const auto& it : g["items"])
            if (it["id"] == busy) {
                seen = true;
                CHECK(it["next_activity"]["summary"] == "first");
            }
    CHECK(seen);
    // ?fields without them: left out.
    auto slim = body_of(s.client.Get("/api/v1/leads?fields=name"));
    CHECK_FALSE(slim["items"][0].contains("next_activity"));
}
