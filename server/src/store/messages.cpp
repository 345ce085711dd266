#include "store/messages.hpp"

namespace tumen::store {

namespace {
MessageKind kind_from(const std::string& s) {
    for (auto k : {MessageKind::note, MessageKind::email, MessageKind::tracking, MessageKind::sms, MessageKind::activity})
        if (to_string(k) == s) return k;
    return MessageKind::note;
}
}  // namespace

void insert_message(Connection& c, ChatterMessage& m) {
    nlohmann::json tracking = nlohmann::json::array();
    for (const auto& t : m.tracking_values) tracking.push_back(t);
    auto s = c.prepare(
        "INSERT INTO messages(res_model, res_id, kind, body, author_id, author_name, date, tracking, subject, mail_id)"
        " VALUES (?,?,?,?,?,?,?,?,?,?)");
    s.bind(1, m.res_model).bind(2, m.res_id).bind(3, std::string(to_string(m.kind))).bind(4, m.body);
    s.bind(5, m.author_id).bind(6, m.author_name).bind(7, m.date).bind(8, tracking.dump()).bind(9, m.subject);
    s.bind(10, m.mail_id);
    s.run();
    m.id = c.last_insert_id();
}

std::vector<ChatterMessage> list_messages(Connection& c, const std::string& res_model, int64_t res_id, int limit,
                                          int64_t before_id) {
    auto s = c.prepare(
        "SELECT m.id, m.kind, m.body, m.author_id, m.author_name, m.date, m.tracking, m.subject,"
        " o.id, o.state, o.mail_to, o.mail_cc, o.last_error, o.sent_at,"
        " (SELECT json_object('id', q.id, 'state', q.state, 'to', q.to_phone, 'last_error', q.last_error,"
        "  'gateway_status', q.gateway_status, 'sent_at', q.sent_at) FROM sms_outbox q WHERE q.message_id = m.id)"
        " FROM messages m LEFT JOIN mail_outbox o ON o.id = m.mail_id"
        " WHERE m.res_model = ? AND m.res_id = ? AND (? = 0 OR m.id < ?) ORDER BY m.id DESC LIMIT ?");
    s.bind(1, res_model).bind(2, res_id).bind(3, before_id).bind(4, before_id).bind(5, limit);
    std::vector<ChatterMessage> out;
    while (s.step()) {
        ChatterMessage m;
        m.id = s.get_int(0);
        m.res_model = res_model;
        m.res_id = res_id;
        m.kind = kind_from(s.get_text(1));
        m.body = s.get_text(2);
        m.author_id = s.get_opt_int(3);
        m.author_name = s.get_text(4);
        m.date = s.get_int(5);
        for (const auto& t : nlohmann::json::parse(s.get_text(6)))
            m.tracking_values.push_back({t.value("field", ""), t.value("old", nlohmann::json()), t.value("new", nlohmann::json())});
        m.subject = s.get_text(7);
        if (auto mail_id = s.get_opt_int(8)) {  // an e-mail we send: its delivery state from the outbox
            m.mail_id = mail_id;
            const auto sent_at = s.get_opt_int(13);
            m.mail = {{"id", *mail_id},
                      {"state", s.get_text(9)},
                      {"to", nlohmann::json::parse(s.get_text(10))},
                      {"cc", nlohmann::json::parse(s.get_text(11))},
                      {"last_error", s.get_text(12)},
                      {"sent_at", sent_at ? nlohmann::json(format_timestamp(*sent_at)) : nlohmann::json()}};
        }
        if (m.kind == MessageKind::sms && !s.get_text(14).empty()) {  // an SMS we send: its state from sms_outbox
            m.sms = nlohmann::json::parse(s.get_text(14));
            const auto& at = m.sms["sent_at"];
            m.sms["sent_at"] = at.is_number_integer() ? nlohmann::json(format_timestamp(at.get<int64_t>())) : nlohmann::json();
        }
        out.push_back(std::move(m));
    }
    return out;
}

void move_messages(Connection& c, const std::string& res_model, int64_t from_id, int64_t to_id) {
    c.prepare("UPDATE messages SET res_id = ? WHERE res_model = ? AND res_id = ?").bind(1, to_id).bind(2, res_model).bind(3, from_id).run();
}

}  // namespace tumen::store
