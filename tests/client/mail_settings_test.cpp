// Settings › E-mail and › Templates against a fake server: who sees what (administrators the SMTP form, managers
// channels and outbox, salespeople neither), the write-only password, Test with the server's answer, a channel in
// error, Retry, polling while the outbox holds queued mail, and templates whose bad placeholders are refused on
// the field (locally and from the server's 422).
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

struct SettingsMailFixture : SettingsFixture {
};

json smtp_channel(const std::string& state, const std::string& error) {
    return {{"id", 1}, {"name", "smtp"}, {"direction", "out"}, {"sent", 4}, {"failed", 2}, {"state", state},
            {"last_error", error}, {"last_error_at", "2026-11-27T10:00:00Z"}, {"last_success_at", nullptr}};
}

json outbox_row(std::int64_t id, const std::string& state, const std::string& error = "") {
    return {{"id", id}, {"res_model", "lead"}, {"res_id", 42}, {"to", {"bold@nomad.mn"}}, {"subject", "Үнийн санал"},
            {"state", state}, {"attempts", state == "failed" ? 6 : 0}, {"last_error", error},
            {"created_at", "2026-11-27T09:00:00Z"}, {"sent_at", nullptr}};
}

const char* smtp_settings = R"({"host":"smtp.tumen.mn","port":587,"security":"starttls","username":"crm","password_set":true,
                                 "default_from":"Tumen CRM <crm@tumen.mn>","company_name":"Tumen LLC","use_user_from":false,
                                 "version":4})";

}  // namespace

TEST_CASE_FIXTURE(SettingsMailFixture, "mail settings: administrators get the SMTP form; the password is write-only") {
    sign_in();
    open("email", "admin");
    CHECK(app.settings().current() == "email");
    reply("GET", "/api/v1/mail/settings", 200, smtp_settings);
    reply("GET", "/api/v1/mail/channels", 200, json{{"items", {smtp_channel("ok", "")}}}.dump());
    reply("GET", "/api/v1/mail/outbox", 200, R"({"items":[]})");
    auto& m = app.settings().mail();
    CHECK(m.smtp.host == "smtp.tumen.mn");
    CHECK(m.smtp.port == "587");
    CHECK(m.smtp.password_set);
    CHECK(m.smtp.password.empty());
    CHECK(m.smtp.user == "crm");
    CHECK(m.smtp.version == 4);

    m.smtp.host = "mail.tumen.mn";
    m.save_smtp();
    auto sent = reply("PUT", "/api/v1/mail/settings", 200, smtp_settings);
    json body = json::parse(sent.body);
    CHECK(body["host"] == "mail.tumen.mn");
    CHECK(body["port"] == 587);
    CHECK(body["version"] == 4);
    CHECK(body["username"] == "crm");
    CHECK_FALSE(body.contains("password"));  // empty field: the stored password stays
    CHECK(m.notice().key == "settings.mail.saved");

    m.smtp.password = "шинэ-нууц";
    m.smtp.port = "x25";
    m.save_smtp();
    sent = reply("PUT", "/api/v1/mail/settings", 422,
                 R"({"error":{"code":"validation","message":"port: must be a number from 1 to 65535","field":"port",
                     "details":[{"field":"port","message":"must be a number from 1 to 65535","key":"error.range"}]}})");
    body = json::parse(sent.body);
    CHECK(body["password"] == "шинэ-нууц");
    CHECK(body["port"] == "x25");
    REQUIRE(m.error("port"));
    CHECK(m.error("port")->render(i18n::Lang::en) == "must be a number from 1 to 65535");
    CHECK(m.smtp.password == "шинэ-нууц");  // kept for the next try
    CHECK(app.settings().error().render(i18n::Lang::en) == "must be a number from 1 to 65535");

    // Saved by someone else meanwhile: the edits stay, the version is the server's now.
    m.smtp.port = "2525";
    m.save_smtp();
    reply("PUT", "/api/v1/mail/settings", 409,
          R"({"error":{"code":"conflict","message":"The mail settings were changed since you read them","field":"version",
              "current":{"host":"smtp.other.mn","port":25,"security":"none","username":"","password_set":false,"version":7}}})");
    CHECK(m.smtp.version == 7);
    CHECK(m.smtp.port == "2525");  // the edit stays
    CHECK_FALSE(m.smtp.password_set);
    CHECK(m.banner().render(i18n::Lang::en) == "The mail settings were changed since you read them");
}

TEST_CASE_FIXTURE(SettingsMailFixture, "mail settings: Test shows the server's answer; a failing channel is in error") {
    sign_in();
    open("email", "admin");
    reply("GET", "/api/v1/mail/settings", 200, smtp_settings);
    reply("GET", "/api/v1/mail/channels", 200, json{{"items", json::array()}}.dump());
    reply("GET", "/api/v1/mail/outbox", 200, R"({"items":[]})");
    auto& m = app.settings().mail();
    m.smtp.password = "typed-not-saved";
    m.test_smtp();
    CHECK(m.testing());
    auto sent = reply("POST", "/api/v1/mail/settings/test", 200, R"({"ok":false,"message":"535 5.7.8 Authentication credentials invalid"})");
    REQUIRE(m.test_ok().has_value());
    CHECK_FALSE(*m.test_ok());
    CHECK(m.test_answer() == "535 5.7.8 Authentication credentials invalid");
    CHECK(json::parse(sent.body)["password"] == "typed-not-saved");  // the form as it is, unsaved edits included
    // The channel list follows the test.
    reply("GET", "/api/v1/mail/channels", 200,
          json{{"items", {smtp_channel("error", "535 5.7.8 Authentication credentials invalid")}}}.dump());
    reply("GET", "/api/v1/mail/outbox", 200, R"({"items":[]})");
    REQUIRE(m.channels().size() == 1);
    CHECK(m.channels()[0].in_error());
    CHECK(m.channels()[0].sent == 4);
    CHECK(m.channels()[0].last_error_at == "2026-11-27T10:00:00Z");

    // A refused test (e.g. 502 with the error shape) is a failure with the server's message too.
    m.test_smtp();
    reply("POST", "/api/v1/mail/settings/test", 502,
          R"({"error":{"code":"unavailable","message":"Could not connect to smtp.tumen.mn:587: Connection refused"}})");
    CHECK_FALSE(*m.test_ok());
    CHECK(m.test_answer() == "Could not connect to smtp.tumen.mn:587: Connection refused");
    m.test_smtp();
    reply("POST", "/api/v1/mail/settings/test", 200, R"({"ok":true,"message":"235 2.7.0 Authentication successful"})");
    CHECK(*m.test_ok());
}

TEST_CASE_FIXTURE(SettingsMailFixture, "mail settings: managers see channels and outbox, retry a failed mail, and it is polled") {
    sign_in();
    open("email", "manager");
    CHECK(app.settings().current() == "email");
    CHECK_FALSE(has("GET", "/api/v1/mail/settings"));  // the SMTP server is the administrators'
    reply("GET", "/api/v1/mail/channels", 200,
          json{{"items", {smtp_channel("ok", ""), {{"id", 2}, {"name", "imap:sales"}, {"direction", "in"},
                                                    {"counters", {{"received", 9}, {"created", 5}, {"appended", 3}, {"rejected", 1}}},
                                                    {"state", "ok"}, {"last_success_at", 1764237600}}}}}
              .dump());
    reply("GET", "/api/v1/mail/outbox", 200,
          json{{"items", {outbox_row(7, "failed", "550 5.1.1 user unknown"), outbox_row(8, "sent")}}}.dump());
    auto& m = app.settings().mail();
    REQUIRE(m.channels().size() == 2);
    CHECK(m.channels()[1].received == 9);
    CHECK(m.channels()[1].last_success_at == "2025-11-27T10:00:00Z");
    REQUIRE(m.outbox().size() == 2);
    CHECK(m.outbox()[0].can_retry());
    CHECK_FALSE(m.outbox()[1].can_retry());
    m.poll(5000);  // nothing waits: nothing asked
    CHECK(net.pending.empty());

    m.retry(7);
    reply("POST", "/api/v1/mail/outbox/7/retry", 200, outbox_row(7, "queued").dump());
    CHECK(m.outbox()[0].state == "queued");
    CHECK(m.notice().key == "settings.mail.retry_queued");
    m.poll(9000);
    REQUIRE(has("GET", "/api/v1/mail/outbox"));
    reply("GET", "/api/v1/mail/channels", 200, json{{"items", {smtp_channel("ok", "")}}}.dump());
    reply("GET", "/api/v1/mail/outbox", 200, json{{"items", {outbox_row(7, "sent"), outbox_row(8, "sent")}}}.dump());
    CHECK(m.outbox()[0].state == "sent");
    m.poll(20000);
    CHECK(net.pending.empty());

    m.set_outbox_filter("failed");
    CHECK(has("GET", "/api/v1/mail/outbox?state=failed"));
}

TEST_CASE_FIXTURE(SettingsMailFixture, "mail settings: salespeople have neither e-mail section") {
    sign_in();
    open("email", "sales_all");
    const auto s = app.settings().sections();
    CHECK(std::find(s.begin(), s.end(), "email") == s.end());
    CHECK(std::find(s.begin(), s.end(), "mail-templates") == s.end());
    CHECK(app.settings().current() == "stages");
    CHECK_FALSE(has("GET", "/api/v1/mail/channels"));
}

TEST_CASE_FIXTURE(SettingsMailFixture, "templates: list, edit with the version, placeholders checked on the field") {
    sign_in();
    open("mail-templates", "manager");
    reply("GET", "/api/v1/mail/templates", 200,
          R"({"items":[{"id":3,"name":"Welcome","res_model":"lead","subject":"Hi {{lead.contact_name}}","body":"…","active":true,"version":2}]})");
    auto& t = app.settings().mail_templates();
    REQUIRE(t.items().size() == 1);
    t.edit(3);
    REQUIRE(t.editing());
    CHECK(t.draft.subject == "Hi {{lead.contact_name}}");

    // Refused here, before a request: the placeholder is named under the body.
    t.draft.body = "Dear {{lead.nick_name}}";
    t.save();
    CHECK(net.pending.empty());
    REQUIRE(t.error("body"));
    CHECK(t.error("body")->render(i18n::Lang::en).find("lead.nick_name") != std::string::npos);
    CHECK(t.error("body")->key == "settings.error.placeholder");
    CHECK_FALSE(t.error("subject"));

    t.draft.body = "Dear {{lead.contact_name | \"customer\"}}";
    t.save();
    auto sent = reply("PATCH", "/api/v1/mail/templates/3", 422,
                      R"({"error":{"code":"validation","message":"subject: unknown placeholder {{lead.x}}","field":"subject",
                          "details":[{"field":"subject","message":"unknown placeholder {{lead.x}}","key":"error.placeholder"}]}})");
    const json body = json::parse(sent.body);
    CHECK(body["version"] == 2);
    CHECK(body["body"] == "Dear {{lead.contact_name | \"customer\"}}");
    REQUIRE(t.error("subject"));
    CHECK(t.error("subject")->render(i18n::Lang::mn).find("{{lead.x}}") != std::string::npos);
    CHECK(t.editing());

    t.save();
    reply("PATCH", "/api/v1/mail/templates/3", 200,
          R"({"id":3,"name":"Welcome","res_model":"lead","subject":"Hi {{lead.contact_name}}","body":"Dear","active":true,"version":3})");
    CHECK_FALSE(t.editing());
    CHECK(t.items()[0].version == 3);
    CHECK(t.notice().key == "settings.templates.saved");
}

TEST_CASE_FIXTURE(SettingsMailFixture, "templates: create posts a new one; a stale version keeps the edits and takes the version") {
    sign_in();
    open("mail-templates", "admin");
    reply("GET", "/api/v1/mail/templates", 200,
          R"({"items":[{"id":3,"name":"Welcome","res_model":"lead","subject":"Hi","body":"B","active":true,"version":2}]})");
    auto& t = app.settings().mail_templates();
    t.create();
    t.save();
    CHECK(net.pending.empty());
    REQUIRE(t.error("name"));
    t.draft.name = "Follow-up";
    t.draft.subject = "Дахин холбогдож байна";
    t.draft.body = "{{user.name}}";
    t.save();
    auto sent = reply("POST", "/api/v1/mail/templates", 201,
                      R"({"id":4,"name":"Follow-up","res_model":"lead","subject":"Дахин холбогдож байна","body":"{{user.name}}","active":true,"version":1})");
    CHECK_FALSE(json::parse(sent.body).contains("version"));
    REQUIRE(t.items().size() == 2);

    t.edit(3);
    t.draft.subject = "Mine";
    t.save();
    reply("PATCH", "/api/v1/mail/templates/3", 409,
          R"({"error":{"code":"conflict","message":"This template was changed since you read it","field":"version",
              "current":{"id":3,"name":"Welcome","res_model":"lead","subject":"Theirs","body":"B","active":true,"version":5}}})");
    CHECK(t.editing());
    CHECK(t.draft.subject == "Mine");
    CHECK(t.draft.version == 5);
    CHECK(t.items()[0].subject == "Theirs");
    CHECK(t.banner().render(i18n::Lang::en) == "This template was changed since you read it");

    t.remove(4);
    reply("DELETE", "/api/v1/mail/templates/4", 204);
    CHECK(t.items().size() == 1);
}
