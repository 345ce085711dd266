// Migration: running totals for the board. The board's per-stage counts and sums over one team used to be
// an aggregate over every open lead of the team (a covering-index scan: ~250,000 rows for a big team at
// 1,000,000 leads, too slow for a 50 ms p99). Triggers keep one row per (team, stage, active, type, currency)
// up to date in the same transaction as the lead write, so the unfiltered board reads a handful of rows.
// The covering index that served the old aggregate goes: it cost every insert a random-position write.
// Missing team or stage is stored as 0 (ids start at 1) because NULLs are never equal in a primary key.
#include "store/migration_list.hpp"

namespace tumen::store::migration {

extern const std::string_view lead_totals = R"SQL(
CREATE TABLE lead_totals (
  team_key   INTEGER NOT NULL,   -- leads.team_id, 0 = none
  stage_key  INTEGER NOT NULL,   -- leads.stage_id, 0 = none
  active     INTEGER NOT NULL,
  type       TEXT NOT NULL,
  currency   TEXT NOT NULL,
  n          INTEGER NOT NULL CHECK (n >= 0),
  expected   INTEGER NOT NULL,   -- sum of expected_revenue (minor units)
  weighted   INTEGER NOT NULL,   -- sum of round(expected_revenue * probability / 100) per lead
  PRIMARY KEY (team_key, active, type, stage_key, currency)
) WITHOUT ROWID;

INSERT INTO lead_totals
  SELECT coalesce(team_id, 0), coalesce(stage_id, 0), active, type, currency, count(*), sum(expected_revenue),
         sum(CAST(round(expected_revenue * probability / 100.0) AS INTEGER))
  FROM leads GROUP BY 1, 2, 3, 4, 5;

CREATE TRIGGER lead_totals_insert AFTER INSERT ON leads BEGIN
  INSERT INTO lead_totals VALUES (coalesce(new.team_id, 0), coalesce(new.stage_id, 0), new.active, new.type,
      new.currency, 1, new.expected_revenue, CAST(round(new.expected_revenue * new.probability / 100.0) AS INTEGER))
    ON CONFLICT DO UPDATE SET n = n + 1, expected = expected + excluded.expected, weighted = weighted + excluded.weighted;
END;

CREATE TRIGGER lead_totals_delete AFTER DELETE ON leads BEGIN
  UPDATE lead_totals SET n = n - 1, expected = expected - old.expected_revenue,
      weighted = weighted - CAST(round(old.expected_revenue * old.probability / 100.0) AS INTEGER)
    WHERE team_key = coalesce(old.team_id, 0) AND active = old.active AND type = old.type
      AND stage_key = coalesce(old.stage_id, 0) AND currency = old.currency;
END;

CREATE TRIGGER lead_totals_update
AFTER UPDATE OF team_id, stage_id, active, type, currency, expected_revenue, probability ON leads BEGIN
  UPDATE lead_totals SET n = n - 1, expected = expected - old.expected_revenue,
      weighted = weighted - CAST(round(old.expected_revenue * old.probability / 100.0) AS INTEGER)
    WHERE team_key = coalesce(old.team_id, 0) AND active = old.active AND type = old.type
      AND stage_key = coalesce(old.stage_id, 0) AND currency = old.currency;
  INSERT INTO lead_totals VALUES (coalesce(new.team_id, 0), coalesce(new.stage_id, 0), new.active, new.type,
      new.currency, 1, new.expected_revenue, CAST(round(new.expected_revenue * new.probability / 100.0) AS INTEGER))
    ON CONFLICT DO UPDATE SET n = n + 1, expected = expected + excluded.expected, weighted = weighted + excluded.weighted;
END;

DROP INDEX leads_board_sums;
)SQL";

}  // namespace tumen::store::migration
