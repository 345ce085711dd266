// Who is making a request, as established by the authenticator: a user's session, a user's API key, or a kiosk
// token. The router checks endpoint access with it; the store's record rules (store/record_rules.hpp) decide
// with it which records exist for this caller.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tumen::server {

struct Caller {
    int64_t user_id = 0;     // 0 for kiosk tokens
    std::string login;
    std::string name;
    std::string role;        // admin | manager | sales_all | sales_own | portal | kiosk
    std::string lang;
    int64_t session_id = 0;  // 0 for API keys and kiosk tokens
    std::string csrf_token;  // expected in X-CSRF-Token for state-changing requests made with a session
    bool via_api_key = false;
    bool read_only = false;  // read-only API keys and every kiosk token
    int64_t token_id = 0;    // the API key or kiosk token used, 0 for sessions
    std::vector<int64_t> team_ids;     // teams the user belongs to; for a kiosk, the team boards it may show
    std::optional<int64_t> partner_id; // portal users: the reseller (contact) they act for
    bool kiosk_leaderboard = false;    // kiosk tokens: may show the leaderboard

    bool is_kiosk() const { return role == "kiosk"; }
};

}  // namespace tumen::server
