// Settings › Website form against a fake server: only administrators have the section; the form is read from and
// saved to /api/v1/settings/web-form (origins one a line, no team = null, a rate limit typed wrong goes as typed so
// the server names it), a 422 lands on its field, a 409 keeps the edits with the current version, and the snippet
// and counters come from the server.
#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "fakes.hpp"
#include "settings_fixture.hpp"
#include "state/app_state.hpp"

using namespace tumen;
using namespace tumen::client;
using namespace tumen::client::testing;
using nlohmann::json;

namespace {

struct WebFormFixture : SettingsFixture {
    WebFormFixture() {
        teams_reply = R"({"items":[{"id":3,"name":"Вэб"}]})";
        users_reply = R"({"items":[{"id":7,"name":"Сэлэнгэ"}]})";
    }
    void open(const std::string& role) { SettingsFixture::open("web-form", role); }
};

json settings_reply(std::int64_t version) {
    return {{"enabled", true},
            {"team_id", 3},
            {"user_id", 7},
            {"allowed_origins", {"https://shop.example.mn", "http://localhost:8000"}},
            {"thank_you_url", ""},
            {"rate_limit_per_hour", 10},
            {"version", version},
            {"channel", {{"name", "web_form"}, {"received", 9}, {"created", 5}, {"rejected", 4}, {"state", "ok"},
                         {"last_error", ""}}},
            {"spam_last_30_days", 3},
            {"throttled_last_30_days", 1},
            {"form_url", "http://crm.test/contact/contact.html"},
            {"snippet", "<form class=\"tumen-contact\" action=\"http://crm.test/api/v1/public/contact\"></form>"}};
}

}  // namespace

TEST_CASE_FIXTURE(WebFormFixture, "website form settings: administrators read and save them") {
    sign_in();
    open("admin");
    REQUIRE(app.settings().current() == "web-form");
    reply("GET", "/api/v1/settings/web-form", 200, settings_reply(4).dump());
    auto& m = app.settings().web_form();
    REQUIRE(m.loaded());
    CHECK(m.form.enabled);
    CHECK(m.form.team_id == 3);
    CHECK(m.form.user_id == 7);
    CHECK(m.form.origins == "https://shop.example.mn\nhttp://localhost:8000");
    CHECK(m.form.rate_limit == "10");
    CHECK(m.counters().created == 5);
    CHECK(m.counters().spam == 3);
    CHECK(m.snippet().find("/api/v1/public/contact") != std::string::npos);
    CHECK(m.form_url() == "http://crm.test/contact/contact.html");

    m.form.user_id = 0;
    m.form.rate_limit = "lots";
    m.save();
    CHECK(m.saving());
    auto sent = reply("PUT", "/api/v1/settings/web-form", 422,
                      R"({"error":{"code":"validation","message":"Invalid","field":"rate_limit_per_hour",
                          "details":[{"field":"rate_limit_per_hour","message":"must be a whole number","key":"error.invalid"}]}})");
    const json body = json::parse(sent.body);
    CHECK(body["version"] == 4);
    CHECK(body["user_id"].is_null());
    CHECK(body["rate_limit_per_hour"] == "lots");
    CHECK(body["allowed_origins"] == "https://shop.example.mn\nhttp://localhost:8000");
    REQUIRE(m.error("rate_limit_per_hour") != nullptr);
    CHECK_FALSE(app.settings().error().empty());

    m.form.rate_limit = "20";
    m.save();
    reply("PUT", "/api/v1/settings/web-form", 409,
          json{{"error", {{"code", "conflict"}, {"message", "Changed meanwhile"}, {"current", settings_reply(5)}}}}.dump());
    CHECK(m.form.version == 5);
    CHECK(m.form.rate_limit == "20");  // the edits stay
    m.save();
    auto again = reply("PUT", "/api/v1/settings/web-form", 200, settings_reply(6).dump());
    CHECK(json::parse(again.body)["version"] == 5);
    CHECK(m.form.version == 6);
    CHECK_FALSE(m.notice().empty());
}

TEST_CASE_FIXTURE(WebFormFixture, "website form settings: only administrators have the section") {
    sign_in();
    open("manager");
    CHECK_FALSE(app.settings().has_section("web-form"));
    CHECK(app.settings().current() != "web-form");
    CHECK_FALSE(has("GET", "/api/v1/settings/web-form"));
}
