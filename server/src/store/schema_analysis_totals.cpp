// Migration: running totals for the pipeline analysis (issue 9). An analysis request used to aggregate every
// matching lead (1.3-4.6 s at 1,000,000 leads). Triggers keep, in the same transaction as each lead write, one row
// per (team, stage, salesperson, active, probability band, type, currency) and per value of one more dimension
// (country, source, lost reason, month of creation, month of expected closing), with the parts of every measure;
// store/analysis_totals answers from them the requests whose group-bys, filter and record rule use only those keys.
// Every lead is counted once per dimension code (`dim`): 0 is the base row (no extra dimension). Won and lost are
// not stored: won = the stage is a won stage (read at query time, so a stage edit needs no rewrite) and band 2;
// lost = inactive and band 0, as in store/analysis_queries. Missing ids are 0 (NULLs are never equal in a key).
// A migration that rebuilds `leads` drops these triggers: it must create them again.
#include "store/migration_list.hpp"

namespace tumen::store::migration {

extern const std::string_view analysis_totals = R"SQL(
CREATE TABLE analysis_totals (
  dim         INTEGER NOT NULL,  -- 0 = the base row; 1 country, 2 source, 3 lost reason, 4 month of creation, 5 month of expected closing
  team_key    INTEGER NOT NULL,  -- leads.team_id, 0 = none
  stage_key   INTEGER NOT NULL,  -- leads.stage_id, 0 = none
  user_key    INTEGER NOT NULL,  -- leads.user_id, 0 = none
  active      INTEGER NOT NULL,
  band        INTEGER NOT NULL,  -- probability: 0 = 0 (lost when inactive), 2 = 100 (won in a won stage), 1 = between
  type        TEXT NOT NULL,
  currency    TEXT NOT NULL,
  val         NOT NULL,          -- the dimension's value as stored (no affinity); integer 0 = none; 0 in the base row
  n           INTEGER NOT NULL CHECK (n >= 0),
  expected    INTEGER NOT NULL,  -- sum of expected_revenue (minor units)
  weighted    INTEGER NOT NULL,  -- sum of round(expected_revenue * probability / 100) per lead
  closed      INTEGER NOT NULL,  -- leads with a closing date
  close_days  INTEGER NOT NULL,  -- sum of whole days from creation to closing over those
  PRIMARY KEY (dim, team_key, stage_key, user_key, active, band, type, currency, val)
) WITHOUT ROWID;

INSERT INTO analysis_totals
  SELECT 0, coalesce(l.team_id, 0), coalesce(l.stage_id, 0), coalesce(l.user_id, 0), l.active, CASE WHEN l.probability >= 100 THEN 2 WHEN l.probability = 0 THEN 0 ELSE 1 END, l.type, l.currency, 0, count(*),
         sum(l.expected_revenue), sum(CAST(round(l.expected_revenue * l.probability / 100.0) AS INTEGER)), sum((l.date_closed IS NOT NULL)), sum(coalesce((l.date_closed - l.create_date) / 86400, 0))
  FROM leads l GROUP BY 2, 3, 4, 5, 6, 7, 8, 9;
INSERT INTO analysis_totals
  SELECT 1, coalesce(l.team_id, 0), coalesce(l.stage_id, 0), coalesce(l.user_id, 0), l.active, CASE WHEN l.probability >= 100 THEN 2 WHEN l.probability = 0 THEN 0 ELSE 1 END, l.type, l.currency, l.country, count(*),
         sum(l.expected_revenue), sum(CAST(round(l.expected_revenue * l.probability / 100.0) AS INTEGER)), sum((l.date_closed IS NOT NULL)), sum(coalesce((l.date_closed - l.create_date) / 86400, 0))
  FROM leads l GROUP BY 2, 3, 4, 5, 6, 7, 8, 9;
INSERT INTO analysis_totals
  SELECT 2, coalesce(l.team_id, 0), coalesce(l.stage_id, 0), coalesce(l.user_id, 0), l.active, CASE WHEN l.probability >= 100 THEN 2 WHEN l.probability = 0 THEN 0 ELSE 1 END, l.type, l.currency, coalesce(l.source_id, 0), count(*),
         sum(l.expected_revenue), sum(CAST(round(l.expected_revenue * l.probability / 100.0) AS INTEGER)), sum((l.date_closed IS NOT NULL)), sum(coalesce((l.date_closed - l.create_date) / 86400, 0))
  FROM leads l GROUP BY 2, 3, 4, 5, 6, 7, 8, 9;
INSERT INTO analysis_totals
  SELECT 3, coalesce(l.team_id, 0), coalesce(l.stage_id, 0), coalesce(l.user_id, 0), l.active, CASE WHEN l.probability >= 100 THEN 2 WHEN l.probability = 0 THEN 0 ELSE 1 END, l.type, l.currency, coalesce(l.lost_reason_id, 0), count(*),
         sum(l.expected_revenue), sum(CAST(round(l.expected_revenue * l.probability / 100.0) AS INTEGER)), sum((l.date_closed IS NOT NULL)), sum(coalesce((l.date_closed - l.create_date) / 86400, 0))
  FROM leads l GROUP BY 2, 3, 4, 5, 6, 7, 8, 9;
INSERT INTO analysis_totals
  SELECT 4, coalesce(l.team_id, 0), coalesce(l.stage_id, 0), coalesce(l.user_id, 0), l.active, CASE WHEN l.probability >= 100 THEN 2 WHEN l.probability = 0 THEN 0 ELSE 1 END, l.type, l.currency, coalesce(strftime('%Y-%m', l.create_date, 'unixepoch'), 0), count(*),
         sum(l.expected_revenue), sum(CAST(round(l.expected_revenue * l.probability / 100.0) AS INTEGER)), sum((l.date_closed IS NOT NULL)), sum(coalesce((l.date_closed - l.create_date) / 86400, 0))
  FROM leads l GROUP BY 2, 3, 4, 5, 6, 7, 8, 9;
INSERT INTO analysis_totals
  SELECT 5, coalesce(l.team_id, 0), coalesce(l.stage_id, 0), coalesce(l.user_id, 0), l.active, CASE WHEN l.probability >= 100 THEN 2 WHEN l.probability = 0 THEN 0 ELSE 1 END, l.type, l.currency, coalesce(substr(l.date_deadline, 1, 7), 0), count(*),
         sum(l.expected_revenue), sum(CAST(round(l.expected_revenue * l.probability / 100.0) AS INTEGER)), sum((l.date_closed IS NOT NULL)), sum(coalesce((l.date_closed - l.create_date) / 86400, 0))
  FROM leads l GROUP BY 2, 3, 4, 5, 6, 7, 8, 9;

CREATE TRIGGER analysis_totals_insert AFTER INSERT ON leads BEGIN
  INSERT INTO analysis_totals
    SELECT v.column1, coalesce(new.team_id, 0), coalesce(new.stage_id, 0), coalesce(new.user_id, 0), new.active, CASE WHEN new.probability >= 100 THEN 2 WHEN new.probability = 0 THEN 0 ELSE 1 END, new.type, new.currency, v.column2, 1,
      new.expected_revenue, CAST(round(new.expected_revenue * new.probability / 100.0) AS INTEGER), (new.date_closed IS NOT NULL), coalesce((new.date_closed - new.create_date) / 86400, 0)
    FROM (VALUES (0, 0), (1, new.country), (2, coalesce(new.source_id, 0)), (3, coalesce(new.lost_reason_id, 0)), (4, coalesce(strftime('%Y-%m', new.create_date, 'unixepoch'), 0)), (5, coalesce(substr(new.date_deadline, 1, 7), 0))) v WHERE 1
    ON CONFLICT DO UPDATE SET n = n + 1, expected = expected + excluded.expected, weighted = weighted + excluded.weighted, closed = closed + excluded.closed, close_days = close_days + excluded.close_days;
END;

CREATE TRIGGER analysis_totals_delete AFTER DELETE ON leads BEGIN
  UPDATE analysis_totals SET n = n - 1, expected = expected - old.expected_revenue, weighted = weighted - CAST(round(old.expected_revenue * old.probability / 100.0) AS INTEGER), closed = closed - (old.date_closed IS NOT NULL), close_days = close_days - coalesce((old.date_closed - old.create_date) / 86400, 0)
    WHERE dim = 0 AND team_key = coalesce(old.team_id, 0) AND stage_key = coalesce(old.stage_id, 0) AND user_key = coalesce(old.user_id, 0) AND active = old.active AND band = CASE WHEN old.probability >= 100 THEN 2 WHEN old.probability = 0 THEN 0 ELSE 1 END AND type = old.type AND currency = old.currency AND val = 0;
  UPDATE analysis_totals SET n = n - 1, expected = expected - old.expected_revenue, weighted = weighted - CAST(round(old.expected_revenue * old.probability / 100.0) AS INTEGER), closed = closed - (old.date_closed IS NOT NULL), close_days = close_days - coalesce((old.date_closed - old.create_date) / 86400, 0)
    WHERE dim = 1 AND team_key = coalesce(old.team_id, 0) AND stage_key = coalesce(old.stage_id, 0) AND user_key = coalesce(old.user_id, 0) AND active = old.active AND band = CASE WHEN old.probability >= 100 THEN 2 WHEN old.probability = 0 THEN 0 ELSE 1 END AND type = old.type AND currency = old.currency AND val = old.country;
  UPDATE analysis_totals SET n = n - 1, expected = expected - old.expected_revenue, weighted = weighted - CAST(round(old.expected_revenue * old.probability / 100.0) AS INTEGER), closed = closed - (old.date_closed IS NOT NULL), close_days = close_days - coalesce((old.date_closed - old.create_date) / 86400, 0)
    WHERE dim = 2 AND team_key = coalesce(old.team_id, 0) AND stage_key = coalesce(old.stage_id, 0) AND user_key = coalesce(old.user_id, 0) AND active = old.active AND band = CASE WHEN old.probability >= 100 THEN 2 WHEN old.probability = 0 THEN 0 ELSE 1 END AND type = old.type AND currency = old.currency AND val = coalesce(old.source_id, 0);
  UPDATE analysis_totals SET n = n - 1, expected = expected - old.expected_revenue, weighted = weighted - CAST(round(old.expected_revenue * old.probability / 100.0) AS INTEGER), closed = closed - (old.date_closed IS NOT NULL), close_days = close_days - coalesce((old.date_closed - old.create_date) / 86400, 0)
    WHERE dim = 3 AND team_key = coalesce(old.team_id, 0) AND stage_key = coalesce(old.stage_id, 0) AND user_key = coalesce(old.user_id, 0) AND active = old.active AND band = CASE WHEN old.probability >= 100 THEN 2 WHEN old.probability = 0 THEN 0 ELSE 1 END AND type = old.type AND currency = old.currency AND val = coalesce(old.lost_reason_id, 0);
  UPDATE analysis_totals SET n = n - 1, expected = expected - old.expected_revenue, weighted = weighted - CAST(round(old.expected_revenue * old.probability / 100.0) AS INTEGER), closed = closed - (old.date_closed IS NOT NULL), close_days = close_days - coalesce((old.date_closed - old.create_date) / 86400, 0)
    WHERE dim = 4 AND team_key = coalesce(old.team_id, 0) AND stage_key = coalesce(old.stage_id, 0) AND user_key = coalesce(old.user_id, 0) AND active = old.active AND band = CASE WHEN old.probability >= 100 THEN 2 WHEN old.probability = 0 THEN 0 ELSE 1 END AND type = old.type AND currency = old.currency AND val = coalesce(strftime('%Y-%m', old.create_date, 'unixepoch'), 0);
  UPDATE analysis_totals SET n = n - 1, expected = expected - old.expected_revenue, weighted = weighted - CAST(round(old.expected_revenue * old.probability / 100.0) AS INTEGER), closed = closed - (old.date_closed IS NOT NULL), close_days = close_days - coalesce((old.date_closed - old.create_date) / 86400, 0)
    WHERE dim = 5 AND team_key = coalesce(old.team_id, 0) AND stage_key = coalesce(old.stage_id, 0) AND user_key = coalesce(old.user_id, 0) AND active = old.active AND band = CASE WHEN old.probability >= 100 THEN 2 WHEN old.probability = 0 THEN 0 ELSE 1 END AND type = old.type AND currency = old.currency AND val = coalesce(substr(old.date_deadline, 1, 7), 0);
END;

-- Same keys (an amount or probability edit): one row per dimension takes the difference.
CREATE TRIGGER analysis_totals_update_same AFTER UPDATE OF team_id, stage_id, user_id, active, probability, type, currency, expected_revenue, country, source_id,
    lost_reason_id, create_date, date_deadline, date_closed ON leads
  WHEN (coalesce(old.team_id, 0)) IS (coalesce(new.team_id, 0)) AND (coalesce(old.stage_id, 0)) IS (coalesce(new.stage_id, 0)) AND (coalesce(old.user_id, 0)) IS (coalesce(new.user_id, 0)) AND (old.active) IS (new.active) AND (CASE WHEN old.probability >= 100 THEN 2 WHEN old.probability = 0 THEN 0 ELSE 1 END) IS (CASE WHEN new.probability >= 100 THEN 2 WHEN new.probability = 0 THEN 0 ELSE 1 END) AND (old.type) IS (new.type) AND (old.currency) IS (new.currency) AND (old.country) IS (new.country) AND (coalesce(old.source_id, 0)) IS (coalesce(new.source_id, 0)) AND (coalesce(old.lost_reason_id, 0)) IS (coalesce(new.lost_reason_id, 0)) AND (coalesce(strftime('%Y-%m', old.create_date, 'unixepoch'), 0)) IS (coalesce(strftime('%Y-%m', new.create_date, 'unixepoch'), 0)) AND (coalesce(substr(old.date_deadline, 1, 7), 0)) IS (coalesce(substr(new.date_deadline, 1, 7), 0))
   AND ((old.expected_revenue) IS NOT (new.expected_revenue) OR (CAST(round(old.expected_revenue * old.probability / 100.0) AS INTEGER)) IS NOT (CAST(round(new.expected_revenue * new.probability / 100.0) AS INTEGER)) OR ((old.date_closed IS NOT NULL)) IS NOT ((new.date_closed IS NOT NULL)) OR (coalesce((old.date_closed - old.create_date) / 86400, 0)) IS NOT (coalesce((new.date_closed - new.create_date) / 86400, 0))) BEGIN
  UPDATE analysis_totals SET expected = expected + (new.expected_revenue) - (old.expected_revenue), weighted = weighted + (CAST(round(new.expected_revenue * new.probability / 100.0) AS INTEGER)) - (CAST(round(old.expected_revenue * old.probability / 100.0) AS INTEGER)), closed = closed + ((new.date_closed IS NOT NULL)) - ((old.date_closed IS NOT NULL)), close_days = close_days + (coalesce((new.date_closed - new.create_date) / 86400, 0)) - (coalesce((old.date_closed - old.create_date) / 86400, 0))
    WHERE dim = 0 AND team_key = coalesce(new.team_id, 0) AND stage_key = coalesce(new.stage_id, 0) AND user_key = coalesce(new.user_id, 0) AND active = new.active AND band = CASE WHEN new.probability >= 100 THEN 2 WHEN new.probability = 0 THEN 0 ELSE 1 END AND type = new.type AND currency = new.currency AND val = 0;
  UPDATE analysis_totals SET expected = expected + (new.expected_revenue) - (old.expected_revenue), weighted = weighted + (CAST(round(new.expected_revenue * new.probability / 100.0) AS INTEGER)) - (CAST(round(old.expected_revenue * old.probability / 100.0) AS INTEGER)), closed = closed + ((new.date_closed IS NOT NULL)) - ((old.date_closed IS NOT NULL)), close_days = close_days + (coalesce((new.date_closed - new.create_date) / 86400, 0)) - (coalesce((old.date_closed - old.create_date) / 86400, 0))
    WHERE dim = 1 AND team_key = coalesce(new.team_id, 0) AND stage_key = coalesce(new.stage_id, 0) AND user_key = coalesce(new.user_id, 0) AND active = new.active AND band = CASE WHEN new.probability >= 100 THEN 2 WHEN new.probability = 0 THEN 0 ELSE 1 END AND type = new.type AND currency = new.currency AND val = new.country;
  UPDATE analysis_totals SET expected = expected + (new.expected_revenue) - (old.expected_revenue), weighted = weighted + (CAST(round(new.expected_revenue * new.probability / 100.0) AS INTEGER)) - (CAST(round(old.expected_revenue * old.probability / 100.0) AS INTEGER)), closed = closed + ((new.date_closed IS NOT NULL)) - ((old.date_closed IS NOT NULL)), close_days = close_days + (coalesce((new.date_closed - new.create_date) / 86400, 0)) - (coalesce((old.date_closed - old.create_date) / 86400, 0))
    WHERE dim = 2 AND team_key = coalesce(new.team_id, 0) AND stage_key = coalesce(new.stage_id, 0) AND user_key = coalesce(new.user_id, 0) AND active = new.active AND band = CASE WHEN new.probability >= 100 THEN 2 WHEN new.probability = 0 THEN 0 ELSE 1 END AND type = new.type AND currency = new.currency AND val = coalesce(new.source_id, 0);
  UPDATE analysis_totals SET expected = expected + (new.expected_revenue) - (old.expected_revenue), weighted = weighted + (CAST(round(new.expected_revenue * new.probability / 100.0) AS INTEGER)) - (CAST(round(old.expected_revenue * old.probability / 100.0) AS INTEGER)), closed = closed + ((new.date_closed IS NOT NULL)) - ((old.date_closed IS NOT NULL)), close_days = close_days + (coalesce((new.date_closed - new.create_date) / 86400, 0)) - (coalesce((old.date_closed - old.create_date) / 86400, 0))
    WHERE dim = 3 AND team_key = coalesce(new.team_id, 0) AND stage_key = coalesce(new.stage_id, 0) AND user_key = coalesce(new.user_id, 0) AND active = new.active AND band = CASE WHEN new.probability >= 100 THEN 2 WHEN new.probability = 0 THEN 0 ELSE 1 END AND type = new.type AND currency = new.currency AND val = coalesce(new.lost_reason_id, 0);
  UPDATE analysis_totals SET expected = expected + (new.expected_revenue) - (old.expected_revenue), weighted = weighted + (CAST(round(new.expected_revenue * new.probability / 100.0) AS INTEGER)) - (CAST(round(old.expected_revenue * old.probability / 100.0) AS INTEGER)), closed = closed + ((new.date_closed IS NOT NULL)) - ((old.date_closed IS NOT NULL)), close_days = close_days + (coalesce((new.date_closed - new.create_date) / 86400, 0)) - (coalesce((old.date_closed - old.create_date) / 86400, 0))
    WHERE dim = 4 AND team_key = coalesce(new.team_id, 0) AND stage_key = coalesce(new.stage_id, 0) AND user_key = coalesce(new.user_id, 0) AND active = new.active AND band = CASE WHEN new.probability >= 100 THEN 2 WHEN new.probability = 0 THEN 0 ELSE 1 END AND type = new.type AND currency = new.currency AND val = coalesce(strftime('%Y-%m', new.create_date, 'unixepoch'), 0);
  UPDATE analysis_totals SET expected = expected + (new.expected_revenue) - (old.expected_revenue), weighted = weighted + (CAST(round(new.expected_revenue * new.probability / 100.0) AS INTEGER)) - (CAST(round(old.expected_revenue * old.probability / 100.0) AS INTEGER)), closed = closed + ((new.date_closed IS NOT NULL)) - ((old.date_closed IS NOT NULL)), close_days = close_days + (coalesce((new.date_closed - new.create_date) / 86400, 0)) - (coalesce((old.date_closed - old.create_date) / 86400, 0))
    WHERE dim = 5 AND team_key = coalesce(new.team_id, 0) AND stage_key = coalesce(new.stage_id, 0) AND user_key = coalesce(new.user_id, 0) AND active = new.active AND band = CASE WHEN new.probability >= 100 THEN 2 WHEN new.probability = 0 THEN 0 ELSE 1 END AND type = new.type AND currency = new.currency AND val = coalesce(substr(new.date_deadline, 1, 7), 0);
END;

-- Moved (any key changed): the old rows lose the lead, the new ones gain it.
CREATE TRIGGER analysis_totals_update_moved AFTER UPDATE OF team_id, stage_id, user_id, active, probability, type, currency, expected_revenue, country, source_id,
    lost_reason_id, create_date, date_deadline, date_closed ON leads
  WHEN NOT ((coalesce(old.team_id, 0)) IS (coalesce(new.team_id, 0)) AND (coalesce(old.stage_id, 0)) IS (coalesce(new.stage_id, 0)) AND (coalesce(old.user_id, 0)) IS (coalesce(new.user_id, 0)) AND (old.active) IS (new.active) AND (CASE WHEN old.probability >= 100 THEN 2 WHEN old.probability = 0 THEN 0 ELSE 1 END) IS (CASE WHEN new.probability >= 100 THEN 2 WHEN new.probability = 0 THEN 0 ELSE 1 END) AND (old.type) IS (new.type) AND (old.currency) IS (new.currency) AND (old.country) IS (new.country) AND (coalesce(old.source_id, 0)) IS (coalesce(new.source_id, 0)) AND (coalesce(old.lost_reason_id, 0)) IS (coalesce(new.lost_reason_id, 0)) AND (coalesce(strftime('%Y-%m', old.create_date, 'unixepoch'), 0)) IS (coalesce(strftime('%Y-%m', new.create_date, 'unixepoch'), 0)) AND (coalesce(substr(old.date_deadline, 1, 7), 0)) IS (coalesce(substr(new.date_deadline, 1, 7), 0))) BEGIN
  UPDATE analysis_totals SET n = n - 1, expected = expected - old.expected_revenue, weighted = weighted - CAST(round(old.expected_revenue * old.probability / 100.0) AS INTEGER), closed = closed - (old.date_closed IS NOT NULL), close_days = close_days - coalesce((old.date_closed - old.create_date) / 86400, 0)
    WHERE dim = 0 AND team_key = coalesce(old.team_id, 0) AND stage_key = coalesce(old.stage_id, 0) AND user_key = coalesce(old.user_id, 0) AND active = old.active AND band = CASE WHEN old.probability >= 100 THEN 2 WHEN old.probability = 0 THEN 0 ELSE 1 END AND type = old.type AND currency = old.currency AND val = 0;
  UPDATE analysis_totals SET n = n - 1, expected = expected - old.expected_revenue, weighted = weighted - CAST(round(old.expected_revenue * old.probability / 100.0) AS INTEGER), closed = closed - (old.date_closed IS NOT NULL), close_days = close_days - coalesce((old.date_closed - old.create_date) / 86400, 0)
    WHERE dim = 1 AND team_key = coalesce(old.team_id, 0) AND stage_key = coalesce(old.stage_id, 0) AND user_key = coalesce(old.user_id, 0) AND active = old.active AND band = CASE WHEN old.probability >= 100 THEN 2 WHEN old.probability = 0 THEN 0 ELSE 1 END AND type = old.type AND currency = old.currency AND val = old.country;
  UPDATE analysis_totals SET n = n - 1, expected = expected - old.expected_revenue, weighted = weighted - CAST(round(old.expected_revenue * old.probability / 100.0) AS INTEGER), closed = closed - (old.date_closed IS NOT NULL), close_days = close_days - coalesce((old.date_closed - old.create_date) / 86400, 0)
    WHERE dim = 2 AND team_key = coalesce(old.team_id, 0) AND stage_key = coalesce(old.stage_id, 0) AND user_key = coalesce(old.user_id, 0) AND active = old.active AND band = CASE WHEN old.probability >= 100 THEN 2 WHEN old.probability = 0 THEN 0 ELSE 1 END AND type = old.type AND currency = old.currency AND val = coalesce(old.source_id, 0);
  UPDATE analysis_totals SET n = n - 1, expected = expected - old.expected_revenue, weighted = weighted - CAST(round(old.expected_revenue * old.probability / 100.0) AS INTEGER), closed = closed - (old.date_closed IS NOT NULL), close_days = close_days - coalesce((old.date_closed - old.create_date) / 86400, 0)
    WHERE dim = 3 AND team_key = coalesce(old.team_id, 0) AND stage_key = coalesce(old.stage_id, 0) AND user_key = coalesce(old.user_id, 0) AND active = old.active AND band = CASE WHEN old.probability >= 100 THEN 2 WHEN old.probability = 0 THEN 0 ELSE 1 END AND type = old.type AND currency = old.currency AND val = coalesce(old.lost_reason_id, 0);
  UPDATE analysis_totals SET n = n - 1, expected = expected - old.expected_revenue, weighted = weighted - CAST(round(old.expected_revenue * old.probability / 100.0) AS INTEGER), closed = closed - (old.date_closed IS NOT NULL), close_days = close_days - coalesce((old.date_closed - old.create_date) / 86400, 0)
    WHERE dim = 4 AND team_key = coalesce(old.team_id, 0) AND stage_key = coalesce(old.stage_id, 0) AND user_key = coalesce(old.user_id, 0) AND active = old.active AND band = CASE WHEN old.probability >= 100 THEN 2 WHEN old.probability = 0 THEN 0 ELSE 1 END AND type = old.type AND currency = old.currency AND val = coalesce(strftime('%Y-%m', old.create_date, 'unixepoch'), 0);
  UPDATE analysis_totals SET n = n - 1, expected = expected - old.expected_revenue, weighted = weighted - CAST(round(old.expected_revenue * old.probability / 100.0) AS INTEGER), closed = closed - (old.date_closed IS NOT NULL), close_days = close_days - coalesce((old.date_closed - old.create_date) / 86400, 0)
    WHERE dim = 5 AND team_key = coalesce(old.team_id, 0) AND stage_key = coalesce(old.stage_id, 0) AND user_key = coalesce(old.user_id, 0) AND active = old.active AND band = CASE WHEN old.probability >= 100 THEN 2 WHEN old.probability = 0 THEN 0 ELSE 1 END AND type = old.type AND currency = old.currency AND val = coalesce(substr(old.date_deadline, 1, 7), 0);
  INSERT INTO analysis_totals
    SELECT v.column1, coalesce(new.team_id, 0), coalesce(new.stage_id, 0), coalesce(new.user_id, 0), new.active, CASE WHEN new.probability >= 100 THEN 2 WHEN new.probability = 0 THEN 0 ELSE 1 END, new.type, new.currency, v.column2, 1,
      new.expected_revenue, CAST(round(new.expected_revenue * new.probability / 100.0) AS INTEGER), (new.date_closed IS NOT NULL), coalesce((new.date_closed - new.create_date) / 86400, 0)
    FROM (VALUES (0, 0), (1, new.country), (2, coalesce(new.source_id, 0)), (3, coalesce(new.lost_reason_id, 0)), (4, coalesce(strftime('%Y-%m', new.create_date, 'unixepoch'), 0)), (5, coalesce(substr(new.date_deadline, 1, 7), 0))) v WHERE 1
    ON CONFLICT DO UPDATE SET n = n + 1, expected = expected + excluded.expected, weighted = weighted + excluded.weighted, closed = closed + excluded.closed, close_days = close_days + excluded.close_days;
END;
)SQL";

}  // namespace tumen::store::migration
