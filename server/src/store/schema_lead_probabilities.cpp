// Migration: lead_probabilities (issue 7). The predictive rebuild rewrites most open leads' probabilities; in the
// wide `leads` row (~1.5 KB per lead with its indexes) every such write dirtied the lead's page, so a 1,000,000-lead
// recompute pushed the whole table through the WAL and again at the checkpoint (18.8 s, bench/README.md). The two
// columns move to a narrow table (a probe: the same 121,000 writes 0.40 s instead of 1.9-2.2 s);
// probability_manual (a user's choice, written with the lead) stays in `leads`.
// The running totals (lead_totals, analysis_totals) need the probability for the weighted sums and the band:
//   - a lead counts while it has its lead_probabilities row: every insert path writes the lead, then that row
//     (store::insert_lead_row); the row's insert trigger counts the lead, reading its keys from `leads`;
//   - leads' delete trigger subtracts the lead with its probability, then deletes the row (one trigger, so the
//     order is fixed); leads' update triggers read the probability, which that statement cannot change;
//   - a probability update moves the weighted sums (and the band's rows) with the lead's keys read from `leads`.
// The update and insert triggers keep the totals_paused guard (migrations totals_pause, insert_totals_pause).
// Dropping the columns rewrites `leads` (~12 s at 200,000 leads on a loaded machine). leads_probability goes and
// gets no successor on the narrow table: an index on probability would move on every changed probability (a
// probe at 1,000,000 rows, 600,000 updates: 22-33 s with it, 4-6 s without, load ~18), so the list's probability
// sort now sorts the matching leads (~0.08 s CPU at 200,000 leads) instead of reading an index in order.
// A later migration that rebuilds `leads` must create these leads triggers again.
#include "store/migration_list.hpp"

namespace tumen::store::migration {

extern const std::string_view lead_probabilities = R"SQL(
CREATE TABLE lead_probabilities (
  lead_id               INTEGER PRIMARY KEY,  -- leads.id; deleted by leads' trigger lead_totals_delete after it read it
  probability           REAL NOT NULL CHECK (probability BETWEEN 0 AND 100),
  automated_probability REAL NOT NULL CHECK (automated_probability BETWEEN 0 AND 100)
);
INSERT INTO lead_probabilities SELECT id, probability, automated_probability FROM leads ORDER BY id;

DROP TRIGGER lead_totals_insert;
DROP TRIGGER lead_totals_delete;
DROP TRIGGER lead_totals_update;
DROP TRIGGER analysis_totals_insert;
DROP TRIGGER analysis_totals_delete;
DROP TRIGGER analysis_totals_update_same;
DROP TRIGGER analysis_totals_update_moved;
DROP INDEX leads_probability;
ALTER TABLE leads DROP COLUMN probability;
ALTER TABLE leads DROP COLUMN automated_probability;

CREATE TRIGGER lead_totals_delete AFTER DELETE ON leads
  WHEN EXISTS (SELECT 1 FROM lead_probabilities WHERE lead_id = old.id) BEGIN
  UPDATE lead_totals SET n = n - 1, expected = expected - old.expected_revenue,
      weighted = weighted - CAST(round(old.expected_revenue * (SELECT probability FROM lead_probabilities WHERE lead_id = old.id) / 100.0) AS INTEGER)
    WHERE team_key = coalesce(old.team_id, 0) AND active = old.active AND type = old.type
      AND stage_key = coalesce(old.stage_id, 0) AND currency = old.currency;
  UPDATE analysis_totals SET n = n - 1, expected = expected - old.expected_revenue, weighted = weighted - CAST(round(old.expected_revenue * (SELECT probability FROM lead_probabilities WHERE lead_id = old.id) / 100.0) AS INTEGER), closed = closed - (old.date_closed IS NOT NULL), close_days = close_days - coalesce((old.date_closed - old.create_date) / 86400, 0)
    WHERE dim = 0 AND team_key = coalesce(old.team_id, 0) AND stage_key = coalesce(old.stage_id, 0) AND user_key = coalesce(old.user_id, 0) AND active = old.active AND band = CASE WHEN (SELECT probability FROM lead_probabilities WHERE lead_id = old.id) >= 100 THEN 2 WHEN (SELECT probability FROM lead_probabilities WHERE lead_id = old.id) = 0 THEN 0 ELSE 1 END AND type = old.type AND currency = old.currency AND val = 0;
  UPDATE analysis_totals SET n = n - 1, expected = expected - old.expected_revenue, weighted = weighted - CAST(round(old.expected_revenue * (SELECT probability FROM lead_probabilities WHERE lead_id = old.id) / 100.0) AS INTEGER), closed = closed - (old.date_closed IS NOT NULL), close_days = close_days - coalesce((old.date_closed - old.create_date) / 86400, 0)
    WHERE dim = 1 AND team_key = coalesce(old.team_id, 0) AND stage_key = coalesce(old.stage_id, 0) AND user_key = coalesce(old.user_id, 0) AND active = old.active AND band = CASE WHEN (SELECT probability FROM lead_probabilities WHERE lead_id = old.id) >= 100 THEN 2 WHEN (SELECT probability FROM lead_probabilities WHERE lead_id = old.id) = 0 THEN 0 ELSE 1 END AND type = old.type AND currency = old.currency AND val = old.country;
  UPDATE analysis_totals SET n = n - 1, expected = expected - old.expected_revenue, weighted = weighted - CAST(round(old.expected_revenue * (SELECT probability FROM lead_probabilities WHERE lead_id = old.id) / 100.0) AS INTEGER), closed = closed - (old.date_closed IS NOT NULL), close_days = close_days - coalesce((old.date_closed - old.create_date) / 86400, 0)
    WHERE dim = 2 AND team_key = coalesce(old.team_id, 0) AND stage_key = coalesce(old.stage_id, 0) AND user_key = coalesce(old.user_id, 0) AND active = old.active AND band = CASE WHEN (SELECT probability FROM lead_probabilities WHERE lead_id = old.id) >= 100 THEN 2 WHEN (SELECT probability FROM lead_probabilities WHERE lead_id = old.id) = 0 THEN 0 ELSE 1 END AND type = old.type AND currency = old.currency AND val = coalesce(old.source_id, 0);
  UPDATE analysis_totals SET n = n - 1, expected = expected - old.expected_revenue, weighted = weighted - CAST(round(old.expected_revenue * (SELECT probability FROM lead_probabilities WHERE lead_id = old.id) / 100.0) AS INTEGER), closed = closed - (old.date_closed IS NOT NULL), close_days = close_days - coalesce((old.date_closed - old.create_date) / 86400, 0)
    WHERE dim = 3 AND team_key = coalesce(old.team_id, 0) AND stage_key = coalesce(old.stage_id, 0) AND user_key = coalesce(old.user_id, 0) AND active = old.active AND band = CASE WHEN (SELECT probability FROM lead_probabilities WHERE lead_id = old.id) >= 100 THEN 2 WHEN (SELECT probability FROM lead_probabilities WHERE lead_id = old.id) = 0 THEN 0 ELSE 1 END AND type = old.type AND currency = old.currency AND val = coalesce(old.lost_reason_id, 0);
  UPDATE analysis_totals SET n = n - 1, expected = expected - old.expected_revenue, weighted = weighted - CAST(round(old.expected_revenue * (SELECT probability FROM lead_probabilities WHERE lead_id = old.id) / 100.0) AS INTEGER), closed = closed - (old.date_closed IS NOT NULL), close_days = close_days - coalesce((old.date_closed - old.create_date) / 86400, 0)
    WHERE dim = 4 AND team_key = coalesce(old.team_id, 0) AND stage_key = coalesce(old.stage_id, 0) AND user_key = coalesce(old.user_id, 0) AND active = old.active AND band = CASE WHEN (SELECT probability FROM lead_probabilities WHERE lead_id = old.id) >= 100 THEN 2 WHEN (SELECT probability FROM lead_probabilities WHERE lead_id = old.id) = 0 THEN 0 ELSE 1 END AND type = old.type AND currency = old.currency AND val = coalesce(strftime('%Y-%m', old.create_date, 'unixepoch'), 0);
  UPDATE analysis_totals SET n = n - 1, expected = expected - old.expected_revenue, weighted = weighted - CAST(round(old.expected_revenue * (SELECT probability FROM lead_probabilities WHERE lead_id = old.id) / 100.0) AS INTEGER), closed = closed - (old.date_closed IS NOT NULL), close_days = close_days - coalesce((old.date_closed - old.create_date) / 86400, 0)
    WHERE dim = 5 AND team_key = coalesce(old.team_id, 0) AND stage_key = coalesce(old.stage_id, 0) AND user_key = coalesce(old.user_id, 0) AND active = old.active AND band = CASE WHEN (SELECT probability FROM lead_probabilities WHERE lead_id = old.id) >= 100 THEN 2 WHEN (SELECT probability FROM lead_probabilities WHERE lead_id = old.id) = 0 THEN 0 ELSE 1 END AND type = old.type AND currency = old.currency AND val = coalesce(substr(old.date_deadline, 1, 7), 0);
  DELETE FROM lead_probabilities WHERE lead_id = old.id;
END;

CREATE TRIGGER lead_totals_update
AFTER UPDATE OF team_id, stage_id, active, type, currency, expected_revenue ON leads
  WHEN NOT EXISTS (SELECT 1 FROM totals_paused) AND EXISTS (SELECT 1 FROM lead_probabilities WHERE lead_id = new.id) BEGIN
  UPDATE lead_totals SET n = n - 1, expected = expected - old.expected_revenue,
      weighted = weighted - CAST(round(old.expected_revenue * (SELECT probability FROM lead_probabilities WHERE lead_id = old.id) / 100.0) AS INTEGER)
    WHERE team_key = coalesce(old.team_id, 0) AND active = old.active AND type = old.type
      AND stage_key = coalesce(old.stage_id, 0) AND currency = old.currency;
  INSERT INTO lead_totals VALUES (coalesce(new.team_id, 0), coalesce(new.stage_id, 0), new.active, new.type,
      new.currency, 1, new.expected_revenue, CAST(round(new.expected_revenue * (SELECT probability FROM lead_probabilities WHERE lead_id = new.id) / 100.0) AS INTEGER))
    ON CONFLICT DO UPDATE SET n = n + 1, expected = expected + excluded.expected, weighted = weighted + excluded.weighted;
END;

CREATE TRIGGER analysis_totals_update_same AFTER UPDATE OF team_id, stage_id, user_id, active, type, currency, expected_revenue, country, source_id,
    lost_reason_id, create_date, date_deadline, date_closed ON leads
  WHEN NOT EXISTS (SELECT 1 FROM totals_paused) AND EXISTS (SELECT 1 FROM lead_probabilities WHERE lead_id = new.id) AND (coalesce(old.team_id, 0)) IS (coalesce(new.team_id, 0)) AND (coalesce(old.stage_id, 0)) IS (coalesce(new.stage_id, 0)) AND (coalesce(old.user_id, 0)) IS (coalesce(new.user_id, 0)) AND (old.active) IS (new.active) AND (old.type) IS (new.type) AND (old.currency) IS (new.currency) AND (old.country) IS (new.country) AND (coalesce(old.source_id, 0)) IS (coalesce(new.source_id, 0)) AND (coalesce(old.lost_reason_id, 0)) IS (coalesce(new.lost_reason_id, 0)) AND (coalesce(strftime('%Y-%m', old.create_date, 'unixepoch'), 0)) IS (coalesce(strftime('%Y-%m', new.create_date, 'unixepoch'), 0)) AND (coalesce(substr(old.date_deadline, 1, 7), 0)) IS (coalesce(substr(new.date_deadline, 1, 7), 0))
   AND ((old.expected_revenue) IS NOT (new.expected_revenue) OR (CAST(round(old.expected_revenue * (SELECT probability FROM lead_probabilities WHERE lead_id = old.id) / 100.0) AS INTEGER)) IS NOT (CAST(round(new.expected_revenue * (SELECT probability FROM lead_probabilities WHERE lead_id = new.id) / 100.0) AS INTEGER)) OR ((old.date_closed IS NOT NULL)) IS NOT ((new.date_closed IS NOT NULL)) OR (coalesce((old.date_closed - old.create_date) / 86400, 0)) IS NOT (coalesce((new.date_closed - new.create_date) / 86400, 0))) BEGIN
  UPDATE analysis_totals SET expected = expected + (new.expected_revenue) - (old.expected_revenue), weighted = weighted + (CAST(round(new.expected_revenue * (SELECT probability FROM lead_probabilities WHERE lead_id = new.id) / 100.0) AS INTEGER)) - (CAST(round(old.expected_revenue * (SELECT probability FROM lead_probabilities WHERE lead_id = old.id) / 100.0) AS INTEGER)), closed = closed + ((new.date_closed IS NOT NULL)) - ((old.date_closed IS NOT NULL)), close_days = close_days + (coalesce((new.date_closed - new.create_date) / 86400, 0)) - (coalesce((old.date_closed - old.create_date) / 86400, 0))
    WHERE dim = 0 AND team_key = coalesce(new.team_id, 0) AND stage_key = coalesce(new.stage_id, 0) AND user_key = coalesce(new.user_id, 0) AND active = new.active AND band = CASE WHEN (SELECT probability FROM lead_probabilities WHERE lead_id = new.id) >= 100 THEN 2 WHEN (SELECT probability FROM lead_probabilities WHERE lead_id = new.id) = 0 THEN 0 ELSE 1 END AND type = new.type AND currency = new.currency AND val = 0;
  UPDATE analysis_totals SET expected = expected + (new.expected_revenue) - (old.expected_revenue), weighted = weighted + (CAST(round(new.expected_revenue * (SELECT probability FROM lead_probabilities WHERE lead_id = new.id) / 100.0) AS INTEGER)) - (CAST(round(old.expected_revenue * (SELECT probability FROM lead_probabilities WHERE lead_id = old.id) / 100.0) AS INTEGER)), closed = closed + ((new.date_closed IS NOT NULL)) - ((old.date_closed IS NOT NULL)), close_days = close_days + (coalesce((new.date_closed - new.create_date) / 86400, 0)) - (coalesce((old.date_closed - old.create_date) / 86400, 0))
    WHERE dim = 1 AND team_key = coalesce(new.team_id, 0) AND stage_key = coalesce(new.stage_id, 0) AND user_key = coalesce(new.user_id, 0) AND active = new.active AND band = CASE WHEN (SELECT probability FROM lead_probabilities WHERE lead_id = new.id) >= 100 THEN 2 WHEN (SELECT probability FROM lead_probabilities WHERE lead_id = new.id) = 0 THEN 0 ELSE 1 END AND type = new.type AND currency = new.currency AND val = new.country;
  UPDATE analysis_totals SET expected = expected + (new.expected_revenue) - (old.expected_revenue), weighted = weighted + (CAST(round(new.expected_revenue * (SELECT probability FROM lead_probabilities WHERE lead_id = new.id) / 100.0) AS INTEGER)) - (CAST(round(old.expected_revenue * (SELECT probability FROM lead_probabilities WHERE lead_id = old.id) / 100.0) AS INTEGER)), closed = closed + ((new.date_closed IS NOT NULL)) - ((old.date_closed IS NOT NULL)), close_days = close_days + (coalesce((new.date_closed - new.create_date) / 86400, 0)) - (coalesce((old.date_closed - old.create_date) / 86400, 0))
    WHERE dim = 2 AND team_key = coalesce(new.team_id, 0) AND stage_key = coalesce(new.stage_id, 0) AND user_key = coalesce(new.user_id, 0) AND active = new.active AND band = CASE WHEN (SELECT probability FROM lead_probabilities WHERE lead_id = new.id) >= 100 THEN 2 WHEN (SELECT probability FROM lead_probabilities WHERE lead_id = new.id) = 0 THEN 0 ELSE 1 END AND type = new.type AND currency = new.currency AND val = coalesce(new.source_id, 0);
  UPDATE analysis_totals SET expected = expected + (new.expected_revenue) - (old.expected_revenue), weighted = weighted + (CAST(round(new.expected_revenue * (SELECT probability FROM lead_probabilities WHERE lead_id = new.id) / 100.0) AS INTEGER)) - (CAST(round(old.expected_revenue * (SELECT probability FROM lead_probabilities WHERE lead_id = old.id) / 100.0) AS INTEGER)), closed = closed + ((new.date_closed IS NOT NULL)) - ((old.date_closed IS NOT NULL)), close_days = close_days + (coalesce((new.date_closed - new.create_date) / 86400, 0)) - (coalesce((old.date_closed - old.create_date) / 86400, 0))
    WHERE dim = 3 AND team_key = coalesce(new.team_id, 0) AND stage_key = coalesce(new.stage_id, 0) AND user_key = coalesce(new.user_id, 0) AND active = new.active AND band = CASE WHEN (SELECT probability FROM lead_probabilities WHERE lead_id = new.id) >= 100 THEN 2 WHEN (SELECT probability FROM lead_probabilities WHERE lead_id = new.id) = 0 THEN 0 ELSE 1 END AND type = new.type AND currency = new.currency AND val = coalesce(new.lost_reason_id, 0);
  UPDATE analysis_totals SET expected = expected + (new.expected_revenue) - (old.expected_revenue), weighted = weighted + (CAST(round(new.expected_revenue * (SELECT probability FROM lead_probabilities WHERE lead_id = new.id) / 100.0) AS INTEGER)) - (CAST(round(old.expected_revenue * (SELECT probability FROM lead_probabilities WHERE lead_id = old.id) / 100.0) AS INTEGER)), closed = closed + ((new.date_closed IS NOT NULL)) - ((old.date_closed IS NOT NULL)), close_days = close_days + (coalesce((new.date_closed - new.create_date) / 86400, 0)) - (coalesce((old.date_closed - old.create_date) / 86400, 0))
    WHERE dim = 4 AND team_key = coalesce(new.team_id, 0) AND stage_key = coalesce(new.stage_id, 0) AND user_key = coalesce(new.user_id, 0) AND active = new.active AND band = CASE WHEN (SELECT probability FROM lead_probabilities WHERE lead_id = new.id) >= 100 THEN 2 WHEN (SELECT probability FROM lead_probabilities WHERE lead_id = new.id) = 0 THEN 0 ELSE 1 END AND type = new.type AND currency = new.currency AND val = coalesce(strftime('%Y-%m', new.create_date, 'unixepoch'), 0);
  UPDATE analysis_totals SET expected = expected + (new.expected_revenue) - (old.expected_revenue), weighted = weighted + (CAST(round(new.expected_revenue * (SELECT probability FROM lead_probabilities WHERE lead_id = new.id) / 100.0) AS INTEGER)) - (CAST(round(old.expected_revenue * (SELECT probability FROM lead_probabilities WHERE lead_id = old.id) / 100.0) AS INTEGER)), closed = closed + ((new.date_closed IS NOT NULL)) - ((old.date_closed IS NOT NULL)), close_days = close_days + (coalesce((new.date_closed - new.create_date) / 86400, 0)) - (coalesce((old.date_closed - old.create_date) / 86400, 0))
    WHERE dim = 5 AND team_key = coalesce(new.team_id, 0) AND stage_key = coalesce(new.stage_id, 0) AND user_key = coalesce(new.user_id, 0) AND active = new.active AND band = CASE WHEN (SELECT probability FROM lead_probabilities WHERE lead_id = new.id) >= 100 THEN 2 WHEN (SELECT probability FROM lead_probabilities WHERE lead_id = new.id) = 0 THEN 0 ELSE 1 END AND type = new.type AND currency = new.currency AND val = coalesce(substr(new.date_deadline, 1, 7), 0);
END;

CREATE TRIGGER analysis_totals_update_moved AFTER UPDATE OF team_id, stage_id, user_id, active, type, currency, expected_revenue, country, source_id,
    lost_reason_id, create_date, date_deadline, date_closed ON leads
  WHEN NOT EXISTS (SELECT 1 FROM totals_paused) AND EXISTS (SELECT 1 FROM lead_probabilities WHERE lead_id = new.id) AND NOT ((coalesce(old.team_id, 0)) IS (coalesce(new.team_id, 0)) AND (coalesce(old.stage_id, 0)) IS (coalesce(new.stage_id, 0)) AND (coalesce(old.user_id, 0)) IS (coalesce(new.user_id, 0)) AND (old.active) IS (new.active) AND (old.type) IS (new.type) AND (old.currency) IS (new.currency) AND (old.country) IS (new.country) AND (coalesce(old.source_id, 0)) IS (coalesce(new.source_id, 0)) AND (coalesce(old.lost_reason_id, 0)) IS (coalesce(new.lost_reason_id, 0)) AND (coalesce(strftime('%Y-%m', old.create_date, 'unixepoch'), 0)) IS (coalesce(strftime('%Y-%m', new.create_date, 'unixepoch'), 0)) AND (coalesce(substr(old.date_deadline, 1, 7), 0)) IS (coalesce(substr(new.date_deadline, 1, 7), 0))) BEGIN
  UPDATE analysis_totals SET n = n - 1, expected = expected - old.expected_revenue, weighted = weighted - CAST(round(old.expected_revenue * (SELECT probability FROM lead_probabilities WHERE lead_id = old.id) / 100.0) AS INTEGER), closed = closed - (old.date_closed IS NOT NULL), close_days = close_days - coalesce((old.date_closed - old.create_date) / 86400, 0)
    WHERE dim = 0 AND team_key = coalesce(old.team_id, 0) AND stage_key = coalesce(old.stage_id, 0) AND user_key = coalesce(old.user_id, 0) AND active = old.active AND band = CASE WHEN (SELECT probability FROM lead_probabilities WHERE lead_id = old.id) >= 100 THEN 2 WHEN (SELECT probability FROM lead_probabilities WHERE lead_id = old.id) = 0 THEN 0 ELSE 1 END AND type = old.type AND currency = old.currency AND val = 0;
  UPDATE analysis_totals SET n = n - 1, expected = expected - old.expected_revenue, weighted = weighted - CAST(round(old.expected_revenue * (SELECT probability FROM lead_probabilities WHERE lead_id = old.id) / 100.0) AS INTEGER), closed = closed - (old.date_closed IS NOT NULL), close_days = close_days - coalesce((old.date_closed - old.create_date) / 86400, 0)
    WHERE dim = 1 AND team_key = coalesce(old.team_id, 0) AND stage_key = coalesce(old.stage_id, 0) AND user_key = coalesce(old.user_id, 0) AND active = old.active AND band = CASE WHEN (SELECT probability FROM lead_probabilities WHERE lead_id = old.id) >= 100 THEN 2 WHEN (SELECT probability FROM lead_probabilities WHERE lead_id = old.id) = 0 THEN 0 ELSE 1 END AND type = old.type AND currency = old.currency AND val = old.country;
  UPDATE analysis_totals SET n = n - 1, expected = expected - old.expected_revenue, weighted = weighted - CAST(round(old.expected_revenue * (SELECT probability FROM lead_probabilities WHERE lead_id = old.id) / 100.0) AS INTEGER), closed = closed - (old.date_closed IS NOT NULL), close_days = close_days - coalesce((old.date_closed - old.create_date) / 86400, 0)
    WHERE dim = 2 AND team_key = coalesce(old.team_id, 0) AND stage_key = coalesce(old.stage_id, 0) AND user_key = coalesce(old.user_id, 0) AND active = old.active AND band = CASE WHEN (SELECT probability FROM lead_probabilities WHERE lead_id = old.id) >= 100 THEN 2 WHEN (SELECT probability FROM lead_probabilities WHERE lead_id = old.id) = 0 THEN 0 ELSE 1 END AND type = old.type AND currency = old.currency AND val = coalesce(old.source_id, 0);
  UPDATE analysis_totals SET n = n - 1, expected = expected - old.expected_revenue, weighted = weighted - CAST(round(old.expected_revenue * (SELECT probability FROM lead_probabilities WHERE lead_id = old.id) / 100.0) AS INTEGER), closed = closed - (old.date_closed IS NOT NULL), close_days = close_days - coalesce((old.date_closed - old.create_date) / 86400, 0)
    WHERE dim = 3 AND team_key = coalesce(old.team_id, 0) AND stage_key = coalesce(old.stage_id, 0) AND user_key = coalesce(old.user_id, 0) AND active = old.active AND band = CASE WHEN (SELECT probability FROM lead_probabilities WHERE lead_id = old.id) >= 100 THEN 2 WHEN (SELECT probability FROM lead_probabilities WHERE lead_id = old.id) = 0 THEN 0 ELSE 1 END AND type = old.type AND currency = old.currency AND val = coalesce(old.lost_reason_id, 0);
  UPDATE analysis_totals SET n = n - 1, expected = expected - old.expected_revenue, weighted = weighted - CAST(round(old.expected_revenue * (SELECT probability FROM lead_probabilities WHERE lead_id = old.id) / 100.0) AS INTEGER), closed = closed - (old.date_closed IS NOT NULL), close_days = close_days - coalesce((old.date_closed - old.create_date) / 86400, 0)
    WHERE dim = 4 AND team_key = coalesce(old.team_id, 0) AND stage_key = coalesce(old.stage_id, 0) AND user_key = coalesce(old.user_id, 0) AND active = old.active AND band = CASE WHEN (SELECT probability FROM lead_probabilities WHERE lead_id = old.id) >= 100 THEN 2 WHEN (SELECT probability FROM lead_probabilities WHERE lead_id = old.id) = 0 THEN 0 ELSE 1 END AND type = old.type AND currency = old.currency AND val = coalesce(strftime('%Y-%m', old.create_date, 'unixepoch'), 0);
  UPDATE analysis_totals SET n = n - 1, expected = expected - old.expected_revenue, weighted = weighted - CAST(round(old.expected_revenue * (SELECT probability FROM lead_probabilities WHERE lead_id = old.id) / 100.0) AS INTEGER), closed = closed - (old.date_closed IS NOT NULL), close_days = close_days - coalesce((old.date_closed - old.create_date) / 86400, 0)
    WHERE dim = 5 AND team_key = coalesce(old.team_id, 0) AND stage_key = coalesce(old.stage_id, 0) AND user_key = coalesce(old.user_id, 0) AND active = old.active AND band = CASE WHEN (SELECT probability FROM lead_probabilities WHERE lead_id = old.id) >= 100 THEN 2 WHEN (SELECT probability FROM lead_probabilities WHERE lead_id = old.id) = 0 THEN 0 ELSE 1 END AND type = old.type AND currency = old.currency AND val = coalesce(substr(old.date_deadline, 1, 7), 0);
  INSERT INTO analysis_totals
    SELECT v.column1, coalesce(new.team_id, 0), coalesce(new.stage_id, 0), coalesce(new.user_id, 0), new.active, CASE WHEN (SELECT probability FROM lead_probabilities WHERE lead_id = new.id) >= 100 THEN 2 WHEN (SELECT probability FROM lead_probabilities WHERE lead_id = new.id) = 0 THEN 0 ELSE 1 END, new.type, new.currency, v.column2, 1,
      new.expected_revenue, CAST(round(new.expected_revenue * (SELECT probability FROM lead_probabilities WHERE lead_id = new.id) / 100.0) AS INTEGER), (new.date_closed IS NOT NULL), coalesce((new.date_closed - new.create_date) / 86400, 0)
    FROM (VALUES (0, 0), (1, new.country), (2, coalesce(new.source_id, 0)), (3, coalesce(new.lost_reason_id, 0)), (4, coalesce(strftime('%Y-%m', new.create_date, 'unixepoch'), 0)), (5, coalesce(substr(new.date_deadline, 1, 7), 0))) v WHERE 1
    ON CONFLICT DO UPDATE SET n = n + 1, expected = expected + excluded.expected, weighted = weighted + excluded.weighted, closed = closed + excluded.closed, close_days = close_days + excluded.close_days;
END;

CREATE TRIGGER lead_probabilities_insert AFTER INSERT ON lead_probabilities WHEN NOT EXISTS (SELECT 1 FROM totals_paused) BEGIN
  INSERT INTO lead_totals SELECT coalesce(l.team_id, 0), coalesce(l.stage_id, 0), l.active, l.type, l.currency, 1, l.expected_revenue,
      CAST(round(l.expected_revenue * new.probability / 100.0) AS INTEGER) FROM leads l WHERE l.id = new.lead_id
    ON CONFLICT DO UPDATE SET n = n + 1, expected = expected + excluded.expected, weighted = weighted + excluded.weighted;
  INSERT INTO analysis_totals
    SELECT d.column1, coalesce(l.team_id, 0), coalesce(l.stage_id, 0), coalesce(l.user_id, 0), l.active, CASE WHEN new.probability >= 100 THEN 2 WHEN new.probability = 0 THEN 0 ELSE 1 END, l.type, l.currency, CASE d.column1 WHEN 0 THEN 0 WHEN 1 THEN l.country WHEN 2 THEN coalesce(l.source_id, 0) WHEN 3 THEN coalesce(l.lost_reason_id, 0) WHEN 4 THEN coalesce(strftime('%Y-%m', l.create_date, 'unixepoch'), 0) ELSE coalesce(substr(l.date_deadline, 1, 7), 0) END, 1,
      l.expected_revenue, CAST(round(l.expected_revenue * new.probability / 100.0) AS INTEGER), (l.date_closed IS NOT NULL), coalesce((l.date_closed - l.create_date) / 86400, 0)
    FROM leads l, (VALUES (0), (1), (2), (3), (4), (5)) d WHERE l.id = new.lead_id
    ON CONFLICT DO UPDATE SET n = n + 1, expected = expected + excluded.expected, weighted = weighted + excluded.weighted, closed = closed + excluded.closed, close_days = close_days + excluded.close_days;
END;

CREATE TRIGGER lead_probabilities_update AFTER UPDATE OF probability ON lead_probabilities
  WHEN NOT EXISTS (SELECT 1 FROM totals_paused) AND old.probability IS NOT new.probability BEGIN
  UPDATE lead_totals SET weighted = weighted + k.delta
    FROM (SELECT coalesce(l.team_id, 0) AS team, coalesce(l.stage_id, 0) AS stage, l.active AS act, l.type AS typ,
            l.currency AS cur, CAST(round(l.expected_revenue * new.probability / 100.0) AS INTEGER) - CAST(round(l.expected_revenue * old.probability / 100.0) AS INTEGER) AS delta FROM leads l WHERE l.id = new.lead_id) k
    WHERE team_key = k.team AND active = k.act AND type = k.typ AND stage_key = k.stage AND currency = k.cur;
END;

CREATE TRIGGER analysis_probabilities_update_same AFTER UPDATE OF probability ON lead_probabilities
  WHEN NOT EXISTS (SELECT 1 FROM totals_paused) AND old.probability IS NOT new.probability AND (CASE WHEN old.probability >= 100 THEN 2 WHEN old.probability = 0 THEN 0 ELSE 1 END) = (CASE WHEN new.probability >= 100 THEN 2 WHEN new.probability = 0 THEN 0 ELSE 1 END) BEGIN
  UPDATE analysis_totals SET weighted = weighted + k.delta
    FROM (SELECT d.column1 AS dm, coalesce(l.team_id, 0) AS team, coalesce(l.stage_id, 0) AS stage, coalesce(l.user_id, 0) AS usr, l.active AS act, l.type AS typ, l.currency AS cur, CASE d.column1 WHEN 0 THEN 0 WHEN 1 THEN l.country WHEN 2 THEN coalesce(l.source_id, 0) WHEN 3 THEN coalesce(l.lost_reason_id, 0) WHEN 4 THEN coalesce(strftime('%Y-%m', l.create_date, 'unixepoch'), 0) ELSE coalesce(substr(l.date_deadline, 1, 7), 0) END AS v, CAST(round(l.expected_revenue * new.probability / 100.0) AS INTEGER) - CAST(round(l.expected_revenue * old.probability / 100.0) AS INTEGER) AS delta FROM leads l, (VALUES (0), (1), (2), (3), (4), (5)) d WHERE l.id = new.lead_id) k
    WHERE dim = k.dm AND team_key = k.team AND stage_key = k.stage AND user_key = k.usr AND active = k.act AND band = CASE WHEN new.probability >= 100 THEN 2 WHEN new.probability = 0 THEN 0 ELSE 1 END AND type = k.typ AND currency = k.cur AND val = k.v;
END;

CREATE TRIGGER analysis_probabilities_update_moved AFTER UPDATE OF probability ON lead_probabilities
  WHEN NOT EXISTS (SELECT 1 FROM totals_paused) AND (CASE WHEN old.probability >= 100 THEN 2 WHEN old.probability = 0 THEN 0 ELSE 1 END) IS NOT (CASE WHEN new.probability >= 100 THEN 2 WHEN new.probability = 0 THEN 0 ELSE 1 END) BEGIN
  UPDATE analysis_totals SET n = n - 1, expected = expected - k.x_expected, weighted = weighted - k.x_weighted, closed = closed - k.x_closed, close_days = close_days - k.x_close_days
    FROM (SELECT d.column1 AS dm, coalesce(l.team_id, 0) AS team, coalesce(l.stage_id, 0) AS stage, coalesce(l.user_id, 0) AS usr, l.active AS act, l.type AS typ, l.currency AS cur, CASE d.column1 WHEN 0 THEN 0 WHEN 1 THEN l.country WHEN 2 THEN coalesce(l.source_id, 0) WHEN 3 THEN coalesce(l.lost_reason_id, 0) WHEN 4 THEN coalesce(strftime('%Y-%m', l.create_date, 'unixepoch'), 0) ELSE coalesce(substr(l.date_deadline, 1, 7), 0) END AS v, l.expected_revenue AS x_expected, CAST(round(l.expected_revenue * old.probability / 100.0) AS INTEGER) AS x_weighted, (l.date_closed IS NOT NULL) AS x_closed, coalesce((l.date_closed - l.create_date) / 86400, 0) AS x_close_days FROM leads l, (VALUES (0), (1), (2), (3), (4), (5)) d WHERE l.id = new.lead_id) k
    WHERE dim = k.dm AND team_key = k.team AND stage_key = k.stage AND user_key = k.usr AND active = k.act AND band = CASE WHEN old.probability >= 100 THEN 2 WHEN old.probability = 0 THEN 0 ELSE 1 END AND type = k.typ AND currency = k.cur AND val = k.v;
  INSERT INTO analysis_totals
    SELECT d.column1, coalesce(l.team_id, 0), coalesce(l.stage_id, 0), coalesce(l.user_id, 0), l.active, CASE WHEN new.probability >= 100 THEN 2 WHEN new.probability = 0 THEN 0 ELSE 1 END, l.type, l.currency, CASE d.column1 WHEN 0 THEN 0 WHEN 1 THEN l.country WHEN 2 THEN coalesce(l.source_id, 0) WHEN 3 THEN coalesce(l.lost_reason_id, 0) WHEN 4 THEN coalesce(strftime('%Y-%m', l.create_date, 'unixepoch'), 0) ELSE coalesce(substr(l.date_deadline, 1, 7), 0) END, 1,
      l.expected_revenue, CAST(round(l.expected_revenue * new.probability / 100.0) AS INTEGER), (l.date_closed IS NOT NULL), coalesce((l.date_closed - l.create_date) / 86400, 0)
    FROM leads l, (VALUES (0), (1), (2), (3), (4), (5)) d WHERE l.id = new.lead_id
    ON CONFLICT DO UPDATE SET n = n + 1, expected = expected + excluded.expected, weighted = weighted + excluded.weighted, closed = closed + excluded.closed, close_days = close_days + excluded.close_days;
END;
)SQL";

}  // namespace tumen::store::migration
