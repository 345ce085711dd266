// net/http_post: the one outgoing HTTP call of SMS gateways and webhooks. The pinned address is the one connected
// to (whatever the host name), redirects are never followed, the answer is capped at 64 KiB, and a refused
// connection is a transport error, not an HTTP status.
#include <doctest/doctest.h>

#include "net/http_post.hpp"
#include "sms_gateway_fake.hpp"

using namespace tumen::server::net;
using tumen::testing::FakeSmsGateway;

TEST_CASE("http_send: POST with headers and body; a pinned IP is connected to whatever the host name") {
    FakeSmsGateway g;
    HttpRequest req;
    req.url = "http://hook.example.invalid:" + std::to_string(g.port()) + "/in?x=1";
    req.headers = {{"X-Test", "yes"}, {"Content-Type", "application/json"}};
    req.body = R"({"a":"Сайн"})";
    req.timeout_s = 5;
    req.pinned_ip = "127.0.0.1";
    const auto r = http_send(req);
    REQUIRE_MESSAGE(r.transport_ok, r.error);
    CHECK(r.status == 200);
    CHECK(r.body == R"({"status":"OK"})");
    REQUIRE(g.count() == 1);
    const auto got = g.received().front();
    CHECK(got.method == "POST");
    CHECK(got.target == "/in?x=1");
    CHECK(got.body == req.body);
    CHECK(got.headers.find("X-Test")->second == "yes");
    CHECK(got.headers.find("Host")->second == "hook.example.invalid:" + std::to_string(g.port()));
}

TEST_CASE("http_send: redirects are answers, not followed; bodies are capped; refused is a transport error") {
    FakeSmsGateway g;
    g.answer_next(302, "moved", g.url("/elsewhere"));
    HttpRequest req;
    req.method = "GET";
    req.url = g.url("/first");
    req.timeout_s = 5;
    auto r = http_send(req);
    REQUIRE(r.transport_ok);
    CHECK(r.status == 302);
    CHECK(g.count() == 1);  // /elsewhere was never asked

    g.answer_next(200, std::string(200 * 1024, 'x'));
    r = http_send(req);
    REQUIRE_MESSAGE(r.transport_ok, r.error);
    CHECK(r.status == 200);
    CHECK(r.body.size() == http_body_cap);

    req.url = "http://127.0.0.1:1/";  // port 1: nothing listens there
    r = http_send(req);
    CHECK_FALSE(r.transport_ok);
    CHECK(r.status == 0);
    CHECK_FALSE(r.error.empty());

    req.url = "ftp://127.0.0.1/";
    r = http_send(req);
    CHECK_FALSE(r.transport_ok);
}
