// Settings › Assignment view model with a fake server: settings (automatic on/off, interval, delay) saved with the
// version read and checked locally, Assign now with its counts and a fresh log, the log with names and paging.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "fakes.hpp"
#include "settings_fixture.hpp"
#include "state/app_state.hpp"

using namespace tumen;
using namespace tumen::client;
using namespace tumen::client::testing;
using nlohmann::json;

namespace {

json log_row(int64_t id, int64_t lead, const json& team, const json& user, const std::string& rule, bool forced = false) {
    return {{"id", id}, {"run_at", 1795500000}, {"lead_id", lead}, {"team_id", team}, {"user_id", user}, {"rule", rule},
            {"forced", forced}};
}

json named(json row, const std::string& lead_name) {
    row["lead_name"] = lead_name;
    return row;
}

struct AssignFixture : SettingsFixture {
    void open_assignment(int64_t interval = 0, int64_t delay = 2) {
        teams_reply = R"({"items":[{"id":3,"name":"Улаанбаатар","active":true}]})";
        users_reply = R"({"items":[{"id":5,"name":"Сараа"}]})";
        sign_in("manager");
        open("assignment", "manager");
        reply("GET", "/api/v1/assignment/settings", 200,
              json{{"interval_minutes", interval}, {"delay_hours", delay}, {"version", 4}}.dump());
        reply("GET", "/api/v1/assignment/log?limit=50", 200,
              json{{"items", {named(log_row(11, 42, 3, 5, "member.domain"), "Монгол Шуудан"),
                              log_row(10, 42, 3, nullptr, "team.weighted")}}}.dump());
    }
};

}  // namespace

TEST_CASE_FIXTURE(AssignFixture, "assignment: settings load; turning it on saves the interval with the version") {
    open_assignment();
    auto& a = app.settings().assignment();
    REQUIRE(a.loaded());
    CHECK_FALSE(a.automatic);
    CHECK(a.delay_hours == "2");
    CHECK_FALSE(a.dirty());
    REQUIRE(a.log().size() == 2);
    CHECK(a.log()[0].lead_name == std::optional<std::string>("Монгол Шуудан"));
    CHECK_FALSE(a.log()[1].lead_name.has_value());  // deleted or merged away since
    CHECK(a.log()[0].user_id == 5);
    CHECK_FALSE(a.log()[1].user_id.has_value());
    CHECK(app.settings().team_name(*a.log()[0].team_id) == "Улаанбаатар");
    CHECK(app.settings().person_name(*a.log()[0].user_id) == "Сараа");
    CHECK_FALSE(a.more_log());

    a.automatic = true;
    a.interval_minutes = "0";
    CHECK(a.dirty());
    a.save();  // on, every 0 minutes: refused here
    CHECK(a.error("interval_minutes") != nullptr);
    CHECK_FALSE(has("PATCH", "/api/v1/assignment/settings"));
    a.interval_minutes = "15";
    a.delay_hours = "x";
    a.save();
    CHECK(a.error("delay_hours") != nullptr);
    a.delay_hours = "1";
    a.save();
    auto sent = reply("PATCH", "/api/v1/assignment/settings", 200,
                      json{{"interval_minutes", 15}, {"delay_hours", 1}, {"version", 5}}.dump());
    CHECK(json::parse(sent.body) == json({{"interval_minutes", 15}, {"delay_hours", 1}, {"version", 4}}));
    CHECK_FALSE(a.dirty());
    CHECK(a.notice().key == "settings.assignment.saved");

    // Off again: interval 0; a stale version keeps the edits and says so.
    a.automatic = false;
    a.save();
    sent = reply("PATCH", "/api/v1/assignment/settings", 409,
                 json{{"error", {{"code", "conflict"}, {"message", "Changed since you read it"}, {"field", "version"},
                                 {"current", {{"interval_minutes", 30}, {"delay_hours", 1}, {"version", 7}}}}}}.dump());
    CHECK(json::parse(sent.body).at("interval_minutes") == 0);
    CHECK_FALSE(a.automatic);
    CHECK(app.settings().error().render(i18n::Lang::en) == "Changed since you read it");
    a.save();
    sent = reply("PATCH", "/api/v1/assignment/settings", 200, json{{"interval_minutes", 0}, {"delay_hours", 1}, {"version", 8}}.dump());
    CHECK(json::parse(sent.body).at("version") == 7);
    CHECK(a.interval_minutes == "15");  // the last interval is offered again when switched back on
}

TEST_CASE_FIXTURE(AssignFixture, "assignment: Assign now reports counts and reloads the log; the log pages") {
    open_assignment(60);
    auto& a = app.settings().assignment();
    CHECK(a.automatic);
    a.assign_now();
    a.assign_now();  // one run at a time
    auto sent = reply("POST", "/api/v1/assignment/run", 200, R"({"team_assigned":3,"member_assigned":2,"merged":0,"items":[]})");
    CHECK(json::parse(sent.body) == json({{"force_quota", true}}));
    CHECK_FALSE(has("POST", "/api/v1/assignment/run"));
    REQUIRE(a.last_run().has_value());
    CHECK(a.last_run()->first == 3);
    CHECK(a.notice().render(i18n::Lang::en) == "Assigned 3 leads to teams and 2 to salespeople.");
    a.assign_now();
    reply("POST", "/api/v1/assignment/run", 200, R"({"team_assigned":4,"member_assigned":4,"merged":2,"items":[]})");
    CHECK(a.notice().render(i18n::Lang::en) ==
          "Assigned 4 leads to teams and 4 to salespeople; 2 duplicates merged first.");
    reply("GET", "/api/v1/assignment/log?limit=50", 200, R"({"items":[]})");
    json page = json::array();
    for (int i = 0; i < AssignmentAdmin::log_page; ++i) page.push_back(log_row(200 - i, 7, 3, 5, "member.preferred", true));
    reply("GET", "/api/v1/assignment/log?limit=50", 200, json{{"items", page}}.dump());
    CHECK(a.log().size() == 50);
    CHECK(a.log()[0].forced);
    CHECK(a.more_log());
    a.load_more_log();
    reply("GET", "/api/v1/assignment/log?limit=50&before_id=151", 200, json{{"items", {log_row(5, 1, 3, nullptr, "team.weighted")}}}.dump());
    CHECK(a.log().size() == 51);
    CHECK_FALSE(a.more_log());

    a.assign_now();
    reply("POST", "/api/v1/assignment/run", 403, R"({"error":{"code":"forbidden","message":"Managers only"}})");
    CHECK(app.settings().error().render(i18n::Lang::en) == "Managers only");
}
