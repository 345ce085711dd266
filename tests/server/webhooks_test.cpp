// Outgoing webhooks end to end: a real receiver (cpp-httplib on 127.0.0.1), hooks registered over the API, lead
// changes delivered as signed JSON (the test recomputes the HMAC with libsodium), retries after a 500, refused
// SSRF targets, and the API's rules (admin only, 422 naming the field, 404, 409 with the current record).
#include <doctest/doctest.h>
#include <sodium.h>

#include "auth_helpers.hpp"
#include "mail_helpers.hpp"  // eventually()
#include "store/stages.hpp"
#include "store/webhooks.hpp"
#include "webhook_receiver.hpp"

using namespace tumen::testing;
using nlohmann::json;

namespace {

struct Stages {
    int64_t first = 0, second = 0, won = 0;
};

Stages webhooks_add_stages(TestServer& s) {
    Stages p;
    s.app->db().write([&](tumen::store::Connection& c) {
        tumen::Stage a;
        a.name = "Шинэ";
        a.sequence = 1;
        tumen::store::insert_stage(c, a);
        tumen::Stage b;
        b.name = "Санал";
        b.sequence = 2;
        tumen::store::insert_stage(c, b);
        tumen::Stage w;
        w.name = "Ялсан";
        w.sequence = 9;
        w.is_won = true;
        tumen::store::insert_stage(c, w);
        p = {a.id, b.id, w.id};
    });
    return p;
}

struct HookWorld {
    TestServer server;
    WebhookReceiver receiver;
    HookWorld() {
        server.login();
        server.app->webhooks().set_retry_delays({0, 0, 0});
    }
    json call(const std::string& method, const std::string& path, const json& body, int expect) {
        httplib::Result r = method == "POST"  ? server.client.Post(path, body.dump(), "application/json")
                            : method == "PUT" ? server.client.Put(path, body.dump(), "application/json")
                            : method == "PATCH" ? server.client.Patch(path, body.dump(), "application/json")
                            : method == "DELETE" ? server.client.Delete(path)
                                                 : server.client.Get(path);
        REQUIRE(r);
        CHECK_MESSAGE(r->status == expect, method << " " << path << ": " << r->body);
        return r->body.empty() ? json() : json::parse(r->body);
    }
    json hook(const std::string& url, json events, bool allow_private) {
        return call("POST", "/api/v1/webhooks",
                    {{"name", "ERP холболт"}, {"url", url}, {"events", events}, {"allow_private", allow_private}}, 201);
    }
    json deliveries(int64_t hook_id) {
        return call("GET", "/api/v1/webhooks/" + std::to_string(hook_id) + "/deliveries", nullptr, 200)["items"];
    }
    // Every delivery of the hook settled (none pending); nudges the runner, which looks every second anyway.
    bool settled(int64_t hook_id, std::size_t expected) {
        return eventually([&] {
            server.app->jobs().poke();
            auto items = deliveries(hook_id);
            if (items.size() < expected) return false;
            for (const auto& d : items)
                if (d["state"] == "pending") return false;
            return true;
        }, 10);
    }
};

std::string hmac_hex(const std::string& key, const std::string& message) {
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(key.data()), key.size());
    crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(message.data()), message.size());
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_final(&st, mac);
    char hex[crypto_auth_hmacsha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
    return hex;
}

}  // namespace

TEST_CASE("webhooks: creating, moving and winning a lead deliver signed JSON") {
    HookWorld w;
    const Stages st = webhooks_add_stages(w.server);
    const json h = w.hook(w.receiver.url("/tumen"), {"lead.created", "lead.stage_changed", "lead.won"}, true);
    const std::string secret = h["secret"];
    CHECK(secret.rfind("whsec_", 0) == 0);
    CHECK(h["events"] == json({"lead.created", "lead.stage_changed", "lead.won"}));
    // The secret is shown once: never again in a read.
    CHECK_FALSE(w.call("GET", "/api/v1/webhooks/" + std::to_string(h["id"].get<int64_t>()), nullptr, 200).contains("secret"));

    json lead = w.call("POST", "/api/v1/leads", {{"name", "Төмөр замын тендер"}, {"stage_id", st.first}}, 201);
    const int64_t lead_id = lead["id"];
    lead = w.call("POST", "/api/v1/leads/" + std::to_string(lead_id) + "/move",
                  {{"stage_id", st.second}, {"version", lead["version"]}}, 200);
    lead = w.call("POST", "/api/v1/leads/" + std::to_string(lead_id) + "/won", {{"version", lead["version"]}}, 200);
    // An edit that raises no subscribed event queues nothing.
    w.call("PATCH", "/api/v1/leads/" + std::to_string(lead_id), {{"description", "x"}, {"version", lead["version"]}}, 200);

    // created, stage_changed (move), stage_changed + won (won moves to the won stage)
    REQUIRE(w.settled(h["id"], 4));
    const auto got = w.receiver.received();
    REQUIRE(got.size() == 4);
    std::vector<std::string> events;
    for (const auto& r : got) {
        CHECK(r.path == "/tumen");
        CHECK(r.header("Content-Type") == "application/json");
        const std::string ts = r.header("X-Tumen-Timestamp");
        REQUIRE_FALSE(ts.empty());
        CHECK(std::llabs(std::stoll(ts) - static_cast<long long>(std::time(nullptr))) < 60);
        CHECK(r.header("X-Tumen-Signature") == "sha256=" + hmac_hex(secret, ts + "." + r.body));
        // A body changed in transit no longer matches.
        CHECK(r.header("X-Tumen-Signature") != "sha256=" + hmac_hex(secret, ts + "." + r.body + " "));
        const json doc = json::parse(r.body);
        CHECK(doc["id"] == r.header("X-Tumen-Delivery"));
        CHECK(doc["event"] == r.header("X-Tumen-Event"));
        CHECK(doc["occurred_at"].get<std::string>().back() == 'Z');
        CHECK(doc["data"]["lead"]["id"] == lead_id);
        CHECK(doc["data"]["lead"]["name"] == "Төмөр замын тендер");
        events.push_back(doc["event"]);
    }
    CHECK(events == std::vector<std::string>{"lead.created", "lead.stage_changed", "lead.stage_changed", "lead.won"});
    const json won = json::parse(got[3].body);
    CHECK(won["data"]["lead"]["stage_id"] == st.won);

    const auto log = w.deliveries(h["id"]);
    CHECK(log.size() == 4);
    for (const auto& d : log) {
        CHECK(d["state"] == "delivered");
        CHECK(d["response_status"] == 200);
        CHECK(d["attempts"] == 1);
        CHECK(d["lead_id"] == lead_id);
    }
    // The list shows the hook's last delivery and the channel's counters.
    const json list = w.call("GET", "/api/v1/webhooks", nullptr, 200);
    CHECK(list["items"][0]["last_delivery"]["state"] == "delivered");
    CHECK(list["channel"]["sent"] == 4);
    CHECK(list["channel"]["state"] == "ok");

    // Rotating the secret: the next delivery is signed with the new one.
    const json rotated = w.call("POST", "/api/v1/webhooks/" + std::to_string(h["id"].get<int64_t>()) + "/rotate-secret", json::object(), 200);
    const std::string secret2 = rotated["secret"];
    CHECK(secret2 != secret);
    const json ping = w.call("POST", "/api/v1/webhooks/" + std::to_string(h["id"].get<int64_t>()) + "/test", json::object(), 200);
    CHECK(ping["event"] == "ping");
    CHECK(ping["state"] == "delivered");
    const auto last = w.receiver.received().back();
    CHECK(last.header("X-Tumen-Event") == "ping");
    CHECK(last.header("X-Tumen-Signature") == "sha256=" + hmac_hex(secret2, last.header("X-Tumen-Timestamp") + "." + last.body));
}

TEST_CASE("webhooks: a 500 is retried and then delivered; out of attempts is failed; redeliver sends again") {
    HookWorld w;
    const json h = w.hook(w.receiver.url(), {"lead.created"}, true);
    const int64_t hook_id = h["id"];
    w.receiver.answer_next(500);
    w.call("POST", "/api/v1/leads", {{"name", "Дахин оролдох"}}, 201);
    REQUIRE(w.settled(hook_id, 1));
    auto d = w.deliveries(hook_id)[0];
    CHECK(d["state"] == "delivered");
    CHECK(d["attempts"] == 2);
    CHECK(w.receiver.count() == 2);
    const auto got = w.receiver.received();
    CHECK(got[0].header("X-Tumen-Delivery") == got[1].header("X-Tumen-Delivery"));  // the same delivery again
    CHECK(got[0].body == got[1].body);

    // Four failures in a row with three retries allowed: failed, with the last answer kept.
    for (int i = 0; i < 4; ++i) w.receiver.answer_next(503);
    w.call("POST", "/api/v1/leads", {{"name", "Бүтэлгүй"}}, 201);
    REQUIRE(w.settled(hook_id, 2));
    d = w.deliveries(hook_id)[0];
    CHECK(d["state"] == "failed");
    CHECK(d["attempts"] == 4);
    CHECK(d["response_status"] == 503);
    CHECK(d["response_excerpt"] == "Түр алдаа: try later");
    CHECK(d["last_error"].get<std::string>().find("gave up after 4 attempts: HTTP 503") != std::string::npos);
    CHECK(w.receiver.count() == 6);

    const json again = w.call("POST", "/api/v1/webhook-deliveries/" + std::to_string(d["id"].get<int64_t>()) + "/redeliver",
                              json::object(), 201);
    CHECK(again["delivery_id"] != d["delivery_id"]);
    REQUIRE(w.settled(hook_id, 3));
    CHECK(w.deliveries(hook_id)[0]["state"] == "delivered");
    CHECK(w.receiver.count() == 7);
    const json resent = json::parse(w.receiver.received().back().body);
    CHECK(resent["event"] == "lead.created");
    CHECK(resent["data"]["lead"]["name"] == "Бүтэлгүй");
    w.call("POST", "/api/v1/webhook-deliveries/999999/redeliver", json::object(), 404);
}

TEST_CASE("webhooks: loopback, private and metadata targets are refused unless allowed") {
    HookWorld w;
    // The receiver is on 127.0.0.1: without allow_private nothing may reach it.
    const json h = w.hook(w.receiver.url(), {"lead.created"}, false);
    w.call("POST", "/api/v1/leads", {{"name", "SSRF"}}, 201);
    REQUIRE(w.settled(h["id"], 1));
    auto d = w.deliveries(h["id"])[0];
    CHECK(d["state"] == "failed");
    CHECK(d["attempts"] == 1);  // refused at once, not retried
    CHECK(d["last_error"].get<std::string>().find("resolves to 127.0.0.1 (loopback address)") != std::string::npos);
    CHECK(w.receiver.count() == 0);

    // "localhost", a private and the cloud metadata address: the Test button says why, nothing is connected to.
    const std::vector<std::pair<std::string, std::string>> targets = {
        {"http://localhost:9/x", "(loopback address)"},
        {"http://10.1.2.3/x", "resolves to 10.1.2.3 (private address)"},
        {"http://169.254.169.254/latest/meta-data/", "resolves to 169.254.169.254 (link-local address)"},
        {"http://[::ffff:127.0.0.1]:9/x", "(loopback address)"},
    };
    for (const auto& [url, reason] : targets) {
        CAPTURE(url);
        const json x = w.hook(url, {"lead.won"}, false);
        const json ping = w.call("POST", "/api/v1/webhooks/" + std::to_string(x["id"].get<int64_t>()) + "/test", json::object(), 200);
        CHECK(ping["state"] == "failed");
        CHECK(ping["last_error"].get<std::string>().find(reason) != std::string::npos);
    }
    CHECK(w.receiver.count() == 0);
    const json list = w.call("GET", "/api/v1/webhooks", nullptr, 200);
    CHECK(list["channel"]["state"] == "error");
    CHECK(list["channel"]["failed"] == 5);

    // Allowing private networks (an administrator's choice) lets the same hook through.
    w.call("PUT", "/api/v1/webhooks/" + std::to_string(h["id"].get<int64_t>()),
           {{"allow_private", true}, {"version", h["version"]}}, 200);
    w.call("POST", "/api/v1/leads", {{"name", "Зөвшөөрсөн"}}, 201);
    REQUIRE(w.settled(h["id"], 2));
    CHECK(w.deliveries(h["id"])[0]["state"] == "delivered");
    CHECK(w.receiver.count() == 1);
}

TEST_CASE("webhooks: administrators only; 422 names the field; 404; 409 with the current hook") {
    HookWorld w;
    create_user(w.server, "manager1", "manager");
    auto manager = sign_in(w.server, "manager1");
    auto r = manager.client->Get("/api/v1/webhooks");
    REQUIRE(r);
    CHECK(r->status == 403);
    r = post_json(*manager.client, "/api/v1/webhooks", {{"name", "x"}, {"url", "https://example.mn/"}, {"events", {"lead.won"}}});
    REQUIRE(r);
    CHECK(r->status == 403);
    CHECK(scalar(w.server, "SELECT count(*) FROM webhooks") == 0);

    json e = w.call("POST", "/api/v1/webhooks",
                    {{"name", "x"}, {"url", "https://user:pw@example.mn/"}, {"events", {"lead.won", "lead.eaten"}}}, 422);
    std::set<std::string> fields;
    for (const auto& d : e["error"]["details"]) fields.insert(d["field"].get<std::string>());
    CHECK(fields == std::set<std::string>{"url", "events[1]"});
    e = w.call("POST", "/api/v1/webhooks", {{"name", "x"}, {"url", "ftp://example.mn/"}, {"events", json::array()}}, 422);
    fields.clear();
    for (const auto& d : e["error"]["details"]) fields.insert(d["field"].get<std::string>());
    CHECK(fields == std::set<std::string>{"url", "events"});

    w.call("GET", "/api/v1/webhooks/4242", nullptr, 404);
    w.call("PUT", "/api/v1/webhooks/4242", {{"active", false}, {"version", 1}}, 404);
    w.call("DELETE", "/api/v1/webhooks/4242", nullptr, 404);
    w.call("POST", "/api/v1/webhooks/4242/test", json::object(), 404);
    w.call("GET", "/api/v1/webhooks/4242/deliveries", nullptr, 404);

    const json h = w.hook("https://hooks.example.mn/in", {"lead.assigned"}, false);
    const std::string path = "/api/v1/webhooks/" + std::to_string(h["id"].get<int64_t>());
    const json v2 = w.call("PUT", path, {{"name", "Шинэ нэр"}, {"version", 1}}, 200);
    CHECK(v2["version"] == 2);
    CHECK(v2["name"] == "Шинэ нэр");
    const json stale = w.call("PUT", path, {{"active", false}, {"version", 1}}, 409);
    CHECK(stale["error"]["current"]["version"] == 2);
    CHECK(stale["error"]["current"]["name"] == "Шинэ нэр");
    w.call("PUT", path, {{"active", false}}, 422);  // version required
    w.call("PUT", path, {{"secret", "mine"}, {"version", 2}}, 422);
    w.call("DELETE", path, nullptr, 204);
    w.call("GET", path, nullptr, 404);
}
