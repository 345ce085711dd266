// Settings › My account › Calendar feed: the state from the server, a new address shown once with the page's
// origin in front, revoking (a 404 means there was none: not an error), and a refusal in the banner.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "settings_fixture.hpp"

using namespace tumen;
using namespace tumen::client;
using namespace tumen::client::testing;
using nlohmann::json;

TEST_CASE_FIXTURE(SettingsFixture, "calendar feed: state, create shows the URL once, rotate, revoke") {
    sign_in("sales_own");
    open("account", "sales_own");
    auto& f = app.settings().calendar_feed();
    reply("GET", "/api/v1/account/calendar-feed", 200, R"({"active":false})");
    REQUIRE(f.loaded());
    CHECK_FALSE(f.active());

    f.rotate("https://crm.example.mn");
    HttpRequest sent = reply("POST", "/api/v1/account/calendar-feed", 201,
                             R"({"active":true,"prefix":"Ab3dE9","created_at":"2026-11-28T08:00:00Z","last_used_at":null,
                                 "path":"/calendar/Ab3dE9secret.ics"})");
    CHECK(header(sent, "X-CSRF-Token") == "csrf-1");
    CHECK(f.active());
    CHECK(f.prefix() == "Ab3dE9");
    CHECK(f.last_used_at().empty());
    CHECK(f.url() == "https://crm.example.mn/calendar/Ab3dE9secret.ics");
    f.dismiss_url();
    CHECK(f.url().empty());

    f.rotate("");
    reply("POST", "/api/v1/account/calendar-feed", 500, R"({"error":{"code":"internal","message":"disk full"}})");
    CHECK(f.banner().render(i18n::Lang::en) == "disk full");
    CHECK(f.url().empty());
    CHECK(f.active());  // the old address still works

    f.revoke();
    sent = reply("DELETE", "/api/v1/account/calendar-feed", 204);
    CHECK_FALSE(f.active());
    CHECK(f.notice().render(i18n::Lang::en) == "The feed address no longer works.");
    f.revoke();
    reply("DELETE", "/api/v1/account/calendar-feed", 404, R"({"error":{"code":"not_found","message":"no feed"}})");
    CHECK(f.banner().empty());
    // Leaving the settings forgets it; coming back asks again.
    app.navigate(Route::pipeline());
    CHECK_FALSE(f.loaded());
}
