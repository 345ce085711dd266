// Helpers for the account and security tests: users made through the admin API, and clients signed in as them.
#pragma once
#include <doctest/doctest.h>

#include <memory>

#include "services/auth_service.hpp"
#include "test_server.hpp"

namespace tumen::testing {

// Mongolian Cyrillic with Ө ө Ү ү: passwords are counted in characters, not bytes.
inline const char* cyrillic_user_password = "Өглөөний-Үүр-цайх-2024";

// A client of the test server carrying one user's session cookie and CSRF header.
struct SignedIn {
    std::unique_ptr<httplib::Client> client;
    std::string cookie;  // "tumen_session=..."
    std::string csrf;
    nlohmann::json session;
};

inline std::string cookie_of(const httplib::Result& r) {
    auto set = r->get_header_value("Set-Cookie");
    return set.substr(0, set.find(';'));
}

inline httplib::Result post_json(httplib::Client& c, const std::string& path, const nlohmann::json& body) {
    return c.Post(path, body.dump(), "application/json");
}

inline httplib::Result patch_json(httplib::Client& c, const std::string& path, const nlohmann::json& body) {
    return c.Patch(path, body.dump(), "application/json");
}

inline SignedIn sign_in(TestServer& s, const std::string& login, const std::string& password = cyrillic_user_password) {
    SignedIn out;
    out.client = std::make_unique<httplib::Client>("127.0.0.1", s.app->port());
    out.client->set_read_timeout(10, 0);
    auto r = post_json(*out.client, "/api/v1/session/login", {{"login", login}, {"password", password}});
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 200, r->body);
    out.cookie = cookie_of(r);
    out.session = nlohmann::json::parse(r->body);
    out.csrf = out.session["csrf_token"];
    out.client->set_default_headers({{"Cookie", out.cookie}, {"X-CSRF-Token", out.csrf}});
    return out;
}

// Creates a user through POST /api/v1/users as the signed-in administrator of `s`; returns the new user.
inline nlohmann::json create_user(TestServer& s, const std::string& login, const std::string& role,
                                  nlohmann::json extra = nlohmann::json::object()) {
    nlohmann::json body = {{"login", login}, {"name", "Хэрэглэгч " + login}, {"role", role}, {"password", cyrillic_user_password}};
    for (auto& [k, v] : extra.items()) body[k] = v;
    auto r = post_json(s.client, "/api/v1/users", body);
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 201, r->body);
    return nlohmann::json::parse(r->body);
}

// A team row straight in the database (the teams API belongs to the CRM issue).
inline int64_t insert_team(TestServer& s, const std::string& name) {
    return s.app->db().write([&](store::Connection& c) {
        c.prepare_uncached("INSERT INTO teams(name) VALUES (?)").bind(1, name).run();
        return c.last_insert_id();
    });
}

inline int64_t scalar(TestServer& s, const std::string& sql) {
    return s.app->db().reader().prepare_uncached(sql).scalar_int();
}

inline nlohmann::json body_of(const httplib::Result& r) { return nlohmann::json::parse(r->body); }

}  // namespace tumen::testing
