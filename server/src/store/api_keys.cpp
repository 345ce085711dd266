#include "store/api_keys.hpp"

namespace tumen::store {

namespace {
constexpr const char* api_keys_columns =
    "SELECT k.id, k.user_id, u.login, k.name, k.prefix, k.read_only, k.created_at, k.last_used_at, k.expires_at"
    " FROM api_keys k JOIN users u ON u.id = k.user_id";

ApiKeyRow api_keys_read_row(Statement& s) {
    ApiKeyRow r;
    r.id = s.get_int(0);
    r.user_id = s.get_int(1);
    r.user_login = s.get_text(2);
    r.name = s.get_text(3);
    r.prefix = s.get_text(4);
    r.read_only = s.get_int(5) != 0;
    r.created_at = s.get_int(6);
    r.last_used_at = s.get_opt_int(7);
    r.expires_at = s.get_opt_int(8);
    return r;
}
}  // namespace

int64_t insert_api_key(Connection& c, const ApiKeyRow& k, const std::string& token_hash) {
    c.prepare("INSERT INTO api_keys(user_id, name, prefix, token_hash, read_only, created_at, expires_at)"
              " VALUES (?,?,?,?,?,?,?)")
        .bind(1, k.user_id).bind(2, k.name).bind(3, k.prefix).bind(4, token_hash).bind(5, k.read_only).bind(6, k.created_at)
        .bind(7, k.expires_at)
        .run();
    return c.last_insert_id();
}

std::optional<ApiKeyRow> find_api_key_by_hash(Connection& c, const std::string& token_hash) {
    auto s = c.prepare(std::string(api_keys_columns) + " WHERE k.token_hash = ?");
    s.bind(1, token_hash);
    if (!s.step()) return std::nullopt;
    return api_keys_read_row(s);
}

std::optional<ApiKeyRow> find_api_key(Connection& c, int64_t id) {
    auto s = c.prepare(std::string(api_keys_columns) + " WHERE k.id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return api_keys_read_row(s);
}

std::vector<ApiKeyRow> list_api_keys(Connection& c, std::optional<int64_t> user_id) {
    auto s = c.prepare(std::string(api_keys_columns) + " WHERE ?1 IS NULL OR k.user_id = ?1 ORDER BY k.id");
    s.bind(1, user_id);
    std::vector<ApiKeyRow> out;
    while (s.step()) out.push_back(api_keys_read_row(s));
    return out;
}

void touch_api_key(Connection& c, int64_t id, int64_t now) {
    c.prepare("UPDATE api_keys SET last_used_at = ? WHERE id = ?").bind(1, now).bind(2, id).run();
}

bool delete_api_key(Connection& c, int64_t id) {
    c.prepare("DELETE FROM api_keys WHERE id = ?").bind(1, id).run();
    return c.changes() > 0;
}

}  // namespace tumen::store
