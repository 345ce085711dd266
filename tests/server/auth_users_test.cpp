// Users administration and the user's own account over real HTTP: create, list, change, deactivate, passwords.
#include <doctest/doctest.h>

#include "auth_helpers.hpp"
#include "services/password_cost.hpp"

using namespace tumen::testing;
using nlohmann::json;

TEST_CASE("the administrator creates a manager and two salespeople and lists them") {
    TestServer s;
    s.login();
    int64_t team = insert_team(s, "Өмнөд бүс");
    auto manager = create_user(s, "manager", "manager", {{"name", "Бат-Өлзий Түмэн"}, {"email", "bat@tumen.mn"}});
    auto all = create_user(s, "sara", "sales_all", {{"lang", "mn"}, {"team_ids", {team}}});
    auto own = create_user(s, "ochir", "sales_own", {{"team_ids", {team}}, {"tz", "Asia/Hovd"}});

    CHECK(manager["name"] == "Бат-Өлзий Түмэн");
    CHECK(manager["email"] == "bat@tumen.mn");
    CHECK(manager["active"] == true);
    CHECK(manager["totp_enabled"] == false);
    CHECK(manager.contains("password") == false);
    CHECK(manager.contains("password_hash") == false);
    CHECK(all["lang"] == "mn");
    CHECK(own["team_ids"] == json::array({team}));
    CHECK(own["tz"] == "Asia/Hovd");

    auto r = s.client.Get("/api/v1/users");
    REQUIRE(r);
    CHECK(r->status == 200);
    auto items = body_of(r)["items"];
    CHECK(items.size() == 4);
    std::vector<std::string> logins;
    for (auto& u : items) logins.push_back(u["login"]);
    CHECK(logins == std::vector<std::string>{"admin", "manager", "ochir", "sara"});

    r = s.client.Get(("/api/v1/users/" + std::to_string(own["id"].get<int64_t>())).c_str());
    REQUIRE(r);
    CHECK(body_of(r)["role"] == "sales_own");
    CHECK(s.client.Get("/api/v1/users/999")->status == 404);

    // Each of them can sign in with the password the administrator chose.
    CHECK(sign_in(s, "sara").session["user"]["role"] == "sales_all");
    CHECK(sign_in(s, "ochir").session["user"]["role"] == "sales_own");
}

TEST_CASE("user fields are checked: password rules, roles, duplicates, references") {
    TestServer s;
    s.login();
    auto post = [&](json body) { return post_json(s.client, "/api/v1/users", body); };
    json base = {{"login", "nomin"}, {"name", "Номин"}, {"role", "sales_own"}, {"password", cyrillic_user_password}};

    // Nine Cyrillic characters are eighteen bytes: still too short.
    json b = base;
    b["password"] = "өөөөүүүүө";
    auto r = post(b);
    CHECK(r->status == 422);
    CHECK(body_of(r)["error"]["field"] == "password");
    CHECK(body_of(r)["error"]["details"][0]["key"] == "error.password_too_short");

    b = base;
    b["login"] = "nomin-login-long";
    b["password"] = "nomin-login-long";
    r = post(b);
    CHECK(r->status == 422);
    CHECK(body_of(r)["error"]["details"][0]["key"] == "error.password_is_login");

    b = base;
    b["role"] = "kiosk";  // kiosks are tokens, never users
    CHECK(post(b)->status == 422);
    b = base;
    b["login"] = "has space";
    CHECK(post(b)->status == 422);
    b = base;
    b["email"] = "not-an-email";
    CHECK(post(b)->status == 422);
    b = base;
    b["tz"] = "../../etc/passwd";
    CHECK(post(b)->status == 422);
    b = base;
    b["team_ids"] = {4242};
    r = post(b);
    CHECK(r->status == 422);
    CHECK(body_of(r)["error"]["field"] == "team_ids");
    b = base;
    b.erase("password");
    CHECK(post(b)->status == 422);

    CHECK(post(base)->status == 201);
    r = post(base);
    CHECK(r->status == 409);
    CHECK(body_of(r)["error"]["field"] == "login");
    CHECK(scalar(s, "SELECT count(*) FROM users") == 2);
}

TEST_CASE("changing a user: role, teams, language; unknown fields and passwords are refused; changes are logged") {
    TestServer s;
    s.login();
    int64_t t1 = insert_team(s, "Хойд"), t2 = insert_team(s, "Төв");
    auto u = create_user(s, "tuya", "sales_own", {{"team_ids", {t1}}});
    std::string path = "/api/v1/users/" + std::to_string(u["id"].get<int64_t>());

    auto r = patch_json(s.client, path, {{"role", "sales_all"}, {"team_ids", {t1, t2}}, {"lang", "mn"}, {"name", "Туяа Өнөр"}});
    REQUIRE(r);
    CHECK(r->status == 200);
    auto j = body_of(r);
    CHECK(j["role"] == "sales_all");
    CHECK(j["team_ids"] == json::array({t1, t2}));
    CHECK(j["lang"] == "mn");
    CHECK(j["name"] == "Туяа Өнөр");

    r = patch_json(s.client, path, {{"team_ids", json::array({t2})}});
    CHECK(body_of(r)["team_ids"] == json::array({t2}));

    CHECK(patch_json(s.client, path, {{"password", "a-new-password-123"}})->status == 422);
    CHECK(patch_json(s.client, path, {{"is_admin", true}})->status == 422);
    CHECK(patch_json(s.client, path, {{"login", "admin"}})->status == 409);
    CHECK(patch_json(s.client, "/api/v1/users/999", {{"name", "x"}})->status == 404);

    auto ev = body_of(s.client.Get("/api/v1/security/events?kind=role_changed"))["items"];
    REQUIRE(ev.size() == 1);
    CHECK(ev[0]["detail"] == "sales_own -> sales_all");
    CHECK(ev[0]["user_id"] == u["id"]);
    CHECK(ev[0]["actor_id"] == 1);
}

TEST_CASE("deactivating a user ends their sessions and refuses their sign-in; the last administrator stays") {
    TestServer s;
    s.login();
    auto u = create_user(s, "gerel", "sales_all");
    auto gerel = sign_in(s, "gerel");
    CHECK(gerel.client->Get("/api/v1/session/me")->status == 200);

    std::string path = "/api/v1/users/" + std::to_string(u["id"].get<int64_t>());
    auto r = s.client.Post((path + "/deactivate").c_str(), "", "application/json");
    REQUIRE(r);
    CHECK(r->status == 200);
    CHECK(body_of(r)["active"] == false);
    CHECK(gerel.client->Get("/api/v1/session/me")->status == 401);
    r = post_json(s.client, "/api/v1/session/login", {{"login", "gerel"}, {"password", cyrillic_user_password}});
    CHECK(r->status == 401);

    // Back to active: signs in again.
    CHECK(patch_json(s.client, path, {{"active", true}})->status == 200);
    CHECK(sign_in(s, "gerel").session["user"]["login"] == "gerel");

    // The only administrator can be neither demoted nor deactivated.
    r = patch_json(s.client, "/api/v1/users/1", {{"role", "manager"}});
    CHECK(r->status == 409);
    CHECK(s.client.Post("/api/v1/users/1/deactivate", "", "application/json")->status == 409);
    // With a second administrator it works.
    create_user(s, "admin2", "admin");
    CHECK(patch_json(s.client, "/api/v1/users/1", {{"role", "manager"}})->status == 200);
}

TEST_CASE("an administrator sets a password: old one stops working, the user's sessions end, the lock lifts") {
    TestServer s;
    s.login();
    auto u = create_user(s, "saraa", "sales_own");
    auto saraa = sign_in(s, "saraa");
    std::string path = "/api/v1/users/" + std::to_string(u["id"].get<int64_t>()) + "/password";

    CHECK(post_json(s.client, path, {{"password", "short"}})->status == 422);
    CHECK(post_json(s.client, path, {{"password", "saraa"}})->status == 422);
    auto r = post_json(s.client, path, {{"password", "Шинэ нууц үг 2025"}});
    REQUIRE(r);
    CHECK(r->status == 204);
    CHECK(saraa.client->Get("/api/v1/session/me")->status == 401);
    CHECK(post_json(s.client, "/api/v1/session/login", {{"login", "saraa"}, {"password", cyrillic_user_password}})->status == 401);
    CHECK(sign_in(s, "saraa", "Шинэ нууц үг 2025").session["user"]["login"] == "saraa");
    CHECK(scalar(s, "SELECT count(*) FROM security_events WHERE kind = 'password_set'") == 1);
}

TEST_CASE("users change their own password (old one required) and their language and time zone") {
    TestServer s;
    s.login();
    create_user(s, "bold", "sales_own");
    auto bold = sign_in(s, "bold");
    auto other = sign_in(s, "bold");  // a second browser

    auto r = post_json(*bold.client, "/api/v1/account/password", {{"old_password", "wrong-password-1"}, {"new_password", "Болд-ын шинэ үг"}});
    CHECK(r->status == 422);
    CHECK(body_of(r)["error"]["field"] == "old_password");
    r = post_json(*bold.client, "/api/v1/account/password", {{"old_password", cyrillic_user_password}, {"new_password", "bold"}});
    CHECK(r->status == 422);
    CHECK(body_of(r)["error"]["field"] == "new_password");
    r = post_json(*bold.client, "/api/v1/account/password", {{"old_password", cyrillic_user_password}, {"new_password", "Болд-ын шинэ үг"}});
    CHECK(r->status == 204);
    CHECK(bold.client->Get("/api/v1/session/me")->status == 200);   // this session stays
    CHECK(other.client->Get("/api/v1/session/me")->status == 401);  // the others end
    sign_in(s, "bold", "Болд-ын шинэ үг");

    r = patch_json(*bold.client, "/api/v1/account", {{"lang", "mn"}, {"tz", "Asia/Choibalsan"}});
    REQUIRE(r);
    CHECK(r->status == 200);
    CHECK(body_of(r)["lang"] == "mn");
    CHECK(body_of(r)["tz"] == "Asia/Choibalsan");
    CHECK(body_of(bold.client->Get("/api/v1/account"))["lang"] == "mn");
    CHECK(patch_json(*bold.client, "/api/v1/account", {{"lang", "fr"}})->status == 422);
    CHECK(patch_json(*bold.client, "/api/v1/account", {{"role", "admin"}})->status == 422);
    CHECK(body_of(bold.client->Get("/api/v1/account"))["role"] == "sales_own");
}

TEST_CASE("every signed-in user may read the user directory, but not the users list") {
    TestServer s;
    s.login();
    create_user(s, "oyun", "sales_own");
    auto oyun = sign_in(s, "oyun");
    auto r = oyun.client->Get("/api/v1/users/directory");
    REQUIRE(r);
    CHECK(r->status == 200);
    auto items = body_of(r)["items"];
    CHECK(items.size() == 2);
    CHECK(items[0].contains("email") == false);
    CHECK(oyun.client->Get("/api/v1/users")->status == 403);
}

TEST_CASE("passwords are stored only as Argon2id hashes") {
    TestServer s;
    s.login();
    create_user(s, "hash", "sales_own");
    auto hash = s.app->db().reader().prepare_uncached("SELECT password_hash FROM users WHERE login = 'hash'");
    REQUIRE(hash.step());
    std::string stored = hash.get_text(0);
    CHECK(stored.rfind("$argon2id$", 0) == 0);
    CHECK(stored.find(cyrillic_user_password) == std::string::npos);
    CHECK(tumen::server::AuthService::verify_password(stored, cyrillic_user_password));
    CHECK_FALSE(tumen::server::AuthService::verify_password(stored, std::string(cyrillic_user_password) + "x"));
    // Two hashes of one password differ (random salt).
    CHECK(tumen::server::AuthService::hash_password("same-password-1") != tumen::server::AuthService::hash_password("same-password-1"));
}

TEST_CASE("the server hashes with libsodium's interactive Argon2id cost (the tests lower it for speed)") {
    using namespace tumen::server;
    const PasswordHashCost test_cost = password_hash_cost();
    set_password_hash_cost(PasswordHashCost::interactive);
    const std::string hash = AuthService::hash_password("Нууц-үг-2026");
    set_password_hash_cost(test_cost);
    // $argon2id$v=19$m=<KiB>,t=<passes>,p=1$...: 64 MiB and 2 passes.
    CHECK(hash.find("$m=65536,t=2,") != std::string::npos);
    CHECK(AuthService::verify_password(hash, "Нууц-үг-2026"));
    // A hash made at the tests' cost still verifies: the cost travels inside the hash.
    CHECK(AuthService::verify_password(AuthService::hash_password("Нууц-үг-2026"), "Нууц-үг-2026"));
}
