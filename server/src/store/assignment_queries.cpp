#include "store/assignment_queries.hpp"

#include <string>

#include "store/filter_sql_fields.hpp"

namespace tumen::store {

namespace {
// lp: the lead's lead_probabilities row, joined by the queries below.
const char* unassigned_open = "l.user_id IS NULL AND l.active = 1 AND lp.probability < 100";
}

std::vector<AssignCandidate> team_candidates(Connection& c, const SqlWhere& domain, int64_t created_before,
                                             std::optional<int64_t> created_after, int limit) {
    std::string sql = std::string("SELECT l.id, l.stage_id, lp.probability, l.email_norm FROM leads l"
                      " JOIN lead_probabilities lp ON lp.lead_id = l.id WHERE l.team_id IS NULL AND ") + unassigned_open +
                      " AND l.create_date <= ?" + (created_after ? " AND l.create_date > ?" : "") + " AND (" +
                      domain.sql + ") ORDER BY l.id LIMIT ?";
    auto s = c.prepare_uncached(sql);
    int i = 1;
    s.bind(i++, created_before);
    if (created_after) s.bind(i++, *created_after);
    s.bind_all(domain.params, i);
    i += static_cast<int>(domain.params.size());
    s.bind(i, limit);
    std::vector<AssignCandidate> out;
    while (s.step()) out.push_back({s.get_int(0), s.get_opt_int(1), s.get_double(2), s.get_text(3)});
    return out;
}

std::vector<AssignCandidate> team_waiting(Connection& c, int64_t team_id, int limit) {
    auto s = c.prepare(std::string("SELECT l.id, l.stage_id, lp.probability FROM leads l"
                                   " JOIN lead_probabilities lp ON lp.lead_id = l.id WHERE l.team_id = ? AND ") +
                       unassigned_open + " AND l.date_open IS NULL ORDER BY lp.probability DESC, l.id LIMIT ?");
    s.bind(1, team_id).bind(2, limit);
    std::vector<AssignCandidate> out;
    while (s.step()) out.push_back({s.get_int(0), s.get_opt_int(1), s.get_double(2), {}});
    return out;
}

const SqlFieldMap& pooled_lead_sql_fields() {
    static const SqlFieldMap map = [] {
        SqlFieldMap m = lead_sql_fields();
        m["team_id"].expr = "p.team_id";
        m["stage_id"].expr = "p.stage_id";
        for (const char* f : {"is_won", "fold", "name"})
            m[std::string("stage.") + f].expr = std::string("(SELECT s.") + f + " FROM stages s WHERE s.id = p.stage_id)";
        return m;
    }();
    return map;
}

std::unordered_set<int64_t> pool_matching(Connection& c, int64_t team_id, const std::vector<AssignCandidate>& pool,
                                          const SqlWhere& domain) {
    std::unordered_set<int64_t> out;
    if (pool.empty()) return out;
    // The pool as one JSON array [[id, stage], ...]: a single statement, whatever its size.
    std::string rows = "[";
    for (const auto& l : pool) {
        if (rows.size() > 1) rows += ',';
        rows += '[' + std::to_string(l.id) + ',' + (l.stage_id ? std::to_string(*l.stage_id) : "null") + ']';
    }
    rows += ']';
    auto s = c.prepare_uncached(
        "SELECT p.id FROM (SELECT json_extract(j.value, '$[0]') AS id, json_extract(j.value, '$[1]') AS stage_id,"
        " ?1 AS team_id FROM json_each(?2) j) p JOIN leads l ON l.id = p.id WHERE (" + domain.sql + ")");
    s.bind(1, team_id).bind(2, rows);
    s.bind_all(domain.params, 3);
    while (s.step()) out.insert(s.get_int(0));
    return out;
}

std::map<std::pair<int64_t, int64_t>, int> received_since(Connection& c, int64_t since) {
    auto s = c.prepare(
        "SELECT coalesce(team_id, 0), user_id, count(*) FROM leads WHERE date_open >= ? AND user_id IS NOT NULL"
        " GROUP BY 1, 2");
    s.bind(1, since);
    std::map<std::pair<int64_t, int64_t>, int> out;
    while (s.step()) out[{s.get_int(0), s.get_int(1)}] = static_cast<int>(s.get_int(2));
    return out;
}

bool write_team(Connection& c, int64_t lead_id, int64_t team_id, std::optional<int64_t> new_stage, int64_t now) {
    auto s = c.prepare(
        "UPDATE leads SET team_id = ?, stage_id = coalesce(?, stage_id), write_date = ?, version = version + 1"
        " WHERE id = ? AND team_id IS NULL AND user_id IS NULL");
    s.bind(1, team_id).bind(2, new_stage).bind(3, now).bind(4, lead_id).run();
    return c.changes() == 1;
}

bool write_member(Connection& c, int64_t lead_id, int64_t user_id, int64_t now) {
    auto s = c.prepare(
        "UPDATE leads SET user_id = ?, date_open = ?, type = 'opportunity', date_conversion = coalesce(date_conversion, ?),"
        " write_date = ?, version = version + 1 WHERE id = ? AND user_id IS NULL");
    s.bind(1, user_id).bind(2, now).bind(3, now).bind(4, now).bind(5, lead_id).run();
    return c.changes() == 1;
}

bool write_team_member(Connection& c, int64_t lead_id, int64_t team_id, std::optional<int64_t> new_stage,
                       int64_t user_id, int64_t now) {
    auto s = c.prepare(
        "UPDATE leads SET team_id = ?1, stage_id = coalesce(?2, stage_id), user_id = ?3, date_open = ?4, type = 'opportunity',"
        " date_conversion = coalesce(date_conversion, ?4), write_date = ?4, version = version + 1"
        " WHERE id = ?5 AND team_id IS NULL AND user_id IS NULL");
    s.bind(1, team_id).bind(2, new_stage).bind(3, user_id).bind(4, now).bind(5, lead_id).run();
    return c.changes() == 1;
}

void insert_assignment_log(Connection& c, AssignmentLogRow& row) {
    c.prepare("INSERT INTO assignment_log (run_at, lead_id, team_id, user_id, rule, forced) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(1, row.run_at).bind(2, row.lead_id).bind(3, row.team_id).bind(4, row.user_id).bind(5, row.rule)
        .bind(6, row.forced).run();
    row.id = c.last_insert_id();
}

std::vector<AssignmentLogRow> list_assignment_log(Connection& c, std::optional<int64_t> lead_id, int limit,
                                                  int64_t before_id) {
    auto s = c.prepare(
        "SELECT a.id, a.run_at, a.lead_id, a.team_id, a.user_id, a.rule, a.forced, l.name FROM assignment_log a"
        " LEFT JOIN leads l ON l.id = a.lead_id"
        " WHERE (?1 IS NULL OR a.lead_id = ?1) AND (?2 = 0 OR a.id < ?2) ORDER BY a.id DESC LIMIT ?3");
    s.bind(1, lead_id).bind(2, before_id).bind(3, limit);
    std::vector<AssignmentLogRow> out;
    while (s.step())
        out.push_back({s.get_int(0), s.get_int(1), s.get_int(2), s.get_opt_int(3), s.get_opt_int(4), s.get_text(5),
                       s.get_int(6) != 0, s.get_opt_text(7)});
    return out;
}

std::unordered_map<int64_t, std::string> lead_names(Connection& c, const std::vector<int64_t>& ids) {
    std::unordered_map<int64_t, std::string> out;
    for (int64_t id : ids) {
        auto s = c.prepare("SELECT name FROM leads WHERE id = ?");  // cached: prepared once
        s.bind(1, id);
        if (s.step()) out[id] = s.get_text(0);
    }
    return out;
}

int64_t load_assignment_delay_hours(Connection& c, int64_t* version) {
    auto s = c.prepare("SELECT delay_hours, version FROM assignment_settings WHERE id = 1");
    if (!s.step()) return 0;
    if (version) *version = s.get_int(1);
    return s.get_int(0);
}

bool save_assignment_delay_hours(Connection& c, int64_t hours, int64_t version) {
    c.prepare("UPDATE assignment_settings SET delay_hours = ?, version = version + 1 WHERE id = 1 AND version = ?")
        .bind(1, hours).bind(2, version).run();
    return c.changes() == 1;
}

}  // namespace tumen::store
