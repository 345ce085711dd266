#include "store/web_form_store.hpp"

#include <nlohmann/json.hpp>

namespace tumen::store {

using nlohmann::json;

web_form::Settings load_web_form_settings(Connection& c) {
    json j = json::object();
    auto st = c.prepare("SELECT substr(key, 10), value FROM settings WHERE key LIKE 'web\\_form.%' ESCAPE '\\'");
    while (st.step()) {
        try {
            j[st.get_text(0)] = json::parse(st.get_text(1));
        } catch (const json::exception&) {
        }
    }
    return web_form::settings_from_json(j);
}

void save_web_form_settings(Connection& c, web_form::Settings& s) {
    ++s.version;
    const auto fields = web_form::settings_json(s);  // named: ranging over a temporary's items() dangles
    for (const auto& [k, v] : fields.items())
        c.prepare("INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
            .bind(1, "web_form." + k)
            .bind(2, v.dump())
            .run();
}

void insert_web_form_submission(Connection& c, int64_t at, std::string_view ip, std::string_view outcome,
                                std::optional<int64_t> lead_id, std::string_view reason) {
    c.prepare("INSERT INTO web_form_submissions(at, ip, outcome, lead_id, reason) VALUES (?, ?, ?, ?, ?)")
        .bind(1, at)
        .bind(2, ip)
        .bind(3, outcome)
        .bind(4, lead_id)
        .bind(5, reason.substr(0, 500))
        .run();
    c.prepare("DELETE FROM web_form_submissions WHERE at < ?").bind(1, at - 30 * 86400).run();
}

RecentSubmissions recent_web_form_submissions(Connection& c, std::string_view ip, int64_t since) {
    auto st = c.prepare(
        "SELECT count(*), coalesce(min(at), 0) FROM web_form_submissions "
        "WHERE ip = ? AND at >= ? AND outcome <> 'throttled'");
    st.bind(1, ip).bind(2, since);
    RecentSubmissions r;
    if (st.step()) {
        r.count = st.get_int(0);
        r.oldest_at = st.get_int(1);
    }
    return r;
}

std::optional<int64_t> find_utm_id(Connection& c, std::string_view table, std::string_view name) {
    if (table != "utm_sources" && table != "utm_mediums" && table != "utm_campaigns") return std::nullopt;
    auto st = c.prepare("SELECT id FROM " + std::string(table) + " WHERE name = ? COLLATE NOCASE ORDER BY id LIMIT 1");
    st.bind(1, name);
    if (st.step()) return st.get_int(0);
    return std::nullopt;
}

int64_t ensure_utm_source(Connection& c, std::string_view name) {
    if (auto id = find_utm_id(c, "utm_sources", name)) return *id;
    c.prepare("INSERT INTO utm_sources(name) VALUES (?)").bind(1, name).run();
    return c.last_insert_id();
}

}  // namespace tumen::store
