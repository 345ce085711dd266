// The outbox (mail_outbox, migration `mail`): every outgoing e-mail, queued in the transaction of the action that
// caused it, sent by the "mail.send" job. State changes are single-row writes the job commits one by one:
// queued -> sending (committed before the SMTP transfer) -> sent | queued (later) | failed.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "store/sqlite.hpp"
#include "tumen/mail_outgoing.hpp"

namespace tumen::store {

// Inserts the row and sets m.id. m.message_id may be empty: a unique placeholder is stored until the caller
// knows the id (Message-IDs name the row) and calls set_outbox_message_id in the same transaction.
void insert_outbox(Connection& c, mail::OutgoingMail& m);
void set_outbox_message_id(Connection& c, int64_t id, const std::string& message_id);
std::optional<mail::OutgoingMail> find_outbox(Connection& c, int64_t id);

// Rows to send at `now`: queued and due, or left 'sending' by a process that stopped mid-transfer; oldest first,
// ids after `after_id` (a run walks the queue once).
std::vector<mail::OutgoingMail> due_outbox(Connection& c, int64_t now, int64_t after_id, int limit);
// Earliest next_try_at of a queued row (nullopt: nothing waiting).
std::optional<int64_t> next_outbox_try(Connection& c);

// Claims a due row for a transfer: 'sending', attempts + 1. False when it is no longer due (retried, cancelled).
bool mark_outbox_sending(Connection& c, int64_t id);
void mark_outbox_sent(Connection& c, int64_t id, int64_t at);
// A temporary failure: back to 'queued' at next_try_at, with the server's answer.
void mark_outbox_retry(Connection& c, int64_t id, int64_t next_try_at, const std::string& error, bool count_attempt);
void mark_outbox_failed(Connection& c, int64_t id, const std::string& error);
// A failed or waiting row queued again now with a fresh attempt budget (the outbox's Retry button).
void requeue_outbox(Connection& c, int64_t id, int64_t now);
// Every queued row due now (the settings were fixed: try again at once). Returns the rows changed.
int release_outbox(Connection& c, int64_t now);

// A file the server generated for this row (an invitation's .ics, a quotation's PDF): its stored content is kept
// while the row exists (count_attachments_with_hash counts these too).
void keep_outbox_file(Connection& c, int64_t outbox_id, const std::string& sha256);

// The chatter message of a mail we send carries its Message-ID (replies find their lead by it).
void set_message_message_id(Connection& c, int64_t message_row_id, const std::string& message_id);

struct OutboxQuery {
    std::string state;  // "" = every state
    int limit = 100;
    int64_t before_id = 0;
};
std::vector<mail::OutgoingMail> list_outbox(Connection& c, const OutboxQuery& q);
int64_t count_outbox(Connection& c, const std::string& state);

}  // namespace tumen::store
