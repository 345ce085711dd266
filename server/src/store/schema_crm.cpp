// Migration: the CRM core — teams, stages, contacts, leads, tags, lost reasons, UTM, chatter, change log,
// full-text index. Datetimes are INTEGER Unix seconds (UTC); calendar dates are TEXT 'YYYY-MM-DD';
// money is INTEGER minor units + a currency code. *_fold columns hold tumen::text::fold_key() copies, because
// SQLite's LIKE/lower() are ASCII-only and Cyrillic names must compare case-insensitively (ё = е).
#include "store/migration_list.hpp"

namespace tumen::store::migration {

extern const std::string_view crm_core = R"SQL(
CREATE TABLE teams (
  id                 INTEGER PRIMARY KEY,
  name               TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  user_id            INTEGER REFERENCES users(id) ON DELETE SET NULL,  -- team leader
  alias              TEXT UNIQUE,
  use_leads          INTEGER NOT NULL DEFAULT 1 CHECK (use_leads IN (0,1)),
  use_opportunities  INTEGER NOT NULL DEFAULT 1 CHECK (use_opportunities IN (0,1)),
  invoiced_target    INTEGER NOT NULL DEFAULT 0 CHECK (invoiced_target >= 0),
  currency           TEXT NOT NULL DEFAULT 'MNT' CHECK (length(currency) = 3),
  assignment_domain  TEXT NOT NULL DEFAULT '',
  assignment_optout  INTEGER NOT NULL DEFAULT 0 CHECK (assignment_optout IN (0,1)),
  sequence           INTEGER NOT NULL DEFAULT 10,
  active             INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
  version            INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE team_members (
  id                 INTEGER PRIMARY KEY,
  team_id            INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  user_id            INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  assignment_domain  TEXT NOT NULL DEFAULT '',
  max_leads_30d      INTEGER NOT NULL DEFAULT 30 CHECK (max_leads_30d >= 0),
  active             INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
  version            INTEGER NOT NULL DEFAULT 1,
  UNIQUE (team_id, user_id)
);
CREATE INDEX team_members_user ON team_members(user_id);

CREATE TABLE stages (
  id                 INTEGER PRIMARY KEY,
  name               TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  team_id            INTEGER REFERENCES teams(id) ON DELETE CASCADE,
  sequence           INTEGER NOT NULL DEFAULT 10,
  fold               INTEGER NOT NULL DEFAULT 0 CHECK (fold IN (0,1)),
  is_won             INTEGER NOT NULL DEFAULT 0 CHECK (is_won IN (0,1)),
  requirements       TEXT NOT NULL DEFAULT '',
  default_probability REAL CHECK (default_probability BETWEEN 0 AND 100),
  rotting_days       INTEGER NOT NULL DEFAULT 0 CHECK (rotting_days >= 0),
  wip_limit          INTEGER NOT NULL DEFAULT 0 CHECK (wip_limit >= 0),
  version            INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX stages_team ON stages(team_id, sequence);

CREATE TABLE lost_reasons (
  id      INTEGER PRIMARY KEY,
  name    TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
  active  INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
  version INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE tags (
  id      INTEGER PRIMARY KEY,
  name    TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
  color   INTEGER NOT NULL DEFAULT 0 CHECK (color BETWEEN 0 AND 11),
  version INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE utm_sources   (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
                            active INTEGER NOT NULL DEFAULT 1, version INTEGER NOT NULL DEFAULT 1);
CREATE TABLE utm_mediums   (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
                            active INTEGER NOT NULL DEFAULT 1, version INTEGER NOT NULL DEFAULT 1);
CREATE TABLE utm_campaigns (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
                            active INTEGER NOT NULL DEFAULT 1, version INTEGER NOT NULL DEFAULT 1);

CREATE TABLE contact_categories (
  id      INTEGER PRIMARY KEY,
  name    TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
  color   INTEGER NOT NULL DEFAULT 0 CHECK (color BETWEEN 0 AND 11),
  parent_id INTEGER REFERENCES contact_categories(id) ON DELETE SET NULL,
  active  INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
  version INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE contacts (
  id            INTEGER PRIMARY KEY,
  is_company    INTEGER NOT NULL DEFAULT 0 CHECK (is_company IN (0,1)),
  parent_id     INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
  name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
  name_fold     TEXT NOT NULL,
  email         TEXT NOT NULL DEFAULT '',
  email_norm    TEXT NOT NULL DEFAULT '',
  phone         TEXT NOT NULL DEFAULT '',
  phone_norm    TEXT NOT NULL DEFAULT '',
  mobile        TEXT NOT NULL DEFAULT '',
  website       TEXT NOT NULL DEFAULT '',
  street        TEXT NOT NULL DEFAULT '',
  city          TEXT NOT NULL DEFAULT '',
  state         TEXT NOT NULL DEFAULT '',
  zip           TEXT NOT NULL DEFAULT '',
  country       TEXT NOT NULL DEFAULT '',
  lang          TEXT NOT NULL DEFAULT '',
  function      TEXT NOT NULL DEFAULT '',
  user_id       INTEGER REFERENCES users(id) ON DELETE SET NULL,
  comment       TEXT NOT NULL DEFAULT '',
  opt_out       INTEGER NOT NULL DEFAULT 0 CHECK (opt_out IN (0,1)),
  blacklisted   INTEGER NOT NULL DEFAULT 0 CHECK (blacklisted IN (0,1)),
  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
  create_date   INTEGER NOT NULL,
  write_date    INTEGER NOT NULL,
  version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX contacts_email ON contacts(email_norm) WHERE email_norm <> '';
CREATE INDEX contacts_phone ON contacts(phone_norm) WHERE phone_norm <> '';
CREATE INDEX contacts_name ON contacts(name_fold);
CREATE INDEX contacts_parent ON contacts(parent_id);
CREATE TABLE contact_category_rel (
  contact_id   INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  category_id  INTEGER NOT NULL REFERENCES contact_categories(id) ON DELETE CASCADE,
  PRIMARY KEY (contact_id, category_id)
) WITHOUT ROWID;

CREATE TABLE leads (
  id                      INTEGER PRIMARY KEY,
  type                    TEXT NOT NULL DEFAULT 'lead' CHECK (type IN ('lead','opportunity')),
  name                    TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
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

CREATE TABLE lead_tags (
  lead_id  INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
  tag_id   INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
  PRIMARY KEY (lead_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX lead_tags_tag ON lead_tags(tag_id, lead_id);
CREATE TABLE lead_followers (
  lead_id  INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
  user_id  INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (lead_id, user_id)
) WITHOUT ROWID;
CREATE INDEX lead_followers_user ON lead_followers(user_id, lead_id);

-- Full-text search: the store writes folded text (ё→е, lower-cased Cyrillic) under the lead's rowid.
CREATE VIRTUAL TABLE leads_fts USING fts5(
  name, contact_name, partner_name, email, phone, description,
  tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3'
);
CREATE VIRTUAL TABLE contacts_fts USING fts5(
  name, email, phone, city,
  tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3'
);

-- Chatter: notes, e-mails, tracked changes, SMS, activities on any record.
CREATE TABLE messages (
  id          INTEGER PRIMARY KEY,
  res_model   TEXT NOT NULL CHECK (res_model IN ('lead','contact','team','quotation')),
  res_id      INTEGER NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('note','email','tracking','sms','activity','system')),
  body        TEXT NOT NULL DEFAULT '',
  author_id   INTEGER REFERENCES users(id) ON DELETE SET NULL,
  author_name TEXT NOT NULL DEFAULT '',
  date        INTEGER NOT NULL,
  tracking    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tracking)),
  subject     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX messages_record ON messages(res_model, res_id, date DESC, id DESC);

-- Attachment files live in <data_dir>/attachments/<sha256[0:2]>/<sha256>, one copy per content; a file is
-- removed when its last row goes (attachments_sha finds the other rows).
CREATE TABLE attachments (
  id          INTEGER PRIMARY KEY,
  res_model   TEXT NOT NULL CHECK (res_model IN ('lead','contact')),
  res_id      INTEGER NOT NULL,
  name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
  mimetype    TEXT NOT NULL,
  size        INTEGER NOT NULL CHECK (size >= 0),
  sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
  created_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,
  create_date INTEGER NOT NULL
);
CREATE INDEX attachments_record ON attachments(res_model, res_id);
CREATE INDEX attachments_sha ON attachments(sha256);

-- Every committed change, for live updates (SSE with Last-Event-ID replay) and webhooks.
CREATE TABLE change_log (
  id          INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL,
  entity      TEXT NOT NULL,
  entity_id   INTEGER NOT NULL,
  action      TEXT NOT NULL,
  team_id     INTEGER,
  user_id     INTEGER,
  payload     TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(payload))
);

-- Import jobs: progress the client polls and the per-row report.
CREATE TABLE import_jobs (
  id          INTEGER PRIMARY KEY,
  entity      TEXT NOT NULL CHECK (entity IN ('lead','contact')),
  state       TEXT NOT NULL CHECK (state IN ('queued','running','done','failed','cancelled')),
  dry_run     INTEGER NOT NULL DEFAULT 0,
  total_rows  INTEGER NOT NULL DEFAULT 0,
  done_rows   INTEGER NOT NULL DEFAULT 0,
  created     INTEGER NOT NULL DEFAULT 0,
  updated     INTEGER NOT NULL DEFAULT 0,
  skipped     INTEGER NOT NULL DEFAULT 0,
  failed      INTEGER NOT NULL DEFAULT 0,
  options     TEXT NOT NULL DEFAULT '{}',
  summary     TEXT NOT NULL DEFAULT '{}',  -- mapping used, first errors, tags and companies created
  report      TEXT NOT NULL DEFAULT '',    -- the failed rows as CSV (line, field, message, the row)
  error       TEXT NOT NULL DEFAULT '',    -- why the whole file or job failed ('' when rows did)
  file_name   TEXT NOT NULL DEFAULT '',
  created_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,
  create_date INTEGER NOT NULL,
  start_date  INTEGER,
  finish_date INTEGER,
  elapsed_ms  INTEGER NOT NULL DEFAULT 0  -- parse + write time, for the rows/s figure
);
CREATE INDEX import_jobs_user ON import_jobs(created_by, id);
)SQL";

}  // namespace tumen::store::migration
