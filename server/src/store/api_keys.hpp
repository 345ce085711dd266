// API keys: a user's long-lived bearer secrets for integrations. Only the hash of a key is stored.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace tumen::store {

struct ApiKeyRow {
    int64_t id = 0, user_id = 0;
    std::string user_login;  // filled by the list queries
    std::string name, prefix;
    bool read_only = false;
    int64_t created_at = 0;
    std::optional<int64_t> last_used_at;
    std::optional<int64_t> expires_at;  // none = never
};

int64_t insert_api_key(Connection& c, const ApiKeyRow& key, const std::string& token_hash);
std::optional<ApiKeyRow> find_api_key_by_hash(Connection& c, const std::string& token_hash);
std::optional<ApiKeyRow> find_api_key(Connection& c, int64_t id);
std::vector<ApiKeyRow> list_api_keys(Connection& c, std::optional<int64_t> user_id);  // nullopt = everyone's
void touch_api_key(Connection& c, int64_t id, int64_t now);
bool delete_api_key(Connection& c, int64_t id);

}  // namespace tumen::store
