#include "store/mail_outbox.hpp"

namespace tumen::store {

namespace {

using nlohmann::json;
using mail::OutgoingMail;

constexpr const char* mail_outbox_columns =
    "id, res_model, res_id, message_id, in_reply_to, refs, mail_from, mail_to, mail_cc, subject, body_text,"
    " body_html, attachments, state, attempts, next_try_at, last_error, created_by, created_at, sent_at";

std::vector<std::string> strings_of(const std::string& text) {
    std::vector<std::string> out;
    for (const auto& s : json::parse(text))
        if (s.is_string()) out.push_back(s.get<std::string>());
    return out;
}

json attachments_json(const std::vector<mail::OutgoingAttachment>& list) {
    json out = json::array();
    for (const auto& a : list)
        out.push_back({{"attachment_id", a.attachment_id}, {"name", a.name}, {"mimetype", a.mimetype},
                       {"size", a.size}, {"sha256", a.sha256}});
    return out;
}

OutgoingMail mail_outbox_read_row(Statement& s) {
    OutgoingMail m;
    m.id = s.get_int(0);
    m.res_model = s.get_text(1);
    m.res_id = s.get_int(2);
    m.message_id = s.get_text(3);
    m.in_reply_to = s.get_text(4);
    m.refs = s.get_text(5);
    m.mail_from = s.get_text(6);
    m.to = strings_of(s.get_text(7));
    m.cc = strings_of(s.get_text(8));
    m.subject = s.get_text(9);
    m.body_text = s.get_text(10);
    m.body_html = s.get_text(11);
    for (const auto& a : json::parse(s.get_text(12)))
        m.attachments.push_back({a.value("attachment_id", int64_t{0}), a.value("name", ""), a.value("mimetype", ""),
                                 a.value("size", int64_t{0}), a.value("sha256", "")});
    m.state = mail::outbox_state_from(s.get_text(13)).value_or(mail::OutboxState::queued);
    m.attempts = static_cast<int>(s.get_int(14));
    m.next_try_at = s.get_int(15);
    m.last_error = s.get_text(16);
    m.created_by = s.get_opt_int(17);
    m.created_at = s.get_int(18);
    m.sent_at = s.get_opt_int(19);
    return m;
}

}  // namespace

void insert_outbox(Connection& c, OutgoingMail& m) {
    auto s = c.prepare(
        "INSERT INTO mail_outbox(res_model, res_id, message_id, in_reply_to, refs, mail_from, mail_to, mail_cc,"
        " subject, body_text, body_html, attachments, state, attempts, next_try_at, last_error, created_by,"
        " created_at, sent_at) VALUES (?,?,coalesce(nullif(?, ''), 'pending-' || lower(hex(randomblob(16)))),"
        " ?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    s.bind(1, m.res_model).bind(2, m.res_id).bind(3, m.message_id).bind(4, m.in_reply_to).bind(5, m.refs);
    s.bind(6, m.mail_from).bind(7, json(m.to).dump()).bind(8, json(m.cc).dump()).bind(9, m.subject);
    s.bind(10, m.body_text).bind(11, m.body_html).bind(12, attachments_json(m.attachments).dump());
    s.bind(13, std::string(mail::to_string(m.state))).bind(14, m.attempts).bind(15, m.next_try_at);
    s.bind(16, m.last_error).bind(17, m.created_by).bind(18, m.created_at).bind(19, m.sent_at);
    s.run();
    m.id = c.last_insert_id();
}

void set_outbox_message_id(Connection& c, int64_t id, const std::string& message_id) {
    c.prepare("UPDATE mail_outbox SET message_id = ? WHERE id = ?").bind(1, message_id).bind(2, id).run();
}

std::optional<OutgoingMail> find_outbox(Connection& c, int64_t id) {
    auto s = c.prepare(std::string("SELECT ") + mail_outbox_columns + " FROM mail_outbox WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return mail_outbox_read_row(s);
}

std::vector<OutgoingMail> due_outbox(Connection& c, int64_t now, int64_t after_id, int limit) {
    auto s = c.prepare(std::string("SELECT ") + mail_outbox_columns +
                       " FROM mail_outbox WHERE state IN ('queued','sending') AND next_try_at <= ? AND id > ?"
                       " ORDER BY id LIMIT ?");
    s.bind(1, now).bind(2, after_id).bind(3, limit);
    std::vector<OutgoingMail> out;
    while (s.step()) out.push_back(mail_outbox_read_row(s));
    return out;
}

std::optional<int64_t> next_outbox_try(Connection& c) {
    auto s = c.prepare("SELECT min(next_try_at) FROM mail_outbox WHERE state IN ('queued','sending')");
    if (!s.step()) return std::nullopt;
    return s.get_opt_int(0);
}

bool mark_outbox_sending(Connection& c, int64_t id) {
    c.prepare("UPDATE mail_outbox SET state = 'sending', attempts = attempts + 1"
              " WHERE id = ? AND state IN ('queued','sending')")
        .bind(1, id)
        .run();
    return c.changes() == 1;
}

void mark_outbox_sent(Connection& c, int64_t id, int64_t at) {
    c.prepare("UPDATE mail_outbox SET state = 'sent', sent_at = ?, last_error = '' WHERE id = ?").bind(1, at).bind(2, id).run();
}

void mark_outbox_retry(Connection& c, int64_t id, int64_t next_try_at, const std::string& error, bool count_attempt) {
    c.prepare("UPDATE mail_outbox SET state = 'queued', next_try_at = ?, last_error = ?,"
              " attempts = attempts - (CASE WHEN ? THEN 0 ELSE 1 END) WHERE id = ?")
        .bind(1, next_try_at)
        .bind(2, error)
        .bind(3, count_attempt)
        .bind(4, id)
        .run();
}

void mark_outbox_failed(Connection& c, int64_t id, const std::string& error) {
    c.prepare("UPDATE mail_outbox SET state = 'failed', last_error = ? WHERE id = ?").bind(1, error).bind(2, id).run();
}

void requeue_outbox(Connection& c, int64_t id, int64_t now) {
    c.prepare("UPDATE mail_outbox SET state = 'queued', attempts = 0, next_try_at = ? WHERE id = ?").bind(1, now).bind(2, id).run();
}

int release_outbox(Connection& c, int64_t now) {
    c.prepare("UPDATE mail_outbox SET next_try_at = ? WHERE state = 'queued' AND next_try_at > ?").bind(1, now).bind(2, now).run();
    return c.changes();
}

void set_message_message_id(Connection& c, int64_t message_row_id, const std::string& message_id) {
    c.prepare("UPDATE messages SET message_id = ? WHERE id = ?").bind(1, message_id).bind(2, message_row_id).run();
}

std::vector<OutgoingMail> list_outbox(Connection& c, const OutboxQuery& q) {
    auto s = c.prepare(std::string("SELECT ") + mail_outbox_columns +
                       " FROM mail_outbox WHERE (? = '' OR state = ?) AND (? = 0 OR id < ?) ORDER BY id DESC LIMIT ?");
    s.bind(1, q.state).bind(2, q.state).bind(3, q.before_id).bind(4, q.before_id).bind(5, q.limit);
    std::vector<OutgoingMail> out;
    while (s.step()) out.push_back(mail_outbox_read_row(s));
    return out;
}

int64_t count_outbox(Connection& c, const std::string& state) {
    return c.prepare("SELECT count(*) FROM mail_outbox WHERE (? = '' OR state = ?)").bind(1, state).bind(2, state).scalar_int();
}

void keep_outbox_file(Connection& c, int64_t outbox_id, const std::string& sha256) {
    c.prepare("INSERT INTO mail_outbox_files(outbox_id, sha256) VALUES (?, ?)").bind(1, outbox_id).bind(2, sha256).run();
}

}  // namespace tumen::store
