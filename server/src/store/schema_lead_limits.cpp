// Migration: lead names up to 500 characters, as shared validation allows (tumen/lead_json: the source of
// truth; the first CHECK said 300, so a 301..500-character name passed validation and then failed the insert
// with a 500). SQLite cannot change a CHECK in place: the table is rebuilt (SQLite's "12 steps"), keeping ids,
// so leads_fts rows (keyed by rowid), messages and attachments stay attached. Foreign keys stay on inside the
// migration transaction, so dropping the old table cascades to lead_tags and lead_followers: those rows are
// saved first and put back. Every index of leads as of this migration is created again.
// Also: the index that finds leads of the same company e-mail domain (duplicate detection).
#include "store/migration_list.hpp"

namespace tumen::store::migration {

extern const std::string_view lead_limits = R"SQL(
CREATE TABLE leads_rebuilt (
  id                      INTEGER PRIMARY KEY,
  type                    TEXT NOT NULL DEFAULT 'lead' CHECK (type IN ('lead','opportunity')),
  name                    TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 500),
  name_fold               TEXT NOT NULL,
  contact_name            TEXT NOT NULL DEFAULT '',
  contact_name_fold       TEXT NOT NULL DEFAULT '',
  partner_name            TEXT NOT NULL DEFAULT '',
  partner_name_fold       TEXT NOT NULL DEFAULT '',
  partner_id              INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
  email                   TEXT NOT NULL DEFAULT '',
  email_norm              TEXT NOT NULL DEFAULT '',
  email_is_corporate      INTEGER NOT NULL DEFAULT 0 CHECK (email_is_corporate IN (0,1)),
  phone                   TEXT NOT NULL DEFAULT '',
  phone_norm              TEXT NOT NULL DEFAULT '',
  mobile                  TEXT NOT NULL DEFAULT '',
  website                 TEXT NOT NULL DEFAULT '',
  street                  TEXT NOT NULL DEFAULT '',
  city                    TEXT NOT NULL DEFAULT '',
  state                   TEXT NOT NULL DEFAULT '',
  zip                     TEXT NOT NULL DEFAULT '',
  country                 TEXT NOT NULL DEFAULT '',
  lang                    TEXT NOT NULL DEFAULT '',
  user_id                 INTEGER REFERENCES users(id) ON DELETE SET NULL,
  team_id                 INTEGER REFERENCES teams(id) ON DELETE SET NULL,
  stage_id                INTEGER REFERENCES stages(id) ON DELETE RESTRICT,
  priority                INTEGER NOT NULL DEFAULT 0 CHECK (priority BETWEEN 0 AND 3),
  expected_revenue        INTEGER NOT NULL DEFAULT 0,
  currency                TEXT NOT NULL DEFAULT 'MNT' CHECK (length(currency) = 3),
  probability             REAL NOT NULL DEFAULT 0 CHECK (probability BETWEEN 0 AND 100),
  automated_probability   REAL NOT NULL DEFAULT 0 CHECK (automated_probability BETWEEN 0 AND 100),
  probability_manual      INTEGER NOT NULL DEFAULT 0 CHECK (probability_manual IN (0,1)),
  date_deadline           TEXT,
  source_id               INTEGER REFERENCES utm_sources(id) ON DELETE SET NULL,
  medium_id               INTEGER REFERENCES utm_mediums(id) ON DELETE SET NULL,
  campaign_id             INTEGER REFERENCES utm_campaigns(id) ON DELETE SET NULL,
  description             TEXT NOT NULL DEFAULT '',
  create_date             INTEGER NOT NULL,
  write_date              INTEGER NOT NULL,
  date_closed             INTEGER,
  date_open               INTEGER,
  date_conversion         INTEGER,
  date_last_stage_update  INTEGER,
  lost_reason_id          INTEGER REFERENCES lost_reasons(id) ON DELETE SET NULL,
  lost_note               TEXT NOT NULL DEFAULT '',
  score                   INTEGER NOT NULL DEFAULT 0,
  partner_assigned_id     INTEGER REFERENCES contacts(id) ON DELETE SET NULL,  -- reseller (F-PARTNER)
  active                  INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
  version                 INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1)
);
INSERT INTO leads_rebuilt SELECT * FROM leads;
CREATE TEMP TABLE saved_lead_tags AS SELECT lead_id, tag_id FROM lead_tags;
CREATE TEMP TABLE saved_lead_followers AS SELECT lead_id, user_id FROM lead_followers;
DROP TABLE leads;
ALTER TABLE leads_rebuilt RENAME TO leads;
INSERT INTO lead_tags(lead_id, tag_id) SELECT lead_id, tag_id FROM temp.saved_lead_tags;
INSERT INTO lead_followers(lead_id, user_id) SELECT lead_id, user_id FROM temp.saved_lead_followers;
DROP TABLE temp.saved_lead_tags;
DROP TABLE temp.saved_lead_followers;
-- The board: one team's open cards per stage, best first; counts and sums per stage come from the same index.
CREATE INDEX leads_board ON leads(team_id, stage_id, active, priority DESC, id DESC);
-- Covering index for the board's per-stage counts and sums: the aggregate never touches the table.
CREATE INDEX leads_board_sums ON leads(team_id, active, stage_id, currency, expected_revenue, probability);
CREATE INDEX leads_stage ON leads(stage_id, active);
CREATE INDEX leads_revenue ON leads(expected_revenue);
CREATE INDEX leads_user ON leads(user_id, active);
CREATE INDEX leads_email ON leads(email_norm) WHERE email_norm <> '';
CREATE INDEX leads_phone ON leads(phone_norm) WHERE phone_norm <> '';
CREATE INDEX leads_partner ON leads(partner_id);
CREATE INDEX leads_probability ON leads(probability);
CREATE INDEX leads_create ON leads(create_date);
CREATE INDEX leads_deadline ON leads(date_deadline);
-- Leads of the same company domain: the expression must stay identical to the one in store/lead_candidates.cpp.
CREATE INDEX leads_email_domain ON leads(substr(email_norm, instr(email_norm, '@') + 1)) WHERE email_is_corporate = 1;
)SQL";

}  // namespace tumen::store::migration
