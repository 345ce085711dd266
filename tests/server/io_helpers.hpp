// Helpers for the import, export, attachment and backup tests: a signed-in client that can send CSV and
// multipart bodies, polling an import job to its end, and a few database peeks.
#pragma once
#include <doctest/doctest.h>
#include <httplib.h>

#include <chrono>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "test_server.hpp"

namespace tumen::testing {

inline const char* io_password = "Өглөө-Үүр-цайх-2026";

struct IoSession {
    std::unique_ptr<httplib::Client> client;

    IoSession(int port, const std::string& login, const std::string& password)
        : client(std::make_unique<httplib::Client>("127.0.0.1", port)) {
        client->set_read_timeout(60, 0);
        client->set_write_timeout(60, 0);
        auto r = client->Post("/api/v1/session/login", nlohmann::json({{"login", login}, {"password", password}}).dump(),
                              "application/json");
        REQUIRE(r);
        REQUIRE_MESSAGE(r->status == 200, r->body);
        auto cookie = r->get_header_value("Set-Cookie");
        std::string csrf = nlohmann::json::parse(r->body)["csrf_token"];
        client->set_default_headers({{"Cookie", cookie.substr(0, cookie.find(';'))}, {"X-CSRF-Token", csrf}});
    }
    explicit IoSession(TestServer& s) : IoSession(s.app->port(), "admin", admin_password) {}

    httplib::Result get(const std::string& path) { return client->Get(path); }
    httplib::Result post_json(const std::string& path, const nlohmann::json& body) {
        return client->Post(path, body.dump(), "application/json");
    }
    httplib::Result post_csv(const std::string& path, const std::string& csv) { return client->Post(path, csv, "text/csv"); }
    httplib::Result post_multipart(const std::string& path, const httplib::MultipartFormDataItems& items) {
        return client->Post(path, items);
    }
    httplib::Result del(const std::string& path) { return client->Delete(path); }
};

inline nlohmann::json json_of(const httplib::Result& r) {
    REQUIRE(r);
    return nlohmann::json::parse(r->body, nullptr, false);
}

inline std::string url_encode(const std::string& s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') out += static_cast<char>(c);
        else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

inline std::string with_query(const std::string& path, const std::map<std::string, std::string>& params) {
    std::string out = path;
    char sep = '?';
    for (const auto& [k, v] : params) {
        out += sep + url_encode(k) + "=" + url_encode(v);
        sep = '&';
    }
    return out;
}

// Polls GET /api/v1/imports/{id} until the job has ended.
inline nlohmann::json wait_job(IoSession& s, int64_t id, int timeout_seconds = 60) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
    for (;;) {
        auto r = s.get("/api/v1/imports/" + std::to_string(id));
        REQUIRE(r);
        REQUIRE_MESSAGE(r->status == 200, r->body);
        auto j = nlohmann::json::parse(r->body);
        const std::string state = j["state"];
        if (state != "queued" && state != "running") return j;
        REQUIRE_MESSAGE(std::chrono::steady_clock::now() < until, (std::string("import job did not end: ") + r->body));
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

// Starts an import of `csv` with `params` and waits for it to end.
inline nlohmann::json import_csv(IoSession& s, const std::string& csv, const std::map<std::string, std::string>& params = {}) {
    auto r = s.post_csv(with_query("/api/v1/imports", params), csv);
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 202, r->body);
    return wait_job(s, nlohmann::json::parse(r->body)["id"].get<int64_t>());
}

inline int64_t count_rows(TestServer& s, const std::string& sql) {
    return s.app->db().reader().prepare_uncached(sql).scalar_int();
}

// Creates a user through the users API as the administrator session `admin`.
inline int64_t make_user(IoSession& admin, const std::string& login, const std::string& role,
                         nlohmann::json extra = nlohmann::json::object()) {
    nlohmann::json body = {{"login", login}, {"name", "Хэрэглэгч " + login}, {"role", role}, {"password", io_password}};
    for (auto& [k, v] : extra.items()) body[k] = v;
    auto r = admin.post_json("/api/v1/users", body);
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 201, r->body);
    return nlohmann::json::parse(r->body)["id"].get<int64_t>();
}

}  // namespace tumen::testing
