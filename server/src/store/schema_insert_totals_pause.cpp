// Migration: the totals_paused pause (migration totals_pause) extended to the running totals' insert triggers.
// A bulk inserter of leads (the CSV import, store/lead_insert_totals) pauses them for its rows and adds each
// totals row's sums once, in the same transaction: seven statements per lead (one lead_totals upsert and six
// analysis_totals upserts) become two grouped statements per batch. Outside such a transaction the table is
// empty and every insert keeps the totals itself, as before.
#include "store/migration_list.hpp"

namespace tumen::store::migration {

extern const std::string_view insert_totals_pause = R"SQL(
DROP TRIGGER lead_totals_insert;
CREATE TRIGGER lead_totals_insert AFTER INSERT ON leads WHEN NOT EXISTS (SELECT 1 FROM totals_paused) BEGIN
  INSERT INTO lead_totals VALUES (coalesce(new.team_id, 0), coalesce(new.stage_id, 0), new.active, new.type,
      new.currency, 1, new.expected_revenue, CAST(round(new.expected_revenue * new.probability / 100.0) AS INTEGER))
    ON CONFLICT DO UPDATE SET n = n + 1, expected = expected + excluded.expected, weighted = weighted + excluded.weighted;
END;

DROP TRIGGER analysis_totals_insert;
CREATE TRIGGER analysis_totals_insert AFTER INSERT ON leads WHEN NOT EXISTS (SELECT 1 FROM totals_paused) BEGIN
  INSERT INTO analysis_totals
    SELECT v.column1, coalesce(new.team_id, 0), coalesce(new.stage_id, 0), coalesce(new.user_id, 0), new.active, CASE WHEN new.probability >= 100 THEN 2 WHEN new.probability = 0 THEN 0 ELSE 1 END, new.type, new.currency, v.column2, 1,
      new.expected_revenue, CAST(round(new.expected_revenue * new.probability / 100.0) AS INTEGER), (new.date_closed IS NOT NULL), coalesce((new.date_closed - new.create_date) / 86400, 0)
    FROM (VALUES (0, 0), (1, new.country), (2, coalesce(new.source_id, 0)), (3, coalesce(new.lost_reason_id, 0)), (4, coalesce(strftime('%Y-%m', new.create_date, 'unixepoch'), 0)), (5, coalesce(substr(new.date_deadline, 1, 7), 0))) v WHERE 1
    ON CONFLICT DO UPDATE SET n = n + 1, expected = expected + excluded.expected, weighted = weighted + excluded.weighted, closed = closed + excluded.closed, close_days = close_days + excluded.close_days;
END;
)SQL";

}  // namespace tumen::store::migration
