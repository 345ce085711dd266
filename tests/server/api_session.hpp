// A signed-in API session for integration tests: JSON in, (status, JSON) out, with the session cookie and CSRF
// header of its own user, so one test can act as an administrator and as a salesperson side by side.
#pragma once
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <algorithm>
#include <stdexcept>
#include <vector>
#include <string>

#include "test_server.hpp"

namespace tumen::testing {

struct ApiReply {
    int status = 0;
    nlohmann::json body;
    const nlohmann::json& error() const { return body.at("error"); }
};

class ApiSession {
public:
    ApiSession(int port, const std::string& login, const std::string& password) : client_("127.0.0.1", port) {
        client_.set_read_timeout(10, 0);
        auto r = client_.Post("/api/v1/session/login", nlohmann::json({{"login", login}, {"password", password}}).dump(),
                              "application/json");
        if (!r || r->status != 200)
            throw std::runtime_error("login failed for " + login + ": " + (r ? std::to_string(r->status) + " " + r->body : httplib::to_string(r.error())));
        auto cookie = r->get_header_value("Set-Cookie");
        std::string csrf = nlohmann::json::parse(r->body)["csrf_token"];
        client_.set_default_headers({{"Cookie", cookie.substr(0, cookie.find(';'))}, {"X-CSRF-Token", csrf}});
    }
    // The administrator of a TestServer.
    explicit ApiSession(TestServer& s) : ApiSession(s.app->port(), "admin", admin_password) {}

    ApiReply get(const std::string& path) { return wrap(client_.Get(path)); }
    ApiReply post(const std::string& path, const nlohmann::json& body) {
        return wrap(client_.Post(path, body.dump(), "application/json"));
    }
    ApiReply patch(const std::string& path, const nlohmann::json& body) {
        return wrap(client_.Patch(path, body.dump(), "application/json"));
    }
    ApiReply put(const std::string& path, const nlohmann::json& body) {
        return wrap(client_.Put(path, body.dump(), "application/json"));
    }
    ApiReply del(const std::string& path) { return wrap(client_.Delete(path)); }
    ApiReply raw_post(const std::string& path, const std::string& body) {
        return wrap(client_.Post(path, body, "application/json"));
    }

private:
    static ApiReply wrap(const httplib::Result& r) {
        if (!r) throw std::runtime_error("no HTTP response");
        ApiReply out;
        out.status = r->status;
        if (!r->body.empty()) out.body = nlohmann::json::parse(r->body, nullptr, false);
        return out;
    }
    httplib::Client client_;
};

// TestServer tweak: seed the default reference data (stages, lost reasons, tags ...) as a real first start does.
inline void seeded(server::Config& c) { c.seed_reference = true; }

inline const char* user_password = "a-long-enough-password";

// Creates a user through the users API (as `admin`) and returns its id.
inline int64_t create_user(ApiSession& admin, const std::string& login, const std::string& role,
                           const std::string& name = "Test User") {
    auto r = admin.post("/api/v1/users", {{"login", login}, {"name", name}, {"role", role}, {"password", user_password}});
    if (r.status != 201) throw std::runtime_error("cannot create user " + login + ": " + r.body.dump());
    return r.body["id"].get<int64_t>();
}

// Every field name listed in a 422 error's details.
inline std::vector<std::string> error_fields(const ApiReply& r) {
    std::vector<std::string> out;
    for (const auto& d : r.body["error"]["details"])
        if (d.contains("field") && d["field"].is_string()) out.push_back(d["field"].get<std::string>());
    return out;
}

inline bool names_field(const ApiReply& r, const std::string& field) {
    auto fields = error_fields(r);
    const auto& f = r.body["error"]["field"];
    return (f.is_string() && f.get<std::string>() == field) || std::find(fields.begin(), fields.end(), field) != fields.end();
}

}  // namespace tumen::testing
