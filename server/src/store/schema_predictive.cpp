// Migration: predictive (issue 7). Predictive lead scoring and automatic assignment.
//   pls_frequencies   Odoo's crm.lead.scoring.frequency: per team (0 = no team) and (variable, value) the won and
//                     lost counts (+0.1 smoothing, so REAL). Updated ±1 inside lead writes; rebuilt by a job.
//   pls_rebuild_rows  the rebuild job's raw counts so far, and pls_state its position: both are written in the
//                     batch's transaction, so an interrupted rebuild resumes exactly where it stopped. pls_state
//                     also holds a stamp that changes with the table, so lead writes reuse a prepared scorer.
//   pls_settings      the fields used and the start date (managers).
//   assignment_*      the delay before a new lead is assigned (the interval is the leads.assign job's own) and
//                     the log: lead -> team / salesperson and the rule that decided it.
#include "store/migration_list.hpp"

namespace tumen::store::migration {

extern const std::string_view predictive = R"SQL(
CREATE TABLE pls_frequencies (
  team_id   INTEGER NOT NULL,
  variable  TEXT NOT NULL,
  value     TEXT NOT NULL,
  won       REAL NOT NULL,
  lost      REAL NOT NULL,
  PRIMARY KEY (team_id, variable, value)
) WITHOUT ROWID;
CREATE TABLE pls_rebuild_rows (
  team_id   INTEGER NOT NULL,
  variable  TEXT NOT NULL,
  value     TEXT NOT NULL,
  won       REAL NOT NULL,
  lost      REAL NOT NULL,
  PRIMARY KEY (team_id, variable, value)
) WITHOUT ROWID;
CREATE TABLE pls_state (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  phase     TEXT NOT NULL DEFAULT 'idle' CHECK (phase IN ('idle','count','recompute')),
  after_id  INTEGER NOT NULL DEFAULT 0,
  stamp     INTEGER NOT NULL  -- random, new with every change of pls_frequencies: the scorer cache's key
);
INSERT INTO pls_state (id, stamp) VALUES (1, random());
CREATE TABLE pls_settings (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  fields      TEXT NOT NULL,
  start_date  TEXT,
  version     INTEGER NOT NULL DEFAULT 1
);
INSERT INTO pls_settings (id, fields) VALUES (1, '["country","email_state","phone_state","source_id"]');

CREATE TABLE assignment_settings (
  id                INTEGER PRIMARY KEY CHECK (id = 1),
  delay_hours       INTEGER NOT NULL DEFAULT 0 CHECK (delay_hours >= 0),
  version           INTEGER NOT NULL DEFAULT 1
);
INSERT INTO assignment_settings (id) VALUES (1);
CREATE TABLE assignment_log (
  id        INTEGER PRIMARY KEY,
  run_at    INTEGER NOT NULL,
  lead_id   INTEGER NOT NULL,
  team_id   INTEGER,
  user_id   INTEGER,
  rule      TEXT NOT NULL,
  forced    INTEGER NOT NULL DEFAULT 0 CHECK (forced IN (0,1))
);
CREATE INDEX assignment_log_lead ON assignment_log(lead_id);
CREATE INDEX leads_unassigned ON leads(create_date) WHERE user_id IS NULL AND active = 1;
CREATE INDEX leads_date_open ON leads(date_open, team_id, user_id) WHERE date_open IS NOT NULL;
-- The member's preferred domain (Odoo 18): leads matching it go to this member before the round robin.
ALTER TABLE team_members ADD COLUMN assignment_domain_preferred TEXT NOT NULL DEFAULT '';
)SQL";

}  // namespace tumen::store::migration
