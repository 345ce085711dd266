// Helpers of the live-event tests: a server with small stream limits, SSE clients signed in as a user, and leads
// made over the API.
#pragma once
#include <doctest/doctest.h>

#include <memory>

#include "auth_helpers.hpp"
#include "sse_client.hpp"
#include "store/stages.hpp"

namespace tumen::testing {

inline std::unique_ptr<SseClient> open_stream(TestServer& s, const std::string& cookie,
                                              std::vector<std::string> headers = {},
                                              const std::string& path = "/api/v1/events") {
    if (!cookie.empty()) headers.push_back("Cookie: " + cookie);
    return std::make_unique<SseClient>(s.app->port(), path, headers);
}

inline int64_t add_stage(TestServer& s, const std::string& name, int sequence, bool is_won = false) {
    return s.app->db().write([&](store::Connection& c) {
        Stage st;
        st.name = name;
        st.sequence = sequence;
        st.is_won = is_won;
        store::insert_stage(c, st);
        return st.id;
    });
}

inline nlohmann::json new_lead(httplib::Client& c, const nlohmann::json& body) {
    auto r = post_json(c, "/api/v1/leads", body);
    REQUIRE(r);
    REQUIRE_MESSAGE(r->status == 201, r->body);
    return body_of(r);
}

// The next lead event, skipping settings events (a user made with teams logs team_member rows).
inline std::optional<SseEvent> next_lead(SseClient& c, std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    for (;;) {
        auto e = c.next(timeout);
        if (!e || e->event.rfind("lead.", 0) == 0) return e;
    }
}

inline nlohmann::json data_of(const std::optional<SseEvent>& e) {
    REQUIRE(e);
    return nlohmann::json::parse(e->data);
}

}  // namespace tumen::testing
