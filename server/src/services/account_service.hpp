// What signed-in users do to their own account: see it, change language and time zone, change the password
// (old one required), list and end their sessions ("log out everywhere"), and turn the TOTP second factor on or off.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "caller.hpp"
#include "services/auth_service.hpp"
#include "store/database.hpp"
#include "tumen/error.hpp"

namespace tumen::server {

class AccountService {
public:
    AccountService(store::Database& db, AuthService& auth) : db_(db), auth_(auth) {}

    Result<nlohmann::json> profile(const Caller& caller);
    Result<nlohmann::json> update_profile(const Caller& caller, const nlohmann::json& body);
    // {old_password, new_password}; ends the user's other sessions.
    Result<bool> change_password(const Caller& caller, const nlohmann::json& body, const std::string& client_addr);

    nlohmann::json sessions(const Caller& caller);
    Result<bool> revoke_session(const Caller& caller, int64_t session_id, const std::string& client_addr);
    // Ends every other session of the user, and this one too unless `keep_current`. Returns how many ended.
    int revoke_all_sessions(const Caller& caller, bool keep_current, const std::string& client_addr);

    Result<TotpSetup> totp_setup(const Caller& caller);
    // {code}: turns TOTP on and returns the recovery codes (shown once).
    Result<std::vector<std::string>> totp_enable(const Caller& caller, const nlohmann::json& body, const std::string& client_addr);
    // {password}
    Result<bool> totp_disable(const Caller& caller, const nlohmann::json& body, const std::string& client_addr);
    // {password}: replaces the recovery codes.
    Result<std::vector<std::string>> new_recovery_codes(const Caller& caller, const nlohmann::json& body,
                                                        const std::string& client_addr);

private:
    Result<bool> confirm(const Caller& caller, const nlohmann::json& body, const char* field, const std::string& client_addr);
    void log(const Caller& caller, const std::string& kind, const std::string& client_addr, const std::string& detail = {});
    store::Database& db_;
    AuthService& auth_;
};

}  // namespace tumen::server
