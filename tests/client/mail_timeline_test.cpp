// E-mails in the lead's timeline: each carries its delivery state (queued, sent, failed with the server's answer,
// bounced); while one is queued the form polls the newest page and the state changes in place; a live chatter
// event refreshes it too; nothing is polled once every mail has settled.
#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "fakes.hpp"
#include "state/app_state.hpp"
#include "state/live_event.hpp"

using namespace tumen;
using namespace tumen::client;
using namespace tumen::client::testing;
using nlohmann::json;

namespace {

json email(std::int64_t id, const std::string& state, const std::string& error = "") {
    return {{"id", id},
            {"res_model", "lead"},
            {"res_id", 42},
            {"kind", "email"},
            {"subject", "Үнийн санал"},
            {"body", "Сайн байна уу"},
            {"author_id", 1},
            {"date", "2026-01-06T10:00:00Z"},
            {"mail",
             {{"id", id + 100},
              {"state", state},
              {"to", json::array({"bold@nomad.mn"})},
              {"cc", json::array()},
              {"last_error", error},
              {"sent_at", state == "sent" ? json("2026-01-06T10:00:05Z") : json()}}}};
}

struct TimelineFixture {
    FakeTransport net;
    FakeHost host;
    AppState app{net, host};
    LeadForm& form = app.lead_form();

    int message_requests() const {
        return static_cast<int>(std::count_if(net.pending.begin(), net.pending.end(), [](const auto& p) {
            return p.request.path.rfind("/api/v1/leads/42/messages", 0) == 0;
        }));
    }
    void answer_messages(const json& items) {
        auto it = std::find_if(net.pending.begin(), net.pending.end(), [](const auto& p) {
            return p.request.path.rfind("/api/v1/leads/42/messages", 0) == 0;
        });
        REQUIRE(it != net.pending.end());
        auto p = std::move(*it);
        net.pending.erase(it);
        p.done(HttpResponse{200, json{{"items", items}}.dump()});
    }
    void open(const json& messages) {
        host.history = {"#/lead/42"};
        app.start("#/lead/42", "en-US", "");
        net.answer(200, R"({"user":{"id":1,"login":"sara","name":"Сараа","role":"sales_own"},"csrf_token":"t"})");
        form.show(42);
        while (!net.pending.empty()) {
            const std::string path = net.pending.front().request.path;
            if (path == "/api/v1/leads/42")
                net.answer(200, R"({"id":42,"type":"lead","name":"Chairs","email":"bold@nomad.mn","active":true,"version":3})");
            else if (path.rfind("/api/v1/leads/42/messages", 0) == 0) answer_messages(messages);
            else net.answer(200, R"({"items":[]})");
        }
    }
};

}  // namespace

TEST_CASE_FIXTURE(TimelineFixture, "timeline: every e-mail shows its delivery state; a failure keeps the server's answer") {
    open(json::array({email(13, "bounced", "550 5.1.1 <bold@nomad.mn>: user unknown"),
                      email(12, "failed", "535 5.7.8 Authentication credentials invalid"), email(11, "sent"),
                      {{"id", 10}, {"res_model", "lead"}, {"res_id", 42}, {"kind", "note"}, {"body", "x"}, {"date", "2026-01-05T10:00:00Z"}}}));
    REQUIRE(form.messages().size() == 4);
    const MailStatus* failed = form.mail_of(12);
    REQUIRE(failed);
    CHECK(failed->failed());
    CHECK(failed->last_error == "535 5.7.8 Authentication credentials invalid");
    CHECK(form.mail_of(13)->failed());
    CHECK(form.mail_of(13)->state == "bounced");
    CHECK_FALSE(form.mail_of(11)->failed());
    CHECK(form.mail_of(11)->sent_at == "2026-01-06T10:00:05Z");
    CHECK(form.mail_of(11)->to == std::vector<std::string>{"bold@nomad.mn"});
    CHECK(form.mail_of(10) == nullptr);
    // Nothing is waiting: no polling at all.
    CHECK_FALSE(form.mail_pending());
    form.poll_mail(1000);
    form.poll_mail(60000);
    CHECK(net.pending.empty());
}

TEST_CASE_FIXTURE(TimelineFixture, "timeline: a queued mail is polled until it settles, and its state changes in place") {
    open(json::array({email(11, "queued")}));
    REQUIRE(form.mail_pending());
    form.poll_mail(10000);  // the first call starts the clock
    CHECK(message_requests() == 0);
    form.poll_mail(12000);
    CHECK(message_requests() == 0);
    form.poll_mail(13000);
    REQUIRE(message_requests() == 1);
    form.poll_mail(20000);  // one request at a time
    CHECK(message_requests() == 1);
    answer_messages(json::array({email(11, "sending")}));
    CHECK(form.mail_of(11)->state == "sending");
    form.poll_mail(24000);
    REQUIRE(message_requests() == 1);
    answer_messages(json::array({email(11, "failed", "421 4.7.0 Try again later")}));
    REQUIRE(form.messages().size() == 1);  // replaced, not added
    CHECK(form.mail_of(11)->state == "failed");
    CHECK(form.mail_of(11)->last_error == "421 4.7.0 Try again later");
    CHECK_FALSE(form.mail_pending());
    form.poll_mail(60000);
    CHECK(message_requests() == 0);
}

TEST_CASE_FIXTURE(TimelineFixture, "timeline: a live chatter event refreshes a mail's state and adds new messages") {
    open(json::array({email(11, "queued")}));
    LiveLead ev;
    ev.id = 42;
    ev.action = "message";
    ev.version = 3;
    form.apply_live(ev);
    REQUIRE(message_requests() == 1);
    answer_messages(json::array({email(12, "queued"), email(11, "sent")}));
    REQUIRE(form.messages().size() == 2);
    CHECK(form.messages()[0].id == 12);
    CHECK(form.mail_of(11)->state == "sent");
    CHECK(form.mail_of(12)->pending());
}
