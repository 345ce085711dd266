// Sessions over real HTTP: list, revoke one, log out everywhere, expiry, fixation and cookie flags.
#include <doctest/doctest.h>

#include "auth_helpers.hpp"

using namespace tumen::testing;
using nlohmann::json;
using tumen::server::AuthService;
using tumen::server::unix_now;

TEST_CASE("a user lists their sessions and ends one of them; other users' sessions are not theirs to end") {
    TestServer s;
    s.login();
    create_user(s, "enkh", "sales_own");
    auto laptop = sign_in(s, "enkh");
    auto phone = sign_in(s, "enkh");

    auto r = laptop.client->Get("/api/v1/sessions");
    REQUIRE(r);
    CHECK(r->status == 200);
    auto items = body_of(r)["items"];
    REQUIRE(items.size() == 2);
    int current = 0;
    int64_t phone_id = 0;
    for (auto& it : items) {
        CHECK(it["client_addr"] == "127.0.0.1");
        CHECK(it.contains("csrf_token") == false);
        if (it["current"] == true) ++current;
        else phone_id = it["id"];
    }
    CHECK(current == 1);

    // The administrator's session is not enkh's: 404, and it survives.
    auto admin_sessions = body_of(s.client.Get("/api/v1/sessions"))["items"];
    std::string admin_path = "/api/v1/sessions/" + std::to_string(admin_sessions[0]["id"].get<int64_t>());
    CHECK(laptop.client->Delete(admin_path.c_str())->status == 404);
    CHECK(s.client.Get("/api/v1/session/me")->status == 200);

    r = laptop.client->Delete(("/api/v1/sessions/" + std::to_string(phone_id)).c_str());
    REQUIRE(r);
    CHECK(r->status == 204);
    CHECK(phone.client->Get("/api/v1/session/me")->status == 401);
    CHECK(laptop.client->Get("/api/v1/session/me")->status == 200);
}

TEST_CASE("log out everywhere, keeping this session or not") {
    TestServer s;
    s.login();
    create_user(s, "dulmaa", "sales_all");
    auto a = sign_in(s, "dulmaa");
    auto b = sign_in(s, "dulmaa");
    auto c = sign_in(s, "dulmaa");

    auto r = post_json(*a.client, "/api/v1/sessions/revoke-all", {{"keep_current", true}});
    REQUIRE(r);
    CHECK(r->status == 200);
    CHECK(body_of(r)["ended"] == 2);
    CHECK(a.client->Get("/api/v1/session/me")->status == 200);
    CHECK(b.client->Get("/api/v1/session/me")->status == 401);
    CHECK(c.client->Get("/api/v1/session/me")->status == 401);

    auto d = sign_in(s, "dulmaa");
    r = post_json(*a.client, "/api/v1/sessions/revoke-all", json::object());
    CHECK(body_of(r)["ended"] == 2);
    CHECK(r->get_header_value("Set-Cookie").find("Max-Age=0") != std::string::npos);
    CHECK(a.client->Get("/api/v1/session/me")->status == 401);
    CHECK(d.client->Get("/api/v1/session/me")->status == 401);
    CHECK(s.client.Get("/api/v1/session/me")->status == 200);  // other users are untouched
    CHECK(scalar(s, "SELECT count(*) FROM security_events WHERE kind = 'logout_everywhere'") == 2);
}

TEST_CASE("sessions expire after the idle timeout and at the absolute limit") {
    TestServer s;
    s.login();
    create_user(s, "idle", "sales_own");
    auto u = sign_in(s, "idle");
    const int64_t id = u.session["user"]["id"];
    CHECK(u.client->Get("/api/v1/session/me")->status == 200);

    s.app->db().write([&](tumen::store::Connection& c) {
        c.prepare_uncached("UPDATE sessions SET last_seen_at = ? WHERE user_id = ?")
            .bind(1, unix_now() - AuthService::idle_timeout_seconds - 5).bind(2, id).run();
    });
    CHECK(u.client->Get("/api/v1/session/me")->status == 401);
    CHECK(scalar(s, "SELECT count(*) FROM sessions WHERE user_id = " + std::to_string(id)) == 0);

    auto v = sign_in(s, "idle");
    s.app->db().write([&](tumen::store::Connection& c) {
        c.prepare_uncached("UPDATE sessions SET expires_at = ? WHERE user_id = ?").bind(1, unix_now() - 1).bind(2, id).run();
    });
    CHECK(v.client->Get("/api/v1/session/me")->status == 401);
}

TEST_CASE("signing in gives a new session id and ends the one the browser had (no fixation)") {
    TestServer s;
    s.login();
    create_user(s, "fix", "sales_own");
    auto first = sign_in(s, "fix");

    // The same browser signs in again while still carrying its old cookie.
    httplib::Client same("127.0.0.1", s.app->port());
    same.set_default_headers({{"Cookie", first.cookie}});
    auto r = post_json(same, "/api/v1/session/login", {{"login", "fix"}, {"password", cyrillic_user_password}});
    REQUIRE(r);
    CHECK(r->status == 200);
    std::string fresh = cookie_of(r);
    CHECK(fresh.rfind("tumen_session=", 0) == 0);
    CHECK(fresh != first.cookie);
    CHECK(fresh.size() >= std::string("tumen_session=").size() + 43);  // 256 bits in base64url
    CHECK(first.client->Get("/api/v1/session/me")->status == 401);

    // A cookie the attacker made up is never adopted as a session.
    httplib::Client planted("127.0.0.1", s.app->port());
    planted.set_default_headers({{"Cookie", "tumen_session=attacker-chosen-value"}});
    CHECK(planted.Get("/api/v1/session/me")->status == 401);
    r = post_json(planted, "/api/v1/session/login", {{"login", "fix"}, {"password", cyrillic_user_password}});
    CHECK(cookie_of(r) != "tumen_session=attacker-chosen-value");
}

TEST_CASE("cookie flags: HttpOnly and SameSite=Strict always, Secure only when asked or over TLS") {
    {
        TestServer s;
        auto r = post_json(s.client, "/api/v1/session/login", {{"login", "admin"}, {"password", admin_password}});
        auto cookie = r->get_header_value("Set-Cookie");
        CHECK(cookie.find("HttpOnly") != std::string::npos);
        CHECK(cookie.find("SameSite=Strict") != std::string::npos);
        CHECK(cookie.find("Path=/") != std::string::npos);
        CHECK(cookie.find("Secure") == std::string::npos);
    }
    {
        TestServer s([](tumen::server::Config& c) { c.cookie_secure = true; });
        auto r = post_json(s.client, "/api/v1/session/login", {{"login", "admin"}, {"password", admin_password}});
        CHECK(r->get_header_value("Set-Cookie").find("; Secure") != std::string::npos);
    }
}

TEST_CASE("the session token is stored only as a hash") {
    TestServer s;
    s.login();
    auto token = s.client.Get("/api/v1/session/me");  // the cookie is in the client's default headers
    REQUIRE(token->status == 200);
    auto session = sign_in(s, "admin", admin_password);
    std::string value = session.cookie.substr(std::string("tumen_session=").size());
    CHECK(scalar(s, "SELECT count(*) FROM sessions WHERE token_hash = '" + value + "'") == 0);
    CHECK(scalar(s, "SELECT count(*) FROM sessions WHERE token_hash = '" + tumen::server::token_hash(value) + "'") == 1);
}
