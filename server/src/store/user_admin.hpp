// Users as administrators manage them: the full record with teams, portal partner and 2FA status, changes,
// team membership, and the facts the authenticator adds to a Caller (teams, partner).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "store/users.hpp"

namespace tumen::store {

struct UserRecord {
    int64_t id = 0;
    std::string login, name, email, role, lang, tz, created_at;
    bool active = true;
    bool totp_enabled = false;
    std::optional<int64_t> partner_id;
    std::vector<int64_t> team_ids;
};

// Only the fields that are set change.
struct UserChanges {
    std::optional<std::string> login, name, email, role, lang, tz;
    std::optional<bool> active;
    std::optional<std::optional<int64_t>> partner_id;  // set to nullopt-inside = clear
    std::optional<std::vector<int64_t>> team_ids;      // the whole membership list
};

std::vector<UserRecord> list_users(Connection& c);  // by login
std::optional<UserRecord> get_user_record(Connection& c, int64_t id);
void update_user(Connection& c, int64_t id, const UserChanges& changes);
bool login_taken(Connection& c, const std::string& login, int64_t except_id = 0);
int64_t count_active_admins(Connection& c);

std::vector<int64_t> user_team_ids(Connection& c, int64_t user_id);
// Adds missing memberships and removes the others; kept rows keep their assignment settings.
void set_user_teams(Connection& c, int64_t user_id, const std::vector<int64_t>& team_ids);
std::optional<int64_t> user_partner_id(Connection& c, int64_t user_id);
// The ids in `ids` that have no row in `table` (teams or contacts).
std::vector<int64_t> missing_ids(Connection& c, const std::string& table, const std::vector<int64_t>& ids);

// What every signed-in user may know about colleagues (pickers for salesperson, followers).
struct UserSummary {
    int64_t id = 0;
    std::string login, name, role;
    bool active = true;
};
std::vector<UserSummary> user_directory(Connection& c);

}  // namespace tumen::store
