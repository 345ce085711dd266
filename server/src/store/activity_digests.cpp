#include "store/activity_digests.hpp"

namespace tumen::store {

std::vector<int64_t> digest_recipients(Connection& c) {
    auto s = c.prepare(
        "SELECT u.id FROM users u WHERE u.active = 1 AND u.email <> ''"
        " AND NOT EXISTS (SELECT 1 FROM activity_digests d WHERE d.user_id = u.id AND d.enabled = 0)"
        " AND EXISTS (SELECT 1 FROM activities a WHERE a.user_id = u.id AND a.state = 'open') ORDER BY u.id");
    std::vector<int64_t> out;
    while (s.step()) out.push_back(s.get_int(0));
    return out;
}

std::string last_digest_day(Connection& c, int64_t user_id) {
    auto s = c.prepare("SELECT last_day FROM activity_digests WHERE user_id = ?");
    s.bind(1, user_id);
    return s.step() ? s.get_text(0) : std::string();
}

void mark_digest_sent(Connection& c, int64_t user_id, const std::string& local_day, int64_t now) {
    auto s = c.prepare(
        "INSERT INTO activity_digests (user_id, last_day, sent_at) VALUES (?, ?, ?)"
        " ON CONFLICT (user_id) DO UPDATE SET last_day = excluded.last_day, sent_at = excluded.sent_at");
    s.bind(1, user_id).bind(2, local_day).bind(3, now);
    s.step();
}

bool digest_enabled(Connection& c, int64_t user_id) {
    auto s = c.prepare("SELECT enabled FROM activity_digests WHERE user_id = ?");
    s.bind(1, user_id);
    return !s.step() || s.get_int(0) != 0;
}

void set_digest_enabled(Connection& c, int64_t user_id, bool enabled) {
    auto s = c.prepare(
        "INSERT INTO activity_digests (user_id, enabled) VALUES (?, ?)"
        " ON CONFLICT (user_id) DO UPDATE SET enabled = excluded.enabled");
    s.bind(1, user_id).bind(2, enabled);
    s.step();
}

std::optional<int> digest_hour(Connection& c) {
    auto s = c.prepare("SELECT value FROM settings WHERE key = 'activities.digest_hour'");
    if (!s.step()) return 7;
    const std::string v = s.get_text(0);
    if (v.empty() || v.size() > 2 || v.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    const int h = std::stoi(v);
    return h <= 23 ? std::optional<int>(h) : std::nullopt;
}

}  // namespace tumen::store
