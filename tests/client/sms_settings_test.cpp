// Settings › SMS against a fake server: only administrators have the section, the key value is write-only (sent
// only when typed), a 422 lands on the field, Test sends the form with the number and shows the gateway's answer,
// a channel in error is marked, and Retry re-queues a failed SMS.
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

struct SmsSettingsFixture : SettingsFixture {
    void open(const std::string& role) { SettingsFixture::open("sms", role); }
};

json settings_json(const std::string& state = "ok", const std::string& error = "") {
    return {{"url", "https://sms.example.mn/send"}, {"method", "POST"}, {"body", R"({"to":"{{to}}","text":"{{text}}"})"},
            {"content_type", "application/json"}, {"auth_header", "X-API-Key"}, {"auth_value_set", true},
            {"success_pattern", "OK"}, {"sender", "Tumen"}, {"country_code", "976"}, {"version", 4},
            {"channel", {{"name", "sms"}, {"state", state}, {"sent", 3}, {"failed", 1}, {"last_error", error},
                         {"last_error_at", nullptr}, {"last_success_at", nullptr}}}};
}

}  // namespace

TEST_CASE_FIXTURE(SmsSettingsFixture, "sms settings: administrators only") {
    sign_in("manager");
    open("manager");
    const auto s = app.settings().sections();
    CHECK(std::find(s.begin(), s.end(), "sms") == s.end());
}

TEST_CASE_FIXTURE(SmsSettingsFixture, "sms settings: load, the key is write-only, a 422 lands on its field, save") {
    sign_in("admin");
    open("admin");
    auto& m = app.settings().sms();
    reply("GET", "/api/v1/settings/sms", 200, settings_json("error", "HTTP 401: bad key").dump());
    reply("GET", "/api/v1/sms/outbox", 200,
          R"({"items":[{"id":5,"lead_id":42,"to":"+97699112233","body":"hi","state":"failed","attempts":1,
              "last_error":"HTTP 400: invalid number","gateway_status":400,"created_at":"2026-11-27T10:00:00Z"}],"total":1})");
    REQUIRE(m.loaded());
    CHECK(m.gateway.url == "https://sms.example.mn/send");
    CHECK(m.gateway.auth_value_set);
    CHECK(m.gateway.auth_value.empty());
    CHECK(m.channel().in_error());
    CHECK(m.channel().last_error == "HTTP 401: bad key");
    REQUIRE(m.outbox().size() == 1);
    CHECK(m.outbox()[0].can_retry());

    m.gateway.sender = "Түмэн";
    m.save();
    auto req = reply("PUT", "/api/v1/settings/sms", 422,
                     R"({"error":{"code":"validation","message":"url: must be an http:// or https:// address","field":"url",
                         "details":[{"field":"url","message":"must be an http:// or https:// address","key":"error.url"}]}})");
    const json sent = json::parse(req.body);
    CHECK_FALSE(sent.contains("auth_value"));  // not typed: the saved key stays
    CHECK(sent["version"] == 4);
    CHECK(sent["sender"] == "Түмэн");
    CHECK(m.error("url"));

    m.gateway.auth_value = "new-key";
    m.save();
    req = reply("PUT", "/api/v1/settings/sms", 200, settings_json().dump());
    CHECK(json::parse(req.body)["auth_value"] == "new-key");
    CHECK(m.gateway.auth_value.empty());
    CHECK_FALSE(m.channel().in_error());
    CHECK(m.notice().key == "settings.sms.saved");
}

TEST_CASE_FIXTURE(SmsSettingsFixture, "sms settings: Test sends the form with the number and shows the answer; Retry") {
    sign_in("admin");
    open("admin");
    auto& m = app.settings().sms();
    reply("GET", "/api/v1/settings/sms", 200, settings_json().dump());
    reply("GET", "/api/v1/sms/outbox", 200,
          R"({"items":[{"id":5,"lead_id":42,"to":"+97699112233","body":"hi","state":"failed","attempts":1,
              "last_error":"HTTP 400","gateway_status":400,"created_at":"2026-11-27T10:00:00Z"}],"total":1})");
    m.test_to = "9911 2233";
    m.test();
    CHECK(m.testing());
    auto req = reply("POST", "/api/v1/settings/sms/test", 200, R"({"ok":false,"status":401,"reply":"bad key"})");
    CHECK(json::parse(req.body)["to"] == "9911 2233");
    CHECK(json::parse(req.body)["url"] == "https://sms.example.mn/send");
    REQUIRE(m.test_ok());
    CHECK_FALSE(*m.test_ok());
    CHECK(m.test_answer() == "HTTP 401: bad key");
    CHECK(has("GET", "/api/v1/settings/sms"));  // the channel's state follows the test

    m.retry(5);
    reply("POST", "/api/v1/sms/5/retry", 200,
          R"({"id":5,"lead_id":42,"to":"+97699112233","body":"hi","state":"queued","attempts":0,"last_error":"HTTP 400"})");
    CHECK(m.outbox()[0].state == "queued");
    CHECK(m.notice().key == "settings.sms.retry_queued");
}
