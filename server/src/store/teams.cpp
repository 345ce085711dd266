#include "store/teams.hpp"

namespace tumen::store {

namespace {
constexpr const char* teams_columns =
    "t.id, t.name, t.user_id, t.alias, t.use_leads, t.use_opportunities, t.invoiced_target, t.currency,"
    " t.assignment_domain, t.assignment_optout, t.active, t.version";

Team teams_read(Connection& c, Statement& s) {
    Team t;
    t.id = s.get_int(0);
    t.name = s.get_text(1);
    t.user_id = s.get_opt_int(2);
    t.alias = s.get_opt_text(3).value_or("");
    t.use_leads = s.get_int(4) != 0;
    t.use_opportunities = s.get_int(5) != 0;
    t.invoiced_target.amount = s.get_int(6);
    t.invoiced_target.currency = s.get_text(7);
    t.assignment_domain = s.get_text(8);
    t.assignment_optout = s.get_int(9) != 0;
    t.active = s.get_int(10) != 0;
    t.version = s.get_int(11);
    auto m = c.prepare("SELECT user_id FROM team_members WHERE team_id = ? ORDER BY id");
    m.bind(1, t.id);
    while (m.step()) t.member_ids.push_back(m.get_int(0));
    return t;
}
void bind_team(Statement& s, const Team& t) {
    s.bind(1, t.name).bind(2, t.user_id);
    if (t.alias.empty()) s.bind(3, nullptr);
    else s.bind(3, t.alias);
    s.bind(4, t.use_leads).bind(5, t.use_opportunities).bind(6, t.invoiced_target.amount);
    s.bind(7, t.invoiced_target.currency).bind(8, t.assignment_domain).bind(9, t.assignment_optout).bind(10, t.active);
}
}  // namespace

std::optional<Team> find_team(Connection& c, int64_t id) {
    auto s = c.prepare(std::string("SELECT ") + teams_columns + " FROM teams t WHERE t.id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return teams_read(c, s);
}

std::optional<Team> default_team_of(Connection& c, int64_t user_id) {
    auto s = c.prepare(std::string("SELECT ") + teams_columns +
                       " FROM teams t JOIN team_members m ON m.team_id = t.id"
                       " WHERE m.user_id = ? AND t.active = 1 ORDER BY t.sequence, t.id LIMIT 1");
    s.bind(1, user_id);
    if (!s.step()) return std::nullopt;
    return teams_read(c, s);
}

std::vector<int64_t> team_ids_of(Connection& c, int64_t user_id) {
    auto s = c.prepare("SELECT team_id FROM team_members WHERE user_id = ? ORDER BY team_id");
    s.bind(1, user_id);
    std::vector<int64_t> out;
    while (s.step()) out.push_back(s.get_int(0));
    return out;
}

std::vector<Team> list_teams(Connection& c, const std::string& active) {
    std::string where = active == "true" ? " WHERE t.active = 1" : active == "false" ? " WHERE t.active = 0" : "";
    auto s = c.prepare(std::string("SELECT ") + teams_columns + " FROM teams t" + where + " ORDER BY t.sequence, t.name, t.id");
    std::vector<Team> out;
    while (s.step()) out.push_back(teams_read(c, s));
    return out;
}

void insert_team(Connection& c, Team& t) {
    auto s = c.prepare(
        "INSERT INTO teams(name, user_id, alias, use_leads, use_opportunities, invoiced_target, currency,"
        " assignment_domain, assignment_optout, active, version) VALUES (?,?,?,?,?,?,?,?,?,?,1)");
    bind_team(s, t);
    s.run();
    t.id = c.last_insert_id();
    t.version = 1;
}

bool update_team(Connection& c, Team& t) {
    auto s = c.prepare(
        "UPDATE teams SET name=?, user_id=?, alias=?, use_leads=?, use_opportunities=?, invoiced_target=?, currency=?,"
        " assignment_domain=?, assignment_optout=?, active=?, version = version + 1 WHERE id = ? AND version = ?");
    bind_team(s, t);
    s.bind(11, t.id).bind(12, t.version);
    s.run();
    if (c.changes() == 0) return false;
    ++t.version;
    return true;
}

void delete_team(Connection& c, int64_t id) { c.prepare("DELETE FROM teams WHERE id = ?").bind(1, id).run(); }

}  // namespace tumen::store
