// Behind a reverse proxy: the client address for throttling comes from X-Forwarded-For only when the peer is a
// proxy the operator trusts; otherwise the header is ignored (anyone can send it).
#include <doctest/doctest.h>

#include "auth_helpers.hpp"
#include "http/client_address.hpp"

using namespace tumen::testing;
using nlohmann::json;
using tumen::server::client_address;

TEST_CASE("the client address walks X-Forwarded-For from the right, past trusted proxies only") {
    const std::vector<std::string> proxies = {"127.0.0.1", "10.0.0.2"};
    CHECK(client_address("127.0.0.1", "203.0.113.7", proxies) == "203.0.113.7");
    CHECK(client_address("127.0.0.1", "198.51.100.1, 203.0.113.7", proxies) == "203.0.113.7");  // spoofed left hop
    CHECK(client_address("127.0.0.1", "203.0.113.7, 10.0.0.2", proxies) == "203.0.113.7");      // two proxies
    CHECK(client_address("127.0.0.1", " 203.0.113.7 ,  ", proxies) == "203.0.113.7");
    CHECK(client_address("127.0.0.1", "", proxies) == "127.0.0.1");
    CHECK(client_address("127.0.0.1", "10.0.0.2", proxies) == "10.0.0.2");  // only proxies: the farthest one
    CHECK(client_address("192.0.2.9", "203.0.113.7", proxies) == "192.0.2.9");  // not a proxy: header ignored
    CHECK(client_address("127.0.0.1", "203.0.113.7", {}) == "127.0.0.1");
}

namespace {
int failures_until_locked(httplib::Client& c, const std::string& forwarded_for) {
    c.set_default_headers({{"X-Forwarded-For", forwarded_for}});
    for (int i = 0; i < 40; ++i) {
        auto r = post_json(c, "/api/v1/session/login", {{"login", "nobody-" + std::to_string(i)}, {"password", "guess"}});
        REQUIRE(r);
        if (r->status == 429) return i;
    }
    return -1;
}
}  // namespace

TEST_CASE("through a trusted proxy, one client's failures lock that client's address, not everyone's") {
    TestServer s([](tumen::server::Config& c) { c.trusted_proxies = {"127.0.0.1"}; });
    s.login();
    httplib::Client attacker("127.0.0.1", s.app->port());
    CHECK(failures_until_locked(attacker, "203.0.113.7") > 0);

    // Another client behind the same proxy still signs in.
    httplib::Client colleague("127.0.0.1", s.app->port());
    colleague.set_default_headers({{"X-Forwarded-For", "198.51.100.20"}});
    auto r = post_json(colleague, "/api/v1/session/login", {{"login", "admin"}, {"password", admin_password}});
    REQUIRE(r);
    CHECK(r->status == 200);

    bool client_locked = false, proxy_locked = false;
    const json locks = body_of(s.client.Get("/api/v1/security/locks"));
    for (auto& l : locks["items"]) {
        client_locked |= l["kind"] == "address" && l["key"] == "203.0.113.7" && l["locked"] == true;
        proxy_locked |= l["kind"] == "address" && l["key"] == "127.0.0.1";
    }
    CHECK(client_locked);
    CHECK_FALSE(proxy_locked);
}

TEST_CASE("without a trusted proxy, a forged X-Forwarded-For does not dodge the address lock") {
    TestServer s;
    s.login();
    httplib::Client attacker("127.0.0.1", s.app->port());
    CHECK(failures_until_locked(attacker, "203.0.113.7") > 0);
    // A new forged address per request changes nothing: the lock is on the real peer.
    attacker.set_default_headers({{"X-Forwarded-For", "198.51.100.99"}});
    auto r = post_json(attacker, "/api/v1/session/login", {{"login", "admin"}, {"password", admin_password}});
    REQUIRE(r);
    CHECK(r->status == 429);
}
