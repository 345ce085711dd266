#include "store/sms_outbox.hpp"

namespace tumen::store {

namespace {

constexpr const char* sms_outbox_columns =
    "id, lead_id, message_id, to_phone, body, state, attempts, next_attempt_at, last_error, gateway_status,"
    " created_at, sent_at, created_by";

SmsRow sms_outbox_read_row(Statement& s) {
    SmsRow r;
    r.id = s.get_int(0);
    r.lead_id = s.get_opt_int(1);
    r.message_id = s.get_opt_int(2);
    r.to_phone = s.get_text(3);
    r.body = s.get_text(4);
    r.state = s.get_text(5);
    r.attempts = static_cast<int>(s.get_int(6));
    r.next_attempt_at = s.get_int(7);
    r.last_error = s.get_text(8);
    r.gateway_status = static_cast<long>(s.get_int(9));
    r.created_at = s.get_int(10);
    r.sent_at = s.get_opt_int(11);
    r.created_by = s.get_opt_int(12);
    return r;
}

}  // namespace

void insert_sms(Connection& c, SmsRow& r) {
    auto s = c.prepare(
        "INSERT INTO sms_outbox(lead_id, message_id, to_phone, body, state, attempts, next_attempt_at, last_error,"
        " gateway_status, created_at, sent_at, created_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
    s.bind(1, r.lead_id).bind(2, r.message_id).bind(3, r.to_phone).bind(4, r.body).bind(5, r.state);
    s.bind(6, r.attempts).bind(7, r.next_attempt_at).bind(8, r.last_error).bind(9, static_cast<int64_t>(r.gateway_status));
    s.bind(10, r.created_at).bind(11, r.sent_at).bind(12, r.created_by);
    s.run();
    r.id = c.last_insert_id();
}

std::optional<SmsRow> find_sms(Connection& c, int64_t id) {
    auto s = c.prepare(std::string("SELECT ") + sms_outbox_columns + " FROM sms_outbox WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return sms_outbox_read_row(s);
}

std::vector<SmsRow> due_sms(Connection& c, int64_t now, int64_t after_id, int limit) {
    auto s = c.prepare(std::string("SELECT ") + sms_outbox_columns +
                       " FROM sms_outbox WHERE state IN ('queued','sending') AND next_attempt_at <= ? AND id > ?"
                       " ORDER BY id LIMIT ?");
    s.bind(1, now).bind(2, after_id).bind(3, limit);
    std::vector<SmsRow> out;
    while (s.step()) out.push_back(sms_outbox_read_row(s));
    return out;
}

std::optional<int64_t> next_sms_try(Connection& c) {
    auto s = c.prepare("SELECT min(next_attempt_at) FROM sms_outbox WHERE state IN ('queued','sending')");
    if (!s.step()) return std::nullopt;
    return s.get_opt_int(0);
}

bool mark_sms_sending(Connection& c, int64_t id) {
    c.prepare("UPDATE sms_outbox SET state = 'sending', attempts = attempts + 1 WHERE id = ? AND state IN ('queued','sending')")
        .bind(1, id)
        .run();
    return c.changes() == 1;
}

void mark_sms_sent(Connection& c, int64_t id, int64_t at, long status) {
    c.prepare("UPDATE sms_outbox SET state = 'sent', sent_at = ?, last_error = '', gateway_status = ? WHERE id = ?")
        .bind(1, at)
        .bind(2, static_cast<int64_t>(status))
        .bind(3, id)
        .run();
}

void mark_sms_retry(Connection& c, int64_t id, int64_t next_at, const std::string& error, long status) {
    c.prepare("UPDATE sms_outbox SET state = 'queued', next_attempt_at = ?, last_error = ?, gateway_status = ? WHERE id = ?")
        .bind(1, next_at)
        .bind(2, error)
        .bind(3, static_cast<int64_t>(status))
        .bind(4, id)
        .run();
}

void mark_sms_failed(Connection& c, int64_t id, const std::string& error, long status) {
    c.prepare("UPDATE sms_outbox SET state = 'failed', last_error = ?, gateway_status = ? WHERE id = ?")
        .bind(1, error)
        .bind(2, static_cast<int64_t>(status))
        .bind(3, id)
        .run();
}

void requeue_sms(Connection& c, int64_t id, int64_t now) {
    c.prepare("UPDATE sms_outbox SET state = 'queued', attempts = 0, next_attempt_at = ? WHERE id = ?").bind(1, now).bind(2, id).run();
}

int release_sms(Connection& c, int64_t now) {
    c.prepare("UPDATE sms_outbox SET next_attempt_at = ? WHERE state = 'queued' AND next_attempt_at > ?").bind(1, now).bind(2, now).run();
    return c.changes();
}

std::vector<SmsRow> list_sms(Connection& c, const std::string& state, int limit, int64_t before_id) {
    auto s = c.prepare(std::string("SELECT ") + sms_outbox_columns +
                       " FROM sms_outbox WHERE (? = '' OR state = ?) AND (? = 0 OR id < ?) ORDER BY id DESC LIMIT ?");
    s.bind(1, state).bind(2, state).bind(3, before_id).bind(4, before_id).bind(5, limit);
    std::vector<SmsRow> out;
    while (s.step()) out.push_back(sms_outbox_read_row(s));
    return out;
}

int64_t count_sms(Connection& c, const std::string& state) {
    return c.prepare("SELECT count(*) FROM sms_outbox WHERE (? = '' OR state = ?)").bind(1, state).bind(2, state).scalar_int();
}

}  // namespace tumen::store
