// SMS end to end with a real HTTP gateway on loopback (sms_gateway_fake.hpp): compose from a lead, the sms.send
// job, exactly what the gateway received (URL, body, headers, Cyrillic encoded right), retries after 5xx, failures
// with the gateway's answer, the timeline's delivery state, the settings and the test send, and the rights.
#include <doctest/doctest.h>

#include "auth_helpers.hpp"
#include "mail_helpers.hpp"  // eventually()
#include "sms_gateway_fake.hpp"
#include "store/sms_outbox.hpp"

using namespace tumen::testing;
using nlohmann::json;

namespace {

struct SmsWorld {
    TestServer server;
    FakeSmsGateway gateway;

    SmsWorld() {
        server.login();
        server.app->sms().set_retry_delays({0, 0});  // two quick retries, then give up
    }

    httplib::Result put_settings(json fields) {
        auto cur = server.client.Get("/api/v1/settings/sms");
        REQUIRE(cur);
        fields["version"] = TestServer::body(cur)["version"];
        return server.client.Put("/api/v1/settings/sms", fields.dump(), "application/json");
    }
    void use_json_gateway(const std::string& pattern = "\"status\":\"OK\"") {
        auto r = put_settings({{"url", gateway.url("/api/send")},
                               {"method", "POST"},
                               {"content_type", "application/json"},
                               {"body", R"({"from":"{{sender}}","to":"{{to}}","message":"{{text}}"})"},
                               {"auth_header", "X-API-Key"},
                               {"auth_value", "key-123"},
                               {"success_pattern", pattern},
                               {"sender", "Tumen"}});
        REQUIRE(r);
        REQUIRE_MESSAGE(r->status == 200, r->body);
    }
    int64_t lead(json extra = {{"mobile", "9911 2233"}}) {
        json body = {{"name", "Цахилгааны тендер"}, {"contact_name", "Батбаяр"}};
        for (auto& [k, v] : extra.items()) body[k] = v;
        auto r = post_json(server.client, "/api/v1/leads", body);
        REQUIRE(r);
        REQUIRE_MESSAGE(r->status == 201, r->body);
        return TestServer::body(r)["id"].get<int64_t>();
    }
    httplib::Result compose(int64_t lead_id, const json& body) {
        return post_json(server.client, "/api/v1/leads/" + std::to_string(lead_id) + "/sms", body);
    }
    tumen::store::SmsRow row(int64_t id) {
        auto r = tumen::store::find_sms(server.app->db().reader(), id);
        REQUIRE(r);
        return *r;
    }
    // Waits until the row leaves queued/sending (or the deadline passes) and returns it.
    tumen::store::SmsRow settled(int64_t id) {
        eventually([&] {
            auto r = tumen::store::find_sms(server.app->db().reader(), id);
            return r && (r->state == "sent" || r->state == "failed");
        }, 10);
        return row(id);
    }
    json timeline_sms(int64_t lead_id) {
        auto r = server.client.Get("/api/v1/leads/" + std::to_string(lead_id) + "/messages");
        REQUIRE(r);
        const json page = TestServer::body(r);  // named: ranging over a temporary's member dangles
        for (const auto& m : page["items"])
            if (m["kind"] == "sms") return m;
        FAIL_CHECK(r->body);
        return json();
    }
};

std::string header(const FakeSmsGateway::Received& r, const std::string& name) {
    auto it = r.headers.find(name);
    return it == r.headers.end() ? "" : it->second;
}

}  // namespace

TEST_CASE("sms: a Cyrillic SMS from a lead reaches the JSON gateway exactly as configured and shows as sent") {
    SmsWorld w;
    w.use_json_gateway();
    const int64_t lead = w.lead();
    const std::string text = "Сайн байна уу, \"Батбаяр\"!\nҮнийн санал илгээлээ.";
    auto r = w.compose(lead, {{"text", text}});
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 201, r->body);
    const json msg = TestServer::body(r);
    CHECK(msg["kind"] == "sms");
    CHECK(msg["body"] == text);
    CHECK(msg["sms"]["to"] == "+97699112233");
    const int64_t id = msg["sms"]["id"];

    const auto row = w.settled(id);
    REQUIRE_MESSAGE(row.state == "sent", row.last_error);
    CHECK(row.attempts == 1);
    CHECK(row.gateway_status == 200);
    REQUIRE(w.gateway.count() == 1);
    const auto got = w.gateway.received().front();
    CHECK(got.method == "POST");
    CHECK(got.path == "/api/send");
    CHECK(got.body == R"({"from":"Tumen","to":"+97699112233","message":"Сайн байна уу, \"Батбаяр\"!\nҮнийн санал илгээлээ."})");
    CHECK(json::parse(got.body)["message"] == text);
    CHECK(header(got, "X-API-Key") == "key-123");
    CHECK(header(got, "Content-Type") == "application/json");

    const json shown = w.timeline_sms(lead);
    CHECK(shown["sms"]["state"] == "sent");
    CHECK(shown["sms"]["sent_at"].is_string());
    auto settings = w.server.client.Get("/api/v1/settings/sms");
    REQUIRE(settings);
    const json s = TestServer::body(settings);
    CHECK_FALSE(s.contains("auth_value"));
    CHECK(s["auth_value_set"] == true);
    CHECK(s["channel"]["sent"] == 1);
    CHECK(s["channel"]["state"] == "ok");
}

TEST_CASE("sms: a GET gateway gets the values URL-encoded, to the number typed in the dialog") {
    SmsWorld w;
    auto put = w.put_settings({{"url", w.gateway.url("/send?to={{to_digits}}&msg={{text}}&from={{sender}}")},
                               {"method", "GET"},
                               {"sender", "Түмэн"}});
    REQUIRE(put);
    REQUIRE_MESSAGE(put->status == 200, put->body);
    const int64_t lead = w.lead({{"phone", "7011 0000"}});
    auto r = w.compose(lead, {{"text", "Өдрийн мэнд & баярлалаа"}, {"to", "+976 8800-1122"}});
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 201, r->body);
    REQUIRE(w.settled(TestServer::body(r)["sms"]["id"]).state == "sent");
    const auto got = w.gateway.received().front();
    CHECK(got.method == "GET");
    CHECK(got.target == "/send?to=97688001122&msg=%D3%A8%D0%B4%D1%80%D0%B8%D0%B9%D0%BD%20%D0%BC%D1%8D%D0%BD%D0%B4%20%26%20"
                        "%D0%B1%D0%B0%D1%8F%D1%80%D0%BB%D0%B0%D0%BB%D0%B0%D0%B0&from=%D0%A2%D2%AF%D0%BC%D1%8D%D0%BD");
    CHECK(got.params.find("msg")->second == "Өдрийн мэнд & баярлалаа");
}

TEST_CASE("sms: a 503 is retried and then sent; a 400 fails with the gateway's answer; a wrong reply fails") {
    SmsWorld w;
    w.use_json_gateway();
    const int64_t lead = w.lead();

    w.gateway.answer_next(503, "busy");
    auto r = w.compose(lead, {{"text", "first"}});
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 201, r->body);
    auto row = w.settled(TestServer::body(r)["sms"]["id"]);
    CHECK(row.state == "sent");
    CHECK(row.attempts == 2);
    CHECK(w.gateway.count() == 2);

    w.gateway.answer_next(400, R"({"error":"invalid number"})");
    r = w.compose(lead, {{"text", "second"}});
    REQUIRE(r);
    const int64_t bad = TestServer::body(r)["sms"]["id"];
    row = w.settled(bad);
    CHECK(row.state == "failed");
    CHECK(row.attempts == 1);
    CHECK(row.gateway_status == 400);
    CHECK(row.last_error == R"(HTTP 400: {"error":"invalid number"})");
    // One refused number is that SMS's failure, not the channel's: it stays green and shows the answer.
    json ch = TestServer::body(w.server.client.Get("/api/v1/settings/sms"))["channel"];
    CHECK(ch["state"] == "ok");
    CHECK(ch["failed"] == 1);
    CHECK(ch["last_error"] == row.last_error);

    w.gateway.answer_next(200, R"({"status":"REJECTED"})");
    r = w.compose(lead, {{"text", "third"}});
    REQUIRE(r);
    row = w.settled(TestServer::body(r)["sms"]["id"]);
    CHECK(row.state == "failed");
    CHECK(row.last_error.find("REJECTED") != std::string::npos);

    // Out of retries: three 503s (one try + two retries) fail with the last answer.
    for (int i = 0; i < 3; ++i) w.gateway.answer_next(503, "still busy");
    r = w.compose(lead, {{"text", "fourth"}});
    REQUIRE(r);
    row = w.settled(TestServer::body(r)["sms"]["id"]);
    CHECK(row.state == "failed");
    CHECK(row.attempts == 3);
    CHECK(row.last_error.find("still busy") != std::string::npos);

    // The timeline shows the failure and its reason; the channel counts and turns red.
    auto msgs = w.server.client.Get("/api/v1/leads/" + std::to_string(lead) + "/messages");
    REQUIRE(msgs);
    bool seen_failed = false;
    const json page = TestServer::body(msgs);
    for (const auto& m : page["items"])
        if (m["kind"] == "sms" && m["sms"]["id"] == bad)
            seen_failed = m["sms"]["state"] == "failed" && m["sms"]["last_error"].get<std::string>().find("invalid number") != std::string::npos;
    CHECK(seen_failed);
    const json s = TestServer::body(w.server.client.Get("/api/v1/settings/sms"));
    CHECK(s["channel"]["sent"] == 1);
    CHECK(s["channel"]["failed"] == 3);
    CHECK(s["channel"]["state"] == "error");

    // Retry from the outbox: the failed one goes again and is sent.
    auto again = w.server.client.Post("/api/v1/sms/" + std::to_string(bad) + "/retry", "", "application/json");
    REQUIRE(again);
    REQUIRE_MESSAGE(again->status == 200, again->body);
    CHECK(w.settled(bad).state == "sent");
    auto twice = w.server.client.Post("/api/v1/sms/" + std::to_string(bad) + "/retry", "", "application/json");
    REQUIRE(twice);
    CHECK(twice->status == 409);
    auto missing = w.server.client.Post("/api/v1/sms/424242/retry", "", "application/json");
    REQUIRE(missing);
    CHECK(missing->status == 404);
    auto list = w.server.client.Get("/api/v1/sms/outbox?state=failed");
    REQUIRE(list);
    CHECK(TestServer::body(list)["total"] == 2);
}

TEST_CASE("sms: bad input is 422 naming the field, a lead the caller may not see is 404, nothing queued") {
    SmsWorld w;
    w.use_json_gateway();
    const int64_t lead = w.lead();
    const int64_t no_phone = w.lead(json::object());
    const auto field_of = [](const httplib::Result& r) { return TestServer::body(r)["error"]["field"]; };

    auto r = w.compose(lead, {{"text", "x"}, {"to", "not a phone"}});
    REQUIRE(r);
    CHECK(r->status == 422);
    CHECK(field_of(r) == "to");
    r = w.compose(no_phone, {{"text", "x"}});
    REQUIRE(r);
    CHECK(r->status == 422);
    CHECK(field_of(r) == "to");
    r = w.compose(lead, {{"text", ""}});
    REQUIRE(r);
    CHECK(r->status == 422);
    CHECK(field_of(r) == "text");
    r = w.compose(424242, {{"text", "x"}});
    REQUIRE(r);
    CHECK(r->status == 404);

    create_user(w.server, "own", "sales_own");
    auto own = sign_in(w.server, "own");
    auto denied = post_json(*own.client, "/api/v1/leads/" + std::to_string(lead) + "/sms", {{"text", "x"}});
    REQUIRE(denied);
    CHECK(denied->status == 404);
    CHECK(scalar(w.server, "SELECT count(*) FROM sms_outbox") == 0);
    CHECK(scalar(w.server, "SELECT count(*) FROM messages WHERE kind = 'sms'") == 0);
}

TEST_CASE("sms settings: stale version 409, bad fields 422, waiting SMS go out once configured, test send") {
    SmsWorld w;
    // Not configured: the SMS waits in the outbox and the channel says why.
    const int64_t lead = w.lead();
    auto r = w.compose(lead, {{"text", "waiting"}});
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 201, r->body);
    const int64_t id = TestServer::body(r)["sms"]["id"];
    REQUIRE(w.server.app->jobs().wait_idle(std::chrono::seconds(10)));
    CHECK(w.row(id).state == "queued");
    CHECK(w.gateway.count() == 0);

    auto cur = w.server.client.Get("/api/v1/settings/sms");
    REQUIRE(cur);
    const json before = TestServer::body(cur);
    CHECK(before["channel"]["last_error"] == "No SMS gateway is configured");
    auto bad = w.put_settings({{"url", "ftp://x"}, {"method", "PATCH"}});
    REQUIRE(bad);
    CHECK(bad->status == 422);
    auto unknown = w.put_settings({{"body", R"({"t":"{{txt}}"})"}, {"url", w.gateway.url("/x")}});
    REQUIRE(unknown);
    CHECK(unknown->status == 422);
    CHECK(TestServer::body(unknown)["error"]["field"] == "body");
    json stale = {{"url", w.gateway.url("/x")}, {"version", before["version"].get<int64_t>() + 5}};
    auto conflict = w.server.client.Put("/api/v1/settings/sms", stale.dump(), "application/json");
    REQUIRE(conflict);
    CHECK(conflict->status == 409);

    w.use_json_gateway();
    CHECK(w.settled(id).state == "sent");

    // The test send: one SMS to the number given, the gateway's answer back; nothing queued.
    auto test = post_json(w.server.client, "/api/v1/settings/sms/test", {{"to", "99001122"}, {"text", "туршилт"}});
    REQUIRE(test);
    REQUIRE_MESSAGE(test->status == 200, test->body);
    const json t = TestServer::body(test);
    CHECK(t["ok"] == true);
    CHECK(t["status"] == 200);
    CHECK(t["reply"] == R"({"status":"OK"})");
    CHECK(json::parse(w.gateway.received().back().body)["message"] == "туршилт");
    w.gateway.answer_next(401, "bad key");
    test = post_json(w.server.client, "/api/v1/settings/sms/test", {{"to", "99001122"}, {"auth_value", "wrong"}});
    REQUIRE(test);
    CHECK(TestServer::body(test)["ok"] == false);
    CHECK(TestServer::body(test)["reply"] == "bad key");
    CHECK(header(w.gateway.received().back(), "X-API-Key") == "wrong");
    auto no_to = post_json(w.server.client, "/api/v1/settings/sms/test", json::object());
    REQUIRE(no_to);
    CHECK(no_to->status == 422);
    CHECK(TestServer::body(no_to)["error"]["field"] == "to");
    CHECK(scalar(w.server, "SELECT count(*) FROM sms_outbox") == 1);
}
