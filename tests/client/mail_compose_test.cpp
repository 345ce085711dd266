// "Send e-mail" from the lead form against a fake server: the dialog is prefilled from the lead, a template fills
// subject and body, the preview is shared/'s rendering on the lead and the user, bad input is caught before any
// request (the same checks as the server), a 422 lands on the field it names, and a sent mail appears on top of
// the timeline with its delivery state.
#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "fakes.hpp"
#include "state/app_state.hpp"

using namespace tumen;
using namespace tumen::client;
using namespace tumen::client::testing;
using nlohmann::json;

namespace {

const char* mail_compose_session_body = R"({"user":{"id":1,"login":"admin","name":"Админ","role":"admin"},"csrf_token":"tok-1"})";

json mail_compose_lead_json() {
    return {{"id", 42},          {"type", "opportunity"},       {"name", "Office chairs"}, {"contact_name", "Болд"},
            {"partner_name", "Nomad LLC"}, {"email", "bold@nomad.mn"}, {"stage_id", 2},         {"team_id", 5},
            {"user_id", 1},      {"expected_revenue", {{"amount", 150000000}, {"currency", "MNT"}}},
            {"active", true},    {"version", 3}};
}

json template_json(std::int64_t id, const std::string& name, const std::string& subject, const std::string& body) {
    return {{"id", id}, {"name", name}, {"res_model", "lead"}, {"subject", subject}, {"body", body}, {"active", true}, {"version", 1}};
}

struct MailFixture {
    FakeTransport net;
    FakeHost host;
    AppState app{net, host};
    LeadForm& form = app.lead_form();

    bool has(const std::string& method, const std::string& path) const {
        return std::any_of(net.pending.begin(), net.pending.end(),
                           [&](const auto& p) { return p.request.method == method && p.request.path == path; });
    }
    HttpRequest reply(const std::string& method, const std::string& path, int status, const std::string& body = {}) {
        auto it = std::find_if(net.pending.begin(), net.pending.end(),
                               [&](const auto& p) { return p.request.method == method && p.request.path == path; });
        REQUIRE_MESSAGE(it != net.pending.end(), std::string(method + " " + path + " was not asked"));
        auto p = std::move(*it);
        net.pending.erase(it);
        p.done(HttpResponse{status, body});
        return p.request;
    }

    // Signed in on #/lead/42 with the lead, the pickers' lists and the chatter answered.
    void open(const json& messages = json::array()) {
        host.history = {"#/lead/42"};
        app.start("#/lead/42", "en-US", "");
        net.answer(200, mail_compose_session_body);
        form.show(42);
        while (!net.pending.empty()) {
            const std::string path = net.pending.front().request.path;
            if (path == "/api/v1/leads/42") net.answer(200, mail_compose_lead_json().dump());
            else if (path == "/api/v1/stages")
                net.answer(200, R"({"items":[{"id":1,"name":"New","sequence":1},{"id":2,"name":"Qualified","sequence":2}]})");
            else if (path == "/api/v1/teams") net.answer(200, R"({"items":[{"id":5,"name":"Борлуулалт"}]})");
            else if (path == "/api/v1/users/directory") net.answer(200, R"({"items":[{"id":1,"login":"admin","name":"Админ"}]})");
            else if (path.rfind("/api/v1/leads/42/messages", 0) == 0) net.answer(200, json{{"items", messages}}.dump());
            else net.answer(200, R"({"items":[]})");
        }
    }

    // Opens the compose dialog and answers its lists.
    MailCompose& compose() {
        form.open_compose();
        auto& c = form.compose();
        reply("GET", "/api/v1/account", 200, R"({"id":1,"login":"admin","name":"Админ","email":"admin@tumen.mn","role":"admin"})");
        reply("GET", "/api/v1/mail/settings", 200,
              R"({"host":"smtp.tumen.mn","port":587,"security":"starttls","username":"crm","password_set":true,
                  "default_from":"Түмэн CRM <crm@tumen.mn>","company_name":"Түмэн ХХК","use_user_from":false,"version":2})");
        reply("GET", "/api/v1/mail/templates", 200,
              json{{"items",
                    {template_json(3, "Welcome", "Сайн байна уу, {{lead.contact_name}}",
                                   "Эрхэм {{lead.contact_name | \"харилцагч\"}},\n{{lead.partner_name}}-д санал илгээж байна.\n{{user.name}}"),
                     template_json(4, "Quote", "Quote for {{lead.name}}", "Stage: {{lead.stage}}, team {{lead.team}}")}}}
                  .dump());
        return c;
    }
};

}  // namespace

TEST_CASE_FIXTURE(MailFixture, "compose: prefilled from the lead; a template fills the fields and the preview renders it") {
    open();
    auto& c = compose();
    CHECK(c.is_open());
    CHECK(c.to == "bold@nomad.mn");
    CHECK(c.cc.empty());
    REQUIRE(c.templates().size() == 2);
    c.use_template(3);
    CHECK(c.subject == "Сайн байна уу, {{lead.contact_name}}");  // the placeholders stay: the server renders them
    const MailPreview p = c.preview();
    CHECK(p.errors.empty());
    CHECK(p.subject == "Сайн байна уу, Болд");
    CHECK(p.body == "Эрхэм Болд,\nNomad LLC-д санал илгээж байна.\nАдмин");
    c.use_template(4);
    CHECK(c.preview().body == "Stage: Qualified, team Борлуулалт");
    c.body = "From {{user.email}} of {{company.name}} <{{company.email}}>";
    CHECK(c.preview().body == "From admin@tumen.mn of Түмэн ХХК <crm@tumen.mn>");
}

TEST_CASE_FIXTURE(MailFixture, "compose: bad input is refused before any request, on the field concerned") {
    open();
    auto& c = compose();
    c.to = "";
    c.subject = "Hi";
    c.body = "Dear {{lead.nickname}}";
    c.send();
    CHECK(net.pending.empty());
    CHECK_FALSE(c.sending());
    REQUIRE(c.error("to"));
    REQUIRE(c.error("body"));
    CHECK(c.error("body")->render(i18n::Lang::en).find("lead.nickname") != std::string::npos);
    CHECK_FALSE(c.error("subject"));
    CHECK_FALSE(c.preview().errors.empty());

    c.to = "bold@nomad.mn, not-an-address";
    c.body = "Hello";
    c.send();
    CHECK(net.pending.empty());
    REQUIRE(c.error("to"));
    CHECK_FALSE(c.error("body"));
    CHECK(c.is_open());
}

TEST_CASE_FIXTURE(MailFixture, "compose: sends the text as typed with the template; the queued mail goes on top") {
    open(json::array({{{"id", 10}, {"res_model", "lead"}, {"res_id", 42}, {"kind", "note"}, {"body", "Залгасан"},
                       {"author_id", 1}, {"date", "2026-01-05T10:00:00Z"}}}));
    auto& c = compose();
    c.use_template(3);
    c.cc = "Сараа <sara@tumen.mn>";
    c.send();
    CHECK(c.sending());
    c.send();  // a second click while sending sends nothing more
    REQUIRE(net.pending.size() == 1);
    auto sent = reply("POST", "/api/v1/leads/42/mail", 201,
                      json{{"id", 11}, {"res_model", "lead"}, {"res_id", 42}, {"kind", "email"},
                           {"subject", "Сайн байна уу, Болд"}, {"body", "Эрхэм Болд,"}, {"author_id", 1},
                           {"date", "2026-01-06T10:00:00Z"},
                           {"mail", {{"id", 7}, {"state", "queued"}, {"to", {"bold@nomad.mn"}}, {"cc", {"Сараа <sara@tumen.mn>"}},
                                     {"last_error", ""}, {"sent_at", nullptr}}}}
                          .dump());
    const json body = json::parse(sent.body);
    CHECK(body["to"] == "bold@nomad.mn");
    CHECK(body["cc"] == "Сараа <sara@tumen.mn>");
    CHECK(body["subject"] == "Сайн байна уу, {{lead.contact_name}}");
    CHECK(body["template_id"] == 3);
    CHECK(header(sent, "X-CSRF-Token") == "tok-1");
    CHECK_FALSE(c.is_open());
    REQUIRE(form.messages().size() == 2);
    CHECK(form.messages()[0].id == 11);
    const MailStatus* s = form.mail_of(11);
    REQUIRE(s);
    CHECK(s->state == "queued");
    CHECK(s->pending());
    CHECK(s->cc == std::vector<std::string>{"Сараа <sara@tumen.mn>"});
    CHECK(form.mail_of(10) == nullptr);
    CHECK(form.mail_pending());
}

TEST_CASE_FIXTURE(MailFixture, "compose: a 422 from the server lands on its field and the text stays") {
    open();
    auto& c = compose();
    c.to = "bold@nomad.mn";
    c.subject = "Үнийн санал";
    c.body = "Сайн байна уу";
    c.send();
    reply("POST", "/api/v1/leads/42/mail", 422,
          R"({"error":{"code":"validation","message":"cc[0]: this address bounced before","field":"cc[0]",
              "details":[{"field":"cc[0]","message":"this address bounced before","key":"error.bounced"}]}})");
    CHECK_FALSE(c.sending());
    CHECK(c.is_open());
    REQUIRE(c.error("cc"));
    CHECK(c.error("cc")->render(i18n::Lang::en) == "this address bounced before");
    CHECK(c.subject == "Үнийн санал");
    // A field the dialog has no place for is said on top.
    c.send();
    reply("POST", "/api/v1/leads/42/mail", 422,
          R"({"error":{"code":"validation","message":"from: no sender address: set the default sender in Settings > E-mail","field":"from",
              "details":[{"field":"from","message":"no sender address: set the default sender in Settings > E-mail","key":"error.required"}]}})");
    CHECK(c.errors().empty());
    CHECK(c.banner().render(i18n::Lang::en).find("no sender address") != std::string::npos);
    // Any other failure is a banner in the dialog.
    c.send();
    reply("POST", "/api/v1/leads/42/mail", 0);
    CHECK(c.banner().key == "error.network");
    // Closing forgets the text; leaving the lead closes the dialog.
    c.close();
    CHECK(c.subject.empty());
    form.open_compose();  // the templates are loaded once per sign-in
    CHECK(net.pending.empty());
    CHECK(c.to == "bold@nomad.mn");
    form.close();
    CHECK_FALSE(form.compose().is_open());
}
