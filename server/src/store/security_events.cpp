#include "store/security_events.hpp"

#include "tumen/utf8.hpp"

namespace tumen::store {

void log_security_event(Connection& c, const SecurityEvent& e) {
    c.prepare("INSERT INTO security_events(at, kind, user_id, login, actor_id, client_addr, detail) VALUES (?,?,?,?,?,?,?)")
        .bind(1, e.at).bind(2, e.kind).bind(3, e.user_id).bind(4, std::string(utf8::truncate(e.login, 200))).bind(5, e.actor_id)
        .bind(6, e.client_addr).bind(7, e.detail).run();
}

std::vector<SecurityEvent> list_security_events(Connection& c, int64_t before_id, int limit, std::optional<int64_t> user_id,
                                                const std::string& kind) {
    auto s = c.prepare(
        "SELECT id, at, kind, user_id, login, actor_id, client_addr, detail FROM security_events"
        " WHERE (?1 = 0 OR id < ?1) AND (?2 IS NULL OR user_id = ?2) AND (?3 = '' OR kind = ?3)"
        " ORDER BY id DESC LIMIT ?4");
    s.bind(1, before_id).bind(2, user_id).bind(3, kind).bind(4, limit);
    std::vector<SecurityEvent> out;
    while (s.step()) {
        SecurityEvent e;
        e.id = s.get_int(0);
        e.at = s.get_int(1);
        e.kind = s.get_text(2);
        e.user_id = s.get_opt_int(3);
        e.login = s.get_text(4);
        e.actor_id = s.get_opt_int(5);
        e.client_addr = s.get_text(6);
        e.detail = s.get_text(7);
        out.push_back(std::move(e));
    }
    return out;
}

}  // namespace tumen::store
