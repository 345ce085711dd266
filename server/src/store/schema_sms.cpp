// Migration: SMS.
//   sms_outbox  every SMS sent from a lead, queued in the transaction that writes its chatter message and sent by
//               the "sms.send" job through the HTTP gateway of Settings > SMS (keys sms.* in `settings`).
//               state: queued -> sending -> sent | queued (5xx, 429, timeout: next_attempt_at later) | failed (4xx,
//               the success pattern missing, or out of attempts; last_error holds the gateway's answer, clipped).
//               message_id is the chatter message: the timeline shows the SMS with this row's state. A row left
//               'sending' by a crash goes again at the next run (an HTTP gateway cannot be asked whether it took it).
// Times are unix seconds (UTC).
#include "store/migration_list.hpp"

namespace tumen::store::migration {

extern const std::string_view sms = R"SQL(
CREATE TABLE sms_outbox (
  id              INTEGER PRIMARY KEY,
  lead_id         INTEGER REFERENCES leads(id) ON DELETE SET NULL,
  message_id      INTEGER REFERENCES messages(id) ON DELETE SET NULL,
  to_phone        TEXT NOT NULL,
  body            TEXT NOT NULL,
  state           TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued','sending','sent','failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  last_error      TEXT NOT NULL DEFAULT '',
  gateway_status  INTEGER NOT NULL DEFAULT 0,
  created_at      INTEGER NOT NULL,
  sent_at         INTEGER,
  created_by      INTEGER REFERENCES users(id) ON DELETE SET NULL
);
CREATE INDEX sms_outbox_due ON sms_outbox(next_attempt_at, id) WHERE state IN ('queued','sending');
CREATE INDEX sms_outbox_message ON sms_outbox(message_id) WHERE message_id IS NOT NULL;
CREATE INDEX sms_outbox_state ON sms_outbox(state, id);
)SQL";

}  // namespace tumen::store::migration
