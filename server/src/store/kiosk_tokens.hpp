// Kiosk tokens: read-only bearer secrets for wall displays, bound to a set of team boards. Stored hashed.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace tumen::store {

struct KioskTokenRow {
    int64_t id = 0;
    std::string name, prefix;
    bool leaderboard = true;
    std::optional<int64_t> created_by;
    int64_t created_at = 0;
    std::optional<int64_t> last_used_at;
    std::vector<int64_t> team_ids;
};

int64_t insert_kiosk_token(Connection& c, const KioskTokenRow& t, const std::string& token_hash);
std::optional<KioskTokenRow> find_kiosk_token_by_hash(Connection& c, const std::string& token_hash);
std::vector<KioskTokenRow> list_kiosk_tokens(Connection& c);
void touch_kiosk_token(Connection& c, int64_t id, int64_t now);
bool delete_kiosk_token(Connection& c, int64_t id);

}  // namespace tumen::store
