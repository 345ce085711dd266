// Administrators manage users: list, create, change (role, teams, language, active ...), deactivate, set a password,
// turn off a lost second factor. Every change is logged as a security event. The last active administrator
// can be neither demoted nor deactivated, so the installation can never lock itself out.
#pragma once
#include <nlohmann/json.hpp>

#include "caller.hpp"
#include "store/database.hpp"
#include "store/user_admin.hpp"
#include "tumen/error.hpp"

namespace tumen::server {

class UsersService {
public:
    explicit UsersService(store::Database& db) : db_(db) {}

    nlohmann::json list();
    Result<nlohmann::json> get(int64_t id);
    Result<nlohmann::json> create(const Caller& admin, const nlohmann::json& body, const std::string& client_addr);
    Result<nlohmann::json> update(const Caller& admin, int64_t id, const nlohmann::json& body, const std::string& client_addr);
    Result<nlohmann::json> deactivate(const Caller& admin, int64_t id, const std::string& client_addr);
    Result<bool> set_password(const Caller& admin, int64_t id, const nlohmann::json& body, const std::string& client_addr);
    Result<bool> reset_totp(const Caller& admin, int64_t id, const std::string& client_addr);
    // Colleagues' names for pickers; any signed-in user.
    nlohmann::json directory();

    static nlohmann::json to_json(const store::UserRecord& u);

private:
    // Checks references (teams, partner) and uniqueness; adds to `fe`.
    void check_references(const nlohmann::json& body, int64_t user_id, FieldErrors& fe, bool& login_conflict);
    store::Database& db_;
};

}  // namespace tumen::server
