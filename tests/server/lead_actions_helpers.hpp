// Helpers for the duplicates, convert, merge and bulk tests: a seeded server, leads and contacts made over the
// API, and small readers of the results.
#pragma once
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "api_session.hpp"
#include "io_helpers.hpp"

namespace tumen::testing {

inline std::string lead_path(int64_t id, const std::string& tail = "") { return "/api/v1/leads/" + std::to_string(id) + tail; }

inline nlohmann::json make_lead(ApiSession& s, const nlohmann::json& body) {
    auto r = s.post("/api/v1/leads", body);
    REQUIRE_MESSAGE(r.status == 201, r.body.dump());
    return r.body;
}

inline int64_t make_contact(ApiSession& s, const nlohmann::json& body) {
    auto r = s.post("/api/v1/contacts", body);
    REQUIRE_MESSAGE(r.status == 201, r.body.dump());
    return r.body["id"].get<int64_t>();
}

inline nlohmann::json read_lead(ApiSession& s, int64_t id) {
    auto r = s.get(lead_path(id));
    REQUIRE_MESSAGE(r.status == 200, r.body.dump());
    return r.body;
}

inline void add_note(ApiSession& s, int64_t id, const std::string& text) {
    auto r = s.post(lead_path(id, "/messages"), {{"body", text}});
    REQUIRE_MESSAGE(r.status == 201, r.body.dump());
}

// Bodies of the lead's chatter messages, newest first.
inline std::vector<std::string> chatter_bodies(ApiSession& s, int64_t id) {
    auto r = s.get(lead_path(id, "/messages?limit=200"));
    REQUIRE_MESSAGE(r.status == 200, r.body.dump());
    std::vector<std::string> out;
    for (const auto& m : r.body["items"]) out.push_back(m["body"].get<std::string>());
    return out;
}

// Fields named by the tracking messages of the lead's chatter.
inline std::vector<std::string> tracked_fields(ApiSession& s, int64_t id) {
    auto r = s.get(lead_path(id, "/messages?limit=200"));
    REQUIRE(r.status == 200);
    std::vector<std::string> out;
    for (const auto& m : r.body["items"])
        for (const auto& t : m.value("tracking_values", nlohmann::json::array())) out.push_back(t["field"].get<std::string>());
    return out;
}

inline bool contains(const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

inline bool has_substring(const std::vector<std::string>& v, const std::string& x) {
    return std::any_of(v.begin(), v.end(), [&](const std::string& s) { return s.find(x) != std::string::npos; });
}

// The duplicate item of `id` in a {"items": [...]} list, or null.
inline nlohmann::json item_of(const nlohmann::json& items, int64_t id) {
    for (const auto& i : items)
        if (i["id"] == id) return i;
    return nullptr;
}

}  // namespace tumen::testing
