// A real server for one test: temp data dir, free port, the App that production runs, and a client.
#pragma once
#include <httplib.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "app.hpp"

namespace tumen::testing {

inline std::filesystem::path make_temp_dir(const std::string& prefix) {
    std::random_device rd;
    auto dir = std::filesystem::temp_directory_path() / (prefix + "-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(dir);
    return dir;
}

inline const char* admin_password = "test-admin-password";

struct TestServer {
    std::filesystem::path dir;
    std::unique_ptr<server::App> app;
    httplib::Client client;
    std::string csrf;

    static server::Config default_config(const std::filesystem::path& dir) {
        server::Config c;
        c.port = 0;
        c.data_dir = (dir / "data").string();
        c.web_root = (dir / "web").string();
        c.quiet = true;
        c.demo_data = false;
        c.seed_reference = false;  // tests start from an empty pipeline unless they ask (reference_*_test.cpp do)
        c.threads = 8;
        c.admin_password = admin_password;
        return c;
    }

    explicit TestServer(std::function<void(server::Config&)> tweak = {})
        : dir(make_temp_dir("tumen-test")), app(make(dir, tweak)), client("127.0.0.1", app->port()) {
        client.set_read_timeout(10, 0);
    }
    ~TestServer() {
        app.reset();
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }

    static std::unique_ptr<server::App> make(const std::filesystem::path& dir, const std::function<void(server::Config&)>& tweak) {
        std::filesystem::create_directories(dir / "web");
        auto cfg = default_config(dir);
        if (tweak) tweak(cfg);
        auto a = std::make_unique<server::App>(cfg);
        a->initialise();
        a->start();
        return a;
    }

    // Signs in as admin; later requests carry the session cookie and the CSRF header.
    void login(const std::string& login = "admin", const std::string& password = admin_password) {
        auto r = client.Post("/api/v1/session/login",
                             nlohmann::json({{"login", login}, {"password", password}}).dump(), "application/json");
        if (!r || r->status != 200) throw std::runtime_error("login failed");
        auto cookie = r->get_header_value("Set-Cookie");
        std::string token = cookie.substr(0, cookie.find(';'));
        csrf = nlohmann::json::parse(r->body)["csrf_token"];
        client.set_default_headers({{"Cookie", token}, {"X-CSRF-Token", csrf}});
    }

    static nlohmann::json body(const httplib::Result& r) { return nlohmann::json::parse(r->body); }
};

}  // namespace tumen::testing
