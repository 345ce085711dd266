#include "store/analysis_queries.hpp"

#include <map>
#include <set>

#include "store/analysis_answer.hpp"

namespace tumen::store {

namespace {

// won: probability 100 in a won stage; lost: inactive with probability 0 (shared lead_lifecycle's definitions).
// lp: the lead's row of lead_probabilities (joined below).
constexpr const char* won_sql = "(s.is_won = 1 AND lp.probability >= 100)";
constexpr const char* lost_sql = "(l.active = 0 AND lp.probability = 0)";

}  // namespace

Result<analysis::Answer> analyse_leads(Connection& c, const LeadQuery& q, const SqlFragment& rule,
                                       const std::string& group_by, const std::string& group_by2) {
    if (auto bad = analysis::check_dimensions(group_by, group_by2); !bad) return bad.error();
    const GroupKeySql* k1 = find_group_key(group_by);
    const GroupKeySql* k2 = group_by2.empty() ? nullptr : find_group_key(group_by2);
    if (!k1 || (!group_by2.empty() && !k2))  // shared's list and the server's keys disagree: a server bug
        return Error::make(ErrorCode::internal, "no SQL for group-by '" + group_by + "'/'" + group_by2 + "'");
    auto where = lead_condition(q, rule);
    if (!where) return where.error();

    std::string from = " FROM leads l JOIN lead_probabilities lp ON lp.lead_id = l.id LEFT JOIN stages s ON s.id = l.stage_id";
    // LEFT JOIN: untagged leads are the "None" tag group (key null), not left out of the totals.
    if (k1->exists || (k2 && k2->exists)) from += " LEFT JOIN lead_tags lt ON lt.lead_id = l.id";
    const std::string won = won_sql, lost = lost_sql;
    const std::string sql =
        std::string("SELECT ") + k1->expr + ", " + (k2 ? k2->expr : "NULL") +
        ", l.currency, count(*), sum(" + won + "), sum(" + lost +
        "), sum(l.expected_revenue), sum(round(l.expected_revenue * lp.probability / 100.0)),"
        " sum(CASE WHEN " + won + " AND l.date_closed IS NOT NULL THEN (l.date_closed - l.create_date) / 86400 END),"
        " sum(" + won + " AND l.date_closed IS NOT NULL)" +
        from + " WHERE " + where->sql + " GROUP BY 1, 2, 3 ORDER BY " +
        (group_by == "stage" ? "min(s.sequence), 1, 2" : "1, 2");  // stages in pipeline order (funnels)
    auto s = c.prepare_uncached(sql);
    s.bind_all(where->params);
    return read_answer(c, s, group_by, group_by2);
}

Result<analysis::StageFlow> stage_flow(Connection& c, const LeadQuery& q, const SqlFragment& rule) {
    auto where = lead_condition(q, rule);
    if (!where) return where.error();
    // Two ordered streams merged by lead id: the leads, and their stage moves (one tracking value each).
    auto leads = c.prepare_uncached("SELECT l.id, l.create_date, l.stage_id FROM leads l WHERE " + where->sql +
                                    " ORDER BY l.id");
    leads.bind_all(where->params);
    auto moves = c.prepare_uncached(
        "SELECT m.res_id, m.date, json_extract(t.value, '$.old'), json_extract(t.value, '$.new')"
        " FROM messages m, json_each(m.tracking) t"
        " WHERE m.res_model = 'lead' AND m.tracking <> '[]' AND json_extract(t.value, '$.field') = 'stage_id'"
        " AND m.res_id IN (SELECT l.id FROM leads l WHERE " + where->sql + ")"
        " ORDER BY m.res_id, m.date, m.id");
    moves.bind_all(where->params);

    analysis::StageFlowBuilder flow;
    std::vector<analysis::StageMove> lead_moves;
    bool move_pending = moves.step();
    while (leads.step()) {
        const int64_t id = leads.get_int(0);
        lead_moves.clear();
        while (move_pending && moves.get_int(0) < id) move_pending = moves.step();  // a lead no longer matching
        while (move_pending && moves.get_int(0) == id) {
            lead_moves.push_back({moves.get_int(1), moves.get_opt_int(2), moves.get_opt_int(3)});
            move_pending = moves.step();
        }
        flow.add_lead(leads.get_int(1), leads.get_opt_int(2), lead_moves);
    }
    return flow.result();
}

}  // namespace tumen::store
