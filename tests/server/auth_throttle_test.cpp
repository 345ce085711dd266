// Brute force over real HTTP: account and address locks with doubling lengths, what administrators see and lift,
// and sign-in timing that does not tell whether a login exists.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>

#include "auth_helpers.hpp"
#include "services/password_cost.hpp"

using namespace tumen::testing;
using nlohmann::json;
using tumen::server::unix_now;

namespace {

httplib::Result try_login(httplib::Client& c, const std::string& login, const std::string& password) {
    return post_json(c, "/api/v1/session/login", {{"login", login}, {"password", password}});
}

// Makes an existing lock run out, as if its time had passed.
void expire_locks(TestServer& s) {
    s.app->db().write([](tumen::store::Connection& c) {
        c.prepare_uncached("UPDATE login_throttle SET locked_until = ?").bind(1, unix_now() - 1).run();
    });
}

}  // namespace

TEST_CASE("five wrong passwords lock the account with a clear message; the administrator sees and lifts the lock") {
    TestServer s;
    s.login();
    create_user(s, "naraa", "sales_own");
    httplib::Client c("127.0.0.1", s.app->port());

    for (int i = 1; i <= 4; ++i) {
        auto r = try_login(c, "naraa", "wrong-password-" + std::to_string(i));
        REQUIRE(r);
        CHECK(r->status == 401);
    }
    auto r = try_login(c, "naraa", "wrong-password-5");
    REQUIRE(r);
    CHECK(r->status == 429);
    auto err = body_of(r)["error"];
    CHECK(err["code"] == "too_many_requests");
    CHECK(err["message"] == "Too many failed sign-ins. Try again in 1 minute.");
    CHECK(err["details"][0]["key"] == "error.login_locked");
    CHECK(err["current"]["retry_after"].get<int>() == 60);
    CHECK(r->get_header_value("Retry-After") == "60");

    // Locked means locked: the right password is refused too, and so is a differently cased login.
    r = try_login(c, "naraa", cyrillic_user_password);
    CHECK(r->status == 429);
    CHECK(try_login(c, " NARAA", cyrillic_user_password)->status == 429);
    CHECK(std::stoi(r->get_header_value("Retry-After")) <= 60);

    auto locks = body_of(s.client.Get("/api/v1/security/locks"))["items"];
    auto it = std::find_if(locks.begin(), locks.end(), [](const json& l) { return l["kind"] == "account"; });
    REQUIRE(it != locks.end());
    CHECK((*it)["key"] == "naraa");
    CHECK((*it)["locked"] == true);
    CHECK((*it)["locks"] == 1);
    auto events = body_of(s.client.Get("/api/v1/security/events?kind=lockout"))["items"];
    REQUIRE(events.size() == 1);
    CHECK(events[0]["login"] == "naraa");
    CHECK(body_of(s.client.Get("/api/v1/security/events?kind=login_failed"))["items"].size() == 5);

    // An administrator lifts it; the right password works again and clears the count.
    CHECK(post_json(s.client, "/api/v1/security/locks/clear", {{"kind", "account"}, {"key", "Naraa"}})->status == 204);
    CHECK(post_json(s.client, "/api/v1/security/locks/clear", {{"kind", "account"}, {"key", "naraa"}})->status == 404);
    CHECK(post_json(s.client, "/api/v1/security/locks/clear", {{"kind", "nonsense"}, {"key", "x"}})->status == 422);
    CHECK(try_login(c, "naraa", cyrillic_user_password)->status == 200);
    CHECK(scalar(s, "SELECT count(*) FROM login_throttle WHERE kind = 'account'") == 0);
    CHECK(scalar(s, "SELECT count(*) FROM security_events WHERE kind = 'lock_cleared'") == 1);
}

TEST_CASE("each further lock lasts twice as long, up to an hour") {
    TestServer s;
    httplib::Client c("127.0.0.1", s.app->port());
    auto lock_after_five = [&] {
        for (int i = 0; i < 4; ++i) try_login(c, "admin", "not-the-password");
        auto r = try_login(c, "admin", "not-the-password");
        REQUIRE(r->status == 429);
        return body_of(r)["error"]["current"]["retry_after"].get<int>();
    };
    CHECK(lock_after_five() == 60);
    expire_locks(s);
    CHECK(lock_after_five() == 120);
    expire_locks(s);
    CHECK(lock_after_five() == 240);
    // After many locks the length stops at one hour.
    s.app->db().write([](tumen::store::Connection& w) {
        w.prepare_uncached("UPDATE login_throttle SET lock_count = 9, locked_until = ?").bind(1, unix_now() - 1).run();
    });
    CHECK(lock_after_five() == 3600);
    // A success after the lock runs out starts the account afresh.
    expire_locks(s);
    CHECK(try_login(c, "admin", admin_password)->status == 200);
    CHECK(scalar(s, "SELECT count(*) FROM login_throttle WHERE kind = 'account'") == 0);
}

TEST_CASE("unknown logins lock exactly like real ones, so locking reveals nothing") {
    TestServer s;
    httplib::Client c("127.0.0.1", s.app->port());
    for (const std::string login : {"admin", "ghost-who-does-not-exist"}) {
        std::vector<int> statuses;
        for (int i = 0; i < 6; ++i) statuses.push_back(try_login(c, login, "guess-" + std::to_string(i))->status);
        CHECK(statuses == std::vector<int>{401, 401, 401, 401, 429, 429});
    }
}

TEST_CASE("many failures from one address lock the address, whatever logins they try") {
    TestServer s;
    s.login();  // the administrator signs in before the attack
    create_user(s, "tsetseg", "sales_own");
    httplib::Client c("127.0.0.1", s.app->port());
    int statuses_401 = 0;
    for (int i = 0; i < 19; ++i)
        if (try_login(c, "user-" + std::to_string(i), "guess")->status == 401) ++statuses_401;
    CHECK(statuses_401 == 19);
    auto r = try_login(c, "user-19", "guess");
    CHECK(r->status == 429);
    CHECK(body_of(r)["error"]["current"]["lock"] == "address");
    // Every account is now refused from this address, with its right password too.
    CHECK(try_login(c, "tsetseg", cyrillic_user_password)->status == 429);

    auto locks = body_of(s.client.Get("/api/v1/security/locks"))["items"];
    bool address_locked = false;
    for (auto& l : locks) address_locked |= l["kind"] == "address" && l["key"] == "127.0.0.1" && l["locked"] == true;
    CHECK(address_locked);
    CHECK(post_json(s.client, "/api/v1/security/locks/clear", {{"kind", "address"}, {"key", "127.0.0.1"}})->status == 204);
    CHECK(try_login(c, "tsetseg", cyrillic_user_password)->status == 200);
}

TEST_CASE("wrong old passwords while signed in count towards the account lock") {
    TestServer s;
    s.login();
    create_user(s, "undral", "sales_all");
    auto u = sign_in(s, "undral");
    std::vector<int> statuses;
    for (int i = 0; i < 5; ++i)
        statuses.push_back(post_json(*u.client, "/api/v1/account/password",
                                     {{"old_password", "guess-" + std::to_string(i)}, {"new_password", "brand-new-password"}})->status);
    CHECK(statuses == std::vector<int>{422, 422, 422, 422, 429});
    CHECK(post_json(*u.client, "/api/v1/account/password", {{"old_password", cyrillic_user_password}, {"new_password", "brand-new-password"}})->status == 429);
}

TEST_CASE("sign-in takes as long for an unknown login as for a wrong password") {
    // At the server's real Argon2id cost (the test binary lowers it elsewhere), restored when the case ends.
    using tumen::server::PasswordHashCost;
    const PasswordHashCost test_cost = tumen::server::password_hash_cost();
    tumen::server::set_password_hash_cost(PasswordHashCost::interactive);
    struct Restore {
        PasswordHashCost cost;
        ~Restore() { tumen::server::set_password_hash_cost(cost); }
    } restore{test_cost};
    TestServer s;
    httplib::Client c("127.0.0.1", s.app->port());
    try_login(c, "warm-up", "warm-up");  // the dummy hash is made on first use
    auto median_ms = [&](const std::string& login) {
        std::vector<double> ms;
        for (int i = 0; i < 3; ++i) {
            auto t0 = std::chrono::steady_clock::now();
            auto r = try_login(c, login, "wrong-" + std::to_string(i));
            ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
            REQUIRE(r->status == 401);
        }
        std::sort(ms.begin(), ms.end());
        return ms[1];
    };
    double known = median_ms("admin"), unknown = median_ms("nobody-here");
    MESSAGE("median sign-in: existing login " << known << " ms, unknown login " << unknown << " ms");
    // Without the dummy hash an unknown login answers in well under a millisecond against tens for Argon2id.
    CHECK(known > 5);
    CHECK(unknown > known * 0.5);
    CHECK(unknown < known * 2.0);
}
