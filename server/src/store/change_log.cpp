#include "store/change_log.hpp"

namespace tumen::store {

int64_t append_change(Connection& c, ChangeEvent e) {
    auto s = c.prepare("INSERT INTO change_log(at, entity, entity_id, action, team_id, user_id, payload) VALUES (?,?,?,?,?,?,?)");
    s.bind(1, e.at).bind(2, e.entity).bind(3, e.entity_id).bind(4, e.action).bind(5, e.team_id).bind(6, e.user_id);
    s.bind(7, e.payload.dump());
    s.run();
    return c.last_insert_id();
}

std::vector<ChangeEvent> changes_after(Connection& c, int64_t after_id, int limit) {
    auto s = c.prepare(
        "SELECT id, at, entity, entity_id, action, team_id, user_id, payload FROM change_log WHERE id > ? ORDER BY id LIMIT ?");
    s.bind(1, after_id).bind(2, limit);
    std::vector<ChangeEvent> out;
    while (s.step()) {
        ChangeEvent e;
        e.id = s.get_int(0);
        e.at = s.get_int(1);
        e.entity = s.get_text(2);
        e.entity_id = s.get_int(3);
        e.action = s.get_text(4);
        e.team_id = s.get_opt_int(5);
        e.user_id = s.get_opt_int(6);
        e.payload = nlohmann::json::parse(s.get_text(7));
        out.push_back(std::move(e));
    }
    return out;
}

ChangeWindow change_window(Connection& c) {
    auto s = c.prepare("SELECT coalesce(min(id), 0), coalesce(max(id), 0) FROM change_log");
    ChangeWindow w;
    if (s.step()) {
        w.oldest = s.get_int(0);
        w.newest = s.get_int(1);
    }
    return w;
}

int64_t prune_changes(Connection& c, int64_t keep_rows, int64_t older_than) {
    const int64_t newest = change_window(c).newest;
    if (newest == 0) return 0;
    // Both conditions walk the primary key: the log is in id order and `at` grows with it.
    auto s = c.prepare("DELETE FROM change_log WHERE id < ? AND (id <= ? OR at < ?)");
    s.bind(1, newest).bind(2, newest - keep_rows).bind(3, older_than);
    s.run();
    return c.changes();
}

}  // namespace tumen::store
