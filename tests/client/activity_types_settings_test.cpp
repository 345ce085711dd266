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
