// The SMS outbox (sms_outbox, migration `sms`): every SMS sent from a lead, queued in the transaction that writes
// its chatter message, sent by the "sms.send" job. queued -> sending (committed before the HTTP call) -> sent |
// queued (later) | failed.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "store/sqlite.hpp"

namespace tumen::store {

struct SmsRow {
    int64_t id = 0;
    std::optional<int64_t> lead_id;
    std::optional<int64_t> message_id;  // the chatter message
    std::string to_phone;               // E.164
    std::string body;
    std::string state = "queued";       // queued | sending | sent | failed
    int attempts = 0;
    int64_t next_attempt_at = 0;
    std::string last_error;             // the gateway's answer (clipped) or the transport error
    long gateway_status = 0;            // HTTP status of the last answer, 0 = none
    int64_t created_at = 0;
    std::optional<int64_t> sent_at;
    std::optional<int64_t> created_by;
};

void insert_sms(Connection& c, SmsRow& row);  // sets row.id
std::optional<SmsRow> find_sms(Connection& c, int64_t id);
// Queued and due, or left 'sending' by a stopped process; oldest first, ids after `after_id`.
std::vector<SmsRow> due_sms(Connection& c, int64_t now, int64_t after_id, int limit);
std::optional<int64_t> next_sms_try(Connection& c);
// Claims a due row: 'sending', attempts + 1. False when it is no longer due.
bool mark_sms_sending(Connection& c, int64_t id);
void mark_sms_sent(Connection& c, int64_t id, int64_t at, long status);
void mark_sms_retry(Connection& c, int64_t id, int64_t next_at, const std::string& error, long status);
void mark_sms_failed(Connection& c, int64_t id, const std::string& error, long status);
void requeue_sms(Connection& c, int64_t id, int64_t now);  // failed or waiting -> queued now, attempts 0
int release_sms(Connection& c, int64_t now);               // every waiting row due now (settings fixed)

std::vector<SmsRow> list_sms(Connection& c, const std::string& state, int limit, int64_t before_id);
int64_t count_sms(Connection& c, const std::string& state);

}  // namespace tumen::store
