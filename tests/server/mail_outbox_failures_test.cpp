// Outgoing mail when things go wrong, against a real SMTP server (aiosmtpd on loopback): a 4xx is retried until
// it goes through, a 5xx fails with the server's own answer, a wrong password turns the channel red with the
// server's message and the mail goes out once fixed, and stopping our server or the SMTP server in the middle of a
// batch loses nothing and sends nothing twice.
#include <doctest/doctest.h>

#include <set>

#include "mail_helpers.hpp"

using namespace tumen::testing;
using nlohmann::json;

namespace {

std::multiset<std::string> message_ids(const SmtpSink& sink) {
    std::multiset<std::string> ids;
    for (const auto& raw : sink.messages()) ids.insert(header_of(raw, "Message-Id"));
    return ids;
}

}  // namespace

TEST_CASE("a 5xx answer fails the mail with the server's text, shown on the chatter message") {
    MailWorld w;
    w.use_sink();
    const int64_t lead = w.lead();
    auto r = w.compose(lead, {{"to", "reject-me@gobi.mn"}, {"subject", "Санал"}, {"body", "Сайн байна уу"}});
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 201, r->body);
    const int64_t mail_id = TestServer::body(r)["mail"]["id"];
    REQUIRE(w.idle());
    const json row = w.outbox_row(mail_id);
    CHECK(row["state"] == "failed");
    CHECK(row["attempts"] == 1);
    CHECK(row["last_error"].get<std::string>().find("550 5.1.1") != std::string::npos);
    CHECK(row["last_error"].get<std::string>().find("User unknown") != std::string::npos);
    CHECK(w.sink.count() == 0);
    auto list = w.server.client.Get("/api/v1/leads/" + std::to_string(lead) + "/messages");
    REQUIRE(list);
    const json mail = TestServer::body(list)["items"][0]["mail"];
    CHECK(mail["state"] == "failed");
    CHECK(mail["last_error"] == row["last_error"]);
    auto failed = w.server.client.Get("/api/v1/mail/outbox?state=failed");
    REQUIRE(failed);
    CHECK(TestServer::body(failed)["total"] == 1);

    // One unknown recipient is that mail's failure, not the channel's: the SMTP server works, so the channel stays
    // green, counts the failure and shows the answer; the next mail goes out.
    auto channels = w.server.client.Get("/api/v1/mail/channels");
    REQUIRE(channels);
    const json all = TestServer::body(channels);
    json smtp;
    for (const auto& ch : all["items"])
        if (ch["name"] == "smtp") smtp = ch;
    REQUIRE_MESSAGE(smtp.is_object(), channels->body);
    CHECK(smtp["state"] == "ok");
    CHECK(smtp["failed"] == 1);
    CHECK(smtp["last_error"].get<std::string>().find("550 5.1.1") != std::string::npos);
    auto next = w.compose(lead, {{"to", "bat@gobi.mn"}, {"subject", "Дараагийн"}, {"body", "Сайн"}});
    REQUIRE(next);
    REQUIRE(w.idle());
    CHECK(w.sink.count() == 1);
}

TEST_CASE("a 4xx answer is retried on the schedule until the server takes the mail") {
    MailWorld w;
    w.server.app->mail().set_retry_delays({1, 1, 1, 1, 1});
    w.use_sink();
    w.sink.set_busy(true);
    const int64_t lead = w.lead();
    auto r = w.compose(lead, {{"to", "busy@gobi.mn"}, {"subject", "Дахин"}, {"body", "оролдоно"}});
    REQUIRE(r);
    REQUIRE(r->status == 201);
    const int64_t mail_id = TestServer::body(r)["mail"]["id"];
    REQUIRE(eventually([&] { return !w.outbox_row(mail_id)["last_error"].get<std::string>().empty(); }));
    const json waiting = w.outbox_row(mail_id);
    CHECK(waiting["state"] == "queued");
    CHECK(waiting["last_error"].get<std::string>().find("451 4.3.0") != std::string::npos);
    CHECK(w.sink.count() == 0);

    w.sink.set_busy(false);
    REQUIRE(eventually([&] { return w.outbox_row(mail_id)["state"] == "sent"; }));
    CHECK(w.sink.count() == 1);
    CHECK(w.outbox_row(mail_id)["last_error"] == "");
}

TEST_CASE("a temporary failure that never clears ends as failed after the last attempt") {
    MailWorld w;
    w.server.app->mail().set_retry_delays({0, 0});
    w.use_sink();
    w.sink.set_busy(true);
    auto r = w.compose(w.lead(), {{"to", "busy@gobi.mn"}, {"subject", "s"}, {"body", "b"}});
    REQUIRE(r);
    const int64_t mail_id = TestServer::body(r)["mail"]["id"];
    REQUIRE(eventually([&] { return w.outbox_row(mail_id)["state"] == "failed"; }));
    const json row = w.outbox_row(mail_id);
    CHECK(row["attempts"] == 3);
    CHECK(row["last_error"].get<std::string>().find("gave up after 3 attempts: 451") != std::string::npos);
}

TEST_CASE("a wrong SMTP password: the test button and the channel show the server's answer; fixed, the mail goes") {
    MailWorld w(SmtpSink::Options{"crm", "зөв-нууц-үг"});
    w.use_sink("crm", "буруу-нууц-үг");
    auto test = post_json(w.server.client, "/api/v1/mail/settings/test", json::object());
    REQUIRE(test);
    REQUIRE_MESSAGE(test->status == 200, test->body);
    const json t = TestServer::body(test);
    CHECK(t["ok"] == false);
    CHECK(t["code"] == 535);
    CHECK(t["message"].get<std::string>().find("535 5.7.8 Authentication credentials invalid") != std::string::npos);

    auto settings = w.server.client.Get("/api/v1/mail/settings");
    REQUIRE(settings);
    CHECK(settings->body.find("буруу-нууц-үг") == std::string::npos);  // the password never leaves the server
    const json s = TestServer::body(settings);
    CHECK_FALSE(s.contains("password"));
    CHECK(s["password_set"] == true);

    const int64_t lead = w.lead();
    auto r = w.compose(lead, {{"to", "bat@gobi.mn"}, {"subject", "Нууц үг"}, {"body", "буруу"}});
    REQUIRE(r);
    const int64_t mail_id = TestServer::body(r)["mail"]["id"];
    REQUIRE(eventually([&] { return !w.outbox_row(mail_id)["last_error"].get<std::string>().empty(); }));
    json row = w.outbox_row(mail_id);
    CHECK(row["state"] == "queued");  // the login failed, not the mail: it waits without using an attempt
    CHECK(row["attempts"] == 0);
    CHECK(row["last_error"].get<std::string>().find("535") != std::string::npos);
    // Settings shows the channel red with the server's own answer.
    auto red = w.server.client.Get("/api/v1/mail/settings");
    REQUIRE(red);
    const json channel = TestServer::body(red)["channel"];
    CHECK(channel["state"] == "error");
    CHECK(channel["last_error"].get<std::string>().find("535 5.7.8 Authentication credentials invalid") != std::string::npos);
    CHECK(channel["failed"] == 0);  // no message failed: they wait
    auto outbox = w.server.client.Get("/api/v1/mail/outbox");
    REQUIRE(outbox);
    CHECK(outbox->body.find("буруу-нууц-үг") == std::string::npos);

    // The right password with the test button before saving, then saved: the waiting mail goes out.
    auto good = post_json(w.server.client, "/api/v1/mail/settings/test", {{"password", "зөв-нууц-үг"}});
    REQUIRE(good);
    CHECK(TestServer::body(good)["ok"] == true);
    auto put = w.put_settings({{"password", "зөв-нууц-үг"}});
    REQUIRE(put);
    REQUIRE_MESSAGE(put->status == 200, put->body);
    REQUIRE(eventually([&] { return w.outbox_row(mail_id)["state"] == "sent"; }));
    CHECK(w.sink.count() == 1);
    auto green = w.server.client.Get("/api/v1/mail/settings");
    REQUIRE(green);
    CHECK(TestServer::body(green)["channel"]["state"] == "ok");
    CHECK(TestServer::body(green)["channel"]["sent"] == 1);
}

TEST_CASE("settings input is checked field by field and versioned") {
    MailWorld w;
    auto bad = w.put_settings({{"port", 70000}, {"security", "ssl"}, {"default_from", "nobody"}, {"colour", 1}});
    REQUIRE(bad);
    CHECK(bad->status == 422);
    std::set<std::string> fields;
    const json err = TestServer::body(bad);
    for (const auto& d : err["error"]["details"]) fields.insert(d["field"].get<std::string>());
    const std::set<std::string> expected = {"port", "security", "default_from", "colour"};
    CHECK_MESSAGE(fields == expected, bad->body);
    auto stale = w.server.client.Put("/api/v1/mail/settings", json({{"version", 99}, {"host", "x"}}).dump(), "application/json");
    REQUIRE(stale);
    CHECK(stale->status == 409);
    auto no_sender = w.compose(w.lead(), {{"to", "bat@gobi.mn"}, {"subject", "s"}, {"body", "b"}});
    REQUIRE(no_sender);
    CHECK(no_sender->status == 422);
    CHECK(TestServer::body(no_sender)["error"]["field"] == "from");
}

TEST_CASE("stopping our server in the middle of a batch: after the restart every mail arrives, none twice") {
    MailWorld w(SmtpSink::Options{"", "", 60});
    w.use_sink();
    const int64_t lead = w.lead();
    const int total = 20;
    for (int i = 0; i < total; ++i) {
        auto r = w.compose(lead, {{"to", "bat@gobi.mn"}, {"subject", "Багц " + std::to_string(i)}, {"body", "б"}});
        REQUIRE(r);
        REQUIRE(r->status == 201);
    }
    REQUIRE(eventually([&] { return w.sink.count() >= 3; }));
    w.server.app->stop();  // the job finishes the transfer in progress and leaves the rest queued
    const auto arrived_before = w.sink.count();
    CHECK(arrived_before < static_cast<std::size_t>(total));
    w.server.app.reset();

    w.server.app = TestServer::make(w.server.dir, {});
    auto& db = w.server.app->db();
    REQUIRE(eventually([&] { return tumen::store::count_outbox(db.reader(), "sent") == total; }, 30));
    const auto ids = message_ids(w.sink);
    CHECK(ids.size() == static_cast<std::size_t>(total));
    CHECK(std::set<std::string>(ids.begin(), ids.end()).size() == static_cast<std::size_t>(total));
}

TEST_CASE("the SMTP server dies in the middle of a batch: the rest waits and goes once it is back") {
    MailWorld w(SmtpSink::Options{"", "", 60});
    w.server.app->mail().set_retry_delays({1, 1, 1, 1, 1});  // a transfer cut off is a temporary failure
    w.use_sink();
    const int64_t lead = w.lead();
    const int total = 15;
    std::vector<int64_t> mail_ids;
    for (int i = 0; i < total; ++i) {
        auto r = w.compose(lead, {{"to", "bat@gobi.mn"}, {"subject", "Тасалдал " + std::to_string(i)}, {"body", "б"}});
        REQUIRE(r);
        mail_ids.push_back(TestServer::body(r)["mail"]["id"]);
    }
    REQUIRE(eventually([&] { return w.sink.count() >= 3; }));
    w.sink.kill();
    REQUIRE(eventually([&] {
        return scalar(w.server, "SELECT count(*) FROM mail_outbox WHERE state = 'queued' AND last_error <> ''") > 0;
    }));
    CHECK(tumen::store::count_outbox(w.server.app->db().reader(), "failed") == 0);
    w.sink.start();
    REQUIRE(eventually([&] { return tumen::store::count_outbox(w.server.app->db().reader(), "sent") == total; }, 30));
    const auto ids = message_ids(w.sink);
    CHECK(ids.size() == static_cast<std::size_t>(total));
    CHECK(std::set<std::string>(ids.begin(), ids.end()).size() == static_cast<std::size_t>(total));
}
