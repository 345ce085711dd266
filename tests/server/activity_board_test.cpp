// Activities on the board and in the client's lists (issue 6, client side): the columns' activity bars count
// every matching lead by its next open activity (overdue / today / planned) and the open ones without any, in the
// caller's local day; the lead's activity list says which day "today" is for the due-date words.
#include <doctest/doctest.h>

#include <ctime>
#include <map>
#include <set>

#include "auth_helpers.hpp"
#include "io_helpers.hpp"
#include "tumen/datetime.hpp"
#include "tumen/filter.hpp"
#include "tz/user_zone.hpp"

using namespace tumen::testing;
using nlohmann::json;
namespace tz = tumen::server::tz;

namespace {

int64_t activity_board_new_lead(httplib::Client& c, const std::string& name) {
    auto r = post_json(c, "/api/v1/leads", {{"name", name}});
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 201, r->body);
    return body_of(r)["id"].get<int64_t>();
}

json plan(httplib::Client& c, int64_t lead, int offset_days, const char* zone = "Asia/Ulaanbaatar") {
    const std::string due = tumen::format_date(tz::local_day(zone, std::time(nullptr)) + offset_days);
    auto r = post_json(c, "/api/v1/leads/" + std::to_string(lead) + "/activities", {{"summary", "s"}, {"due_date", due}});
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 201, r->body);
    return body_of(r);
}

json activity_board_column_of(const json& groups, int64_t lead) {
    for (const auto& g : groups["groups"])
        for (const auto& it : g["items"])
            if (it["id"] == lead) return g;
    return nullptr;
}

}  // namespace

TEST_CASE("activities board: a column's activity bar counts each lead once by its next open activity") {
    TestServer s;
    s.login();
    REQUIRE(patch_json(s.client, "/api/v1/account", {{"tz", "Asia/Ulaanbaatar"}})->status == 200);
    const int64_t late = activity_board_new_lead(s.client, "Хоцорсон");
    const int64_t now = activity_board_new_lead(s.client, "Өнөөдөр");
    const int64_t later = activity_board_new_lead(s.client, "Дараа");
    const int64_t idle = activity_board_new_lead(s.client, "Алхамгүй");
    plan(s.client, late, -3);
    plan(s.client, late, 4);  // the next one is the overdue one: counted once, as overdue
    plan(s.client, now, 0);
    json done = plan(s.client, later, -1);
    REQUIRE(post_json(s.client, "/api/v1/activities/" + std::to_string(done["id"].get<int64_t>()) + "/done",
                      {{"feedback", ""}})->status == 200);  // a done activity no longer counts
    plan(s.client, later, 2);

    const json groups = body_of(s.client.Get(("/api/v1/leads/groups?group_by=stage&filter=" +
                                              url_encode("name != \"x\"")).c_str()));
    const json col = activity_board_column_of(groups, late);
    REQUIRE(col.is_object());
    CHECK(activity_board_column_of(groups, idle) == col);  // all new leads share the first stage
    REQUIRE(col.contains("activity_bar"));
    const json bar = col["activity_bar"];
    CHECK(bar["overdue"] == 1);
    CHECK(bar["today"] == 1);
    CHECK(bar["planned"] == 1);
    CHECK(bar["none"] == col["count"].get<int64_t>() - 3);
    CHECK(bar["none"].get<int64_t>() >= 1);

    // A filter narrows the bar like the counts: only the idle lead.
    const json one = body_of(s.client.Get(("/api/v1/leads/groups?group_by=stage&filter=" +
                                           url_encode("id = " + std::to_string(idle))).c_str()));
    const json c1 = activity_board_column_of(one, idle);
    REQUIRE(c1.is_object());
    CHECK(c1["activity_bar"] == json{{"overdue", 0}, {"today", 0}, {"planned", 0}, {"none", 1}});

    // Grouping by tag (a lead in many groups) has no bar; the groups still answer.
    auto by_tag = s.client.Get("/api/v1/leads/groups?group_by=tag");
    REQUIRE(by_tag);
    CHECK(by_tag->status == 200);
}

TEST_CASE("activities board: the lead's activity list names the caller's local today") {
    TestServer s;
    s.login();
    REQUIRE(patch_json(s.client, "/api/v1/account", {{"tz", "America/Los_Angeles"}})->status == 200);
    const int64_t lead = activity_board_new_lead(s.client, "Өдөр");
    const json list = body_of(s.client.Get(("/api/v1/leads/" + std::to_string(lead) + "/activities").c_str()));
    CHECK(list["items"].empty());
    CHECK(list["today"] == tumen::format_date(tz::local_day("America/Los_Angeles", std::time(nullptr))));
}

TEST_CASE("activities filter: activity_overdue selects what the evaluator matches, in the searcher's own today") {
    TestServer s;
    s.login();
    const char* zone = "Pacific/Kiritimati";  // UTC+14: its today often differs from Ulaanbaatar's
    REQUIRE(patch_json(s.client, "/api/v1/account", {{"tz", zone}})->status == 200);
    const int64_t late = activity_board_new_lead(s.client, "Хоцорсон");
    const int64_t today = activity_board_new_lead(s.client, "Өнөөдөр");
    const int64_t done_only = activity_board_new_lead(s.client, "Хийсэн");
    const int64_t future = activity_board_new_lead(s.client, "Ирээдүй");
    const int64_t none = activity_board_new_lead(s.client, "Алга");
    plan(s.client, late, -1, zone);
    plan(s.client, late, 3, zone);
    plan(s.client, today, 0, zone);
    json old = plan(s.client, done_only, -5, zone);
    REQUIRE(post_json(s.client, "/api/v1/activities/" + std::to_string(old["id"].get<int64_t>()) + "/done",
                      {{"feedback", "ok"}})->status == 200);
    json cancelled = plan(s.client, future, -2, zone);
    REQUIRE(s.client.Delete(("/api/v1/activities/" + std::to_string(cancelled["id"].get<int64_t>())).c_str())->status == 200);
    plan(s.client, future, 1, zone);
    const std::set<int64_t> mine = {late, today, done_only, future, none};

    auto ids_of = [&](const std::string& filter) {
        const json page = body_of(s.client.Get(("/api/v1/leads?limit=500&filter=" + url_encode(filter)).c_str()));
        std::set<int64_t> out;
        for (const auto& it : page["items"])
            if (mine.count(it["id"].get<int64_t>())) out.insert(it["id"].get<int64_t>());
        return out;
    };
    CHECK(ids_of("activity_overdue = true") == std::set<int64_t>{late});
    CHECK(ids_of("activity_overdue != false") == std::set<int64_t>{late});
    CHECK(ids_of("not (activity_overdue = true)") == std::set<int64_t>{today, done_only, future, none});
    CHECK(ids_of("activity_overdue = false and name = \"Өнөөдөр\"") == std::set<int64_t>{today});

    // The in-memory evaluator, given each lead's earliest open due date and the same zone, agrees.
    using namespace tumen::filter;
    Context ctx;
    ctx.now = std::time(nullptr);
    ctx.utc_offset_minutes = tz::utc_offset_s(zone, ctx.now) / 60;
    const auto day = [&](int offset) { return tumen::format_date(tz::local_day(zone, ctx.now) + offset); };
    const std::map<int64_t, Value> next_due = {{late, day(-1)}, {today, day(0)}, {done_only, Value()},
                                               {future, day(1)}, {none, Value()}};
    auto expr = parse("activity_overdue = true");
    REQUIRE(expr.ok());
    std::set<int64_t> evaluated;
    for (const auto& [id, due] : next_due) {
        MapRecord r;
        r.set("activity_overdue", due);
        if (evaluate(expr.value(), lead_filter_fields(), r, ctx)) evaluated.insert(id);
    }
    CHECK(evaluated == ids_of("activity_overdue = true"));
}
