// The security event log: sign-ins, failures, lockouts, role and password changes, keys and tokens.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace tumen::store {

struct SecurityEvent {
    int64_t id = 0, at = 0;
    std::string kind;                 // e.g. login, login_failed, lockout, role_changed, api_key_created
    std::optional<int64_t> user_id;   // the account concerned
    std::string login;                // as typed (failures of unknown logins have no user_id)
    std::optional<int64_t> actor_id;  // who did it, when someone else than the account
    std::string client_addr, detail;
};

void log_security_event(Connection& c, const SecurityEvent& e);
// Newest first; `before_id` 0 = from the newest; `kind` empty = all kinds.
std::vector<SecurityEvent> list_security_events(Connection& c, int64_t before_id, int limit, std::optional<int64_t> user_id,
                                                const std::string& kind);

}  // namespace tumen::store
