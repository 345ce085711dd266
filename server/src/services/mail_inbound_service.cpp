#include "services/mail_inbound_service.hpp"

#include "mail/mime_parse.hpp"
#include "services/auth_service.hpp"
#include "services/lead_service.hpp"
#include "store/change_log.hpp"
#include "store/leads.hpp"
#include "store/mail_inbound.hpp"
#include "store/mail_outbox.hpp"
#include "store/mail_settings.hpp"
#include "store/messages.hpp"
#include "store/stages.hpp"
#include "store/teams.hpp"
#include "tumen/datetime.hpp"
#include "tumen/lead_lifecycle.hpp"
#include "tumen/mail_address.hpp"
#include "tumen/mail_routing.hpp"
#include "tumen/team.hpp"
#include "tumen/text_fold.hpp"
#include "tumen/utf8.hpp"

namespace tumen::server {
namespace {

constexpr std::size_t max_name_chars = 500;           // leads.name (lead_json.cpp)
constexpr std::size_t max_text_chars = 100000;        // leads.description and chatter bodies

std::string truncated(std::string_view s, std::size_t chars) { return std::string(utf8::truncate(s, chars)); }

// Our X-Tumen-Loop value: what the outbound side writes (the Message-ID domain of the settings).
std::string our_loop_value(store::Connection& c) {
    const auto s = store::load_mail_settings(c);
    if (!s.domain.empty()) return s.domain;
    return email_domain(parse_named_address(s.default_from).email);
}

// A Message-ID for a message without one, from its bytes: a re-delivery of the same bytes is still recognised.
std::string synthetic_message_id(std::string_view raw) {
    return "<" + sha256_hex(raw).substr(0, 40) + "@no-message-id.tumen>";
}

struct Files {
    std::vector<store::AttachmentRecord> rows;
    std::vector<std::string_view> contents;  // same order as rows
    std::string dropped;                     // a line per attachment over the size limit, for the chatter body
};

ChatterMessage email_message(const mime::ParsedMail& m, int64_t lead_id, int64_t now, const std::string& note) {
    ChatterMessage msg;
    msg.res_model = "lead";
    msg.res_id = lead_id;
    msg.kind = MessageKind::email;
    msg.subject = truncated(m.subject, max_name_chars);
    msg.body = truncated(m.body_text + note, max_text_chars);
    msg.author_name = format_address(m.from);
    msg.date = now;
    return msg;
}

void log_message_event(store::Connection& c, int64_t lead_id, int64_t message_row, int64_t now) {
    store::ChangeEvent e;
    e.at = now;
    e.entity = "lead";
    e.entity_id = lead_id;
    e.action = "message";
    e.payload = {{"message_id", message_row}};
    if (auto lead = store::find_lead(c, lead_id)) {
        e.team_id = lead->team_id;
        e.user_id = lead->user_id;
    }
    store::append_change(c, e);
}

}  // namespace

void to_json(nlohmann::json& j, const InboundOutcome& o) {
    j = {{"outcome", o.outcome},
         {"lead_id", o.lead_id ? nlohmann::json(*o.lead_id) : nlohmann::json()},
         {"message_id", o.message_id},
         {"reason", o.reason},
         {"loop", o.loop}};
}

nlohmann::json channel_json(const store::MailChannel& ch) {
    auto time = [](const std::optional<int64_t>& t) { return t ? nlohmann::json(format_timestamp(*t)) : nlohmann::json(); };
    return {{"name", ch.name},           {"direction", ch.direction},
            {"received", ch.received},   {"created", ch.created},
            {"appended", ch.appended},   {"rejected", ch.rejected},
            {"sent", ch.sent},           {"failed", ch.failed},
            {"state", ch.state},         {"last_error", ch.last_error},
            {"last_error_at", time(ch.last_error_at)}, {"last_success_at", time(ch.last_success_at)}};
}

nlohmann::json MailInboundService::channels_json() {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& ch : store::list_channels(db_.reader())) items.push_back(channel_json(ch));
    return {{"items", items}};
}

Result<InboundOutcome> MailInboundService::receive(const Caller& caller, const std::string& channel,
                                                   std::string_view raw) {
    const int64_t now = unix_now();
    auto parsed = mime::parse_mime(raw);
    if (!parsed) {
        // Counted and visible in Settings; the sender's MTA gets the refusal (mailgate exits EX_DATAERR).
        db_.write([&](store::Connection& c) {
            store::bump_channel(c, channel, "in", "received", {}, now);
            store::bump_channel(c, channel, "in", "rejected", "unreadable message: " + parsed.error().message, now);
        });
        return parsed.error();
    }
    mime::ParsedMail& m = parsed.value();
    if (m.message_id.empty()) m.message_id = synthetic_message_id(raw);
    const std::string sender = text::fold(m.from.email);

    // Attachment files are content-addressed and written before the transaction (never under the write lock);
    // a crash in between leaves only an orphan file, removed at the next start.
    Files files;
    if (m.report_type != "delivery-status") {
        for (const auto& a : m.attachments) {
            if (a.content.size() > files_.max_bytes()) {
                files.dropped += "\n[" + a.file_name + ": " + std::to_string(a.content.size() >> 10) +
                                 " KiB, over the attachment size limit, not kept]";
                continue;
            }
            files.rows.push_back(files_.prepare_file(a.file_name, a.content, now));
            files.contents.push_back(a.content);
        }
    }

    Result<InboundOutcome> result = Error::make(ErrorCode::internal, "not run");
    try {
        result = db_.write([&](store::Connection& c) -> Result<InboundOutcome> {
            InboundOutcome out;
            out.message_id = m.message_id;
            store::bump_channel(c, channel, "in", "received", {}, now);
            if (auto seen = store::find_inbound(c, m.message_id)) {
                if (seen->outcome != "failed") {
                    out.outcome = "duplicate";
                    out.lead_id = seen->lead_id;
                    out.reason = "already taken at " + format_timestamp(seen->received_at) + " (" + seen->outcome + ")";
                    store::channel_ok(c, channel, "in", now);
                    return out;
                }
                c.prepare("DELETE FROM mail_inbound WHERE id = ?").bind(1, seen->id).run();  // a retry after a failure
            }

            const auto headers = m.routing_headers();
            tumen::mail::RoutingContext ctx;
            ctx.aliases = store::team_aliases(c);
            ctx.known = store::find_known_messages(c, tumen::mail::thread_candidates(headers));
            ctx.loop_value = our_loop_value(c);
            ctx.loop_threshold = loop_threshold_;
            ctx.recent_from_sender = sender.empty() ? 0 : store::count_inbound_from(c, sender, now - loop_window_s_);
            auto decision = tumen::mail::route_inbound(headers, ctx);

            store::InboundRecord log;
            log.message_id = m.message_id;
            log.channel = channel;
            log.received_at = now;
            log.sender = sender;

            auto attach_to = [&](int64_t lead_id) {
                for (auto& row : files.rows) {
                    row.res_model = "lead";
                    row.res_id = lead_id;
                    if (caller.user_id) row.created_by = caller.user_id;
                    store::insert_attachment(c, row);
                }
            };
            auto post = [&](int64_t lead_id) {
                auto msg = email_message(m, lead_id, now, files.dropped);
                store::insert_message(c, msg);
                store::set_message_message_id(c, msg.id, m.message_id);
                attach_to(lead_id);
                return msg.id;
            };

            switch (decision.kind) {
                case tumen::mail::RouteKind::append: {
                    const int64_t row = post(decision.res_id);
                    log_message_event(c, decision.res_id, row, now);
                    out.outcome = log.outcome = "appended";
                    out.lead_id = log.lead_id = decision.res_id;
                    store::bump_channel(c, channel, "in", "appended", {}, now);
                    store::channel_ok(c, channel, "in", now);
                    break;
                }
                case tumen::mail::RouteKind::create: {
                    auto team = store::find_team(c, decision.team_id);
                    NewLeadDefaults defaults;
                    defaults.team_id = decision.team_id;
                    defaults.type = team && !team_creates_leads(*team) ? LeadType::opportunity : LeadType::lead;
                    nlohmann::json body = {
                        {"name", truncated(m.subject.empty() ? "No subject" : m.subject, max_name_chars)},
                        {"contact_name", truncated(m.from.name, 300)},
                        {"description", truncated(m.body_text + files.dropped, max_text_chars)}};
                    if (is_valid_email(m.from.email)) body["email"] = m.from.email;
                    auto change = create_lead(body, store::load_stages(c), defaults, now);
                    if (!change) {
                        out.outcome = log.outcome = "rejected";
                        out.reason = log.reason = "lead not valid: " + change.error().message;
                        store::bump_channel(c, channel, "in", "rejected", out.reason, now);
                        break;
                    }
                    Lead lead = std::move(change->lead);
                    store::insert_lead(c, lead);  // scores the lead and writes its full-text row
                    record_lead_change(c, caller, lead, "created", {}, now);
                    post(lead.id);
                    out.outcome = log.outcome = "created";
                    out.lead_id = log.lead_id = lead.id;
                    store::bump_channel(c, channel, "in", "created", {}, now);
                    store::channel_ok(c, channel, "in", now);
                    break;
                }
                case tumen::mail::RouteKind::bounce: {
                    out.outcome = log.outcome = "bounce";
                    out.reason = log.reason = m.bounce_reason.empty() ? "delivery failed" : m.bounce_reason;
                    for (const auto& addr : m.bounce_recipients) store::record_bounce(c, addr, out.reason, now);
                    if (!m.bounce_original_id.empty())
                        if (auto b = store::mark_outbox_bounced(c, m.bounce_original_id, out.reason);
                            b && b->res_model == "lead") {
                            out.lead_id = log.lead_id = b->res_id;
                            store::ChangeEvent e;
                            e.at = now;
                            e.entity = "lead";
                            e.entity_id = b->res_id;
                            e.action = "message";
                            e.payload = {{"mail_id", b->outbox_id}, {"mail_state", "bounced"}};
                            store::append_change(c, e);
                        }
                    store::channel_ok(c, channel, "in", now);
                    break;
                }
                case tumen::mail::RouteKind::reject: {
                    out.outcome = log.outcome = "rejected";
                    out.reason = log.reason = decision.reason;
                    out.loop = decision.reason.rfind("loop", 0) == 0;
                    store::bump_channel(c, channel, "in", "rejected", "rejected " + m.message_id + ": " + decision.reason, now);
                    break;
                }
            }
            store::insert_inbound(c, log);
            return out;
        });
    } catch (const std::exception& e) {
        // Rolled back: nothing half-written. Counted as a failure with its message; the sender's MTA retries.
        const std::string error = std::string("failed to store ") + m.message_id + ": " + e.what();
        db_.write([&](store::Connection& c) {
            store::bump_channel(c, channel, "in", "received", {}, now);
            store::bump_channel(c, channel, "in", "failed", error, now);
            store::InboundRecord log{0, m.message_id, channel, now, "failed", std::nullopt, error, sender};
            if (!store::find_inbound(c, m.message_id)) store::insert_inbound(c, log);
        });
        return Error::make(ErrorCode::internal, error);
    }
    if (result && (result->outcome == "created" || result->outcome == "appended"))
        for (std::size_t i = 0; i < files.rows.size(); ++i) files_.keep_file(files.rows[i].sha256, files.contents[i]);
    return result;
}

}  // namespace tumen::server
