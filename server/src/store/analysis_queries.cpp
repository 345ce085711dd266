#include "store/analysis_queries.hpp"

#include <map>
#include <set>

namespace tumen::store {

namespace {

// won: probability 100 in a won stage; lost: inactive with probability 0 (shared lead_lifecycle's definitions).
constexpr const char* won_sql = "(s.is_won = 1 AND l.probability >= 100)";
constexpr const char* lost_sql = "(l.active = 0 AND l.probability = 0)";

nlohmann::json key_json(Statement& s, int col) {
    switch (s.column_type(col)) {
        case SQLITE_NULL: return nullptr;
        case SQLITE_INTEGER: return s.get_int(col);
        default: return s.get_text(col);
    }
}

// Names of the ids a key has, for keys that are references; other keys are their own label.
const char* label_table(const std::string& key) {
    static const std::map<std::string, const char*> tables = {
        {"stage", "stages"}, {"user", "users"},       {"team", "teams"},
        {"source", "utm_sources"}, {"lost_reason", "lost_reasons"}, {"tag", "tags"}};
    auto it = tables.find(key);
    return it == tables.end() ? nullptr : it->second;
}

std::map<int64_t, std::string> names_of(Connection& c, const char* table, const std::set<int64_t>& ids) {
    std::map<int64_t, std::string> out;
    if (ids.empty()) return out;
    auto s = c.prepare(std::string("SELECT id, name FROM ") + table + " WHERE id IN (SELECT value FROM json_each(?))");
    s.bind(1, nlohmann::json(ids).dump());
    while (s.step()) out[s.get_int(0)] = s.get_text(1);
    return out;
}

void fill_labels(Connection& c, analysis::Answer& a, bool second) {
    const std::string& key = second ? a.group_by2 : a.group_by;
    const char* table = label_table(key);
    std::set<int64_t> ids;
    for (const auto& cell : a.cells) {
        const auto& k = second ? cell.key2 : cell.key1;
        if (table && k.is_number_integer()) ids.insert(k.get<int64_t>());
    }
    const auto names = table ? names_of(c, table, ids) : std::map<int64_t, std::string>{};
    for (auto& cell : a.cells) {
        const auto& k = second ? cell.key2 : cell.key1;
        std::string& label = second ? cell.label2 : cell.label1;
        if (k.is_null()) label.clear();
        else if (table && k.is_number_integer()) {
            auto it = names.find(k.get<int64_t>());
            label = it == names.end() ? "#" + std::to_string(k.get<int64_t>()) : it->second;
        } else label = k.is_string() ? k.get<std::string>() : k.dump();
    }
}

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

    std::string from = " FROM leads l LEFT JOIN stages s ON s.id = l.stage_id";
    if (k1->exists || (k2 && k2->exists)) from += " JOIN lead_tags lt ON lt.lead_id = l.id";
    const std::string won = won_sql, lost = lost_sql;
    const std::string sql =
        std::string("SELECT ") + k1->expr + ", " + (k2 ? k2->expr : "NULL") +
        ", l.currency, count(*), sum(" + won + "), sum(" + lost +
        "), sum(l.expected_revenue), sum(round(l.expected_revenue * l.probability / 100.0)),"
        " sum(CASE WHEN " + won + " AND l.date_closed IS NOT NULL THEN (l.date_closed - l.create_date) / 86400 END),"
        " sum(" + won + " AND l.date_closed IS NOT NULL)" +
        from + " WHERE " + where->sql + " GROUP BY 1, 2, 3 ORDER BY " +
        (group_by == "stage" ? "min(s.sequence), 1, 2" : "1, 2");  // stages in pipeline order (funnels)
    auto s = c.prepare_uncached(sql);
    s.bind_all(where->params);

    analysis::Answer a;
    a.group_by = group_by;
    a.group_by2 = group_by2;
    while (s.step()) {
        nlohmann::json key1 = key_json(s, 0), key2 = key_json(s, 1);
        if (a.cells.empty() || a.cells.back().key1 != key1 || a.cells.back().key2 != key2) {
            a.cells.emplace_back();
            a.cells.back().key1 = std::move(key1);
            a.cells.back().key2 = std::move(key2);
        }
        auto& cell = a.cells.back();
        const std::string currency = s.get_text(2);
        cell.count += s.get_int(3);
        cell.won += s.get_int(4);
        cell.lost += s.get_int(5);
        cell.expected[currency] += s.get_int(6);
        cell.weighted[currency] += static_cast<int64_t>(s.get_double(7));
        cell.close_days_sum += s.is_null(8) ? 0 : s.get_int(8);
        cell.closed += s.get_int(9);
    }
    fill_labels(c, a, false);
    if (k2) fill_labels(c, a, true);
    return a;
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
