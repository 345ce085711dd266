// Settings view models with a fake server: sections by role, the generic list editor (create, edit with the
// version, 422 at the field, 409 stale and duplicate, delete and "in use"), stages, users, API keys, and the
// account's two-step sign-in set-up.
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

struct SettingsPageFixture : SettingsFixture {
    SettingsPageFixture() {
        teams_reply = R"({"items":[{"id":3,"name":"Улаанбаатар","active":true}]})";
        users_reply = R"({"items":[{"id":1,"name":"Админ"},{"id":5,"name":"Бат"}]})";
    }
    void sign_in(const std::string& hash = "#/settings") { SettingsFixture::sign_in("admin", hash); }
};

const char* reasons = R"({"items":[{"id":1,"name":"Too expensive","active":true,"version":1},
                                    {"id":2,"name":"Өрсөлдөгч","active":true,"version":3}]})";

}  // namespace

TEST_CASE_FIXTURE(SettingsPageFixture, "the sections follow the role from /account; admin-only ones are not listed for others") {
    sign_in();
    app.settings().open("");
    // Before /account answers only what everyone has is listed.
    auto s = app.settings().sections();
    CHECK(std::find(s.begin(), s.end(), "users") == s.end());
    CHECK(s.front() == "stages");
    CHECK(s.back() == "account");
    open("", "sales_own");
    s = app.settings().sections();
    for (const char* hidden : {"users", "kiosk-tokens", "security", "jobs"}) CHECK(std::find(s.begin(), s.end(), hidden) == s.end());
    CHECK(std::find(s.begin(), s.end(), "api-keys") != s.end());
    CHECK_FALSE(app.settings().can_edit_lists());
    // A salesperson asking for the users section by address gets the first section instead.
    app.settings().open("users");
    CHECK(app.settings().current() == "stages");
    CHECK_FALSE(has("GET", "/api/v1/users"));
}

TEST_CASE_FIXTURE(SettingsPageFixture, "an administrator has every section and the users list loads") {
    sign_in();
    open("users");
    const auto s = app.settings().sections();
    CHECK(s == std::vector<std::string>{"stages", "teams", "lost-reasons", "tags", "contact-types", "utm", "activity-types", "products", "currencies", "scoring", "assignment", "users", "api-keys",
                                        "kiosk-tokens", "security", "jobs", "email", "mail-templates", "sms", "web-form", "webhooks", "account"});
    CHECK(app.settings().current() == "users");
    reply("GET", "/api/v1/users", 200,
          R"({"items":[{"id":1,"login":"admin","name":"Админ","role":"admin","active":true,"totp_enabled":false}]})");
    REQUIRE(app.settings().users().rows().size() == 1);
    CHECK(app.settings().users().rows()[0].name == "Админ");
}

TEST_CASE_FIXTURE(SettingsPageFixture, "lost reasons: load, add one in Cyrillic, the new row is listed") {
    sign_in();
    open("lost-reasons");
    reply("GET", "/api/v1/lost-reasons?active=all", 200, reasons);
    auto& t = app.settings().table("lost_reasons");
    REQUIRE(t.rows().size() == 2);
    t.begin_add();
    CHECK(t.new_draft()["active"] == "true");
    t.new_draft()["name"] = "Үнэ өндөр";
    t.submit_new();
    const HttpRequest sent = reply("POST", "/api/v1/lost-reasons", 201, R"({"id":9,"name":"Үнэ өндөр","active":true,"version":1})");
    CHECK(json::parse(sent.body) == json{{"name", "Үнэ өндөр"}, {"active", true}});
    CHECK(header(sent, "X-CSRF-Token") == "csrf-1");
    CHECK_FALSE(t.adding());
    CHECK(t.rows().back().text("name") == "Үнэ өндөр");
}

TEST_CASE_FIXTURE(SettingsPageFixture, "a 422 lands at its field, worded from the catalog in both languages") {
    sign_in();
    open("lost-reasons");
    reply("GET", "/api/v1/lost-reasons?active=all", 200, reasons);
    auto& t = app.settings().table("lost_reasons");
    t.begin_add();
    t.submit_new();
    reply("POST", "/api/v1/lost-reasons", 422,
          R"({"error":{"code":"validation","message":"name: is required","field":"name","details":[{"field":"name","message":"is required","key":"error.required"}]}})");
    REQUIRE(t.error("name"));
    CHECK(t.error("name")->render(i18n::Lang::en) == "Required.");
    CHECK(t.error("name")->render(i18n::Lang::mn) == "Заавал бөглөнө.");
    CHECK(t.banner().empty());
    CHECK(t.adding());  // the row stays open for the fix
    CHECK(app.last_error() == "Required.");
}

TEST_CASE_FIXTURE(SettingsPageFixture, "editing sends only the changed fields with the version; a stale version keeps the edits") {
    sign_in();
    open("lost-reasons");
    reply("GET", "/api/v1/lost-reasons?active=all", 200, reasons);
    auto& t = app.settings().table("lost_reasons");
    t.begin_edit(2);
    t.edit_draft()["name"] = "Өрсөлдөгч хямд";
    t.save_edit();
    HttpRequest sent = reply("PATCH", "/api/v1/lost-reasons/2", 409,
                             R"({"error":{"code":"conflict","message":"stale","field":"version","current":{"id":2,"name":"Өрсөлдөгчид","active":false,"version":4}}})");
    CHECK(json::parse(sent.body) == json{{"name", "Өрсөлдөгч хямд"}, {"version", 3}});
    CHECK(t.editing() == std::optional<std::int64_t>(2));
    CHECK(t.edit_draft()["name"] == "Өрсөлдөгч хямд");
    CHECK(t.row(2)->record["version"] == 4);
    CHECK(t.banner().key == "settings.stale");
    // Saving again overwrites with the version now known; "active" changed on the server is not sent back.
    t.save_edit();
    sent = reply("PATCH", "/api/v1/lost-reasons/2", 200, R"({"id":2,"name":"Өрсөлдөгч хямд","active":false,"version":5})");
    CHECK(json::parse(sent.body) == json{{"name", "Өрсөлдөгч хямд"}, {"version", 4}});
    CHECK_FALSE(t.editing());
    CHECK(t.row(2)->text("name") == "Өрсөлдөгч хямд");
}

TEST_CASE_FIXTURE(SettingsPageFixture, "a duplicate name (409 naming the field) is shown at the name") {
    sign_in();
    open("tags");
    reply("GET", "/api/v1/tags", 200, R"({"items":[]})");
    auto& t = app.settings().table("tags");
    t.begin_add();
    t.new_draft()["name"] = "VIP";
    t.new_draft()["color"] = "5";
    t.submit_new();
    const HttpRequest sent = reply("POST", "/api/v1/tags", 409,
                                   R"({"error":{"code":"conflict","message":"name: a tag with this name already exists","field":"name","details":[{"field":"name","message":"is already used","key":"error.duplicate"}]}})");
    CHECK(json::parse(sent.body) == json{{"name", "VIP"}, {"color", 5}});
    REQUIRE(t.error("name"));
    CHECK(t.error("name")->render(i18n::Lang::en) == "This name is already used.");
}

TEST_CASE_FIXTURE(SettingsPageFixture, "delete waits for the confirmation; a reason in use says to archive it") {
    sign_in();
    open("lost-reasons");
    reply("GET", "/api/v1/lost-reasons?active=all", 200, reasons);
    auto& t = app.settings().table("lost_reasons");
    t.ask_delete(1);
    CHECK(net.pending.empty());
    t.cancel_delete();
    t.confirm_delete();
    CHECK(net.pending.empty());
    t.ask_delete(1);
    t.confirm_delete();
    reply("DELETE", "/api/v1/lost-reasons/1", 409, R"({"error":{"code":"conflict","message":"this lost reason is still in use"}})");
    CHECK(t.rows().size() == 2);
    CHECK(t.banner().key == "settings.in_use_archive");
    t.ask_delete(2);
    t.confirm_delete();
    reply("DELETE", "/api/v1/lost-reasons/2", 204);
    CHECK(t.rows().size() == 1);
    CHECK(t.row(2) == nullptr);
}

TEST_CASE_FIXTURE(SettingsPageFixture, "stages: a bad probability is caught before sending; ↓ posts the new order") {
    sign_in();
    open("stages");
    reply("GET", "/api/v1/stages", 200,
          R"({"items":[{"id":1,"name":"Шинэ","team_id":null,"sequence":1,"fold":false,"is_won":false,"default_probability":10,"wip_limit":0,"rotting_days":0,"version":1},
                       {"id":2,"name":"Ялсан","team_id":3,"sequence":2,"fold":true,"is_won":true,"default_probability":100,"wip_limit":0,"rotting_days":0,"version":1}]})");
    auto& t = app.settings().table("stages");
    CHECK(t.rows()[1].text("team_id") == "3");
    CHECK(app.settings().team_name(3) == "Улаанбаатар");
    t.begin_edit(1);
    t.edit_draft()["default_probability"] = "abc";
    t.save_edit();
    CHECK(net.pending.empty());
    REQUIRE(t.error("default_probability"));
    t.edit_draft()["default_probability"] = "25.5";
    t.edit_draft()["wip_limit"] = "12";
    t.edit_draft()["team_id"] = "3";
    t.save_edit();
    HttpRequest sent = reply("PATCH", "/api/v1/stages/1", 200, R"({"id":1,"name":"Шинэ","team_id":3,"default_probability":25.5,"wip_limit":12,"version":2})");
    CHECK(json::parse(sent.body) == json{{"default_probability", 25.5}, {"team_id", 3}, {"wip_limit", 12}, {"version", 1}});
    t.move(1, +1);
    CHECK(t.rows()[0].id() == 2);  // at once
    sent = reply("POST", "/api/v1/stages/reorder", 200, R"({"items":[{"id":2,"name":"Ялсан","version":2},{"id":1,"name":"Шинэ","version":3}]})");
    CHECK(json::parse(sent.body) == json{{"ids", {2, 1}}});
    CHECK(t.rows()[1].record["version"] == 3);
}

TEST_CASE_FIXTURE(SettingsPageFixture, "teams: Members loads the chosen team's members; adding posts the user, capacity and preferred domain") {
    sign_in();
    open("teams");
    reply("GET", "/api/v1/teams?active=all", 200, R"({"items":[{"id":3,"name":"Улаанбаатар","active":true,"version":1}]})");
    app.settings().show_members(3);
    reply("GET", "/api/v1/teams/3/members", 200, R"({"items":[]})");
    auto& m = app.settings().table("members");
    m.begin_add();
    m.new_draft()["user_id"] = "5";
    m.new_draft()["max_leads_30d"] = "40";
    m.new_draft()["assignment_domain_preferred"] = "country = \"MN\"";
    m.submit_new();
    const HttpRequest sent = reply("POST", "/api/v1/teams/3/members", 201, R"({"id":11,"team_id":3,"user_id":5,"max_leads_30d":40,"active":true,"version":1})");
    const json body = json::parse(sent.body);
    CHECK(body["user_id"] == 5);
    CHECK(body["max_leads_30d"] == 40);
    CHECK(body["assignment_domain_preferred"] == "country = \"MN\"");
    CHECK(app.settings().person_name(5) == "Бат");
}

TEST_CASE_FIXTURE(SettingsPageFixture, "users: create (password rule checked first), role, set password, deactivate, reset 2FA") {
    sign_in();
    open("users");
    reply("GET", "/api/v1/users", 200,
          R"({"items":[{"id":5,"login":"bat","name":"Бат","role":"sales_own","active":true,"totp_enabled":true}]})");
    auto& u = app.settings().users();
    u.begin_create();
    u.draft = {"saraa", "Сараа", "saraa@example.mn", "manager", "short"};
    u.draft.lang = "mn";  // the form starts from the admin's language; the zone from Mongolia's
    u.submit_create();
    CHECK(net.pending.empty());
    REQUIRE(u.error("password"));
    CHECK(u.error("password")->render(i18n::Lang::en) == "At least 10 characters.");
    u.draft.password = "Сайн-нууц-үг-42";
    u.submit_create();
    HttpRequest sent = reply("POST", "/api/v1/users", 201, R"({"id":6,"login":"saraa","name":"Сараа","role":"manager","active":true})");
    CHECK(json::parse(sent.body) == json{{"login", "saraa"}, {"name", "Сараа"}, {"role", "manager"}, {"password", "Сайн-нууц-үг-42"},
                                         {"email", "saraa@example.mn"}, {"lang", "mn"}, {"tz", "Asia/Ulaanbaatar"}});
    CHECK(u.rows().size() == 2);
    CHECK(u.notice().render(i18n::Lang::en) == "Сараа can now sign in.");

    u.set_role(5, "sales_all");
    sent = reply("PATCH", "/api/v1/users/5", 200, R"({"id":5,"login":"bat","name":"Бат","role":"sales_all","active":true,"totp_enabled":true})");
    CHECK(json::parse(sent.body) == json{{"role", "sales_all"}});
    CHECK(u.row(5)->role == "sales_all");

    u.begin_password(5);
    u.new_password = "Шинэ-нууц-үг-2026";
    u.submit_password();
    sent = reply("POST", "/api/v1/users/5/password", 204);
    CHECK(json::parse(sent.body) == json{{"password", "Шинэ-нууц-үг-2026"}});
    CHECK_FALSE(u.password_for());

    u.ask("totp_reset", 5);
    CHECK(net.pending.empty());
    u.confirm();
    reply("DELETE", "/api/v1/users/5/totp", 204);
    CHECK_FALSE(u.row(5)->totp_enabled);

    u.ask("deactivate", 5);
    u.confirm();
    reply("POST", "/api/v1/users/5/deactivate", 200, R"({"id":5,"login":"bat","name":"Бат","role":"sales_all","active":false})");
    CHECK_FALSE(u.row(5)->active);

    // A server refusal that names a field the form has lands there.
    u.begin_create();
    u.draft = {"bat", "Бат 2", "", "sales_own", "урт-нууц-үг-123"};
    u.submit_create();
    reply("POST", "/api/v1/users", 409,
          R"({"error":{"code":"conflict","message":"login: is already used","field":"login","details":[{"field":"login","message":"is already used","key":"error.duplicate"}]}})");
    REQUIRE(u.error("login"));
    CHECK(u.creating());
}

TEST_CASE_FIXTURE(SettingsPageFixture, "users: teams are chosen when creating and changed later in the teams dialog") {
    sign_in();
    open("users");
    reply("GET", "/api/v1/users", 200,
          R"({"items":[{"id":5,"login":"bat","name":"Бат","role":"sales_own","active":true,"team_ids":[3]}]})");
    auto& u = app.settings().users();
    REQUIRE(u.row(5));
    CHECK(u.row(5)->team_ids == std::vector<std::int64_t>{3});

    u.begin_create();
    u.draft = {"saraa", "Сараа", "", "sales_own", "Сайн-нууц-үг-42"};
    toggle_id(u.draft.team_ids, 3);
    toggle_id(u.draft.team_ids, 4);
    toggle_id(u.draft.team_ids, 3);  // unticked again
    u.submit_create();
    HttpRequest sent = reply("POST", "/api/v1/users", 201,
                             R"({"id":6,"login":"saraa","name":"Сараа","role":"sales_own","active":true,"team_ids":[4]})");
    CHECK(json::parse(sent.body)["team_ids"] == json::array({4}));
    CHECK(u.row(6)->team_ids == std::vector<std::int64_t>{4});

    u.begin_teams(5);
    CHECK(u.teams_draft == std::vector<std::int64_t>{3});
    toggle_id(u.teams_draft, 4);
    u.submit_teams();
    sent = reply("PATCH", "/api/v1/users/5", 422,
                 R"({"error":{"code":"validation","message":"team_ids: names a team that does not exist","field":"team_ids","details":[{"field":"team_ids","message":"names a team that does not exist","key":"error.unknown_team"}]}})");
    CHECK(json::parse(sent.body) == json{{"team_ids", {3, 4}}});
    CHECK(u.teams_for() == std::optional<std::int64_t>(5));  // still open, the problem shown
    CHECK(u.error("team_ids"));
    u.submit_teams();
    reply("PATCH", "/api/v1/users/5", 200,
          R"({"id":5,"login":"bat","name":"Бат","role":"sales_own","active":true,"team_ids":[3,4]})");
    CHECK_FALSE(u.teams_for());
    CHECK(u.row(5)->team_ids == std::vector<std::int64_t>{3, 4});
    CHECK(u.notice().render(i18n::Lang::en) == "Teams saved for Бат.");
}

TEST_CASE_FIXTURE(SettingsPageFixture, "an API key's secret is shown once: gone after Done or after leaving the settings") {
    sign_in();
    open("api-keys");
    reply("GET", "/api/v1/api-keys", 200, R"({"items":[]})");
    auto& t = app.settings().tokens();
    t.create_key();
    CHECK(net.pending.empty());  // a name is needed
    REQUIRE(t.error("name"));
    t.key_name = "Вэб маягт";
    t.key_read_only = true;
    t.key_expires_days = 90;
    t.create_key();
    const HttpRequest sent = reply("POST", "/api/v1/api-keys", 201, R"({"id":4,"key":"tmk_secret_value"})");
    CHECK(json::parse(sent.body) == json{{"name", "Вэб маягт"}, {"read_only", true}, {"expires_in_days", 90}});
    CHECK(t.key_expires_days == 0);  // the form starts over
    CHECK(t.secret() == "tmk_secret_value");
    reply("GET", "/api/v1/api-keys", 200,
          R"({"items":[{"id":4,"name":"Вэб маягт","prefix":"tmk_secr","read_only":true,"created_at":"2026-11-27T10:00:00Z",)"
          R"("expires_at":"2027-02-25T10:00:00Z","expired":false},{"id":2,"name":"Old","prefix":"tmk_old1","expires_at":"2026-01-01T00:00:00Z","expired":true}]})");
    REQUIRE(t.keys().size() == 2);
    CHECK(t.keys()[0].expires_at == "2027-02-25T10:00:00Z");
    CHECK_FALSE(t.keys()[0].expired);
    CHECK(t.keys()[1].expired);
    CHECK(t.secret() == "tmk_secret_value");  // still on screen until dismissed
    app.navigate(Route::pipeline());
    CHECK(app.settings().tokens().secret().empty());
    // Revoke asks first.
    net.pending.clear();
    open("api-keys");
    reply("GET", "/api/v1/api-keys", 200, R"({"items":[{"id":4,"name":"Вэб маягт","prefix":"tmk_secr"}]})");
    t.ask_revoke("api_key", 4);
    CHECK(net.pending.empty());
    t.confirm_revoke();
    reply("DELETE", "/api/v1/api-keys/4", 204);
    CHECK(t.keys().empty());
    t.key_name = "Forever";
    t.create_key();
    CHECK(json::parse(reply("POST", "/api/v1/api-keys", 201, R"({"id":5,"key":"tmk_x"})").body) ==
          json{{"name", "Forever"}, {"read_only", false}});  // no lifetime: never expires
}

TEST_CASE_FIXTURE(SettingsPageFixture, "kiosk tokens need a name and a team; the token is shown once") {
    sign_in();
    open("kiosk-tokens");
    reply("GET", "/api/v1/kiosk-tokens", 200, R"({"items":[]})");
    auto& t = app.settings().tokens();
    t.kiosk_name = "Танхимын ТВ";
    t.create_kiosk();
    CHECK(net.pending.empty());
    REQUIRE(t.error("team_ids"));
    t.toggle_kiosk_team(3);
    t.create_kiosk();
    const HttpRequest sent = reply("POST", "/api/v1/kiosk-tokens", 201, R"({"id":2,"token":"tmk_kiosk"})");
    CHECK(json::parse(sent.body) == json{{"name", "Танхимын ТВ"}, {"team_ids", {3}}, {"leaderboard", false}});
    CHECK(t.secret() == "tmk_kiosk");
    CHECK(t.secret_of().kind == "kiosk");
}

TEST_CASE_FIXTURE(SettingsPageFixture, "my account: language, time zone and digest are read, and only what changed is saved") {
    sign_in();
    app.navigate(Route::settings("account"));
    app.settings().open("account");
    reply("GET", "/api/v1/account", 200,
          json{{"id", 1}, {"login", "admin"}, {"name", "Админ"}, {"role", "admin"}, {"lang", "en"},
               {"tz", "Europe/Paris"}, {"activity_digest", true}}.dump());
    auto& a = app.settings().account();
    CHECK(a.lang == "en");
    CHECK(a.tz == "Europe/Paris");  // not in the common list, still kept
    CHECK(a.activity_digest);
    CHECK_FALSE(a.preferences_changed());
    a.save_preferences();
    CHECK_FALSE(has("PATCH", "/api/v1/account"));  // nothing to save
    a.lang = "mn";
    a.tz = "Asia/Ulaanbaatar";
    REQUIRE(a.preferences_changed());
    a.save_preferences();
    HttpRequest sent = reply("PATCH", "/api/v1/account", 422,
                             R"({"error":{"code":"validation","message":"tz: unknown","field":"tz","details":[{"field":"tz","message":"unknown time zone","key":"error.invalid"}]}})");
    CHECK(json::parse(sent.body) == json{{"lang", "mn"}, {"tz", "Asia/Ulaanbaatar"}});
    REQUIRE(a.error("tz"));
    CHECK(a.lang == "mn");  // the draft stays for another try
    CHECK(app.language() == i18n::Lang::en);  // refused: the interface keeps the language the server has
    a.save_preferences();
    reply("PATCH", "/api/v1/account", 200,
          json{{"id", 1}, {"login", "admin"}, {"lang", "mn"}, {"tz", "Asia/Ulaanbaatar"}, {"activity_digest", true}}.dump());
    CHECK(a.profile().lang == "mn");
    CHECK(app.language() == i18n::Lang::mn);  // kept: the interface follows
    CHECK_FALSE(a.preferences_changed());
    CHECK(a.notice().key == "settings.account.preferences_saved");
    CHECK(a.error("tz") == nullptr);
}

TEST_CASE_FIXTURE(SettingsPageFixture, "my account: password change checks locally, then two-step set-up, enable, recovery codes") {
    sign_in();
    open("account");
    reply("GET", "/api/v1/account/calendar-feed", 200, R"({"active":false})");  // the section's feed part
    auto& a = app.settings().account();
    a.old_password = "old-password-1";
    a.new_password = "new-password-12";
    a.repeat_password = "new-password-13";
    a.change_password();
    CHECK(net.pending.empty());
    REQUIRE(a.error("repeat_password"));
    a.repeat_password = "new-password-12";
    a.change_password();
    HttpRequest sent = reply("POST", "/api/v1/account/password", 422,
                             R"({"error":{"code":"validation","message":"old_password: is wrong","field":"old_password"}})");
    CHECK(json::parse(sent.body) == json{{"old_password", "old-password-1"}, {"new_password", "new-password-12"}});
    REQUIRE(a.error("old_password"));
    a.change_password();
    reply("POST", "/api/v1/account/password", 204);
    CHECK(a.notice().key == "settings.account.password_changed");
    CHECK(a.new_password.empty());

    a.begin_setup();
    reply("POST", "/api/v1/account/totp/setup", 200, R"({"secret":"JBSWY3DPEHPK3PXP","otpauth_uri":"otpauth://totp/Tumen%20CRM:admin?secret=JBSWY3DPEHPK3PXP"})");
    CHECK(a.setting_up());
    CHECK(a.secret() == "JBSWY3DPEHPK3PXP");
    a.code = "12345";
    a.enable();
    CHECK(net.pending.empty());
    a.code = "123 456";
    a.enable();
    sent = reply("POST", "/api/v1/account/totp/enable", 422,
                 R"({"error":{"code":"validation","message":"code: does not match","field":"code","details":[{"field":"code","message":"does not match","key":"error.totp_wrong"}]}})");
    CHECK(json::parse(sent.body) == json{{"code", "123456"}});
    REQUIRE(a.error("code"));
    CHECK(a.error("code")->render(i18n::Lang::mn).find("Код буруу") != std::string::npos);
    CHECK(a.setting_up());
    a.code = "654321";
    a.enable();
    reply("POST", "/api/v1/account/totp/enable", 200, R"({"recovery_codes":["aaaa-bbbb-cccc","dddd-eeee-ffff"]})");
    CHECK(a.profile().totp_enabled);
    CHECK(a.recovery_codes().size() == 2);
    CHECK_FALSE(a.setting_up());

    a.disable();
    CHECK(net.pending.empty());  // the password is asked for
    a.confirm_password = "new-password-12";
    a.disable();
    sent = reply("POST", "/api/v1/account/totp/disable", 204);
    CHECK(json::parse(sent.body) == json{{"password", "new-password-12"}});
    CHECK_FALSE(a.profile().totp_enabled);
    CHECK(a.recovery_codes().empty());
}

TEST_CASE_FIXTURE(SettingsPageFixture, "a failed load shows in the banner; a 401 ends the session") {
    sign_in();
    open("tags");
    reply("GET", "/api/v1/tags", 0);
    CHECK(app.last_error() == "Cannot reach the server. Check your connection and try again.");
    app.settings().open("tags");  // the next frame does not ask again (no request loop while the server is down)
    CHECK_FALSE(has("GET", "/api/v1/tags"));
    app.settings().table("tags").load();
    reply("GET", "/api/v1/tags", 401, R"({"error":{"code":"unauthorized","message":"Not signed in"}})");
    CHECK(app.session_status() == SessionStatus::signed_out);
    CHECK(app.view() == "login");
}

TEST_CASE_FIXTURE(SettingsPageFixture, "another user signing in does not see the previous user's settings") {
    sign_in();
    open("users");
    reply("GET", "/api/v1/users", 200, R"({"items":[{"id":1,"login":"admin","name":"Админ","role":"admin"}]})");
    CHECK(app.settings().role() == "admin");
    app.logout();
    net.answer(204);
    app.login_form().login = "bat";
    app.login_form().password = "password-bat-1";
    app.submit_login();
    net.answer(200, R"({"user":{"id":5,"login":"bat","name":"Бат"},"csrf_token":"c2"})");
    app.navigate(Route::settings("users"));
    app.settings().open("users");
    CHECK(app.settings().role().empty());
    CHECK(app.settings().users().rows().empty());
    CHECK(has("GET", "/api/v1/account"));
}
