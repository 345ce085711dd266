// "Send SMS" from the lead form against a fake server: the phone is prefilled from the lead (mobile first), the
// segment count follows the text (Cyrillic is UCS-2: 70 a message), bad input is caught before any request, a 422
// lands on the field it names, and a sent SMS appears on top of the timeline with its delivery state.
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

struct SmsFixture {
    FakeTransport net;
    FakeHost host;
    AppState app{net, host};
    LeadForm& form = app.lead_form();

    HttpRequest reply(const std::string& method, const std::string& path, int status, const std::string& body = {}) {
        auto it = std::find_if(net.pending.begin(), net.pending.end(),
                               [&](const auto& p) { return p.request.method == method && p.request.path == path; });
        REQUIRE_MESSAGE(it != net.pending.end(), std::string(method + " " + path + " was not asked"));
        auto p = std::move(*it);
        net.pending.erase(it);
        p.done(HttpResponse{status, body});
        return p.request;
    }
    std::size_t asked(const std::string& path) const {
        return std::count_if(net.pending.begin(), net.pending.end(), [&](const auto& p) { return p.request.path == path; });
    }
    void open(json lead, const json& messages = json::array()) {
        host.history = {"#/lead/42"};
        app.start("#/lead/42", "en-US", "");
        net.answer(200, R"({"user":{"id":1,"login":"admin","name":"Админ","role":"admin"},"csrf_token":"tok-1"})");
        form.show(42);
        while (!net.pending.empty()) {
            const std::string path = net.pending.front().request.path;
            if (path == "/api/v1/leads/42") net.answer(200, lead.dump());
            else if (path.rfind("/api/v1/leads/42/messages", 0) == 0) net.answer(200, json{{"items", messages}}.dump());
            else net.answer(200, R"({"items":[]})");
        }
    }
};

json sms_compose_lead_json(const std::string& phone, const std::string& mobile) {
    return {{"id", 42}, {"type", "lead"}, {"name", "Office chairs"}, {"contact_name", "Болд"}, {"phone", phone},
            {"mobile", mobile}, {"active", true}, {"version", 3}};
}

json sms_message(std::int64_t id, const std::string& state, const std::string& error = "") {
    return {{"id", id}, {"res_model", "lead"}, {"res_id", 42}, {"kind", "sms"}, {"body", "Сайн уу"},
            {"author_id", 1}, {"date", "2026-11-27T10:00:00Z"},
            {"sms", {{"id", 7}, {"state", state}, {"to", "+97699112233"}, {"last_error", error}, {"sent_at", nullptr}}}};
}

}  // namespace

TEST_CASE_FIXTURE(SmsFixture, "sms dialog: prefilled with the mobile, else the phone; the segment count follows the text") {
    open(sms_compose_lead_json("7011 0000", "9911 2233"));
    form.open_sms();
    auto& c = form.sms_compose();
    REQUIRE(c.is_open());
    CHECK(c.to == "9911 2233");
    CHECK(c.segments().segments == 0);
    c.text = std::string(160, 'a');
    CHECK(c.segments().segments == 1);
    CHECK_FALSE(c.segments().unicode);
    c.text.clear();
    for (int i = 0; i < 71; ++i) c.text += "ө";
    CHECK(c.segments().unicode);
    CHECK(c.segments().segments == 2);
    c.close();

    SmsFixture other;
    other.open(sms_compose_lead_json("7011 0000", ""));
    other.form.open_sms();
    CHECK(other.form.sms_compose().to == "7011 0000");
}

TEST_CASE_FIXTURE(SmsFixture, "sms dialog: empty text and a bad phone are caught locally; a 422 lands on its field") {
    open(sms_compose_lead_json("", "9911 2233"));
    form.open_sms();
    auto& c = form.sms_compose();
    c.to = "call me";
    c.send();
    CHECK(c.error("to"));
    CHECK(c.error("text"));
    CHECK(asked("/api/v1/leads/42/sms") == 0);

    c.to = "9911 2233";
    c.text = "Сайн байна уу";
    c.send();
    REQUIRE(c.sending());
    auto req = reply("POST", "/api/v1/leads/42/sms", 422,
                     R"({"error":{"code":"validation","message":"to: is not a phone number","field":"to",
                         "details":[{"field":"to","message":"is not a phone number","key":"error.phone"}]}})");
    CHECK(json::parse(req.body) == json{{"text", "Сайн байна уу"}, {"to", "9911 2233"}});
    CHECK(c.is_open());
    REQUIRE(c.error("to"));
    CHECK(c.error("to")->render(i18n::Lang::en) == "Enter a phone number, e.g. +976 9911 2233.");
    CHECK(c.text == "Сайн байна уу");
}

TEST_CASE_FIXTURE(SmsFixture, "sms dialog: a queued SMS goes on top of the timeline and the form polls until it settles") {
    open(sms_compose_lead_json("", "9911 2233"), json::array({sms_message(3, "failed", "HTTP 400: invalid number")}));
    REQUIRE(form.sms_of(3));
    CHECK(form.sms_of(3)->failed());
    CHECK(form.sms_of(3)->last_error == "HTTP 400: invalid number");
    CHECK_FALSE(form.mail_pending());

    form.open_sms();
    auto& c = form.sms_compose();
    c.text = "Үнийн санал илгээлээ";
    c.send();
    reply("POST", "/api/v1/leads/42/sms", 201, sms_message(9, "queued").dump());
    CHECK_FALSE(c.is_open());
    REQUIRE_FALSE(form.messages().empty());
    CHECK(form.messages().front().id == 9);
    REQUIRE(form.sms_of(9));
    CHECK(form.sms_of(9)->state == "queued");
    CHECK(form.mail_pending());  // an SMS in the outbox keeps the timeline polling
    const auto probe = form.probe();
    CHECK(probe["sms"].size() == 2);
}
