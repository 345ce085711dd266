// API keys and kiosk tokens over real HTTP: shown once, stored hashed, act as their owner (or as a read-only
// board display), refused after revocation.
#include <doctest/doctest.h>

#include "auth_helpers.hpp"

using namespace tumen::testing;
using nlohmann::json;

namespace {
std::unique_ptr<httplib::Client> auth_tokens_bearer(TestServer& s, const std::string& secret) {
    auto c = std::make_unique<httplib::Client>("127.0.0.1", s.app->port());
    c->set_default_headers({{"Authorization", "Bearer " + secret}});
    return c;
}
}  // namespace

TEST_CASE("an API key is shown once, stored hashed, and acts as its owner without CSRF") {
    TestServer s;
    s.login();
    auto r = post_json(s.client, "/api/v1/api-keys", {{"name", "Нэхэмжлэх систем"}});
    REQUIRE(r);
    REQUIRE(r->status == 201);
    std::string key = body_of(r)["key"];
    int64_t id = body_of(r)["id"];
    CHECK(key.rfind("tmn_", 0) == 0);
    CHECK(key.size() >= 4 + 43);

    auto list = body_of(s.client.Get("/api/v1/api-keys"))["items"];
    REQUIRE(list.size() == 1);
    CHECK(list[0]["name"] == "Нэхэмжлэх систем");
    CHECK(list[0]["prefix"] == key.substr(0, 10));
    CHECK(list[0]["read_only"] == false);
    CHECK(list[0].dump().find(key) == std::string::npos);
    CHECK(scalar(s, "SELECT count(*) FROM api_keys WHERE token_hash = '" + tumen::server::token_hash(key) + "'") == 1);
    CHECK(scalar(s, "SELECT count(*) FROM api_keys WHERE token_hash = '" + key + "' OR prefix = '" + key + "'") == 0);

    auto api = auth_tokens_bearer(s, key);
    r = api->Get("/api/v1/session/me");
    REQUIRE(r);
    CHECK(r->status == 200);
    CHECK(body_of(r)["user"]["login"] == "admin");
    // Writes need no CSRF header with a key (no cookie is involved).
    r = post_json(*api, "/api/v1/users", {{"login", "via-key"}, {"name", "Түлхүүрээр"}, {"role", "sales_own"}, {"password", cyrillic_user_password}});
    CHECK(r->status == 201);
    CHECK(body_of(s.client.Get("/api/v1/api-keys"))["items"][0]["last_used_at"].is_string());

    // A key cannot mint keys, change the password or see sessions: those need a signed-in person.
    CHECK(post_json(*api, "/api/v1/api-keys", {{"name", "child"}})->status == 403);
    CHECK(api->Get("/api/v1/sessions")->status == 403);

    CHECK(s.client.Delete(("/api/v1/api-keys/" + std::to_string(id)).c_str())->status == 204);
    CHECK(api->Get("/api/v1/session/me")->status == 401);
    CHECK(scalar(s, "SELECT count(*) FROM security_events WHERE kind IN ('api_key_created','api_key_revoked')") == 2);
}

TEST_CASE("an API key may expire: it works until then, is refused after, and the list says so") {
    TestServer s;
    s.login();
    auto r = post_json(s.client, "/api/v1/api-keys", {{"name", "Гэрээт ажилтан"}, {"expires_in_days", 30}});
    REQUIRE(r);
    REQUIRE(r->status == 201);
    const std::string key = body_of(r)["key"];
    const int64_t id = body_of(r)["id"];
    CHECK(body_of(r)["expires_at"].is_string());
    CHECK(scalar(s, "SELECT expires_at - created_at FROM api_keys WHERE id = " + std::to_string(id)) == 30 * 86400);
    auto api = auth_tokens_bearer(s, key);
    CHECK(api->Get("/api/v1/session/me")->status == 200);
    auto item = body_of(s.client.Get("/api/v1/api-keys"))["items"][0];
    CHECK(item["expired"] == false);
    CHECK(item["expires_at"] == body_of(r)["expires_at"]);

    // The day passes (moved in the database: the server reads the clock, not the test).
    s.app->db().write([&](tumen::store::Connection& c) {
        c.prepare("UPDATE api_keys SET expires_at = created_at - 1 WHERE id = ?").bind(1, id).run();
    });
    CHECK(api->Get("/api/v1/session/me")->status == 401);
    CHECK(body_of(s.client.Get("/api/v1/api-keys"))["items"][0]["expired"] == true);

    // No expiry means never; bad values name the field and create nothing.
    r = post_json(s.client, "/api/v1/api-keys", {{"name", "forever"}});
    CHECK(body_of(r)["expires_at"].is_null());
    for (const json& bad : {json(0), json(3651), json("30"), json(1.5)}) {
        r = post_json(s.client, "/api/v1/api-keys", {{"name", "bad"}, {"expires_in_days", bad}});
        CHECK(r->status == 422);
        CHECK(body_of(r)["error"]["field"] == "expires_in_days");
    }
    CHECK(scalar(s, "SELECT count(*) FROM api_keys") == 2);
}

TEST_CASE("read-only keys read but never write; keys of deactivated users stop working") {
    TestServer s;
    s.login();
    auto user = create_user(s, "reader", "sales_all");
    auto reader = sign_in(s, "reader");
    auto r = post_json(*reader.client, "/api/v1/api-keys", {{"name", "dashboard"}, {"read_only", true}});
    REQUIRE(r->status == 201);
    auto api = auth_tokens_bearer(s, body_of(r)["key"]);
    CHECK(api->Get("/api/v1/account")->status == 200);
    r = patch_json(*api, "/api/v1/account", {{"lang", "mn"}});
    CHECK(r->status == 403);
    r = post_json(*api, "/api/v1/session/logout", json::object());
    CHECK(r->status == 403);
    CHECK(body_of(r)["error"]["message"] == "This API key is read-only");

    CHECK(post_json(*reader.client, "/api/v1/api-keys", {{"name", ""}})->status == 422);
    CHECK(post_json(*reader.client, "/api/v1/api-keys", {{"name", "x"}, {"read_only", "yes"}})->status == 422);

    s.client.Post(("/api/v1/users/" + std::to_string(user["id"].get<int64_t>()) + "/deactivate").c_str(), "", "application/json");
    CHECK(api->Get("/api/v1/account")->status == 401);
}

TEST_CASE("users see and revoke only their own keys; administrators see and revoke all") {
    TestServer s;
    s.login();
    create_user(s, "a1", "sales_own");
    create_user(s, "a2", "sales_own");
    auto a1 = sign_in(s, "a1");
    auto a2 = sign_in(s, "a2");
    int64_t k1 = body_of(post_json(*a1.client, "/api/v1/api-keys", {{"name", "k1"}}))["id"];
    post_json(*a2.client, "/api/v1/api-keys", {{"name", "k2"}});
    CHECK(body_of(a1.client->Get("/api/v1/api-keys"))["items"].size() == 1);
    CHECK(body_of(s.client.Get("/api/v1/api-keys"))["items"].size() == 2);
    CHECK(a2.client->Delete(("/api/v1/api-keys/" + std::to_string(k1)).c_str())->status == 404);
    CHECK(s.client.Delete(("/api/v1/api-keys/" + std::to_string(k1)).c_str())->status == 204);
    CHECK(body_of(a1.client->Get("/api/v1/api-keys"))["items"].empty());
}

TEST_CASE("kiosk tokens: made by managers for team boards, read-only, reach only kiosk endpoints") {
    TestServer s;
    s.login();
    int64_t north = insert_team(s, "Хойд Өргөө"), south = insert_team(s, "Өмнөд Үүд");
    create_user(s, "boss", "manager");
    create_user(s, "seller", "sales_all");
    auto boss = sign_in(s, "boss");
    auto seller = sign_in(s, "seller");

    CHECK(post_json(*seller.client, "/api/v1/kiosk-tokens", {{"name", "TV"}, {"team_ids", {north}}})->status == 403);
    CHECK(post_json(*boss.client, "/api/v1/kiosk-tokens", {{"name", "TV"}, {"team_ids", json::array()}})->status == 422);
    CHECK(post_json(*boss.client, "/api/v1/kiosk-tokens", {{"name", "TV"}, {"team_ids", {999}}})->status == 422);
    auto r = post_json(*boss.client, "/api/v1/kiosk-tokens", {{"name", "Лоббины дэлгэц"}, {"team_ids", {south, north}}, {"leaderboard", false}});
    REQUIRE(r);
    REQUIRE(r->status == 201);
    std::string token = body_of(r)["token"];
    int64_t id = body_of(r)["id"];
    CHECK(token.rfind("tmk_", 0) == 0);

    auto list = body_of(boss.client->Get("/api/v1/kiosk-tokens"))["items"];
    REQUIRE(list.size() == 1);
    CHECK(list[0]["team_ids"] == json::array({north, south}));
    CHECK(list[0].dump().find(token) == std::string::npos);

    auto kiosk = auth_tokens_bearer(s, token);
    r = kiosk->Get("/api/v1/kiosk/me");
    REQUIRE(r);
    CHECK(r->status == 200);
    CHECK(body_of(r)["name"] == "Лоббины дэлгэц");
    CHECK(body_of(r)["team_ids"] == json::array({north, south}));
    CHECK(body_of(r)["leaderboard"] == false);
    // EventSource cannot send headers: GET may carry the token as a query parameter, POST may not.
    httplib::Client plain("127.0.0.1", s.app->port());
    CHECK(plain.Get(("/api/v1/kiosk/me?kiosk_token=" + token).c_str())->status == 200);
    CHECK(plain.Post(("/api/v1/session/logout?kiosk_token=" + token).c_str(), "", "application/json")->status == 401);
    // Not a user: no user endpoints, no writes.
    CHECK(kiosk->Get("/api/v1/session/me")->status == 403);
    CHECK(kiosk->Get("/api/v1/users/directory")->status == 403);
    CHECK(kiosk->Get("/api/v1/leads")->status == 403);
    CHECK(post_json(*kiosk, "/api/v1/kiosk-tokens", {{"name", "x"}, {"team_ids", {north}}})->status == 403);
    // A user has no kiosk view.
    CHECK(seller.client->Get("/api/v1/kiosk/me")->status == 403);

    CHECK(seller.client->Delete(("/api/v1/kiosk-tokens/" + std::to_string(id)).c_str())->status == 403);
    CHECK(boss.client->Delete(("/api/v1/kiosk-tokens/" + std::to_string(id)).c_str())->status == 204);
    CHECK(kiosk->Get("/api/v1/kiosk/me")->status == 401);
}
