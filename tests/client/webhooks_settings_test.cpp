// Settings › Webhooks against a fake server: administrators only, the list with the last delivery's state, the
// editor checked by shared/ before sending (the field named), the secret shown once and forgotten on leaving,
// a 409 taking the server's hook, Test with the server's answer, the delivery log and Redeliver.
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

struct HooksFixture : SettingsFixture {
    WebhooksAdmin& hooks() { return app.settings().webhooks(); }
};

json hook_json(std::int64_t id, const std::string& name, std::int64_t version, const json& last = nullptr) {
    return {{"id", id}, {"name", name}, {"url", "https://erp.example.mn/in"}, {"events", {"lead.created", "lead.won"}},
            {"active", true}, {"allow_private", false}, {"version", version}, {"created_at", "2026-11-27T09:00:00Z"},
            {"created_by", 1}, {"last_delivery", last}};
}

json delivery_json(std::int64_t id, const std::string& state, const std::string& error = "") {
    return {{"id", id}, {"delivery_id", "uuid-" + std::to_string(id)}, {"hook_id", 5}, {"event", "lead.won"},
            {"lead_id", 42}, {"state", state}, {"attempts", state == "failed" ? 6 : 1},
            {"response_status", state == "delivered" ? json(200) : json(nullptr)}, {"response_excerpt", ""},
            {"last_error", error}, {"created_at", "2026-11-27T10:00:00Z"}, {"delivered_at", nullptr}};
}

const std::vector<std::string> all_events = {"lead.created", "lead.stage_changed", "lead.won", "lead.lost", "lead.assigned"};

}  // namespace

TEST_CASE("webhooks settings: administrators only") {
    HooksFixture f;
    f.sign_in();
    f.open("stages", "manager");
    auto s = f.app.settings().sections();
    CHECK(std::find(s.begin(), s.end(), "webhooks") == s.end());
    f.app.settings().reset();
    f.open("stages", "admin");
    s = f.app.settings().sections();
    CHECK(std::find(s.begin(), s.end(), "webhooks") != s.end());
}

TEST_CASE("webhooks settings: list, create with the secret shown once, errors on the field") {
    HooksFixture f;
    f.sign_in();
    f.open("webhooks", "admin");
    REQUIRE(f.has("GET", "/api/v1/webhooks"));
    f.reply("GET", "/api/v1/webhooks", 200,
            json{{"items", {hook_json(5, "ERP", 2, delivery_json(9, "failed", "refused: 10.0.0.1 (private address)"))}},
                 {"events", all_events},
                 {"channel", {{"state", "error"}, {"last_error", "HTTP 500"}}}}
                .dump());
    auto& h = f.hooks();
    REQUIRE(h.items().size() == 1);
    REQUIRE(h.items()[0].last_delivery);
    CHECK(h.items()[0].last_delivery->state == "failed");
    CHECK(h.items()[0].last_delivery->last_error == "refused: 10.0.0.1 (private address)");
    CHECK(h.event_names() == all_events);
    CHECK(h.channel_state() == "error");
    CHECK(h.channel_error() == "HTTP 500");

    // Checked here first: a bad URL and no events never reach the server.
    h.create();
    CHECK(h.subscribed("lead.created"));
    h.draft.name = "Нягтлан";
    h.draft.url = "ftp://x";
    h.set_subscribed("lead.created", false);
    h.save();
    CHECK_FALSE(f.has("POST", "/api/v1/webhooks"));
    REQUIRE(h.error("url"));
    REQUIRE(h.error("events"));
    CHECK(h.error("url")->render(i18n::Lang::en) == "Enter an http:// or https:// address without a user name or password.");

    h.draft.url = "https://books.example.mn/hook";
    h.set_subscribed("lead.won", true);
    h.draft.allow_private = true;
    h.save();
    CHECK(h.errors().empty());
    json created = hook_json(6, "Нягтлан", 1);
    created["secret"] = "whsec_abc";
    const auto sent = f.reply("POST", "/api/v1/webhooks", 201, created.dump());
    const json body = json::parse(sent.body);
    CHECK(body["url"] == "https://books.example.mn/hook");
    CHECK(body["events"] == json({"lead.won"}));
    CHECK(body["allow_private"] == true);
    CHECK_FALSE(body.contains("version"));
    CHECK(h.secret() == "whsec_abc");
    CHECK(h.secret_hook_name() == "Нягтлан");
    CHECK(h.items().size() == 2);
    CHECK_FALSE(h.editing());

    // Leaving the page forgets the secret.
    f.app.settings().leave();
    CHECK(f.hooks().secret().empty());
}

TEST_CASE("webhooks settings: a stale save takes the server's hook; the server's 422 lands on the field") {
    HooksFixture f;
    f.sign_in();
    f.open("webhooks", "admin");
    f.reply("GET", "/api/v1/webhooks", 200, json{{"items", {hook_json(5, "ERP", 2)}}, {"events", all_events}}.dump());
    auto& h = f.hooks();
    h.edit(5);
    h.draft.name = "ERP 2";
    h.save();
    auto sent = f.reply("PUT", "/api/v1/webhooks/5", 409,
                        json{{"error", {{"code", "conflict"}, {"message", "Someone changed this webhook"}, {"field", "version"},
                                        {"current", hook_json(5, "ERP (шинэ)", 3)}}}}
                            .dump());
    CHECK(json::parse(sent.body)["version"] == 2);
    CHECK(h.items()[0].name == "ERP (шинэ)");
    CHECK(h.draft.version == 3);
    CHECK(h.draft.name == "ERP 2");  // the edits stay
    CHECK_FALSE(h.banner().empty());

    h.save();
    f.reply("PUT", "/api/v1/webhooks/5", 422,
            json{{"error", {{"code", "validation"}, {"message", "invalid"}, {"field", nullptr},
                            {"details", {{{"field", "url"}, {"message", "has an invalid host name"}, {"key", "error.url"}}}}}}}
                .dump());
    REQUIRE(h.error("url"));
    CHECK(h.editing());
}

TEST_CASE("webhooks settings: test, rotate, the log and redeliver") {
    HooksFixture f;
    f.sign_in();
    f.open("webhooks", "admin");
    f.reply("GET", "/api/v1/webhooks", 200, json{{"items", {hook_json(5, "ERP", 2)}}, {"events", all_events}}.dump());
    auto& h = f.hooks();

    h.test(5);
    CHECK(h.busy());
    f.reply("POST", "/api/v1/webhooks/5/test", 200, delivery_json(11, "failed", "refused: localhost resolves to 127.0.0.1").dump());
    CHECK_FALSE(h.busy());
    CHECK(h.banner().render(i18n::Lang::en) == "Test failed: refused: localhost resolves to 127.0.0.1");
    CHECK(h.items()[0].last_delivery->state == "failed");
    h.test(5);
    f.reply("POST", "/api/v1/webhooks/5/test", 200, delivery_json(12, "delivered").dump());
    CHECK(h.notice().render(i18n::Lang::en) == "Test delivered: the receiver answered HTTP 200.");

    h.rotate_secret(5);
    json rotated = hook_json(5, "ERP", 3);
    rotated["secret"] = "whsec_new";
    f.reply("POST", "/api/v1/webhooks/5/rotate-secret", 200, rotated.dump());
    CHECK(h.secret() == "whsec_new");
    CHECK(h.items()[0].version == 3);
    h.dismiss_secret();
    CHECK(h.secret().empty());

    h.show_log(5);
    CHECK(h.log_loading());
    f.reply("GET", "/api/v1/webhooks/5/deliveries?limit=50", 200,
            json{{"items", {delivery_json(12, "delivered"), delivery_json(11, "failed", "HTTP 500")}}, {"total", 2}}.dump());
    REQUIRE(h.log().size() == 2);
    CHECK(h.log()[1].last_error == "HTTP 500");
    CHECK(h.log()[0].response_status == 200);

    h.redeliver(11);
    f.reply("POST", "/api/v1/webhook-deliveries/11/redeliver", 201, delivery_json(13, "pending").dump());
    CHECK(h.notice().render(i18n::Lang::en) == "Queued to be sent again.");
    CHECK(f.has("GET", "/api/v1/webhooks/5/deliveries?limit=50"));  // the log reloads

    h.confirm_delete = 5;
    h.remove(5);
    f.reply("DELETE", "/api/v1/webhooks/5", 204);
    CHECK(h.items().empty());
    CHECK(h.log_hook() == 0);
}
