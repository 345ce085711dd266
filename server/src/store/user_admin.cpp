#include "store/user_admin.hpp"

#include <algorithm>
#include <stdexcept>

namespace tumen::store {

namespace {

constexpr const char* record_columns =
    "SELECT id, login, name, email, role, lang, tz, created_at, active, totp_secret IS NOT NULL, partner_id FROM users";

UserRecord read_record(Statement& s) {
    UserRecord u;
    u.id = s.get_int(0);
    u.login = s.get_text(1);
    u.name = s.get_text(2);
    u.email = s.get_text(3);
    u.role = s.get_text(4);
    u.lang = s.get_text(5);
    u.tz = s.get_text(6);
    u.created_at = s.get_text(7);
    u.active = s.get_int(8) != 0;
    u.totp_enabled = s.get_int(9) != 0;
    u.partner_id = s.get_opt_int(10);
    return u;
}

void set_text(Connection& c, const char* column, int64_t id, const std::string& value) {
    c.prepare(std::string("UPDATE users SET ") + column + " = ? WHERE id = ?").bind(1, value).bind(2, id).run();
}

}  // namespace

std::vector<UserRecord> list_users(Connection& c) {
    auto s = c.prepare(std::string(record_columns) + " ORDER BY login");
    std::vector<UserRecord> out;
    while (s.step()) out.push_back(read_record(s));
    auto m = c.prepare("SELECT user_id, team_id FROM team_members ORDER BY team_id");
    while (m.step()) {
        int64_t uid = m.get_int(0);
        auto it = std::find_if(out.begin(), out.end(), [&](const UserRecord& u) { return u.id == uid; });
        if (it != out.end()) it->team_ids.push_back(m.get_int(1));
    }
    return out;
}

std::optional<UserRecord> get_user_record(Connection& c, int64_t id) {
    std::optional<UserRecord> u;
    {
        auto s = c.prepare(std::string(record_columns) + " WHERE id = ?");
        s.bind(1, id);
        if (!s.step()) return std::nullopt;
        u = read_record(s);
    }
    u->team_ids = user_team_ids(c, id);
    return u;
}

void update_user(Connection& c, int64_t id, const UserChanges& ch) {
    if (ch.login) set_text(c, "login", id, *ch.login);
    if (ch.name) set_text(c, "name", id, *ch.name);
    if (ch.email) set_text(c, "email", id, *ch.email);
    if (ch.role) set_text(c, "role", id, *ch.role);
    if (ch.lang) set_text(c, "lang", id, *ch.lang);
    if (ch.tz) set_text(c, "tz", id, *ch.tz);
    if (ch.active) c.prepare("UPDATE users SET active = ? WHERE id = ?").bind(1, *ch.active).bind(2, id).run();
    if (ch.partner_id) c.prepare("UPDATE users SET partner_id = ? WHERE id = ?").bind(1, *ch.partner_id).bind(2, id).run();
    if (ch.team_ids) set_user_teams(c, id, *ch.team_ids);
}

bool login_taken(Connection& c, const std::string& login, int64_t except_id) {
    return c.prepare("SELECT count(*) FROM users WHERE login = ? AND id <> ?").bind(1, login).bind(2, except_id).scalar_int() > 0;
}

int64_t count_active_admins(Connection& c) {
    return c.prepare("SELECT count(*) FROM users WHERE role = 'admin' AND active = 1").scalar_int();
}

std::vector<int64_t> user_team_ids(Connection& c, int64_t user_id) {
    auto s = c.prepare("SELECT team_id FROM team_members WHERE user_id = ? ORDER BY team_id");
    s.bind(1, user_id);
    std::vector<int64_t> out;
    while (s.step()) out.push_back(s.get_int(0));
    return out;
}

void set_user_teams(Connection& c, int64_t user_id, const std::vector<int64_t>& team_ids) {
    for (int64_t old : user_team_ids(c, user_id))
        if (std::find(team_ids.begin(), team_ids.end(), old) == team_ids.end())
            c.prepare("DELETE FROM team_members WHERE user_id = ? AND team_id = ?").bind(1, user_id).bind(2, old).run();
    for (int64_t t : team_ids)
        c.prepare("INSERT OR IGNORE INTO team_members(team_id, user_id) VALUES (?, ?)").bind(1, t).bind(2, user_id).run();
}

std::optional<int64_t> user_partner_id(Connection& c, int64_t user_id) {
    auto s = c.prepare("SELECT partner_id FROM users WHERE id = ?");
    s.bind(1, user_id);
    if (!s.step()) return std::nullopt;
    return s.get_opt_int(0);
}

std::vector<int64_t> missing_ids(Connection& c, const std::string& table, const std::vector<int64_t>& ids) {
    if (table != "teams" && table != "contacts") throw std::invalid_argument("missing_ids: unexpected table " + table);
    std::vector<int64_t> out;
    for (int64_t id : ids)
        if (c.prepare("SELECT count(*) FROM " + table + " WHERE id = ?").bind(1, id).scalar_int() == 0) out.push_back(id);
    return out;
}

std::vector<UserSummary> user_directory(Connection& c) {
    auto s = c.prepare("SELECT id, login, name, role, active FROM users ORDER BY name, id");
    std::vector<UserSummary> out;
    while (s.step()) out.push_back({s.get_int(0), s.get_text(1), s.get_text(2), s.get_text(3), s.get_int(4) != 0});
    return out;
}

}  // namespace tumen::store
