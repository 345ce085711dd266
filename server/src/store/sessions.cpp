#include "store/sessions.hpp"

namespace tumen::store {

std::vector<SessionRow> list_user_sessions(Connection& c, int64_t user_id) {
    auto s = c.prepare(
        "SELECT id, user_id, created_at, last_seen_at, expires_at, client_addr, user_agent"
        " FROM sessions WHERE user_id = ? ORDER BY last_seen_at DESC, id DESC");
    s.bind(1, user_id);
    std::vector<SessionRow> out;
    while (s.step()) {
        SessionRow r;
        r.id = s.get_int(0);
        r.user_id = s.get_int(1);
        r.created_at = s.get_int(2);
        r.last_seen_at = s.get_int(3);
        r.expires_at = s.get_int(4);
        r.client_addr = s.get_text(5);
        r.user_agent = s.get_text(6);
        out.push_back(std::move(r));  // csrf_token stays empty: it is not shown to anyone
    }
    return out;
}

bool delete_user_session(Connection& c, int64_t user_id, int64_t session_id) {
    c.prepare("DELETE FROM sessions WHERE id = ? AND user_id = ?").bind(1, session_id).bind(2, user_id).run();
    return c.changes() > 0;
}

int delete_user_sessions_except(Connection& c, int64_t user_id, int64_t keep_session_id) {
    c.prepare("DELETE FROM sessions WHERE user_id = ? AND id <> ?").bind(1, user_id).bind(2, keep_session_id).run();
    return c.changes();
}

int delete_expired_sessions(Connection& c, int64_t now) {
    c.prepare("DELETE FROM sessions WHERE expires_at <= ?").bind(1, now).run();
    return c.changes();
}

}  // namespace tumen::store
