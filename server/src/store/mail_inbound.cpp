#include "store/mail_inbound.hpp"

#include "tumen/mail_message_id.hpp"
#include "tumen/text_fold.hpp"

namespace tumen::store {

std::optional<InboundRecord> find_inbound(Connection& c, std::string_view message_id) {
    auto s = c.prepare(
        "SELECT id, message_id, channel, received_at, outcome, lead_id, reason, sender FROM mail_inbound"
        " WHERE message_id = ?");
    s.bind(1, message_id);
    if (!s.step()) return std::nullopt;
    InboundRecord r;
    r.id = s.get_int(0);
    r.message_id = s.get_text(1);
    r.channel = s.get_text(2);
    r.received_at = s.get_int(3);
    r.outcome = s.get_text(4);
    r.lead_id = s.get_opt_int(5);
    r.reason = s.get_text(6);
    r.sender = s.get_text(7);
    return r;
}

void insert_inbound(Connection& c, InboundRecord& r) {
    c.prepare(
         "INSERT INTO mail_inbound(message_id, channel, received_at, outcome, lead_id, reason, sender)"
         " VALUES (?,?,?,?,?,?,?)")
        .bind(1, r.message_id)
        .bind(2, r.channel)
        .bind(3, r.received_at)
        .bind(4, r.outcome)
        .bind(5, r.lead_id)
        .bind(6, r.reason)
        .bind(7, r.sender)
        .run();
    r.id = c.last_insert_id();
}

int64_t count_inbound_from(Connection& c, std::string_view sender, int64_t since) {
    return c.prepare("SELECT count(*) FROM mail_inbound WHERE sender = ? AND received_at >= ?")
        .bind(1, sender)
        .bind(2, since)
        .scalar_int();
}

std::vector<mail::TeamAlias> team_aliases(Connection& c) {
    auto s = c.prepare("SELECT id, alias FROM teams WHERE active = 1 AND alias IS NOT NULL AND alias <> '' ORDER BY id");
    std::vector<mail::TeamAlias> out;
    while (s.step()) out.push_back({s.get_int(0), s.get_text(1)});
    return out;
}

std::vector<mail::KnownMessage> find_known_messages(Connection& c, const std::vector<std::string>& ids) {
    std::vector<mail::KnownMessage> out;
    auto lead_exists = [&](int64_t id) {
        return c.prepare("SELECT count(*) FROM leads WHERE id = ?").bind(1, id).scalar_int() > 0;
    };
    for (const auto& id : ids) {
        auto s = c.prepare(
            "SELECT res_model, res_id FROM messages WHERE message_id = ? AND res_model = 'lead'"
            " UNION ALL SELECT res_model, res_id FROM mail_outbox WHERE message_id = ? AND res_model = 'lead'"
            " LIMIT 1");
        s.bind(1, id).bind(2, id);
        std::optional<mail::KnownMessage> hit;
        if (s.step()) hit = mail::KnownMessage{id, s.get_text(0), s.get_int(1)};
        if (!hit)
            if (auto ref = parse_our_message_id(id); ref && ref->res_model == "lead")
                hit = mail::KnownMessage{id, ref->res_model, ref->res_id};
        if (hit && lead_exists(hit->res_id)) out.push_back(std::move(*hit));
    }
    return out;
}

std::optional<BouncedMail> mark_outbox_bounced(Connection& c, std::string_view message_id, std::string_view reason) {
    auto s = c.prepare("SELECT id, res_model, res_id FROM mail_outbox WHERE message_id = ?");
    s.bind(1, message_id);
    if (!s.step()) return std::nullopt;
    BouncedMail b{s.get_int(0), s.get_text(1), s.get_int(2)};
    c.prepare("UPDATE mail_outbox SET state = 'bounced', last_error = ? WHERE id = ?")
        .bind(1, reason.empty() ? std::string_view("bounced") : reason)
        .bind(2, b.outbox_id)
        .run();
    return b;
}

void record_bounce(Connection& c, std::string_view email, std::string_view reason, int64_t at) {
    c.prepare(
         "INSERT INTO mail_bounces(email, count, last_at, last_reason) VALUES (?, 1, ?, ?)"
         " ON CONFLICT(email) DO UPDATE SET count = count + 1, last_at = excluded.last_at,"
         " last_reason = excluded.last_reason")
        .bind(1, text::fold(email))
        .bind(2, at)
        .bind(3, reason)
        .run();
}

int64_t bounce_count(Connection& c, std::string_view email) {
    auto s = c.prepare("SELECT count FROM mail_bounces WHERE email = ?");
    s.bind(1, text::fold(email));
    return s.step() ? s.get_int(0) : 0;
}

}  // namespace tumen::store
