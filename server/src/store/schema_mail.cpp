// Migration: e-mail.
//   mail_outbox     every outgoing message, queued in the transaction of the action that caused it and sent by the
//                   "mail.send" job. message_id is fixed at queue time, so a message retried after a crash carries
//                   the same Message-ID and the receiver (and our own threading) can recognise it.
//                   state: queued -> sending -> sent | queued (temporary failure, next_try_at later) | failed
//                   (permanent, or out of attempts; last_error holds the server's answer) | bounced (a DSN came back)
//                   | cancelled. A row left 'sending' by a crash is sent again at the next start (the one window
//                   where a message can go out twice: after the SMTP server's 250 and before our commit).
//   mail_templates  subject/body with {{placeholders}}, checked at save time by shared/ (mail_template.hpp).
//   mail_channels   one row per inbound or outbound channel (smtp, http, mailgate, imap:<team>) with its counters,
//                   last error and last success, so Settings shows every failure; never a silent state.
//   mail_inbound    one row per inbound Message-ID taken: a message delivered twice (MTA retry, IMAP re-read) is
//                   recognised and not appended twice; the outcome is kept for the channel log.
//   mail_bounces    addresses that bounced, for a warning on the lead and no more sending to them by mistake.
//   messages gains mail_id (the outbox row of a sent e-mail: its delivery state shows in the timeline) and
//   message_id (the Message-ID of an inbound or outbound e-mail, for replies to find their lead).
// Times are unix seconds (UTC), like the rest of the CRM tables.
#include "store/migration_list.hpp"

namespace tumen::store::migration {

extern const std::string_view mail = R"SQL(
CREATE TABLE mail_outbox (
  id           INTEGER PRIMARY KEY,
  res_model    TEXT NOT NULL DEFAULT '' CHECK (res_model IN ('','lead','contact','quotation','user')),
  res_id       INTEGER NOT NULL DEFAULT 0,
  message_id   TEXT NOT NULL UNIQUE,
  in_reply_to  TEXT NOT NULL DEFAULT '',
  refs         TEXT NOT NULL DEFAULT '',
  mail_from    TEXT NOT NULL,
  mail_to      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(mail_to)),
  mail_cc      TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(mail_cc)),
  subject      TEXT NOT NULL DEFAULT '',
  body_text    TEXT NOT NULL DEFAULT '',
  body_html    TEXT NOT NULL DEFAULT '',
  attachments  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(attachments)),
  state        TEXT NOT NULL DEFAULT 'queued'
               CHECK (state IN ('queued','sending','sent','failed','bounced','cancelled')),
  attempts     INTEGER NOT NULL DEFAULT 0,
  next_try_at  INTEGER NOT NULL DEFAULT 0,
  last_error   TEXT NOT NULL DEFAULT '',
  created_by   INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at   INTEGER NOT NULL,
  sent_at      INTEGER
);
CREATE INDEX mail_outbox_due ON mail_outbox(next_try_at, id) WHERE state IN ('queued','sending');
CREATE INDEX mail_outbox_record ON mail_outbox(res_model, res_id);
CREATE INDEX mail_outbox_state ON mail_outbox(state, id);

CREATE TABLE mail_templates (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
  res_model   TEXT NOT NULL DEFAULT 'lead' CHECK (res_model IN ('lead','contact','quotation','user')),
  subject     TEXT NOT NULL DEFAULT '',
  body        TEXT NOT NULL DEFAULT '',
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
  create_date INTEGER NOT NULL,
  write_date  INTEGER NOT NULL,
  version     INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE mail_channels (
  id              INTEGER PRIMARY KEY,
  name            TEXT NOT NULL UNIQUE,
  direction       TEXT NOT NULL CHECK (direction IN ('in','out')),
  received        INTEGER NOT NULL DEFAULT 0,
  created         INTEGER NOT NULL DEFAULT 0,
  appended        INTEGER NOT NULL DEFAULT 0,
  rejected        INTEGER NOT NULL DEFAULT 0,
  sent            INTEGER NOT NULL DEFAULT 0,
  failed          INTEGER NOT NULL DEFAULT 0,
  last_error      TEXT NOT NULL DEFAULT '',
  last_error_at   INTEGER,
  last_success_at INTEGER,
  state           TEXT NOT NULL DEFAULT 'unknown' CHECK (state IN ('unknown','ok','error')),
  cursor          TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(cursor))
);

CREATE TABLE mail_inbound (
  id          INTEGER PRIMARY KEY,
  message_id  TEXT NOT NULL UNIQUE,
  channel     TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  outcome     TEXT NOT NULL CHECK (outcome IN ('created','appended','bounce','rejected','failed')),
  lead_id     INTEGER REFERENCES leads(id) ON DELETE SET NULL,
  reason      TEXT NOT NULL DEFAULT '',
  sender      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX mail_inbound_sender ON mail_inbound(sender, received_at);

CREATE TABLE mail_bounces (
  email       TEXT PRIMARY KEY,
  count       INTEGER NOT NULL DEFAULT 0,
  last_at     INTEGER NOT NULL,
  last_reason TEXT NOT NULL DEFAULT ''
);

ALTER TABLE messages ADD COLUMN mail_id INTEGER REFERENCES mail_outbox(id) ON DELETE SET NULL;
ALTER TABLE messages ADD COLUMN message_id TEXT NOT NULL DEFAULT '';
CREATE INDEX messages_message_id ON messages(message_id) WHERE message_id <> '';
CREATE INDEX messages_mail ON messages(mail_id) WHERE mail_id IS NOT NULL;
)SQL";

}  // namespace tumen::store::migration
