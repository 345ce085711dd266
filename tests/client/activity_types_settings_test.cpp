// Settings › Activity types: the generic settings table with choice columns (category, delay unit, chaining) and
// a "next type" that is another row; a new type sends the first choice by default; a type is archived, never
// deleted; a choice the server does not know is refused before sending; 422 lands at the field.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "settings_fixture.hpp"

using namespace tumen;
using namespace tumen::client;
using namespace tumen::client::testing;
using nlohmann::json;

namespace {

const char* types_reply = R"({"items":[
  {"id":1,"name":"Call","code":"call","icon":"phone","category":"call","default_summary":"","default_note":"",
   "delay_count":2,"delay_unit":"days","delay_from":"today","chaining":"suggest","suggested_ids":[],"sequence":10,
   "active":true,"version":1}]})";

}  // namespace

TEST_CASE_FIXTURE(SettingsFixture, "activity types: listed with archived ones; added with defaults; edited with the version") {
    sign_in();
    open("activity-types", "manager");
    auto s = app.settings().sections();
    CHECK(std::find(s.begin(), s.end(), "activity-types") != s.end());
    CHECK(app.settings().current() == "activity-types");
    reply("GET", "/api/v1/activity-types?archived=true", 200, types_reply);
    SettingsTable& t = app.settings().table("activity_types");
    REQUIRE(t.rows().size() == 1);
    CHECK_FALSE(t.spec().deletable);

    t.begin_add();
    CHECK(t.new_draft()["category"] == "default");
    CHECK(t.new_draft()["delay_unit"] == "days");
    CHECK(t.new_draft()["chaining"] == "suggest");
    t.new_draft()["name"] = "Гэрээ илгээх";
    t.new_draft()["chaining"] = "trigger";
    t.new_draft()["triggered_id"] = "1";
    t.new_draft()["delay_unit"] = "fortnights";
    t.submit_new();
    CHECK_FALSE(has("POST", "/api/v1/activity-types"));  // an unknown unit: refused here
    REQUIRE(t.error("delay_unit"));
    t.new_draft()["delay_unit"] = "weeks";
    t.new_draft()["delay_count"] = "1";
    t.submit_new();
    HttpRequest sent = reply("POST", "/api/v1/activity-types", 422,
                             R"({"error":{"code":"validation","message":"invalid","details":[
                                 {"field":"icon","message":"must be a short icon name","key":"error.invalid"}]}})");
    const json body = json::parse(sent.body);
    CHECK(body["name"] == "Гэрээ илгээх");
    CHECK(body["chaining"] == "trigger");
    CHECK(body["triggered_id"] == 1);
    CHECK(body["delay_unit"] == "weeks");
    CHECK(body["delay_count"] == 1);
    CHECK(body["category"] == "default");
    REQUIRE(t.error("icon"));

    t.cancel_add();
    t.begin_edit(1);
    t.edit_draft()["active"] = "false";
    t.save_edit();
    sent = reply("PATCH", "/api/v1/activity-types/1", 200, R"({"id":1,"name":"Call","active":false,"version":2})");
    CHECK(json::parse(sent.body) == json{{"active", false}, {"version", 1}});
}

TEST_CASE_FIXTURE(SettingsFixture, "activity types: delay from, suggested next types and the triggered type are edited") {
    sign_in();
    open("activity-types", "manager");
    reply("GET", "/api/v1/activity-types?archived=true", 200, R"({"items":[
      {"id":1,"name":"Call","delay_from":"today","chaining":"suggest","suggested_ids":[2],"active":true,"version":4},
      {"id":2,"name":"E-mail","delay_from":"today","chaining":"suggest","suggested_ids":[],"active":true,"version":1},
      {"id":3,"name":"Meeting","delay_from":"today","chaining":"suggest","suggested_ids":[],"active":true,"version":1}]})");
    SettingsTable& t = app.settings().table("activity_types");
    REQUIRE(t.rows().size() == 3);
    // The list keeps its width: these three are edited under the row, the "When done" cell names the next types.
    for (const char* f : {"delay_from", "suggested_ids", "triggered_id"}) {
        auto c = std::find_if(t.spec().columns.begin(), t.spec().columns.end(), [&](const auto& col) { return col.field == f; });
        REQUIRE_MESSAGE(c != t.spec().columns.end(), f);
        CHECK(c->below);
    }

    t.begin_edit(1);
    CHECK(t.edit_draft()["suggested_ids"] == "2");
    CHECK(t.edit_draft()["delay_from"] == "today");
    const auto& cols = t.spec().columns;
    const auto col = [&](const std::string& f) {
        return *std::find_if(cols.begin(), cols.end(), [&](const auto& c) { return c.field == f; });
    };
    // Suggestions while "suggest next", the triggered type only while "schedule next".
    CHECK(column_applies(col("suggested_ids"), t.edit_draft()));
    CHECK_FALSE(column_applies(col("triggered_id"), t.edit_draft()));
    t.edit_draft()["suggested_ids"] = toggle_picked(t.edit_draft()["suggested_ids"], 3);
    CHECK(t.edit_draft()["suggested_ids"] == "2,3");
    t.edit_draft()["suggested_ids"] = toggle_picked(t.edit_draft()["suggested_ids"], 2);
    CHECK(t.edit_draft()["suggested_ids"] == "3");
    CHECK(is_picked("3", 3));
    CHECK_FALSE(is_picked("3", 2));
    t.edit_draft()["delay_from"] = "previous_deadline";
    t.save_edit();
    HttpRequest sent = reply("PATCH", "/api/v1/activity-types/1", 200,
                             R"({"id":1,"name":"Call","delay_from":"previous_deadline","chaining":"suggest",
                                 "suggested_ids":[3],"active":true,"version":5})");
    CHECK(json::parse(sent.body) ==
          json{{"delay_from", "previous_deadline"}, {"suggested_ids", {3}}, {"version", 4}});
    CHECK_FALSE(t.editing());
    CHECK(t.row(1)->text("suggested_ids") == "3");

    // Switched to "schedule next": the triggered type is edited; a stale version keeps the edits.
    t.begin_edit(2);
    t.edit_draft()["chaining"] = "trigger";
    CHECK(column_applies(col("triggered_id"), t.edit_draft()));
    t.edit_draft()["triggered_id"] = "1";
    t.save_edit();
    sent = reply("PATCH", "/api/v1/activity-types/2", 409,
                 R"({"error":{"code":"conflict","message":"stale","current":
                     {"id":2,"name":"E-mail","delay_from":"today","chaining":"suggest","suggested_ids":[],
                      "active":true,"version":2}}})");
    CHECK(json::parse(sent.body) == json{{"chaining", "trigger"}, {"triggered_id", 1}, {"version", 1}});
    CHECK(t.edit_draft()["triggered_id"] == "1");
    t.save_edit();
    sent = reply("PATCH", "/api/v1/activity-types/2", 422,
                 R"({"error":{"code":"validation","message":"invalid","details":[
                     {"field":"triggered_id","message":"no such activity type","key":"error.not_found"}]}})");
    CHECK(json::parse(sent.body)["version"] == 2);
    REQUIRE(t.error("triggered_id"));
    CHECK(t.banner().empty());  // shown at the field, which the editor draws under the row

    // A new type with suggestions sends them as ids; an empty pick is left to the server's default.
    t.cancel_edit();
    t.begin_add();
    t.new_draft()["name"] = "Follow-up";
    t.new_draft()["suggested_ids"] = toggle_picked("", 2);
    t.submit_new();
    sent = reply("POST", "/api/v1/activity-types", 201, R"({"id":4,"name":"Follow-up","suggested_ids":[2],"version":1})");
    CHECK(json::parse(sent.body)["suggested_ids"] == json({2}));
    CHECK_FALSE(json::parse(sent.body).contains("triggered_id"));
}
