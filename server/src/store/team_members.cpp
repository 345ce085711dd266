#include "store/team_members.hpp"

#include <algorithm>

namespace tumen::store {

namespace {

constexpr const char* team_members_columns = "id, team_id, user_id, assignment_domain, max_leads_30d, active, version, assignment_domain_preferred";

TeamMember team_members_read(Statement& s) {
    TeamMember m;
    m.id = s.get_int(0);
    m.team_id = s.get_int(1);
    m.user_id = s.get_int(2);
    m.assignment_domain = s.get_text(3);
    m.max_leads_30d = static_cast<int32_t>(s.get_int(4));
    m.active = s.get_int(5) != 0;
    m.version = s.get_int(6);
    m.assignment_domain_preferred = s.get_text(7);
    return m;
}

}  // namespace

std::vector<TeamMember> list_team_members(Connection& c, int64_t team_id) {
    auto s = c.prepare(std::string("SELECT ") + team_members_columns + " FROM team_members WHERE team_id = ? ORDER BY id");
    s.bind(1, team_id);
    std::vector<TeamMember> out;
    while (s.step()) out.push_back(team_members_read(s));
    return out;
}

std::optional<TeamMember> find_team_member(Connection& c, int64_t id) {
    auto s = c.prepare(std::string("SELECT ") + team_members_columns + " FROM team_members WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return team_members_read(s);
}

std::optional<TeamMember> find_team_member_by_user(Connection& c, int64_t team_id, int64_t user_id) {
    auto s = c.prepare(std::string("SELECT ") + team_members_columns + " FROM team_members WHERE team_id = ? AND user_id = ?");
    s.bind(1, team_id).bind(2, user_id);
    if (!s.step()) return std::nullopt;
    return team_members_read(s);
}

void insert_team_member(Connection& c, TeamMember& m) {
    auto s = c.prepare(
        "INSERT INTO team_members(team_id, user_id, assignment_domain, max_leads_30d, active, version,"
        " assignment_domain_preferred) VALUES (?,?,?,?,?,1,?)");
    s.bind(1, m.team_id).bind(2, m.user_id).bind(3, m.assignment_domain).bind(4, m.max_leads_30d).bind(5, m.active);
    s.bind(6, m.assignment_domain_preferred);
    s.run();
    m.id = c.last_insert_id();
    m.version = 1;
}

bool update_team_member(Connection& c, TeamMember& m) {
    auto s = c.prepare(
        "UPDATE team_members SET assignment_domain = ?, max_leads_30d = ?, active = ?, version = version + 1,"
        " assignment_domain_preferred = ? WHERE id = ? AND version = ?");
    s.bind(1, m.assignment_domain).bind(2, m.max_leads_30d).bind(3, m.active).bind(4, m.assignment_domain_preferred);
    s.bind(5, m.id).bind(6, m.version);
    s.run();
    if (c.changes() == 0) return false;
    ++m.version;
    return true;
}

void delete_team_member(Connection& c, int64_t id) {
    c.prepare("DELETE FROM team_members WHERE id = ?").bind(1, id).run();
}

void set_team_members(Connection& c, int64_t team_id, const std::vector<int64_t>& user_ids) {
    for (const auto& m : list_team_members(c, team_id))
        if (std::find(user_ids.begin(), user_ids.end(), m.user_id) == user_ids.end()) delete_team_member(c, m.id);
    for (int64_t u : user_ids)
        c.prepare("INSERT OR IGNORE INTO team_members(team_id, user_id) VALUES (?, ?)").bind(1, team_id).bind(2, u).run();
}

std::vector<int64_t> missing_users(Connection& c, const std::vector<int64_t>& ids) {
    std::vector<int64_t> out;
    for (int64_t id : ids)
        if (c.prepare("SELECT count(*) FROM users WHERE id = ?").bind(1, id).scalar_int() == 0) out.push_back(id);
    return out;
}

}  // namespace tumen::store
