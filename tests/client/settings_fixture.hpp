// The app signed in and opened on a settings section, against the fake transport: what every Settings view-model
// test starts from. reply() answers one pending request wherever it sits in the queue.
#pragma once
#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>

#include "fakes.hpp"
#include "state/app_state.hpp"

namespace tumen::client::testing {

struct SettingsFixture {
    FakeTransport net;
    FakeHost host;
    AppState app{net, host};
    // What the section's lookups answer (teams and the user directory), when it asks for them.
    std::string teams_reply = R"({"items":[]})";
    std::string users_reply = R"({"items":[]})";

    void sign_in(const std::string& role = "admin", const std::string& hash = "#/settings") {
        host.history = {hash};
        app.start(hash, "en-US", "");
        net.answer(200, nlohmann::json{{"user", {{"id", 1}, {"login", "admin"}, {"name", "Админ"}, {"role", role}}},
                                       {"csrf_token", "csrf-1"}}
                            .dump());
    }

    bool has(const std::string& method, const std::string& path) const {
        return std::any_of(net.pending.begin(), net.pending.end(),
                           [&](const auto& p) { return p.request.method == method && p.request.path == path; });
    }

    // Answers the pending request `method path`; returns what was sent.
    HttpRequest reply(const std::string& method, const std::string& path, int status, const std::string& body = {}) {
        auto it = std::find_if(net.pending.begin(), net.pending.end(),
                               [&](const auto& p) { return p.request.method == method && p.request.path == path; });
        REQUIRE_MESSAGE(it != net.pending.end(), std::string(method + " " + path + " was not asked"));
        auto p = std::move(*it);
        net.pending.erase(it);
        p.done(HttpResponse{status, body});
        return p.request;
    }

    // Opens #/settings/<section> as the view does each frame, answering /account with `role`.
    void open(const std::string& section, const std::string& role = "admin") {
        app.navigate(Route::settings(section));
        app.settings().open(section);
        if (has("GET", "/api/v1/account"))
            reply("GET", "/api/v1/account", 200,
                  nlohmann::json{{"id", 1}, {"login", "admin"}, {"name", "Админ"}, {"role", role}, {"totp_enabled", false},
                                 {"recovery_codes_left", 0}}
                      .dump());
        app.settings().open(section);
        if (has("GET", "/api/v1/teams?active=all")) reply("GET", "/api/v1/teams?active=all", 200, teams_reply);
        if (has("GET", "/api/v1/users/directory")) reply("GET", "/api/v1/users/directory", 200, users_reply);
    }
};

}  // namespace tumen::client::testing
