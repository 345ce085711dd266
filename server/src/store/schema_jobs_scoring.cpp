// Migration: the job runner's tables and rule-based lead scoring.
//   jobs       one row per recurring kind (interval_ms > 0, or 0 = on demand) plus one-off runs (enqueue()).
//              Runner state (state, attempts, progress, checkpoint) is written by the runner only; `version`
//              moves only with user edits (interval, active, run now), so a PATCH does not race the progress bar.
//   job_runs   one row per attempt with its bounded log; a run left 'running' by a dead process is closed as
//              'interrupted' by the next start.
//   score_rules + score_rules_state: the rules, and a random stamp that changes with every rule write (triggers),
//              so the in-memory rule cache of any connection notices a change with one primary-key read.
// leads.score already exists (crm_core); the explanation is a new column, added without rebuilding `leads`.
#include "store/migration_list.hpp"

namespace tumen::store::migration {

extern const std::string_view jobs_scoring = R"SQL(
CREATE TABLE jobs (
  id              INTEGER PRIMARY KEY,
  kind            TEXT NOT NULL,
  recurring       INTEGER NOT NULL DEFAULT 0 CHECK (recurring IN (0,1)),
  interval_ms     INTEGER NOT NULL DEFAULT 0 CHECK (interval_ms >= 0),
  active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
  payload         TEXT NOT NULL DEFAULT '{}',
  state           TEXT NOT NULL DEFAULT 'idle'
                  CHECK (state IN ('idle','queued','running','retrying','done','failed')),
  next_run_ms     INTEGER,
  attempts        INTEGER NOT NULL DEFAULT 0,
  max_attempts    INTEGER NOT NULL DEFAULT 5 CHECK (max_attempts >= 1),
  last_error      TEXT NOT NULL DEFAULT '',
  progress_done   INTEGER NOT NULL DEFAULT 0,
  progress_total  INTEGER NOT NULL DEFAULT 0,
  checkpoint      TEXT NOT NULL DEFAULT 'null',
  last_start      INTEGER,
  last_finish     INTEGER,
  last_success    INTEGER,
  create_date     INTEGER NOT NULL,
  version         INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX jobs_recurring_kind ON jobs(kind) WHERE recurring = 1;
CREATE INDEX jobs_due ON jobs(next_run_ms) WHERE next_run_ms IS NOT NULL;

CREATE TABLE job_runs (
  id              INTEGER PRIMARY KEY,
  job_id          INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  attempt         INTEGER NOT NULL,
  state           TEXT NOT NULL CHECK (state IN ('running','done','failed','interrupted')),
  start_date      INTEGER NOT NULL,
  finish_date     INTEGER,
  progress_done   INTEGER NOT NULL DEFAULT 0,
  progress_total  INTEGER NOT NULL DEFAULT 0,
  error           TEXT NOT NULL DEFAULT '',
  log             TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX job_runs_job ON job_runs(job_id, id);

CREATE TABLE score_rules (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  filter      TEXT NOT NULL,
  points      INTEGER NOT NULL,
  team_id     INTEGER REFERENCES teams(id) ON DELETE CASCADE,
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
  create_date INTEGER NOT NULL,
  write_date  INTEGER NOT NULL,
  version     INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE score_rules_state (
  id    INTEGER PRIMARY KEY CHECK (id = 1),
  stamp INTEGER NOT NULL
);
INSERT INTO score_rules_state VALUES (1, 0);
CREATE TRIGGER score_rules_stamp_insert AFTER INSERT ON score_rules BEGIN
  UPDATE score_rules_state SET stamp = random() WHERE id = 1;
END;
CREATE TRIGGER score_rules_stamp_update AFTER UPDATE ON score_rules BEGIN
  UPDATE score_rules_state SET stamp = random() WHERE id = 1;
END;
CREATE TRIGGER score_rules_stamp_delete AFTER DELETE ON score_rules BEGIN
  UPDATE score_rules_state SET stamp = random() WHERE id = 1;
END;

ALTER TABLE leads ADD COLUMN score_explanation TEXT NOT NULL DEFAULT '[]';
)SQL";

}  // namespace tumen::store::migration
