#include "store/users.hpp"

namespace tumen::store {

namespace {
constexpr const char* user_columns = "id, login, name, email, role, lang, tz, password_hash, active";

UserRow read_user(Statement& s) {
    UserRow u;
    u.id = s.get_int(0);
    u.login = s.get_text(1);
    u.name = s.get_text(2);
    u.email = s.get_text(3);
    u.role = s.get_text(4);
    u.lang = s.get_text(5);
    u.tz = s.get_text(6);
    u.password_hash = s.get_text(7);
    u.active = s.get_int(8) != 0;
    return u;
}
}  // namespace

std::optional<UserRow> find_user_by_login(Connection& c, const std::string& login) {
    auto s = c.prepare(std::string("SELECT ") + user_columns + " FROM users WHERE login = ?");
    s.bind(1, login);
    if (!s.step()) return std::nullopt;
    return read_user(s);
}

std::optional<UserRow> find_user(Connection& c, int64_t id) {
    auto s = c.prepare(std::string("SELECT ") + user_columns + " FROM users WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return read_user(s);
}

int64_t count_users(Connection& c) { return c.prepare("SELECT count(*) FROM users").scalar_int(); }

int64_t insert_user(Connection& c, const UserRow& u) {
    auto s = c.prepare(
        "INSERT INTO users(login, name, email, role, lang, tz, password_hash, active) VALUES (?,?,?,?,?,?,?,?)");
    s.bind(1, u.login).bind(2, u.name).bind(3, u.email).bind(4, u.role).bind(5, u.lang).bind(6, u.tz);
    s.bind(7, u.password_hash).bind(8, u.active);
    s.run();
    return c.last_insert_id();
}

void set_user_password(Connection& c, int64_t user_id, const std::string& password_hash) {
    c.prepare("UPDATE users SET password_hash = ? WHERE id = ?").bind(1, password_hash).bind(2, user_id).run();
}

int64_t insert_session(Connection& c, const std::string& token_hash, const SessionRow& s) {
    auto st = c.prepare(
        "INSERT INTO sessions(token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, client_addr, user_agent)"
        " VALUES (?,?,?,?,?,?,?,?)");
    st.bind(1, token_hash).bind(2, s.user_id).bind(3, s.csrf_token).bind(4, s.created_at).bind(5, s.last_seen_at);
    st.bind(6, s.expires_at).bind(7, s.client_addr).bind(8, s.user_agent);
    st.run();
    return c.last_insert_id();
}

std::optional<SessionRow> find_session(Connection& c, const std::string& token_hash) {
    auto s = c.prepare(
        "SELECT id, user_id, csrf_token, created_at, last_seen_at, expires_at, client_addr, user_agent"
        " FROM sessions WHERE token_hash = ?");
    s.bind(1, token_hash);
    if (!s.step()) return std::nullopt;
    SessionRow r;
    r.id = s.get_int(0);
    r.user_id = s.get_int(1);
    r.csrf_token = s.get_text(2);
    r.created_at = s.get_int(3);
    r.last_seen_at = s.get_int(4);
    r.expires_at = s.get_int(5);
    r.client_addr = s.get_text(6);
    r.user_agent = s.get_text(7);
    return r;
}

void touch_session(Connection& c, int64_t id, int64_t now) {
    c.prepare("UPDATE sessions SET last_seen_at = ? WHERE id = ?").bind(1, now).bind(2, id).run();
}

void delete_session(Connection& c, int64_t id) { c.prepare("DELETE FROM sessions WHERE id = ?").bind(1, id).run(); }

void delete_user_sessions(Connection& c, int64_t user_id) {
    c.prepare("DELETE FROM sessions WHERE user_id = ?").bind(1, user_id).run();
}

}  // namespace tumen::store
