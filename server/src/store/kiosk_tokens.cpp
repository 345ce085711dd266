#include "store/kiosk_tokens.hpp"

namespace tumen::store {

namespace {
constexpr const char* kiosk_tokens_columns = "SELECT id, name, prefix, leaderboard, created_by, created_at, last_used_at FROM kiosk_tokens";

KioskTokenRow kiosk_tokens_read_row(Statement& s) {
    KioskTokenRow r;
    r.id = s.get_int(0);
    r.name = s.get_text(1);
    r.prefix = s.get_text(2);
    r.leaderboard = s.get_int(3) != 0;
    r.created_by = s.get_opt_int(4);
    r.created_at = s.get_int(5);
    r.last_used_at = s.get_opt_int(6);
    return r;
}

void load_teams(Connection& c, KioskTokenRow& r) {
    auto s = c.prepare("SELECT team_id FROM kiosk_token_teams WHERE token_id = ? ORDER BY team_id");
    s.bind(1, r.id);
    while (s.step()) r.team_ids.push_back(s.get_int(0));
}
}  // namespace

int64_t insert_kiosk_token(Connection& c, const KioskTokenRow& t, const std::string& token_hash) {
    c.prepare("INSERT INTO kiosk_tokens(name, prefix, token_hash, leaderboard, created_by, created_at) VALUES (?,?,?,?,?,?)")
        .bind(1, t.name).bind(2, t.prefix).bind(3, token_hash).bind(4, t.leaderboard).bind(5, t.created_by).bind(6, t.created_at)
        .run();
    int64_t id = c.last_insert_id();
    for (int64_t team : t.team_ids)
        c.prepare("INSERT OR IGNORE INTO kiosk_token_teams(token_id, team_id) VALUES (?, ?)").bind(1, id).bind(2, team).run();
    return id;
}

std::optional<KioskTokenRow> find_kiosk_token_by_hash(Connection& c, const std::string& token_hash) {
    std::optional<KioskTokenRow> r;
    {
        auto s = c.prepare(std::string(kiosk_tokens_columns) + " WHERE token_hash = ?");
        s.bind(1, token_hash);
        if (!s.step()) return std::nullopt;
        r = kiosk_tokens_read_row(s);
    }
    load_teams(c, *r);
    return r;
}

std::vector<KioskTokenRow> list_kiosk_tokens(Connection& c) {
    std::vector<KioskTokenRow> out;
    {
        auto s = c.prepare(std::string(kiosk_tokens_columns) + " ORDER BY id");
        while (s.step()) out.push_back(kiosk_tokens_read_row(s));
    }
    for (auto& r : out) load_teams(c, r);
    return out;
}

void touch_kiosk_token(Connection& c, int64_t id, int64_t now) {
    c.prepare("UPDATE kiosk_tokens SET last_used_at = ? WHERE id = ?").bind(1, now).bind(2, id).run();
}

bool delete_kiosk_token(Connection& c, int64_t id) {
    c.prepare("DELETE FROM kiosk_tokens WHERE id = ?").bind(1, id).run();
    return c.changes() > 0;
}

}  // namespace tumen::store
