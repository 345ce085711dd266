#include "store/assignment_queries.hpp"

#include <string>

namespace tumen::store {

namespace {
const char* unassigned_open = "l.user_id IS NULL AND l.active = 1 AND l.probability < 100";
}

std::vector<AssignCandidate> team_candidates(Connection& c, const SqlWhere& domain, int64_t created_before,
                                             std::optional<int64_t> created_after, int limit) {
    std::string sql = std::string("SELECT l.id, l.stage_id FROM leads l WHERE l.team_id IS NULL AND ") + unassigned_open +
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
    while (s.step()) out.push_back({s.get_int(0), s.get_opt_int(1)});
    return out;
}

std::vector<assignment::TeamLead> team_unassigned(Connection& c, int64_t team_id, const SqlWhere& domain, int limit) {
    auto s = c.prepare_uncached(std::string("SELECT l.id, l.probability FROM leads l WHERE l.team_id = ? AND ") +
                                unassigned_open + " AND l.date_open IS NULL AND (" + domain.sql +
                                ") ORDER BY l.probability DESC, l.id LIMIT ?");
    s.bind(1, team_id);
    s.bind_all(domain.params, 2);
    s.bind(2 + static_cast<int>(domain.params.size()), limit);
    std::vector<assignment::TeamLead> out;
    while (s.step()) out.push_back({s.get_int(0), s.get_double(1)});
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

void insert_assignment_log(Connection& c, AssignmentLogRow& row) {
    c.prepare("INSERT INTO assignment_log (run_at, lead_id, team_id, user_id, rule, forced) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(1, row.run_at).bind(2, row.lead_id).bind(3, row.team_id).bind(4, row.user_id).bind(5, row.rule)
        .bind(6, row.forced).run();
    row.id = c.last_insert_id();
}

std::vector<AssignmentLogRow> list_assignment_log(Connection& c, std::optional<int64_t> lead_id, int limit,
                                                  int64_t before_id) {
    auto s = c.prepare(
        "SELECT id, run_at, lead_id, team_id, user_id, rule, forced FROM assignment_log"
        " WHERE (?1 IS NULL OR lead_id = ?1) AND (?2 = 0 OR id < ?2) ORDER BY id DESC LIMIT ?3");
    s.bind(1, lead_id).bind(2, before_id).bind(3, limit);
    std::vector<AssignmentLogRow> out;
    while (s.step())
        out.push_back({s.get_int(0), s.get_int(1), s.get_int(2), s.get_opt_int(3), s.get_opt_int(4), s.get_text(5),
                       s.get_int(6) != 0});
    return out;
}

std::map<std::pair<int64_t, int64_t>, std::string> preferred_domains(Connection& c) {
    std::map<std::pair<int64_t, int64_t>, std::string> out;
    auto s = c.prepare("SELECT team_id, user_id, assignment_domain_preferred FROM team_members WHERE assignment_domain_preferred <> ''");
    while (s.step()) out[{s.get_int(0), s.get_int(1)}] = s.get_text(2);
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
