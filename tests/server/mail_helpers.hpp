// Helpers for the outgoing mail tests: a test server with a real SMTP server (smtp_sink.hpp) configured as its
// relay, leads to write from, and polling the outbox with a deadline.
#pragma once
#include <doctest/doctest.h>

#include <chrono>
#include <functional>
#include <thread>

#include "auth_helpers.hpp"
#include "smtp_sink.hpp"
#include "store/mail_outbox.hpp"

namespace tumen::testing {

inline const char* mail_sender = "Түмэн CRM <crm@tumen.mn>";

struct MailWorld {
    TestServer server;
    SmtpSink sink;

    MailWorld() : MailWorld(SmtpSink::Options()) {}
    explicit MailWorld(SmtpSink::Options o) : sink(server.dir / "maildir", o) {
        server.login();
        server.app->mail().set_channel_retry_s(1);
    }

    // PUT /api/v1/mail/settings with the version read just before; returns the reply.
    httplib::Result put_settings(nlohmann::json fields) {
        auto cur = server.client.Get("/api/v1/mail/settings");
        REQUIRE(cur);
        fields["version"] = TestServer::body(cur)["version"];
        return server.client.Put("/api/v1/mail/settings", fields.dump(), "application/json");
    }
    void use_sink(const std::string& user = "", const std::string& password = "") {
        nlohmann::json s = {{"host", "127.0.0.1"}, {"port", sink.port()}, {"security", "none"},
                            {"default_from", mail_sender}, {"domain", "crm.tumen.mn"}, {"company_name", "Түмэн"}};
        if (!user.empty()) {
            s["username"] = user;
            s["password"] = password;
        }
        auto r = put_settings(s);
        REQUIRE(r);
        REQUIRE_MESSAGE(r->status == 200, r->body);
    }

    int64_t lead(const std::string& name = "Төмөр замын тендер", const std::string& contact = "Батбаяр Ганболд",
                 const std::string& email = "bat@gobi.mn") {
        auto r = post_json(server.client, "/api/v1/leads", {{"name", name}, {"contact_name", contact}, {"email", email}});
        REQUIRE(r);
        REQUIRE_MESSAGE(r->status == 201, r->body);
        return TestServer::body(r)["id"].get<int64_t>();
    }

    httplib::Result compose(int64_t lead_id, const nlohmann::json& body) {
        return post_json(server.client, "/api/v1/leads/" + std::to_string(lead_id) + "/mail", body);
    }

    // Every outbox row's state and last answer: the message of an assertion on what the sink received, so a
    // failure says whether the mail waits for a retry, failed, or was never queued.
    std::string outbox_report() {
        std::string out = "outbox:";
        auto st = server.app->db().reader().prepare("SELECT id, state, attempts, last_error FROM mail_outbox ORDER BY id");
        while (st.step())
            out += "\n  #" + std::to_string(st.get_int(0)) + " " + st.get_text(1) + " attempts=" +
                   std::to_string(st.get_int(2)) + " " + st.get_text(3);
        return out;
    }

    nlohmann::json outbox_row(int64_t id) {
        auto m = store::find_outbox(server.app->db().reader(), id);
        REQUIRE(m);
        return nlohmann::json(*m);
    }

    bool idle() { return server.app->jobs().wait_idle(std::chrono::seconds(30)); }
};

// Polls `done` every 20 ms until it holds or `seconds` pass; false on timeout.
inline bool eventually(const std::function<bool()>& done, int seconds = 20) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
}

}  // namespace tumen::testing
