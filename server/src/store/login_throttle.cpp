#include "store/login_throttle.hpp"

namespace tumen::store {

namespace {
ThrottleRow login_throttle_read_row(Statement& s) {
    return {s.get_text(0), s.get_text(1), s.get_int(2), s.get_int(3), s.get_int(4), s.get_int(5)};
}
constexpr const char* login_throttle_columns = "SELECT kind, key, failures, lock_count, locked_until, last_failure_at FROM login_throttle";
}  // namespace

std::optional<ThrottleRow> find_throttle(Connection& c, const std::string& kind, const std::string& key) {
    auto s = c.prepare(std::string(login_throttle_columns) + " WHERE kind = ? AND key = ?");
    s.bind(1, kind).bind(2, key);
    if (!s.step()) return std::nullopt;
    return login_throttle_read_row(s);
}

void save_throttle(Connection& c, const ThrottleRow& r) {
    auto s = c.prepare(
        "INSERT INTO login_throttle(kind, key, failures, lock_count, locked_until, last_failure_at) VALUES (?,?,?,?,?,?)"
        " ON CONFLICT(kind, key) DO UPDATE SET failures = excluded.failures, lock_count = excluded.lock_count,"
        " locked_until = excluded.locked_until, last_failure_at = excluded.last_failure_at");
    s.bind(1, r.kind).bind(2, r.key).bind(3, r.failures).bind(4, r.lock_count).bind(5, r.locked_until).bind(6, r.last_failure_at);
    s.run();
}

bool delete_throttle(Connection& c, const std::string& kind, const std::string& key) {
    c.prepare("DELETE FROM login_throttle WHERE kind = ? AND key = ?").bind(1, kind).bind(2, key).run();
    return c.changes() > 0;
}

std::vector<ThrottleRow> list_throttles(Connection& c, int64_t now) {
    auto s = c.prepare(std::string(login_throttle_columns) + " WHERE locked_until > ? OR failures > 0 ORDER BY last_failure_at DESC LIMIT 1000");
    s.bind(1, now);
    std::vector<ThrottleRow> out;
    while (s.step()) out.push_back(login_throttle_read_row(s));
    return out;
}

int prune_throttles(Connection& c, int64_t before) {
    c.prepare("DELETE FROM login_throttle WHERE locked_until < ? AND last_failure_at < ?").bind(1, before).bind(2, before).run();
    return c.changes();
}

}  // namespace tumen::store
