#include "store/lead_insert_totals.hpp"

#include <string>

namespace tumen::store {

namespace {

// The rows to add: the ids as a JSON array, so one statement takes a whole batch.
const char* const batch_ids = "(SELECT value FROM json_each(?1))";

const std::string board_sql = std::string(
    "INSERT INTO lead_totals SELECT coalesce(team_id, 0), coalesce(stage_id, 0), active, type, currency, count(*),"
    " sum(expected_revenue), sum(CAST(round(expected_revenue * lp.probability / 100.0) AS INTEGER))"
    " FROM leads JOIN lead_probabilities lp ON lp.lead_id = id WHERE id IN ") + batch_ids + " GROUP BY 1, 2, 3, 4, 5"
    " ON CONFLICT DO UPDATE SET n = n + excluded.n, expected = expected + excluded.expected,"
    " weighted = weighted + excluded.weighted";

// The batch's leads grouped by every key of the six dimensions first (a batch has few distinct keys), then each
// group once per dimension: the triggers' expressions are evaluated once per lead, not six times.
const std::string analysis_sql = std::string(
    "INSERT INTO analysis_totals SELECT d.column1, g.team, g.stage, g.usr, g.active, g.band, g.type, g.currency,"
    " CASE d.column1 WHEN 0 THEN 0 WHEN 1 THEN g.country WHEN 2 THEN g.source WHEN 3 THEN g.lost WHEN 4 THEN g.created"
    " ELSE g.deadline END, sum(g.n), sum(g.expected), sum(g.weighted), sum(g.closed), sum(g.close_days)"
    " FROM (SELECT coalesce(team_id, 0) AS team, coalesce(stage_id, 0) AS stage, coalesce(user_id, 0) AS usr, active,"
    "   CASE WHEN lp.probability >= 100 THEN 2 WHEN lp.probability = 0 THEN 0 ELSE 1 END AS band, type, currency, country,"
    "   coalesce(source_id, 0) AS source, coalesce(lost_reason_id, 0) AS lost,"
    "   coalesce(strftime('%Y-%m', create_date, 'unixepoch'), 0) AS created,"
    "   coalesce(substr(date_deadline, 1, 7), 0) AS deadline, count(*) AS n, sum(expected_revenue) AS expected,"
    "   sum(CAST(round(expected_revenue * lp.probability / 100.0) AS INTEGER)) AS weighted,"
    "   sum((date_closed IS NOT NULL)) AS closed, sum(coalesce((date_closed - create_date) / 86400, 0)) AS close_days"
    "   FROM leads JOIN lead_probabilities lp ON lp.lead_id = id WHERE id IN ") + batch_ids + " GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12) g,"
    " (VALUES (0), (1), (2), (3), (4), (5)) d WHERE 1 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9"
    " ON CONFLICT DO UPDATE SET n = n + excluded.n, expected = expected + excluded.expected,"
    " weighted = weighted + excluded.weighted, closed = closed + excluded.closed, close_days = close_days + excluded.close_days";

}  // namespace

void pause_insert_totals(Connection& c) { c.prepare("INSERT OR IGNORE INTO totals_paused VALUES (1)").run(); }

void add_inserted_totals(Connection& c, const std::vector<int64_t>& ids) {
    c.prepare("DELETE FROM totals_paused").run();
    if (ids.empty()) return;
    std::string json = "[";
    for (int64_t id : ids) json += (json.size() > 1 ? "," : "") + std::to_string(id);
    json += "]";
    c.prepare(board_sql).bind(1, json).run();
    c.prepare(analysis_sql).bind(1, json).run();
}

}  // namespace tumen::store
