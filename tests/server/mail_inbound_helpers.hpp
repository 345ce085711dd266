// Helpers for the inbound mail tests: a seeded test server with two aliased teams, an administrator's API key
// (what the mailgate uses), the raw messages of tests/data/mail, and posting them over HTTP.
#pragma once
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "auth_helpers.hpp"

namespace tumen::testing {

inline std::string mail_file(const std::string& name) {
    std::ifstream in(std::string(TUMEN_MAIL_DATA_DIR) + "/" + name, std::ios::binary);
    REQUIRE_MESSAGE(in, "missing test message " << name);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

inline std::string replace_all(std::string s, const std::string& from, const std::string& to) {
    for (auto pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size())) s.replace(pos, from.size(), to);
    return s;
}

struct InboundWorld {
    TestServer server{[](server::Config& c) { c.seed_reference = true; }};  // stages, as a real first start
    int64_t sales_team = 0, support_team = 0;
    std::string key;  // an administrator's API key
    httplib::Client gate;

    InboundWorld() : gate("127.0.0.1", server.app->port()) {
        server.login();
        sales_team = team("Борлуулалт", "sales");
        support_team = team("Дэмжлэг", "support");
        auto k = post_json(server.client, "/api/v1/api-keys", {{"name", "mailgate"}});
        REQUIRE(k);
        REQUIRE_MESSAGE(k->status == 201, k->body);
        key = body_of(k)["key"].get<std::string>();
        gate.set_read_timeout(10, 0);
        gate.set_default_headers({{"Authorization", "Bearer " + key}});
    }

    int64_t team(const std::string& name, const std::string& alias) {
        auto r = post_json(server.client, "/api/v1/teams", {{"name", name}, {"alias", alias}});
        REQUIRE(r);
        REQUIRE_MESSAGE(r->status == 201, r->body);
        return body_of(r)["id"].get<int64_t>();
    }

    // POST /api/v1/mail/inbound with the raw message.
    httplib::Result post(const std::string& raw, const std::string& channel = "http") {
        return gate.Post("/api/v1/mail/inbound?channel=" + channel, raw, "message/rfc822");
    }
    nlohmann::json take(const std::string& raw, int expected_status) {
        auto r = post(raw);
        REQUIRE(r);
        REQUIRE_MESSAGE(r->status == expected_status, r->body);
        return body_of(r);
    }

    nlohmann::json lead(int64_t id) {
        auto r = server.client.Get("/api/v1/leads/" + std::to_string(id));
        REQUIRE(r);
        REQUIRE_MESSAGE(r->status == 200, r->body);
        return body_of(r);
    }
    nlohmann::json messages(int64_t lead_id) {
        auto r = server.client.Get("/api/v1/leads/" + std::to_string(lead_id) + "/messages");
        REQUIRE(r);
        REQUIRE(r->status == 200);
        return body_of(r)["items"];
    }
    // The e-mail messages of a lead's chatter, newest first.
    std::vector<nlohmann::json> emails(int64_t lead_id) {
        std::vector<nlohmann::json> out;
        for (const auto& m : messages(lead_id))
            if (m["kind"] == "email") out.push_back(m);
        return out;
    }
    nlohmann::json channel(const std::string& name) {
        auto r = server.client.Get("/api/v1/mail/channels");
        REQUIRE(r);
        REQUIRE_MESSAGE(r->status == 200, r->body);
        const auto all = body_of(r);  // kept alive: ranging over a temporary's ["items"] would dangle
        for (const auto& ch : all["items"])
            if (ch["name"] == name) return ch;
        return nullptr;
    }
    int64_t count(const std::string& sql) { return scalar(server, sql); }
};

}  // namespace tumen::testing
